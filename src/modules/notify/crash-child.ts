/**
 * The notify engine alone in a process, for the crash test (crash.test.ts) which kills it with
 * SIGKILL and starts it again. Settings come from the environment the test gives it.
 */
import { openDatabase } from "../../core/db/database.ts";
import { createEmailAdapter } from "./channels/email.ts";
import { createLineAdapter } from "./channels/line.ts";
import { createWebPushAdapter } from "./channels/webpush.ts";
import { startNotifyEngine } from "./engine/engine.ts";
import { createLinks } from "./links.ts";

const env = process.env as Record<string, string>;
const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: "", maxConnections: 10 });
const links = createLinks(env.LINK_SECRET!, "http://localhost:3000");
const vapid = JSON.parse(env.VAPID!) as { publicKey: string; privateKey: string; subject: string };
startNotifyEngine({
  db: database.db,
  links,
  adapters: [
    createLineAdapter({ baseUrl: env.LINE_URL!, channelAccessToken: env.LINE_TOKEN!, requestsPerSecond: Number(env.LINE_RPS), concurrency: 3 }),
    createEmailAdapter({ smtpUrl: env.SMTP_URL!, fromAddress: "bousai@city.osaka.example", links, ratePerSecond: Number(env.SMTP_RATE), maxConnections: 4, batchSize: 50, concurrency: 2 }),
    createWebPushAdapter({ vapid, ratePerOrigin: Number(env.PUSH_RATE), batchSize: 50, concurrency: 2 }),
  ],
  fanoutPageSize: Number(env.PAGE_SIZE),
  leaseMs: Number(env.LEASE_MS),
  pollMs: 50,
  backoff: (attempt, retryAfterMs) => Math.max(retryAfterMs ?? 0, 100 * attempt),
  log: (message, data) => process.stderr.write(`${message} ${JSON.stringify(data ?? {})}\n`),
});
process.stdout.write("ready\n");
