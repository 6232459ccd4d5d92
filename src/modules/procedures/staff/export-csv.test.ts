import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { verifyAuditChain } from "../../../core/audit/audit.ts";
import { queryRows } from "../../../core/db/database.ts";
import { todayInJapan } from "../../../core/text/wareki.ts";
import { createStaff, signInStaff, type Browser } from "../../identity/testing.ts";
import { streamApplicationsCsv } from "./export-csv.ts";
import { createCase, createResident, createStaffTestApp, seedOrganisation, WARD, WELFARE, type StaffTestApp } from "./testing.ts";

const HEADER = "受付番号,手続き,申請者,状態,担当者,受付日時,更新日時\r\n";
const BULK = 2345;

let app: StaffTestApp;
let ward: Browser;
let wardStaffId: string;

before(async () => {
  app = await createStaffTestApp();
  const { wardProcedure, welfareProcedure } = await seedOrganisation(app.deps.db);
  const residentId = await createResident(app.deps.db);
  const staff = await createStaff(app, { roles: [{ departmentCode: WARD, role: "clerk" }], familyName: "天満", givenName: "さくら" });
  wardStaffId = staff.id;
  ward = await signInStaff(app, staff.email, staff.password);
  await createCase(app.deps.db, {
    userId: residentId,
    procedureId: wardProcedure,
    reference: "CSV0001",
    applicantName: "大阪 花子",
    status: "reviewing",
    assigneeId: staff.id,
    submittedAt: "2026-01-01T00:30:00Z",
  });
  await createCase(app.deps.db, { userId: residentId, procedureId: wardProcedure, reference: "CSV0002", applicantName: '=HYPERLINK("x"),"山田"', submittedAt: "2026-02-01T15:05:00Z" });
  await createCase(app.deps.db, { userId: residentId, procedureId: welfareProcedure, reference: "WEL0001" });
  // Many welfare cases sharing three instants a microsecond apart: the keyset must break ties by id.
  await app.deps.db.execute(sql`
    WITH v AS (SELECT current_version_id AS id FROM procedures WHERE id = ${welfareProcedure}::uuid),
    d AS (
      INSERT INTO drafts (user_id, procedure_version_id, submitted_at)
      SELECT ${residentId}::uuid, v.id, now() FROM generate_series(1, ${BULK}), v
      RETURNING id
    ),
    n AS (SELECT id, row_number() OVER (ORDER BY id) AS i FROM d)
    INSERT INTO applications (reference, draft_id, user_id, procedure_id, procedure_version_id, department_code, applicant_name, answers, status, submitted_at)
    SELECT 'BULK' || lpad(n.i::text, 6, '0'), n.id, ${residentId}::uuid, ${welfareProcedure}::uuid, v.id, 'welfare', '市民 ' || n.i, '{}'::jsonb, 'received',
      '2025-12-01T00:00:00Z'::timestamptz + make_interval(secs => (n.i % 3) / 1000000.0)
    FROM n, v`);
});
after(async () => {
  await app.stop();
});

test("GET /staff/cases.csv streams the department's cases for Excel: BOM, CRLF, Japanese header, JST times", async () => {
  const response = await ward.get(`/staff/cases.csv?department=${WARD}`);
  assert.equal(response.statusCode, 200);
  assert.equal(response.headers["content-type"], "text/csv; charset=utf-8");
  assert.equal(response.headers["content-disposition"], `attachment; filename="cases-${WARD}-${todayInJapan()}.csv"`);
  const bytes = response.rawPayload;
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const text = bytes.toString("utf8");
  assert.ok(text.startsWith(`\uFEFF${HEADER}`));
  assert.equal(text.replace(/\r\n/g, "").includes("\n"), false);
  const lines = text.slice(1).split("\r\n");
  assert.equal(lines.at(-1), "");
  assert.deepEqual(lines.slice(1, -1), [
    `CSV0002,住民票の写しの交付請求,"'=HYPERLINK(""x""),""山田""",受付,,2026/02/02 00:05,2026/02/02 00:05`,
    "CSV0001,住民票の写しの交付請求,大阪 花子,審査中,天満 さくら,2026/01/01 09:30,2026/01/01 09:30",
  ]);
  assert.doesNotMatch(text, /WEL0001|BULK/);
});

test("the CSV follows the inbox filters and the export is audited without personal data", async () => {
  const response = await ward.get(`/staff/cases.csv?status=reviewing&q=${encodeURIComponent("大阪")}`);
  assert.equal(response.statusCode, 200);
  const lines = response.body.slice(1).split("\r\n");
  assert.equal(lines.length, 3);
  assert.match(lines[1]!, /^CSV0001,/);

  const [audit] = await queryRows<{ action: string; actorLabel: string; departmentCode: string; data: Record<string, unknown> }>(
    app.deps.db,
    sql`SELECT action, actor_label AS "actorLabel", department_code AS "departmentCode", data FROM audit_log ORDER BY seq DESC LIMIT 1`,
  );
  assert.equal(audit!.action, "applications.exported");
  assert.equal(audit!.actorLabel, `staff:${wardStaffId}`);
  assert.equal(audit!.departmentCode, WARD);
  assert.deepEqual(audit!.data, {
    filter: { department: WARD, status: "reviewing", procedureId: null, assignee: null, search: true },
    rows: 1,
    format: "csv",
  });
  assert.equal(JSON.stringify(audit!.data).includes("大阪"), false);
  assert.equal((await verifyAuditChain(app.deps.db)).ok, true);
});

test("streamApplicationsCsv walks thousands of rows page by page, each once, newest first, ties broken by id", async () => {
  const chunks: string[] = [];
  const progress: number[] = [];
  const rows = await streamApplicationsCsv({
    db: app.deps.db,
    departmentCodes: [WELFARE],
    write: async (chunk) => {
      chunks.push(chunk);
    },
    onProgress: (count) => progress.push(count),
  });
  assert.equal(rows, BULK + 1);
  assert.deepEqual(progress, [1000, 2000, BULK + 1]);
  assert.equal(chunks[0], HEADER);
  const references = chunks
    .slice(1)
    .join("")
    .split("\r\n")
    .filter(Boolean)
    .map((line) => line.split(",")[0]);
  assert.equal(references.length, BULK + 1);
  assert.equal(new Set(references).size, BULK + 1);
  const expected = await queryRows<{ reference: string }>(
    app.deps.db,
    sql`SELECT reference FROM applications WHERE department_code = 'welfare' ORDER BY submitted_at DESC, id DESC`,
  );
  assert.deepEqual(references, expected.map((r) => r.reference));
});

test("streamApplicationsCsv: null means every department (operator CLI), an empty list none, and bom: true writes the BOM", async () => {
  let all = "";
  const everything = await streamApplicationsCsv({ db: app.deps.db, departmentCodes: null, write: (chunk) => void (all += chunk) });
  assert.equal(everything, BULK + 3);
  assert.match(all, /CSV0001/);
  assert.match(all, /WEL0001/);
  assert.ok(!all.startsWith("\uFEFF"));

  let none = "";
  assert.equal(await streamApplicationsCsv({ db: app.deps.db, departmentCodes: [], write: (chunk) => void (none += chunk), bom: true }), 0);
  assert.equal(none, `\uFEFF${HEADER}`);
});

test("a large export streams through HTTP completely (backpressure), and only the department's rows", async () => {
  const staff = await createStaff(app, { roles: [{ departmentCode: WELFARE, role: "clerk" }] });
  const welfare = await signInStaff(app, staff.email, staff.password);
  const response = await welfare.get("/staff/cases.csv");
  assert.equal(response.statusCode, 200);
  const lines = response.body.slice(1).split("\r\n");
  assert.equal(lines[0] + "\r\n", HEADER);
  assert.equal(lines.length, BULK + 3); // header, rows, trailing ""
  assert.doesNotMatch(response.body, /CSV000/);
});
