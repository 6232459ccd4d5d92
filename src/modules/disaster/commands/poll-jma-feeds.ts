/**
 * JMA 防災情報XML intake (PULL): reads each Atom feed, skips entries already seen (by Atom id), fetches
 * each new entry's XML (size limit, deadline, same origin as its feed, no redirects), parses it with
 * parseJma, records it, and for an item that concerns Osaka City:
 *   - writes it into the chronology (city-wide), and
 *   - applies the city's alert rules: a matching `auto` rule issues an alert at once (queued for the
 *     AlertIssuer); otherwise a draft waits for the operator's confirmation.
 * Drills and tests (Control/Status 訓練・試験) and items below level 1 are recorded only; a 取消 is
 * never sent automatically.
 *
 * A malformed or hostile item (XXE, entity bomb, garbage, too large, HTTP 4xx) is recorded as
 * `rejected` with the reason, logged and never fetched again; a transient failure (network, 5xx,
 * timeout) is `failed` and retried on later polls up to MAX_ATTEMPTS. The feed always goes on.
 */
import { appendAudit } from "../../../core/audit/audit.ts";
import type { Db } from "../../../core/db/database.ts";
import { alertTitle } from "../alerts/texts.ts";
import { cityImpact } from "../intake/jma-levels.ts";
import { parseAtomFeed, type AtomEntry } from "../intake/atom.ts";
import { FetchProblem, fetchLimited, type FetchLike } from "../intake/fetch-limited.ts";
import { concernsOsakaCity } from "../jma/osaka-city.ts";
import { parseJma, type JmaSummary } from "../jma/parse-jma.ts";
import { listRules, insertAlert, settledEntryIds, upsertEntry, type AlertRule } from "../queries.ts";
import { decodeXmlBytes } from "../xml/read-xml-file.ts";
import { DEFAULT_MAX_XML_BYTES } from "../xml/safe-parse.ts";
import { queueIssue } from "./confirm-alert.ts";
import { recordChronology } from "./support.ts";

export const MAX_ATTEMPTS = 3;
export const JMA_ACTOR_LABEL = "気象庁";

export type PollLog = { info: (fields: Record<string, unknown>, message: string) => void; warn: (fields: Record<string, unknown>, message: string) => void };

export type PollJmaFeedsOptions = {
  db: Db;
  feedUrls: readonly string[];
  log: PollLog;
  fetch?: FetchLike;
  /** Largest feed accepted (default 2 MiB; JMA's long feeds are about 1 MB). */
  maxFeedBytes?: number;
  /** Largest message accepted (default 10 MiB). */
  maxEntryBytes?: number;
  /** Deadline of one HTTP request (default 10 s). */
  timeoutMs?: number;
  /** Entries fetched per feed per poll at most (default 100); the rest waits for the next poll. */
  maxEntriesPerFeed?: number;
};

export type PollReport = {
  feeds: Array<{ url: string; ok: boolean; entries: number; error?: string }>;
  recorded: number;
  rejected: number;
  failed: number;
  alreadySeen: number;
  drafted: number;
  issued: number;
};

export async function pollJmaFeeds(options: PollJmaFeedsOptions): Promise<PollReport> {
  const report: PollReport = { feeds: [], recorded: 0, rejected: 0, failed: 0, alreadySeen: 0, drafted: 0, issued: 0 };
  const timeoutMs = options.timeoutMs ?? 10_000;
  for (const feedUrl of options.feedUrls) {
    let entries: AtomEntry[];
    try {
      const bytes = await fetchLimited(feedUrl, { maxBytes: options.maxFeedBytes ?? 2 * 1024 * 1024, timeoutMs, ...(options.fetch ? { fetch: options.fetch } : {}) });
      entries = parseAtomFeed(decodeXmlBytes(bytes));
    } catch (error) {
      const reason = describe(error);
      options.log.warn({ feed: feedUrl, reason }, "JMA feed skipped");
      report.feeds.push({ url: feedUrl, ok: false, entries: 0, error: reason });
      continue;
    }
    report.feeds.push({ url: feedUrl, ok: true, entries: entries.length });
    const settled = await settledEntryIds(options.db, entries.map((e) => e.id), MAX_ATTEMPTS);
    report.alreadySeen += entries.filter((e) => settled.has(e.id)).length;
    // Feeds list the newest first: take the oldest first so the chronology reads in order.
    const fresh = entries.filter((e) => !settled.has(e.id)).reverse().slice(0, options.maxEntriesPerFeed ?? 100);
    for (const entry of fresh) {
      try {
        await intakeEntry(options, feedUrl, entry, report, timeoutMs);
      } catch (error) {
        // Anything unexpected (a bug, the database) is logged; the next entry still runs.
        options.log.warn({ feed: feedUrl, entry: entry.id, reason: describe(error) }, "JMA entry failed");
        report.failed++;
      }
    }
  }
  options.log.info({ ...report, feeds: report.feeds.length }, "JMA feeds polled");
  return report;
}

async function intakeEntry(options: PollJmaFeedsOptions, feedUrl: string, entry: AtomEntry, report: PollReport, timeoutMs: number): Promise<void> {
  const base = { entryId: entry.id, feedUrl, link: entry.link, atomTitle: entry.title, atomUpdated: entry.updated };
  let summary: JmaSummary;
  try {
    if (!sameOrigin(entry.link, feedUrl)) throw new FetchProblem("bad_url", `link is not on the feed's server: ${entry.link.slice(0, 200)}`);
    const bytes = await fetchLimited(entry.link, { maxBytes: options.maxEntryBytes ?? DEFAULT_MAX_XML_BYTES, timeoutMs, ...(options.fetch ? { fetch: options.fetch } : {}) });
    summary = parseJma(decodeXmlBytes(bytes), { maxBytes: options.maxEntryBytes ?? DEFAULT_MAX_XML_BYTES });
  } catch (error) {
    const transient = error instanceof FetchProblem && error.transient;
    const reason = describe(error);
    await upsertEntry(options.db, { ...base, status: transient ? "failed" : "rejected", reason });
    options.log.warn({ feed: feedUrl, entry: entry.id, link: entry.link, reason }, transient ? "JMA entry failed; will retry" : "JMA entry rejected");
    if (transient) report.failed++;
    else report.rejected++;
    return;
  }
  const concern = concernsOsakaCity(summary);
  const impact = cityImpact(summary, concern);
  await options.db.transaction(async (tx) => {
    const fresh = await upsertEntry(tx, {
      ...base,
      status: "recorded",
      reason: null,
      kind: summary.kind,
      headTitle: summary.title,
      reportTime: summary.reportTime,
      infoType: summary.infoType,
      jmaStatus: summary.status,
      concernsCity: concern.concerns,
      wards: impact.wards,
      level: impact.level,
      summary,
    });
    if (!fresh) return; // another instance recorded it first
    report.recorded++;
    if (!concern.concerns) return;
    await recordChronology(tx, {
      incidentId: null,
      actorId: null,
      actorLabel: JMA_ACTOR_LABEL,
      type: "jma.received",
      summary: `${summary.title}（${summary.infoType}）${impact.levelLabel ? ` ${impact.levelLabel}` : ""}`,
      data: { entryId: entry.id, kind: summary.kind, title: summary.title, infoType: summary.infoType, status: summary.status, level: impact.level, levelLabel: impact.levelLabel, wards: impact.wards },
    });
    if (summary.status !== "通常" || impact.level < 1) return;
    const cancelled = summary.infoType === "取消";
    const rule = cancelled ? undefined : pickRule(await listRules(tx), summary, impact);
    const auto = rule?.mode === "auto";
    const template = cancelled ? "jma.cancelled" : (rule?.template ?? defaultTemplate(summary.kind));
    const content = {
      kind: "jma" as const,
      template,
      level: impact.level,
      wards: impact.wards,
      params: { jmaKind: summary.kind, headTitle: summary.title, levelLabel: impact.levelLabel, reportTime: summary.reportTime },
    };
    const alertId = await insertAlert(tx, { ...content, incidentId: null, jmaEntryId: entry.id, status: auto ? "issued" : "draft", auto, createdBy: null });
    if (!alertId) return;
    if (auto) {
      await queueIssue(tx, alertId, { id: null, label: JMA_ACTOR_LABEL });
      await recordChronology(tx, {
        incidentId: null,
        actorId: null,
        actorLabel: "自動配信ルール",
        type: "alert.auto_issued",
        summary: alertTitle(content, "ja"),
        data: { alertId, template, level: impact.level, wards: impact.wards, ruleId: rule!.id, params: content.params },
      });
      await appendAudit(tx, {
        actorId: null,
        actorLabel: "system:disaster-rules",
        action: "disaster.alert_auto_issued",
        objectType: "disaster_alert",
        objectId: alertId,
        data: { ruleId: rule!.id, entryId: entry.id, kind: summary.kind, level: impact.level, wards: impact.wards },
      });
      report.issued++;
    } else {
      report.drafted++;
    }
  });
}

/** The rule that decides: an enabled rule of the kind whose minimum level and wards fit; `auto` ones first. */
export function pickRule(rules: readonly AlertRule[], summary: Pick<JmaSummary, "kind">, impact: { level: number; wards: string[] }): AlertRule | undefined {
  const fitting = rules.filter(
    (rule) => rule.enabled && rule.jmaKind === summary.kind && impact.level >= rule.minLevel && (rule.wards.length === 0 || rule.wards.some((w) => impact.wards.includes(w))),
  );
  return fitting.find((rule) => rule.mode === "auto") ?? fitting[0];
}

export function defaultTemplate(kind: string): string {
  if (kind === "seismic-intensity-flash" || kind === "earthquake-info" || kind === "hypocenter") return "jma.earthquake";
  if (kind === "tsunami-warning" || kind === "tsunami-info") return "jma.tsunami";
  if (kind === "weather-warning" || kind === "special-warning-notice") return "jma.weather";
  if (kind === "landslide-alert") return "jma.landslide";
  if (kind === "flood-forecast" || kind === "river-level-info") return "jma.flood";
  return "jma.generic";
}

export const ALERT_TEMPLATES = ["jma.earthquake", "jma.tsunami", "jma.weather", "jma.landslide", "jma.flood", "jma.generic"] as const;

function sameOrigin(link: string, feedUrl: string): boolean {
  try {
    return new URL(link).origin === new URL(feedUrl).origin;
  } catch {
    return false;
  }
}

function describe(error: unknown): string {
  if (error instanceof FetchProblem) return `${error.kind}: ${error.message}`;
  const reason = (error as { reason?: unknown })?.reason;
  const message = error instanceof Error ? error.message : String(error);
  return `${typeof reason === "string" ? `${reason}: ` : ""}${message}`.slice(0, 500);
}
