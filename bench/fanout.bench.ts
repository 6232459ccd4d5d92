/**
 * `npm run bench -- fanout`: a city-wide evacuation order to 2,700,000 synthetic subscribers,
 * sent through the real engine to the local fakes at their documented rate limits (LINE 200
 * multicast requests/s × 500 recipients, Web Push 10,000/s as FCM documents, the SMTP relay at
 * the rate configured below). The fakes run in a child process, so the figures for memory are the
 * engine's alone.
 *
 * Figures: time until every delivery is queued (fan-out), time until every message is handed off
 * to its provider, the minimum the rate limits allow (the slowest channel's recipients / its
 * limit) and the ratio minimum / actual, per channel too; peak RSS sampled every 100 ms (it must
 * stay flat: the fan-out streams); confirm → first message accepted by a provider.
 *
 * Env: BENCH_SUBSCRIBERS (default 2700000), BENCH_SMTP_RATE (default 1000 messages/s).
 */
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import webpush from "web-push";
import { openDatabase, queryRows } from "../src/core/db/database.ts";
import { createTestDatabase } from "../src/testing/database.ts";
import { WARDS, WARD_CODES } from "../src/modules/notify/areas/wards.ts";
import { createEmailAdapter } from "../src/modules/notify/channels/email.ts";
import { createLineAdapter, LINE_MULTICAST_MAX_RECIPIENTS, LINE_MULTICAST_REQUESTS_PER_SECOND } from "../src/modules/notify/channels/line.ts";
import { createWebPushAdapter, WEBPUSH_DEFAULT_RATE_PER_ORIGIN } from "../src/modules/notify/channels/webpush.ts";
import { generateUserAgentKeys } from "../src/modules/notify/channels/webpush-crypto.ts";
import { issueAlert } from "../src/modules/notify/commands/issue-alert.ts";
import { RATE_SAFETY } from "../src/modules/notify/engine/adapters.ts";
import { startNotifyEngine } from "../src/modules/notify/engine/engine.ts";
import { createLinks } from "../src/modules/notify/links.ts";
import { progress, report, round } from "./lib.ts";

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 2_700_000);
const SMTP_RATE = Number(process.env.BENCH_SMTP_RATE ?? 1000);
const LINE_TOKEN = "bench-line-token";
const X_TOKEN = "bench-x-token";

/** Residents per ward (thousands, 2020 census, rounded): the ward distribution of subscribers. */
const WARD_POPULATION: Record<string, number> = {
  "271021": 107, "271039": 79, "271047": 66, "271063": 105, "271071": 80, "271080": 62, "271098": 84, "271110": 76,
  "271136": 95, "271144": 176, "271152": 85, "271161": 127, "271179": 89, "271187": 168, "271195": 111, "271209": 153,
  "271217": 127, "271225": 106, "271233": 183, "271241": 111, "271250": 119, "271268": 190, "271276": 136, "271284": 103,
};
/** Share of subscribers per language (per mille): mostly Japanese, then the city's larger communities. */
const LANGUAGE_SHARE: Array<[string, number]> = [
  ["ja", 840], ["ja-x-easy", 25], ["en", 30], ["zh-Hans", 30], ["zh-Hant", 10], ["ko", 25], ["vi", 20], ["ne", 8], ["tl", 5], ["pt", 4], ["es", 3],
];
/**
 * Channel sets (per mille): LINE is what most residents use (89 % here), then browser
 * notifications (9 %) and e-mail (4 %), some with two channels. BENCH_CHANNELS overrides (JSON).
 */
const CHANNEL_SHARE: Array<[string, number]> = JSON.parse(process.env.BENCH_CHANNELS ?? "null") ?? [
  ["line", 880], ["webpush", 80], ["email", 20], ["line,email", 10], ["webpush,email", 10],
];

/** A 1000-slot table from shares, for picking by hash in SQL. */
function slots(shares: Array<[string, number]>): string[] {
  const total = shares.reduce((s, [, n]) => s + n, 0);
  const out: string[] = [];
  for (const [value, n] of shares) for (let i = 0; i < Math.round((n / total) * 1000); i++) out.push(value);
  while (out.length < 1000) out.push(shares[0]![0]);
  return out.slice(0, 1000);
}

async function main(): Promise<void> {
  const started = performance.now();
  progress(`fanout: ${SUBSCRIBERS.toLocaleString("en")} synthetic subscribers; SMTP relay at ${SMTP_RATE}/s`);

  // Fakes in their own process.
  const fakesProcess = spawn(process.execPath, [path.join(path.dirname(fileURLToPath(import.meta.url)), "../src/modules/notify/fakes/serve.ts")], {
    env: { ...process.env, FAKES_CONFIG: JSON.stringify({ lineRps: LINE_MULTICAST_REQUESTS_PER_SECOND, pushRate: WEBPUSH_DEFAULT_RATE_PER_ORIGIN, smtpRate: SMTP_RATE, lineToken: LINE_TOKEN, xToken: X_TOKEN }) },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const urls = await new Promise<{ line: string; push: string; smtp: string; x: string; stats: string }>((resolve, reject) => {
    let buffer = "";
    fakesProcess.stdout!.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      if (buffer.includes("\n")) resolve(JSON.parse(buffer.split("\n")[0]!));
    });
    fakesProcess.once("exit", (code) => reject(new Error(`fakes exited with ${code}`)));
  });
  const fakeStats = async () => (await (await fetch(urls.stats)).json()) as {
    line: { accepted: number; recipients: number; duplicates: number; rateLimited: number; users: number };
    webpush: { accepted: number; rateLimited: number; duplicates?: number };
    email: { accepted: number; duplicates: number; throttled: number; unique: number };
    firstAt: Record<string, number | null>;
  };

  const database = await createTestDatabase();
  // The engine's own pool: ~25 connections are what it uses; the server's are shared with others.
  const engineDatabase = await openDatabase({ databaseUrl: database.url, dataDir: "", maxConnections: 28 });
  const db = engineDatabase.db;
  try {
    // ---------------------------------------------------------------------------------------
    // 2.7 million subscriptions, generated in SQL.
    const wardSlots = slots(WARD_CODES.map((code) => [code, WARD_POPULATION[code]!]));
    const wardLat = wardSlots.map((code) => WARDS.find((w) => w.code === code)!.lat);
    const wardLon = wardSlots.map((code) => WARDS.find((w) => w.code === code)!.lon);
    const languageSlots = slots(LANGUAGE_SHARE);
    const channelSlots = slots(CHANNEL_SHARE);
    const ua = generateUserAgentKeys();
    const tGen = performance.now();
    const chunk = 300_000;
    for (let from = 1; from <= SUBSCRIBERS; from += chunk) {
      const to = Math.min(SUBSCRIBERS, from + chunk - 1);
      await db.execute(sql`
        INSERT INTO notify_subscriptions (status, language, wards, lat, lon, radius_m, point_ward, channels, email, line_user_id, push_endpoint, push_p256dh, push_auth, confirmed_at)
        SELECT 'active', lang, CASE WHEN is_point THEN '{}'::text[] ELSE ARRAY[ward] END,
          CASE WHEN is_point THEN lat + ((h3 % 200) - 100) / 20000.0 END, CASE WHEN is_point THEN lon + ((h3 / 200 % 200) - 100) / 20000.0 END,
          CASE WHEN is_point THEN 500 + (h3 % 4) * 500 END, CASE WHEN is_point THEN ward END,
          chans,
          CASE WHEN 'email' = ANY(chans) THEN 'r' || i || '@example.jp' END,
          CASE WHEN 'line' = ANY(chans) THEN 'U' || lpad(to_hex(i), 32, '0') END,
          CASE WHEN 'webpush' = ANY(chans) THEN ${urls.push} || '/push/s' || i END,
          CASE WHEN 'webpush' = ANY(chans) THEN ${ua.p256dh} END,
          CASE WHEN 'webpush' = ANY(chans) THEN ${ua.auth} END,
          now()
        FROM (
          SELECT i, (${sql.param(wardSlots)}::text[])[1 + h1 % 1000] AS ward, (${sql.param(wardLat)}::float8[])[1 + h1 % 1000] AS lat,
            (${sql.param(wardLon)}::float8[])[1 + h1 % 1000] AS lon, (${sql.param(languageSlots)}::text[])[1 + h2 % 1000] AS lang,
            string_to_array((${sql.param(channelSlots)}::text[])[1 + h3 % 1000], ',') AS chans, h3 % 10 = 0 AS is_point, h3
          FROM (SELECT i, abs(hashint4(i)) AS h1, abs(hashint4(i + 1000000007)) AS h2, abs(hashint4(i # 123456789)) AS h3
                FROM generate_series(${from}::int, ${to}::int) AS i) AS hashed
        ) AS s`);
      progress(`  subscriptions: ${to.toLocaleString("en")} (${round((performance.now() - tGen) / 1000, 1)} s)`);
    }
    await db.execute(sql`VACUUM ANALYZE notify_subscriptions`);
    const [mix] = await queryRows<{ line: number; webpush: number; email: number; points: number }>(db, sql`
      SELECT count(*) FILTER (WHERE 'line' = ANY(channels))::int AS line, count(*) FILTER (WHERE 'webpush' = ANY(channels))::int AS webpush,
             count(*) FILTER (WHERE 'email' = ANY(channels))::int AS email, count(*) FILTER (WHERE lat IS NOT NULL)::int AS points
      FROM notify_subscriptions`);
    const generateSeconds = (performance.now() - tGen) / 1000;
    progress(`  generated in ${round(generateSeconds, 1)} s: LINE ${mix!.line}, Web Push ${mix!.webpush}, e-mail ${mix!.email} (${mix!.points} by point and radius)`);

    // ---------------------------------------------------------------------------------------
    // The engine, at the documented limits (each adapter keeps RATE_SAFETY below them).
    const links = createLinks("bench-secret-bench-secret-bench-secret-00", "https://machi.example.jp");
    const vapid = { ...webpush.generateVAPIDKeys(), subject: "mailto:bousai@city.osaka.example" };
    const rates = { line: LINE_MULTICAST_REQUESTS_PER_SECOND * LINE_MULTICAST_MAX_RECIPIENTS, webpush: WEBPUSH_DEFAULT_RATE_PER_ORIGIN, email: SMTP_RATE };
    const engine = startNotifyEngine({
      db,
      links,
      adapters: [
        createLineAdapter({ baseUrl: urls.line, channelAccessToken: LINE_TOKEN, requestsPerSecond: LINE_MULTICAST_REQUESTS_PER_SECOND * RATE_SAFETY, concurrency: 8 }),
        createWebPushAdapter({ vapid, ratePerOrigin: WEBPUSH_DEFAULT_RATE_PER_ORIGIN * RATE_SAFETY, batchSize: 250, concurrency: 6 }),
        createEmailAdapter({ smtpUrl: urls.smtp, fromAddress: "bousai@city.osaka.example", links, ratePerSecond: SMTP_RATE * RATE_SAFETY, maxConnections: 16, batchSize: 200, concurrency: 4 }),
      ],
      fanoutPageSize: 10_000,
      log: (message, data) => progress(`  ${message} ${JSON.stringify(data ?? {})}`),
    });

    // Memory: sampled every 100 ms from before the alert to the end.
    const baselineRss = process.memoryUsage().rss;
    const cpuBefore = process.cpuUsage();
    let peakRss = baselineRss;
    const rssTimeline: number[] = [];
    const sampler = setInterval(() => {
      const rss = process.memoryUsage().rss;
      peakRss = Math.max(peakRss, rss);
      rssTimeline.push(rss);
    }, 100);

    // ---------------------------------------------------------------------------------------
    // The operator confirms: one city-wide evacuation order.
    const alertId = randomUUID();
    const confirmAt = Date.now();
    await issueAlert({
      db,
      alert: { id: alertId, kind: "evacuation-order", severity: "severe", areas: { wards: [...WARD_CODES] }, templateKey: "evacuation.level4", params: {}, channels: ["line", "webpush", "email"] },
      actor: { id: null, label: "bench:operator" },
    });
    engine.wake();
    let lastReport = 0;
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      let row: { status: string; queued: number; fanout: string | null; done: string | null } | undefined;
      try {
        [row] = await queryRows<{ status: string; queued: number; fanout: string | null; done: string | null }>(db, sql`
          SELECT status, queued_count::float8 AS queued, fanout_done_at::text AS fanout, completed_at::text AS done FROM notify_alerts WHERE id = ${alertId}::uuid`);
      } catch (error) {
        progress(`  (poll failed, will retry: ${error instanceof Error ? error.message.split("\n")[0] : String(error)})`);
        continue;
      }
      if (Date.now() - lastReport > 5000) {
        lastReport = Date.now();
        const s = await fakeStats();
        progress(
          `  t+${round((Date.now() - confirmAt) / 1000, 1)} s: queued ${row!.queued.toLocaleString("en")}${row!.fanout ? " (fan-out done)" : ""}; handed off LINE ${s.line.recipients.toLocaleString("en")}, ` +
            `Web Push ${s.webpush.accepted.toLocaleString("en")}, e-mail ${s.email.accepted.toLocaleString("en")}; RSS ${round(process.memoryUsage().rss / 1048576)} MB`,
        );
      }
      if (row!.status === "done") break;
    }
    clearInterval(sampler);
    const cpu = process.cpuUsage(cpuBefore);
    await engine.stop();

    const [times] = await queryRows<{ issued: number; fanout: number; first: number; completed: number }>(db, sql`
      SELECT extract(epoch FROM issued_at) * 1000 AS issued, extract(epoch FROM fanout_done_at) * 1000 AS fanout,
             extract(epoch FROM first_sent_at) * 1000 AS first, extract(epoch FROM completed_at) * 1000 AS completed
      FROM notify_alerts WHERE id = ${alertId}::uuid`);
    const perChannel = await queryRows<{ channel: "line" | "webpush" | "email"; n: number; last: number; statuses: string }>(db, sql`
      SELECT channel, count(*)::int AS n, extract(epoch FROM max(sent_at)) * 1000 AS last,
             string_agg(DISTINCT status, ',') AS statuses
      FROM notify_deliveries WHERE alert_id = ${alertId}::uuid GROUP BY channel`);
    const s = await fakeStats();
    const firstOut = Math.min(...Object.values(s.firstAt).filter((v): v is number => typeof v === "number"));
    const lastHandOff = Math.max(...perChannel.map((c) => c.last));
    const handoffSeconds = (lastHandOff - confirmAt) / 1000;
    const channels: Record<string, unknown> = {};
    let minimum = 0;
    for (const c of perChannel) {
      const recipientsPerSecond = rates[c.channel];
      const min = c.n / recipientsPerSecond;
      minimum = Math.max(minimum, min);
      const actual = (c.last - confirmAt) / 1000;
      channels[c.channel] = { deliveries: c.n, limit_per_s: recipientsPerSecond, min_s: round(min, 1), actual_s: round(actual, 1), ratio: round(min / actual, 3), statuses: c.statuses };
    }
    const half = Math.floor(rssTimeline.length / 2);
    const figures = {
      subscribers: SUBSCRIBERS,
      deliveries: perChannel.reduce((sum, c) => sum + c.n, 0),
      generate_s: round(generateSeconds, 1),
      queue_all_s: round((times!.fanout - confirmAt) / 1000, 1),
      handoff_all_s: round(handoffSeconds, 1),
      min_by_rate_limits_s: round(minimum, 1),
      ratio_min_over_actual: round(minimum / handoffSeconds, 3),
      confirm_to_first_out_s: round((firstOut - confirmAt) / 1000, 2),
      confirm_to_first_recorded_s: round((times!.first - confirmAt) / 1000, 2),
      peak_rss_mb: round(peakRss / 1048576, 1),
      baseline_rss_mb: round(baselineRss / 1048576, 1),
      peak_rss_first_half_mb: round(Math.max(...rssTimeline.slice(0, half)) / 1048576, 1),
      peak_rss_second_half_mb: round(Math.max(...rssTimeline.slice(half)) / 1048576, 1),
      engine_cpu_s: round((cpu.user + cpu.system) / 1e6, 1),
      channels,
      fakes: {
        line_users: s.line.users,
        line_duplicates: s.line.duplicates,
        line_429: s.line.rateLimited,
        webpush_accepted: s.webpush.accepted,
        webpush_429: s.webpush.rateLimited,
        email_unique: s.email.unique,
        email_duplicates: s.email.duplicates,
        email_throttled: s.email.throttled,
      },
      smtp_rate_configured: SMTP_RATE,
      total_runtime_s: round((performance.now() - started) / 1000, 1),
    };
    report("fanout", figures);
  } finally {
    fakesProcess.kill("SIGTERM");
    await engineDatabase.close().catch(() => {});
    await database.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`fanout bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
