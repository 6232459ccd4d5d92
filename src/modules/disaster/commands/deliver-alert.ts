/**
 * The `disaster.issue_alert` job: hands an issued alert to the AlertIssuer with its texts in every
 * language. Runs at least once per alert (outbox); the issuer deduplicates by alert id.
 */
import type { Db } from "../../../core/db/database.ts";
import type { AlertIssuer, IssuedAlert } from "../alerts/alert-issuer.ts";
import { alertTexts } from "../alerts/texts.ts";
import { findAlert, type AlertRow } from "../queries.ts";

export function toIssuedAlert(alert: AlertRow): IssuedAlert {
  const texts = alertTexts(alert);
  return {
    id: alert.id,
    kind: alert.kind,
    level: alert.level,
    wards: alert.wards,
    title: { ja: texts.ja.title, en: texts.en.title },
    params: { ...alert.params, template: alert.template, body_ja: texts.ja.body, body_en: texts.en.body },
  };
}

export async function deliverAlert(options: { db: Db; issuer: AlertIssuer; payload: Record<string, unknown> }): Promise<void> {
  const alertId = String(options.payload.alertId ?? "");
  const alert = await findAlert(options.db, alertId);
  // An alert that is gone or not issued is not sent (nothing to retry).
  if (!alert || alert.status !== "issued") return;
  const actorId = typeof options.payload.actorId === "string" ? options.payload.actorId : null;
  const label = typeof options.payload.actorLabel === "string" ? options.payload.actorLabel : "system";
  await options.issuer.issueAlert({ alert: toIssuedAlert(alert), actor: { id: actorId, label } });
}
