/**
 * Runs the local fakes in a process of their own (the benchmark does, so that the engine's
 * memory and CPU are measured alone). Limits come from FAKES_CONFIG (JSON); the URLs are printed
 * as one JSON line on stdout; each fake answers GET /_fake/stats (SMTP: the printed stats URL).
 *
 *   FAKES_CONFIG='{"lineRps":200,"pushRate":10000,"smtpRate":2000,"lineToken":"…","xToken":"…"}' node serve.ts
 */
import { json, listen } from "./common.ts";
import { startLineFake } from "./line-fake.ts";
import { startSmtpSink } from "./smtp-sink.ts";
import { startWebPushFake } from "./webpush-fake.ts";
import { startXFake } from "./x-fake.ts";

type Config = { lineRps: number; pushRate: number; smtpRate?: number; lineToken: string; xToken: string };

const config = JSON.parse(process.env.FAKES_CONFIG ?? "{}") as Config;
const line = await startLineFake({ channelAccessToken: config.lineToken, requestsPerSecond: config.lineRps });
const push = await startWebPushFake({ messagesPerSecond: config.pushRate, acceptAnyEndpoint: true, keepBodies: false });
const smtp = await startSmtpSink(config.smtpRate ? { messagesPerSecond: config.smtpRate } : {});
const x = await startXFake({ userAccessToken: config.xToken });
const firstAt: Record<string, number | null> = { line: null, webpush: null, email: null };
const watch = setInterval(() => {
  const now = Date.now();
  if (firstAt.line === null && line.stats.accepted > 0) firstAt.line = now;
  if (firstAt.webpush === null && push.stats.accepted > 0) firstAt.webpush = now;
  if (firstAt.email === null && smtp.stats.accepted > 0) firstAt.email = now;
}, 5);
const stats = await listen((_req, res) =>
  json(res, 200, {
    line: { ...line.stats, users: line.received.size },
    webpush: push.stats,
    email: { ...smtp.stats, unique: smtp.byMessageId.size },
    x: x.stats,
    firstAt,
  }),
);
process.stdout.write(`${JSON.stringify({ line: line.url, push: push.url, smtp: smtp.url, x: x.url, stats: stats.url })}\n`);
const stop = async () => {
  clearInterval(watch);
  await Promise.all([line.close(), push.close(), smtp.close(), x.close(), stats.close()]);
  process.exit(0);
};
process.on("SIGTERM", () => void stop());
process.stdin.on("end", () => void stop());
process.stdin.resume();
