import type { Module } from "../../core/app-deps.ts";
import { homeRoutes } from "./routes.ts";

export const homeModule: Module = { name: "home", routes: homeRoutes };
