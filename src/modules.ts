/** Every module of Machi, in the order their routes are registered. */
import type { Module } from "./core/app-deps.ts";
import { homeModule } from "./modules/home/index.ts";
import { identityModule } from "./modules/identity/index.ts";
import { proceduresModule } from "./modules/procedures/index.ts";
import { notifyModule } from "./modules/notify/index.ts";
import { documentsModule } from "./modules/documents/index.ts";
import { disasterModule } from "./modules/disaster/index.ts";
import { navigatorModule } from "./modules/navigator/index.ts";
import { integrationsModule } from "./modules/integrations/index.ts";
import { appointmentsModule } from "./modules/appointments/index.ts";
import { paymentsModule } from "./modules/payments/index.ts";
import { builderModule } from "./modules/builder/index.ts";

export const MODULES: Module[] = [homeModule, identityModule, proceduresModule, documentsModule, disasterModule, integrationsModule, notifyModule, appointmentsModule, paymentsModule, navigatorModule, builderModule];
