/**
 * Test helpers for the notify module: a database with subscriptions inserted directly, the local
 * fakes of every provider started together, an engine wired to them, and alert inputs.
 *
 * @example
 *   const fakes = await startFakes();
 *   const engine = startTestEngine(db, fakes);
 *   await issueAlert({ db, alert: cityWideAlert(), actor: SYSTEM });
 *   await engine.whenIdle();
 */
import { randomBytes, randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "../../core/db/database.ts";
import { nearestWard } from "./areas/geo.ts";
import { WARD_CODES } from "./areas/wards.ts";
import { createEmailAdapter } from "./channels/email.ts";
import { createLineAdapter } from "./channels/line.ts";
import type { ChannelAdapter, RecipientChannel } from "./channels/types.ts";
import { createWebPushAdapter } from "./channels/webpush.ts";
import { createXAdapter } from "./channels/x.ts";
import type { IssueAlertInputType } from "./schema.ts";
import { startNotifyEngine, type NotifyEngine, type NotifyEngineOptions } from "./engine/engine.ts";
import { startLineFake, type LineFake } from "./fakes/line-fake.ts";
import { startSmtpSink, type FastSmtpSink } from "./fakes/smtp-sink.ts";
import { startWebPushFake, type WebPushFake } from "./fakes/webpush-fake.ts";
import { startXFake, type XFake } from "./fakes/x-fake.ts";
import type { AlertLanguage } from "./languages.ts";
import { createLinks, type Links } from "./links.ts";
import webpush from "web-push";

export const TEST_SECRET = "test-secret-test-secret-test-secret-0123";
export const TEST_BASE_URL = "http://localhost:3000";
export const LINE_TOKEN = "line-test-token";
export const LINE_SECRET = "line-test-secret";
export const X_TOKEN = "x-test-user-token";
export const SYSTEM_ACTOR = { id: null, label: "system:test" };

export function testLinks(): Links {
  return createLinks(TEST_SECRET, TEST_BASE_URL);
}

export type Fakes = { line: LineFake; x: XFake; push: WebPushFake; smtp: FastSmtpSink; vapid: { publicKey: string; privateKey: string; subject: string }; close(): Promise<void> };

export async function startFakes(options: { lineRps?: number; pushRate?: number; smtpRate?: number } = {}): Promise<Fakes> {
  const [line, x, push, smtp] = await Promise.all([
    startLineFake({ channelAccessToken: LINE_TOKEN, channelSecret: LINE_SECRET, keepRequests: true, ...(options.lineRps ? { requestsPerSecond: options.lineRps } : {}) }),
    startXFake({ userAccessToken: X_TOKEN }),
    startWebPushFake(options.pushRate ? { messagesPerSecond: options.pushRate } : {}),
    startSmtpSink({ keepMessages: true, ...(options.smtpRate ? { messagesPerSecond: options.smtpRate } : {}) }),
  ]);
  const keys = webpush.generateVAPIDKeys();
  return {
    line,
    x,
    push,
    smtp,
    vapid: { ...keys, subject: "mailto:bousai@city.osaka.example" },
    async close() {
      await Promise.all([line.close(), x.close(), push.close(), smtp.close()]);
    },
  };
}

export type TestAdapterRates = { lineRps?: number; pushRate?: number; smtpRate?: number };

export function fakeAdapters(fakes: Fakes, links: Links, rates: TestAdapterRates = {}): ChannelAdapter[] {
  return [
    createEmailAdapter({ smtpUrl: fakes.smtp.url, fromAddress: "bousai@city.osaka.example", links, ratePerSecond: rates.smtpRate ?? 500, maxConnections: 4, batchSize: 20, concurrency: 2 }),
    createLineAdapter({ baseUrl: fakes.line.url, channelAccessToken: LINE_TOKEN, requestsPerSecond: rates.lineRps ?? 190, concurrency: 2 }),
    createWebPushAdapter({ vapid: fakes.vapid, ratePerOrigin: rates.pushRate ?? 1000, batchSize: 20, concurrency: 2 }),
  ];
}

export function startTestEngine(db: Db, fakes: Fakes, options: Partial<NotifyEngineOptions> & { rates?: TestAdapterRates } = {}): NotifyEngine {
  const links = options.links ?? testLinks();
  return startNotifyEngine({
    db,
    links,
    adapters: options.adapters ?? fakeAdapters(fakes, links, options.rates),
    x: createXAdapter({ baseUrl: fakes.x.url, userAccessToken: X_TOKEN }),
    pollMs: 50,
    leaseMs: 5000,
    backoff: (attempt, retryAfterMs) => Math.max(retryAfterMs ?? 0, 50 * attempt),
    ...options,
  });
}

export function lineUserId(): string {
  return `U${randomBytes(16).toString("hex")}`;
}

export type SeedSubscription = {
  language?: AlertLanguage;
  wards?: string[];
  point?: { lat: number; lon: number; radiusM: number };
  channels: RecipientChannel[];
  email?: string;
  lineUserId?: string;
  push?: { endpoint: string; p256dh: string; auth: string };
  status?: "pending" | "active" | "cancelled";
};

/** Inserts an active subscription directly; returns its id. */
export async function seedSubscription(db: Db, s: SeedSubscription): Promise<string> {
  const wards = s.point ? [] : (s.wards ?? ["271276"]);
  const [row] = await queryRows<{ id: string }>(db, sql`
    INSERT INTO notify_subscriptions (status, language, wards, lat, lon, radius_m, point_ward, channels, email, line_user_id, push_endpoint, push_p256dh, push_auth, confirmed_at)
    VALUES (${s.status ?? "active"}, ${s.language ?? "ja"}, ${sql.param(wards)}::text[], ${s.point?.lat ?? null}::float8, ${s.point?.lon ?? null}::float8,
      ${s.point?.radiusM ?? null}::int, ${s.point ? nearestWard(s.point.lat, s.point.lon).code : null}, ${sql.param(s.channels)}::text[],
      ${s.email ?? null}, ${s.lineUserId ?? null}, ${s.push?.endpoint ?? null}, ${s.push?.p256dh ?? null}, ${s.push?.auth ?? null}, now())
    RETURNING id::text AS id`);
  return row!.id;
}

/** An evacuation order (警戒レベル4) for the wards given (default: the whole city). */
export function evacuationOrder(overrides: Partial<IssueAlertInputType> = {}): IssueAlertInputType {
  return {
    id: randomUUID(),
    kind: "evacuation-order",
    severity: "severe",
    areas: { wards: [...WARD_CODES] },
    templateKey: "evacuation.level4",
    params: {},
    issuedAt: "2026-08-10T05:30:00Z",
    ...overrides,
  };
}

/** Deliveries of an alert by status, read from the rows themselves (not the counters). */
export async function statusesOf(db: Db, alertId: string): Promise<Record<string, number>> {
  const rows = await queryRows<{ status: string; n: number }>(db, sql`SELECT status, count(*)::int AS n FROM notify_deliveries WHERE alert_id = ${alertId}::uuid GROUP BY status`);
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}
