/**
 * Issues an alert: checks that its template renders in all eleven languages with the given
 * values, records it (idempotent on its id), prepares the broadcasts (X posts, L-Alert XML,
 * 緊急速報メール draft checked against the carriers' limits) and writes the audit record — all in
 * the caller's transaction. The engine then fans it out and sends it; nothing here waits for that.
 */
import { appendAudit } from "../../../core/audit/audit.ts";
import type { Db } from "../../../core/db/database.ts";
import { AppError } from "../../../core/http/errors.ts";
import { wardByCode } from "../areas/wards.ts";
import { composePost, X_LINK_PLACEHOLDER } from "../channels/x.ts";
import { ALL_CHANNELS, type Channel } from "../channels/types.ts";
import type { StoredCapOptions } from "../formats/cap.ts";
import { checkAreaMail } from "../formats/etws.ts";
import { lalertXml } from "../formats/lalert.ts";
import { ALERT_LANGUAGES, type AlertLanguage } from "../languages.ts";
import { insertAlert, insertBroadcast, issuedTimes } from "../queries.ts";
import { IssueAlertInput, type IssueAlertInputType } from "../schema.ts";
import { ALERT_TEMPLATES } from "../templates/alerts.ts";
import { renderAlert, renderAreaMail, TemplateError, type TemplateParams } from "../templates/render.ts";

/** Languages posted on X, one post each (the city's accounts post in Japanese and English). */
export const X_LANGUAGES: readonly AlertLanguage[] = ["ja", "en"];

export type IssueAlertOptions = {
  /** A transaction or the database; pass your transaction to issue atomically with your change. */
  db: Db;
  alert: IssueAlertInputType;
  /** Who confirmed the alert (staff id and a label for the audit log), or the system. */
  actor: { id: string | null; label: string };
};

export type IssueAlertResult = { alertId: string; created: boolean };

export async function issueAlert(options: IssueAlertOptions): Promise<IssueAlertResult> {
  const parsed = IssueAlertInput.safeParse(options.alert);
  if (!parsed.success) {
    throw new AppError("invalid_input", "notify.alert_invalid", { issues: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) });
  }
  const alert = parsed.data;
  const params = alert.params as TemplateParams;
  const issuedAt = new Date(alert.issuedAt ?? Date.now()).toISOString();
  const wards = alert.areas.wards ?? [];
  const texts = new Map<AlertLanguage, { title: string; body: string }>();
  try {
    for (const language of ALERT_LANGUAGES) texts.set(language, renderAlert({ templateKey: alert.templateKey, language, params, wards, issuedAt }));
  } catch (error) {
    if (error instanceof TemplateError) throw new AppError("invalid_input", error.reason.replace(/^template\./, "notify.template_"), { variable: error.variable ?? null, message: error.message });
    throw error;
  }
  const channels = (alert.channels ?? [...ALL_CHANNELS]) as Channel[];
  const references = alert.cap?.references ?? [];
  const referenced = await issuedTimes(options.db, references);
  if (referenced.length !== new Set(references).size) throw new AppError("invalid_input", "notify.unknown_reference");
  const cap: StoredCapOptions = {
    ...(alert.cap?.status ? { status: alert.cap.status } : {}),
    ...(alert.cap?.msgType ? { msgType: alert.cap.msgType } : {}),
    ...(referenced.length > 0 ? { references: referenced.map((r) => ({ identifier: r.id, sent: r.issuedAt })) } : {}),
    ...(alert.cap?.expires ? { expires: alert.cap.expires } : {}),
    ...(alert.cap?.incidents ? { incidents: alert.cap.incidents } : {}),
  };
  const created = await insertAlert(options.db, {
    id: alert.id,
    kind: alert.kind,
    severity: alert.severity,
    templateKey: alert.templateKey,
    params,
    areas: alert.areas,
    cap,
    channels,
    issuedBy: options.actor.label,
    issuedAt,
  });
  if (!created) return { alertId: alert.id, created: false };

  if (channels.includes("x")) {
    for (const language of X_LANGUAGES) {
      const text = texts.get(language)!;
      await insertBroadcast(options.db, { alertId: alert.id, channel: "x", language, status: "queued", payload: composePost(text.title, text.body, X_LINK_PLACEHOLDER) });
    }
  }
  const template = ALERT_TEMPLATES[alert.templateKey];
  if (channels.includes("lalert") && template.evacuationSort) {
    const ja = texts.get("ja")!;
    const xml = lalertXml({
      distributionId: `urn:uuid:${alert.id}`,
      senderId: "271004",
      sentAt: issuedAt,
      status: cap.status ?? "Actual",
      control: { title: "避難勧告・指示情報", editorialOffice: "大阪市", publishingOffice: "大阪市" },
      head: {
        title: `大阪市 ${template.evacuationSort === "解除" ? "避難指示の解除" : template.evacuationSort}`,
        reportDateTime: issuedAt,
        targetDateTime: issuedAt,
        eventId: alert.cap?.incidents ?? alert.id,
        infoType: cap.msgType === "Cancel" ? "取消" : cap.msgType === "Update" ? "訂正" : "発表",
        serial: 1 + referenced.length,
        headline: ja.title,
      },
      body: {
        sort: template.evacuationSort,
        areas: wards.length > 0 ? wards.map((code) => ({ name: wardByCode(code)!.names.ja, code })) : [{ name: ja.title }],
        text: ja.body,
      },
    });
    await insertBroadcast(options.db, { alertId: alert.id, channel: "lalert", language: "ja", status: "draft", payload: xml });
  }
  if (channels.includes("etws")) {
    const draft = renderAreaMail({ templateKey: alert.templateKey, params, wards, issuedAt });
    const problems = checkAreaMail(draft);
    await insertBroadcast(options.db, {
      alertId: alert.id,
      channel: "etws",
      language: "ja",
      status: problems.length === 0 ? "draft" : "refused",
      payload: JSON.stringify(draft),
      ...(problems.length > 0 ? { note: problems.map((p) => p.message).join("\n") } : {}),
    });
  }
  await appendAudit(options.db, {
    actorId: options.actor.id,
    actorLabel: options.actor.label,
    action: "notify.alert_issued",
    objectType: "notify_alert",
    objectId: alert.id,
    data: { kind: alert.kind, templateKey: alert.templateKey, severity: alert.severity, wards, channels, geometry: Boolean(alert.areas.polygon || alert.areas.circle) },
  });
  return { alertId: alert.id, created: true };
}
