/** Alert rules as data the 危機管理室 edits: add a rule, switch one on or off. Audited. */
import { appendAudit } from "../../../core/audit/audit.ts";
import type { Db } from "../../../core/db/database.ts";
import type { Actor } from "../../../core/http/actor.ts";
import { AppError } from "../../../core/http/errors.ts";
import { assertCanOperate } from "../policy.ts";
import { insertRule, setRuleEnabled } from "../queries.ts";
import { isWardCode } from "../wards.ts";
import { ALERT_TEMPLATES } from "./poll-jma-feeds.ts";
import { auditLabel } from "./support.ts";

/** JMA kinds a rule can name (the kinds that can concern the city and carry a level). */
export const RULE_KINDS = [
  "seismic-intensity-flash", "earthquake-info", "tsunami-warning", "weather-warning", "special-warning-notice",
  "landslide-alert", "flood-forecast", "heavy-rain-record", "tornado-alert", "volcano-warning", "typhoon-info",
] as const;

export type NewRule = { jmaKind: string; minLevel: number; wards: string[]; template: string; mode: "auto" | "confirm"; note: string };

export async function addAlertRule(options: { db: Db; actor: Actor; rule: NewRule }): Promise<string> {
  const { actor, rule } = options;
  assertCanOperate(actor);
  if (!(RULE_KINDS as readonly string[]).includes(rule.jmaKind) || !Number.isInteger(rule.minLevel) || rule.minLevel < 1 || rule.minLevel > 9
    || !rule.wards.every(isWardCode) || !(ALERT_TEMPLATES as readonly string[]).includes(rule.template) || (rule.mode !== "auto" && rule.mode !== "confirm")) {
    throw new AppError("invalid_input", "disaster.rule_invalid");
  }
  return options.db.transaction(async (tx) => {
    const id = await insertRule(tx, { ...rule, note: rule.note.trim().slice(0, 200), enabled: true }, actor.id);
    await appendAudit(tx, { actorId: actor.id, actorLabel: auditLabel(actor), action: "disaster.rule_added", objectType: "disaster_alert_rule", objectId: id, data: { ...rule } });
    return id;
  });
}

export async function toggleAlertRule(options: { db: Db; actor: Actor; ruleId: string; enabled: boolean }): Promise<void> {
  assertCanOperate(options.actor);
  await options.db.transaction(async (tx) => {
    if (!(await setRuleEnabled(tx, options.ruleId, options.enabled, options.actor.id))) throw new AppError("not_found", "disaster.rule_not_found");
    await appendAudit(tx, { actorId: options.actor.id, actorLabel: auditLabel(options.actor), action: "disaster.rule_toggled", objectType: "disaster_alert_rule", objectId: options.ruleId, data: { enabled: options.enabled } });
  });
}
