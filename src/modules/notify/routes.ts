import type { FastifyInstance } from "fastify";
import type { AppDeps } from "../../core/app-deps.ts";

export async function notifyRoutes(_app: FastifyInstance, _deps: AppDeps): Promise<void> {}
