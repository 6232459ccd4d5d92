import assert from "node:assert/strict";
import { test } from "node:test";
import type { Actor } from "../../core/http/actor.ts";
import { newVerificationCode, normalizeVerificationCode, residenceRecordFrom } from "./commands/issue-document.ts";
import { canReadApplicationDocuments, isDepartmentStaff, managedFormOrNotFound } from "./policy.ts";
import { RESIDENCE_ANSWERS } from "./testing.ts";

const actor = (kind: Actor["kind"], id: string, departments: string[] = []): Actor => ({
  id,
  kind,
  email: `${id}@example.jp`,
  displayName: id,
  roles: departments.map((departmentCode) => ({ departmentCode, role: "clerk" as const })),
  sessionTokenHash: "x",
});
const application = { userId: "owner", departmentCode: "ward-counter" };

test("an application's documents: its resident and its department's staff, nobody else", () => {
  assert.equal(canReadApplicationDocuments(actor("resident", "owner"), application), true);
  assert.equal(canReadApplicationDocuments(actor("resident", "someone-else"), application), false);
  assert.equal(canReadApplicationDocuments(actor("staff", "clerk", ["ward-counter"]), application), true);
  assert.equal(canReadApplicationDocuments(actor("staff", "other", ["welfare"]), application), false);
  assert.equal(canReadApplicationDocuments(null, application), false);
  // A staff account never reads as "the owner", even with the same id.
  assert.equal(canReadApplicationDocuments(actor("staff", "owner", []), application), false);
});

test("forms are managed by staff of their department only; others get a 404", () => {
  assert.equal(isDepartmentStaff(actor("staff", "clerk", ["ward-counter"]), "ward-counter"), true);
  assert.equal(isDepartmentStaff(actor("resident", "clerk"), "ward-counter"), false);
  assert.throws(() => managedFormOrNotFound(actor("staff", "other", ["welfare"]), { departmentCode: "ward-counter" }), { code: "not_found" });
  assert.throws(() => managedFormOrNotFound(actor("staff", "clerk", ["ward-counter"]), null), { code: "not_found" });
});

test("verification codes: 16 Crockford characters, typed forms normalised", () => {
  const code = newVerificationCode();
  assert.match(code, /^[0-9A-HJKMNP-TV-Z]{16}$/);
  assert.equal(normalizeVerificationCode("abcd-efgh-jkmn-pqrs"), "ABCDEFGHJKMNPQRS");
  assert.equal(normalizeVerificationCode("ＡＢＣＤ ＥＦＧＨ－ＪＫＭＮ ＰＱＲＳ"), "ABCDEFGHJKMNPQRS");
  assert.equal(normalizeVerificationCode("oooo-iiii-llll-0000"), "0000111111110000");
  assert.equal(normalizeVerificationCode("ABCD-EFGH-JKMN-PQR"), null);
  assert.equal(normalizeVerificationCode("UUUU-UUUU-UUUU-UUUU"), null);
});

test("the demo record is about the requester or, for an agent, the person named", () => {
  const base = { id: "a", reference: "R", userId: "u", departmentCode: "d", departmentName: { ja: "d" }, applicantName: "代理 人", status: "approved", submittedAt: new Date(), procedureSlug: "residence-certificate", procedureTitle: { ja: "t" } };
  const self = residenceRecordFrom({ ...base, answers: RESIDENCE_ANSWERS });
  assert.deepEqual(self.record, { name: "大阪 花子", furigana: "オオサカ ハナコ", birthDate: "1990-04-01", address: "大阪市北区天神橋3丁目9-99 天神橋ハイツ501", householder: "大阪 花子" });
  const agent = residenceRecordFrom({
    ...base,
    answers: { ...RESIDENCE_ANSWERS, requester_type: "agent", certificate_type: "removed_record", include_items: [], subject_name: { family: "吉田", given: "健一" }, subject_address: { postalCode: "5320024", address: "大阪市淀川区十三本町2丁目99-9" } },
  });
  assert.equal(agent.type, "removed_record");
  assert.equal(agent.record.name, "吉田 健一");
  assert.equal(agent.record.address, "大阪市淀川区十三本町2丁目99-9");
  assert.equal(agent.record.householder, null);
});
