import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import SwaggerParser from "@apidevtools/swagger-parser";
import { sql } from "drizzle-orm";
import { verifyAuditChain } from "../../core/audit/audit.ts";
import { queryRows } from "../../core/db/database.ts";
import { MAIL_TOPIC } from "../../core/mail/queue.ts";
import { createTestApp, type TestApp } from "../../testing/app.ts";
import { signUpResident, type SignedInResident } from "../identity/testing.ts";
import { createCase, createFile, seedOrganisation, WARD, WELFARE } from "../procedures/staff/testing.ts";
import { eventsOfApplication } from "./queries.ts";
import { getToken, registerApiClient, signInManager } from "./testing.ts";

let app: TestApp;
let resident: SignedInResident;
let readWrite = "";
let readOnly = "";
let clientId = "";
const welfare: Array<{ id: string; reference: string }> = [];
let ward: { id: string; reference: string };
let file: { fileId: string; name: string; size: number };
let wardFile: { fileId: string };

function api(method: "GET" | "POST", url: string, token: string, payload?: Record<string, unknown>) {
  return app.http.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });
}

before(async () => {
  app = await createTestApp();
  const { wardProcedure, welfareProcedure } = await seedOrganisation(app.deps.db);
  resident = await signUpResident(app);
  file = await createFile(app.deps.db, resident.userId, "介護保険証.pdf");
  wardFile = await createFile(app.deps.db, resident.userId, "住民票.pdf");
  const answers = (fileAnswer: typeof file) => ({
    full_name: { family: "大阪", given: "花子" },
    phone: "0612345678",
    id_doc: { ...fileAnswer, kind: "pdf" as const },
    purpose: "要介護認定の申請",
  });
  for (let i = 1; i <= 3; i++) {
    welfare.push(
      await createCase(app.deps.db, {
        userId: resident.userId,
        procedureId: welfareProcedure,
        reference: `API000${i}`,
        answers: answers(file),
        submittedAt: `2026-11-0${i}T01:00:00Z`,
      }),
    );
  }
  ward = await createCase(app.deps.db, { userId: resident.userId, procedureId: wardProcedure, reference: "APIW001", answers: answers({ ...wardFile, name: "住民票.pdf", size: 10 }), submittedAt: "2026-11-02T00:00:00Z" });
  const manager = (await signInManager(app, [WELFARE])).browser;
  const client = await registerApiClient(manager, { name: "介護保険システム", scopes: [`applications:read:${WELFARE}`, `applications:write:${WELFARE}`] });
  clientId = client.clientId;
  readWrite = await getToken(app, client);
  readOnly = await getToken(app, client, `applications:read:${WELFARE}`);
});
after(async () => {
  await app.stop();
});

test("GET /api/v1/applications pulls the department's applications page by page with a cursor", async () => {
  const first = await api("GET", "/api/v1/applications?limit=2", readOnly);
  assert.equal(first.statusCode, 200, first.body);
  const page1 = first.json();
  assert.deepEqual(page1.items.map((a: { reference: string }) => a.reference), ["API0001", "API0002"]);
  assert.equal(page1.hasMore, true);
  const a = page1.items[0];
  assert.equal(a.departmentCode, WELFARE);
  assert.equal(a.procedure, "care-certification");
  assert.equal(a.procedureTitle.ja, "要介護・要支援認定の申請");
  assert.equal(a.status, "received");
  assert.equal(a.revision, 1);
  assert.equal(a.submittedAt, "2026-11-01T01:00:00.000Z");
  assert.equal(a.url, `http://localhost:3000/api/v1/applications/${welfare[0]!.id}`);

  const page2 = (await api("GET", `/api/v1/applications?limit=2&cursor=${page1.nextCursor}`, readOnly)).json();
  assert.deepEqual(page2.items.map((x: { reference: string }) => x.reference), ["API0003"]);
  assert.equal(page2.hasMore, false);
  const page3 = (await api("GET", `/api/v1/applications?limit=2&cursor=${page2.nextCursor}`, readOnly)).json();
  assert.deepEqual(page3.items, []);
  assert.equal(page3.nextCursor, page2.nextCursor, "an empty page keeps the position for the next poll");

  const since = (await api("GET", `/api/v1/applications?since=${encodeURIComponent("2026-11-02T09:00:00+09:00")}`, readOnly)).json();
  assert.deepEqual(since.items.map((x: { reference: string }) => x.reference), ["API0002", "API0003"]);
  const byStatus = (await api("GET", "/api/v1/applications?status=approved", readOnly)).json();
  assert.deepEqual(byStatus.items, []);
  const own = await api("GET", `/api/v1/applications?department=${WELFARE}`, readOnly);
  assert.equal(own.json().items.length, 3);

  assert.equal((await api("GET", `/api/v1/applications?department=${WARD}`, readOnly)).statusCode, 404, "a department outside the scopes");
  assert.equal((await api("GET", "/api/v1/applications?cursor=nonsense", readOnly)).statusCode, 422);
  assert.equal((await api("GET", "/api/v1/applications?since=yesterday", readOnly)).statusCode, 422);
  assert.equal((await api("GET", "/api/v1/applications?limit=1000", readOnly)).statusCode, 422);
});

test("GET /api/v1/applications/:id gives answers, file metadata and the timeline; files download; other departments are 404", async () => {
  const response = await api("GET", `/api/v1/applications/${welfare[0]!.id}`, readOnly);
  assert.equal(response.statusCode, 200, response.body);
  const a = response.json();
  assert.equal(a.reference, "API0001");
  assert.equal(a.applicantName, "大阪 花子");
  assert.deepEqual(a.answers.full_name, { family: "大阪", given: "花子" });
  assert.equal(a.files.length, 1);
  assert.equal(a.files[0].id, file.fileId);
  assert.equal(a.files[0].questionId, "id_doc");
  assert.equal(a.files[0].name, "介護保険証.pdf");
  assert.match(a.files[0].sha256, /^[0-9a-f]{64}$/);
  assert.equal(a.correction, null);
  assert.deepEqual(a.timeline.map((e: { type: string }) => e.type), ["submitted"]);

  const download = await api("GET", a.files[0].url.replace("http://localhost:3000", ""), readOnly);
  assert.equal(download.statusCode, 200);
  assert.equal(download.headers["content-type"], "application/pdf");
  assert.equal(download.rawPayload.length, file.size);
  assert.match(String(download.headers["content-disposition"]), /filename\*=UTF-8''%E4%BB%8B/);

  // Guessing ids: another department's application, or its file through ours, is not found.
  assert.equal((await api("GET", `/api/v1/applications/${ward.id}`, readWrite)).statusCode, 404);
  assert.equal((await api("GET", `/api/v1/applications/${ward.id}/files/${wardFile.fileId}`, readWrite)).statusCode, 404);
  assert.equal((await api("GET", `/api/v1/applications/${welfare[0]!.id}/files/${wardFile.fileId}`, readWrite)).statusCode, 404);
  assert.equal((await api("GET", "/api/v1/applications/00000000-0000-4000-8000-000000000000", readWrite)).statusCode, 404);
  assert.equal((await api("GET", "/api/v1/applications/not-a-uuid", readWrite)).statusCode, 404);

  const audit = await queryRows<{ action: string; label: string }>(app.deps.db, sql`SELECT action, actor_label AS label FROM audit_log WHERE actor_label LIKE 'client:%' ORDER BY seq`);
  assert.ok(audit.some((r) => r.action === "api.application_read" && r.label === `client:${clientId}`));
  assert.ok(audit.some((r) => r.action === "api.file_downloaded"));
  assert.ok(audit.some((r) => r.action === "api.applications_listed"));
});

test("POST /api/v1/applications/:id/status changes the status like staff: timeline, e-mail, audit, event", async () => {
  const id = welfare[0]!.id;
  const response = await api("POST", `/api/v1/applications/${id}/status`, readWrite, { status: "reviewing", reason: "書類を確認しています", revision: 1 });
  assert.equal(response.statusCode, 200, response.body);
  assert.deepEqual(response.json(), { id, fromStatus: "received", status: "reviewing", revision: 2 });

  // The resident's timeline shows it, with the message.
  const page = await resident.browser.get(`/my/applications/${id}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /審査を開始しました/);
  assert.match(page.body, /担当部署からの連絡：書類を確認しています/);
  // The e-mail is queued, the audit names the client, the event says a client did it.
  const [mail] = await queryRows<{ to: string }>(app.deps.db, sql`SELECT payload->>'to' AS to FROM outbox WHERE topic = ${MAIL_TOPIC} AND idempotency_key = ${`mail:status:${id}:2`}`);
  assert.equal(mail?.to, resident.email);
  const [audit] = await queryRows<{ label: string; actorId: string | null; data: Record<string, unknown> }>(
    app.deps.db,
    sql`SELECT actor_label AS label, actor_id AS "actorId", data FROM audit_log WHERE action = 'application.status_changed' AND object_id = ${id}`,
  );
  assert.equal(audit!.label, `client:${clientId}`);
  assert.equal(audit!.actorId, null);
  assert.deepEqual(audit!.data, { from: "received", to: "reviewing", revision: 2, reasonGiven: true, clientId });
  const [event] = await eventsOfApplication(app.deps.db, id);
  assert.equal(event!.data.actor, "client");
  assert.equal(event!.data.clientId, clientId);
  assert.equal((await verifyAuditChain(app.deps.db)).ok, true);

  const detail = (await api("GET", `/api/v1/applications/${id}`, readWrite)).json();
  assert.equal(detail.status, "reviewing");
  assert.deepEqual(detail.timeline.at(-1), { at: detail.timeline.at(-1).at, type: "status_changed", fromStatus: "received", toStatus: "reviewing", message: "書類を確認しています" });

  const approved = await api("POST", `/api/v1/applications/${id}/status`, readWrite, { status: "approved", revision: 2 });
  assert.equal(approved.statusCode, 200);
  const after = (await api("GET", `/api/v1/applications/${id}`, readWrite)).json();
  assert.ok(after.decidedAt);
  const [decided] = await queryRows<{ n: number }>(app.deps.db, sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'application.decided' AND actor_label = ${`client:${clientId}`}`);
  assert.equal(decided!.n, 1);
});

test("status changes follow the staff rules: stale revisions 409, moves the machine forbids and missing reasons 422", async () => {
  const id = welfare[1]!.id;
  const stale = await api("POST", `/api/v1/applications/${id}/status`, readWrite, { status: "reviewing", revision: 7 });
  assert.equal(stale.statusCode, 409);
  assert.equal(stale.json().error, "staff.stale_revision");
  const jump = await api("POST", `/api/v1/applications/${id}/status`, readWrite, { status: "approved" });
  assert.equal(jump.statusCode, 422);
  assert.equal(jump.json().error, "staff.transition_not_allowed");
  assert.deepEqual(jump.json().details, { field: "to", from: "received", to: "approved" });
  const rejectWithoutReason = await api("POST", `/api/v1/applications/${id}/status`, readWrite, { status: "rejected" });
  assert.equal(rejectWithoutReason.statusCode, 422);
  assert.equal(rejectWithoutReason.json().error, "staff.reason_required");
  const unknownStatus = await api("POST", `/api/v1/applications/${id}/status`, readWrite, { status: "withdrawn" });
  assert.equal(unknownStatus.statusCode, 422, "the API offers only the staff form's moves");
  const nothing = (await api("GET", `/api/v1/applications/${id}`, readWrite)).json();
  assert.equal(nothing.status, "received");
  assert.equal(nothing.revision, 1, "nothing was written");
});

test("scopes are enforced per department: read-only is 403 insufficient_scope, another department 404", async () => {
  const id = welfare[2]!.id;
  const readOnlyChange = await api("POST", `/api/v1/applications/${id}/status`, readOnly, { status: "reviewing" });
  assert.equal(readOnlyChange.statusCode, 403);
  assert.equal(readOnlyChange.json().error, "insufficient_scope");
  assert.match(String(readOnlyChange.headers["www-authenticate"]), /error="insufficient_scope", scope="applications:write:welfare"/);
  const otherDepartment = await api("POST", `/api/v1/applications/${ward.id}/status`, readWrite, { status: "reviewing" });
  assert.equal(otherDepartment.statusCode, 404);
  assert.equal(otherDepartment.json().error, "application.not_found");
  const [row] = await queryRows<{ status: string }>(app.deps.db, sql`SELECT status FROM applications WHERE id = ${ward.id}::uuid`);
  assert.equal(row!.status, "received");
});

test("requests without a valid bearer token are 401 with WWW-Authenticate", async () => {
  const none = await app.http.inject({ url: "/api/v1/applications" });
  assert.equal(none.statusCode, 401);
  assert.equal(none.headers["www-authenticate"], 'Bearer realm="machi"');
  const garbage = await api("GET", "/api/v1/applications", "mat_not-a-real-token");
  assert.equal(garbage.statusCode, 401);
  assert.match(String(garbage.headers["www-authenticate"]), /error="invalid_token"/);
  const expiring = await getToken({ http: app.http, deps: app.deps }, { clientId, clientSecret: "" }).catch(() => null);
  assert.equal(expiring, null, "no token without the secret");
  await app.deps.db.execute(sql`UPDATE oauth_tokens SET expires_at = now() - interval '1 second' WHERE client_id = ${clientId}`);
  assert.equal((await api("GET", "/api/v1/applications", readOnly)).statusCode, 401, "an expired token");
  // A signed-in session cookie is no way into the API.
  const staffCookie = await app.http.inject({ url: "/api/v1/applications", headers: resident.headers() });
  assert.equal(staffCookie.statusCode, 401);
});

test("/openapi.json describes the back-office API, its security schemes and the webhook, and is valid", async () => {
  const doc = (await app.http.inject({ url: "/openapi.json" })).json();
  await SwaggerParser.validate(structuredClone(doc));
  const operations = [
    doc.paths["/oauth/token"]?.post,
    doc.paths["/api/v1/applications"]?.get,
    doc.paths["/api/v1/applications/{id}"]?.get,
    doc.paths["/api/v1/applications/{id}/status"]?.post,
    doc.paths["/api/v1/applications/{id}/files/{fileId}"]?.get,
  ];
  for (const operation of operations) assert.deepEqual(operation?.tags, ["back-office"]);
  for (const operation of operations.slice(1)) assert.deepEqual(operation.security, [{ backOfficeBearer: [] }]);
  assert.ok(doc.paths["/oauth/token"].post.requestBody.content["application/x-www-form-urlencoded"]);
  assert.deepEqual(doc.components.securitySchemes.backOfficeBearer, { type: "http", scheme: "bearer", description: doc.components.securitySchemes.backOfficeBearer.description });
  assert.equal(doc.components.securitySchemes.backOfficeOAuth.flows.clientCredentials.tokenUrl, "http://localhost:3000/oauth/token");
  const webhook = doc.webhooks.applicationEvent.post;
  assert.deepEqual(webhook.parameters.map((p: { name: string }) => p.name), ["webhook-id", "webhook-timestamp", "webhook-signature"]);
  assert.ok(webhook.requestBody.content["application/json"].schema.properties.data);
});
