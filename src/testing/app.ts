/** Builds the whole app against a fresh test database, for integration tests. */
import { buildApp, type App } from "../app.ts";
import { loadConfig } from "../core/config/config.ts";
import type { Mailer } from "../core/mail/mailer.ts";
import { createTestDatabase, type TestDatabase } from "./database.ts";

export type TestApp = App & { database: TestDatabase; stop(): Promise<void> };

export async function createTestApp(options: { env?: Record<string, string>; mailer?: Mailer } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    DATABASE_URL: database.url,
    SESSION_SECRET: "test-secret-test-secret-test-secret-0123",
    BASE_URL: "http://localhost:3000",
    WORKERS: "false",
    ...options.env,
  });
  const app = await buildApp(config, database, { mailer: options.mailer });
  return {
    ...app,
    database,
    async stop() {
      await app.close();
      await database.drop();
    },
  };
}
