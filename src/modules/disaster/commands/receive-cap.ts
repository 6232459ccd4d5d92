/**
 * CAP 1.2 in, from national systems (and other senders with a `national` key): the alert is
 * validated (schema + CAP rules, validateCap); an invalid one is refused with every problem. A valid
 * one is kept once per (sender, identifier, sent) — a resend returns the first — and written into the
 * chronology; when it names Osaka City or its wards, an alert draft waits for the operator.
 */
import type { Db } from "../../../core/db/database.ts";
import { AppError } from "../../../core/http/errors.ts";
import { readCap } from "../cap/read-cap.ts";
import { validateCap } from "../cap/validate-cap.ts";
import { assertKeyScope } from "../policy.ts";
import { insertAlert, insertCapMessage, type ApiKeyRow } from "../queries.ts";
import { recordChronology } from "./support.ts";

export async function receiveCap(options: { db: Db; key: ApiKeyRow; xml: string }): Promise<{ id: string; created: boolean; concernsCity: boolean; wards: string[] }> {
  assertKeyScope(options.key, "national");
  const validation = await validateCap(options.xml, { maxBytes: 2 * 1024 * 1024 });
  if (!validation.valid) {
    throw new AppError("invalid_input", "disaster.cap_invalid", { problems: validation.problems.slice(0, 50).map((p) => ({ rule: p.rule, message: p.message, ...(p.line ? { line: p.line } : {}) })) });
  }
  const facts = readCap(options.xml);
  return options.db.transaction(async (tx) => {
    const { id, created } = await insertCapMessage(tx, { apiKeyId: options.key.id, sender: facts.sender, identifier: facts.identifier, sent: facts.sent, msgType: facts.msgType, headline: facts.headline, xml: options.xml });
    const concernsCity = facts.wards.length > 0;
    if (created) {
      await recordChronology(tx, {
        incidentId: null, actorId: null, actorLabel: options.key.label, type: "cap.received",
        summary: `CAP受信：${facts.headline || facts.event}`,
        data: { capId: id, sender: facts.sender, identifier: facts.identifier, msgType: facts.msgType, headline: facts.headline, wards: facts.wards },
      });
      if (concernsCity && facts.status === "Actual" && (facts.msgType === "Alert" || facts.msgType === "Update")) {
        await insertAlert(tx, {
          kind: "cap", template: "cap.received", level: 1, wards: facts.wards,
          params: { headline: facts.headline || facts.event, sender: facts.sender },
          incidentId: null, jmaEntryId: null, status: "draft", auto: false, createdBy: null,
        });
      }
    }
    return { id, created, concernsCity, wards: facts.wards };
  });
}
