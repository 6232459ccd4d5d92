import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import iconv from "iconv-lite";
import { sql } from "drizzle-orm";
import { queryRows } from "../../core/db/database.ts";
import { createTestApp, type TestApp } from "../../testing/app.ts";
import { createStaff, signInStaff, type Browser } from "../identity/testing.ts";
import { createCase, createResident, seedOrganisation, WARD } from "../procedures/staff/testing.ts";
import { isShiftJisMappable, REPLACEMENT_CHARACTER, ShiftJisEncoder, toShiftJisText } from "./shift-jis.ts";

test("CP932 keeps NEC and IBM extensions, maps JIS/Microsoft variants and replaces the rest with 〓", () => {
  for (const char of ["①", "⑳", "㈱", "№", "Ⅰ", "髙", "﨑", "ｱ", "ア", "漢", "～", "－", "―"]) assert.ok(isShiftJisMappable(char), char);
  for (const char of ["𠮷", "🙂", "é", "™", "€", "〜", "−", "¥"]) assert.equal(isShiftJisMappable(char), false, char);
  assert.deepEqual(toShiftJisText("吉田 ①号室"), { text: "吉田 ①号室", replaced: 0 });
  assert.deepEqual(toShiftJisText("10〜12時 −5 ‖ ¥100 — ¢£¬ ‾"), { text: "10～12時 －5 ∥ ￥100 ― ￠￡￢ ￣", replaced: 0 });
  assert.deepEqual(toShiftJisText("𠮷野家で🙂 Café™"), { text: "〓野家で〓 Caf〓〓", replaced: 4 });
  const encoder = new ShiftJisEncoder();
  const bytes = Buffer.concat([encoder.encode("受付番号,申請者\r\n"), encoder.encode("A1,𠮷田 ①\r\n")]);
  assert.equal(encoder.replaced, 1);
  assert.equal(iconv.decode(bytes, "shift_jis"), `受付番号,申請者\r\nA1,${REPLACEMENT_CHARACTER}田 ①\r\n`);
  assert.deepEqual([...iconv.encode("①", "shift_jis")], [0x87, 0x40], "① is CP932 0x8740");
});

let app: TestApp;
let staff: Browser;

before(async () => {
  app = await createTestApp();
  const { wardProcedure } = await seedOrganisation(app.deps.db);
  const residentId = await createResident(app.deps.db);
  await createCase(app.deps.db, { userId: residentId, procedureId: wardProcedure, reference: "SJ0001", applicantName: "𠮷田 太郎", submittedAt: "2026-01-02T00:00:00Z" });
  await createCase(app.deps.db, { userId: residentId, procedureId: wardProcedure, reference: "SJ0002", applicantName: "髙橋 ①子〜", submittedAt: "2026-01-01T00:00:00Z" });
  const clerk = await createStaff(app, { roles: [{ departmentCode: WARD, role: "clerk" }] });
  staff = await signInStaff(app, clerk.email, clerk.password);
});
after(async () => {
  await app.stop();
});

test("GET /staff/cases.csv?encoding=shift_jis is the UTF-8 export in CP932, with unmappable characters replaced and counted", async () => {
  const utf8 = await staff.get(`/staff/cases.csv?department=${WARD}`);
  const sjis = await staff.get(`/staff/cases.csv?department=${WARD}&encoding=shift_jis`);
  assert.equal(sjis.statusCode, 200);
  assert.equal(sjis.headers["content-type"], "text/csv; charset=Shift_JIS");
  const bytes = sjis.rawPayload;
  assert.notDeepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], "no byte-order mark in Shift_JIS");
  const decoded = iconv.decode(bytes, "shift_jis");
  const expected = utf8.body.replace(/^\uFEFF/, "").replace("𠮷", "〓").replace("〜", "～");
  assert.equal(decoded, expected);
  assert.match(decoded, /^受付番号,手続き,申請者,状態/);
  assert.match(decoded, /〓田 太郎/);
  assert.match(decoded, /髙橋 ①子～/);
  assert.equal(sjis.trailers["machi-unmappable-characters"], "1");
  const [audit] = await queryRows<{ data: Record<string, unknown> }>(app.deps.db, sql`SELECT data FROM audit_log WHERE action = 'applications.exported' ORDER BY seq DESC LIMIT 1`);
  assert.equal(audit!.data.encoding, "shift_jis");
  assert.equal(audit!.data.unmappableCharacters, 1);
  assert.equal(audit!.data.rows, 2);
});
