/** Every module of Machi, in the order their routes are registered. */
import type { Module } from "./core/app-deps.ts";
import { homeModule } from "./modules/home/index.ts";
import { identityModule } from "./modules/identity/index.ts";
import { proceduresModule } from "./modules/procedures/index.ts";

export const MODULES: Module[] = [homeModule, identityModule, proceduresModule];
