import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { queryRows } from "../../core/db/database.ts";
import { createTestApp, type TestApp } from "../../testing/app.ts";
import { createStaff, signInStaff, type Browser } from "../identity/testing.ts";
import { seedOrganisation, WARD, WELFARE } from "../procedures/staff/testing.ts";
import { getToken, registerApiClient, shownSecret, signInManager } from "./testing.ts";

let app: TestApp;
let manager: Browser;
let client: { clientId: string; clientSecret: string };

const ALL = [`applications:read:${WELFARE}`, `applications:write:${WELFARE}`];

function basic(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString("base64")}`;
}

function tokenRequest(fields: Record<string, string>, headers: Record<string, string> = {}) {
  return app.http.inject({
    method: "POST",
    url: "/oauth/token",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    payload: new URLSearchParams(fields).toString(),
  });
}

before(async () => {
  app = await createTestApp();
  await seedOrganisation(app.deps.db);
  manager = (await signInManager(app, [WELFARE])).browser;
  client = await registerApiClient(manager, { name: "介護保険システム", scopes: ALL });
});
after(async () => {
  await app.stop();
});

test("a manager registers a client; the secret is shown once and only its hash is stored", async () => {
  assert.match(client.clientId, /^mc_[0-9a-f]{24}$/);
  assert.match(client.clientSecret, /^mcs_[A-Za-z0-9_-]{43}$/);
  const [row] = await queryRows<{ hash: string; scopes: string[]; departments: string[] }>(
    app.deps.db,
    sql`SELECT secret_hash AS hash, scopes, department_codes AS departments FROM oauth_clients WHERE client_id = ${client.clientId}`,
  );
  assert.notEqual(row!.hash, client.clientSecret);
  assert.deepEqual(row!.scopes, ALL);
  assert.deepEqual(row!.departments, [WELFARE]);
  const page = await manager.get(`/staff/integrations/clients/${client.clientId}`);
  assert.equal(page.statusCode, 200);
  assert.doesNotMatch(page.body, new RegExp(client.clientSecret), "the detail page never shows the secret");
  assert.match(page.body, /applications:write:welfare/);
  const [audit] = await queryRows<{ label: string }>(app.deps.db, sql`SELECT actor_label AS label FROM audit_log WHERE action = 'oauth.client_registered' AND object_id = ${client.clientId}`);
  assert.match(audit!.label, /^staff:/);
});

test("POST /oauth/token issues a bearer token to HTTP Basic or body credentials", async () => {
  const response = await tokenRequest({ grant_type: "client_credentials" }, { authorization: basic(client.clientId, client.clientSecret) });
  assert.equal(response.statusCode, 200, response.body);
  assert.equal(response.headers["cache-control"], "no-store");
  assert.equal(response.headers.pragma, "no-cache");
  const body = response.json();
  assert.match(body.access_token, /^mat_[A-Za-z0-9_-]{43}$/);
  assert.equal(body.token_type, "Bearer");
  assert.equal(body.expires_in, 3600);
  assert.deepEqual(body.scope.split(" ").sort(), [...ALL].sort());

  const inBody = await tokenRequest({ grant_type: "client_credentials", client_id: client.clientId, client_secret: client.clientSecret });
  assert.equal(inBody.statusCode, 200, inBody.body);
  const stored = await queryRows<{ hash: string }>(app.deps.db, sql`SELECT token_hash AS hash FROM oauth_tokens WHERE client_id = ${client.clientId}`);
  assert.ok(stored.every((row) => row.hash !== body.access_token && /^[0-9a-f]{64}$/.test(row.hash)), "only token hashes are stored");
  const api = await app.http.inject({ url: "/api/v1/applications", headers: { authorization: `Bearer ${body.access_token}` } });
  assert.equal(api.statusCode, 200);
});

test("a wrong secret, an unknown client or missing credentials are 401 invalid_client", async () => {
  const wrong = await tokenRequest({ grant_type: "client_credentials" }, { authorization: basic(client.clientId, `${client.clientSecret}x`) });
  assert.equal(wrong.statusCode, 401);
  assert.deepEqual(wrong.json(), { error: "invalid_client", error_description: "Client authentication failed." });
  assert.equal(wrong.headers["www-authenticate"], 'Basic realm="machi"');
  const unknown = await tokenRequest({ grant_type: "client_credentials", client_id: "mc_000000000000000000000000", client_secret: client.clientSecret });
  assert.equal(unknown.statusCode, 401);
  assert.equal(unknown.json().error, "invalid_client");
  const none = await tokenRequest({ grant_type: "client_credentials" });
  assert.equal(none.statusCode, 401);
  assert.equal(none.json().error, "invalid_client");
});

test("bad requests get the RFC 6749 error codes", async () => {
  const auth = { authorization: basic(client.clientId, client.clientSecret) };
  const password = await tokenRequest({ grant_type: "password", username: "x", password: "y" }, auth);
  assert.equal(password.statusCode, 400);
  assert.equal(password.json().error, "unsupported_grant_type");
  const missing = await tokenRequest({}, auth);
  assert.equal(missing.statusCode, 400);
  assert.equal(missing.json().error, "invalid_request");
  const both = await tokenRequest({ grant_type: "client_credentials", client_secret: client.clientSecret }, auth);
  assert.equal(both.json().error, "invalid_request");
  const twice = await app.http.inject({
    method: "POST",
    url: "/oauth/token",
    headers: { "content-type": "application/x-www-form-urlencoded", ...auth },
    payload: "grant_type=client_credentials&grant_type=client_credentials",
  });
  assert.equal(twice.statusCode, 400);
  assert.equal(twice.json().error, "invalid_request");
  const json = await app.http.inject({ method: "POST", url: "/oauth/token", headers: auth, payload: { grant_type: "client_credentials" } });
  assert.equal(json.statusCode, 400);
  assert.equal(json.json().error, "invalid_request");
  const text = await app.http.inject({ method: "POST", url: "/oauth/token", headers: { ...auth, "content-type": "text/plain" }, payload: "grant_type=client_credentials" });
  assert.equal(text.statusCode, 400);
  assert.equal(text.json().error, "invalid_request");
});

test("scope narrows the token; a scope the client does not have is invalid_scope", async () => {
  const read = `applications:read:${WELFARE}`;
  const narrow = await tokenRequest({ grant_type: "client_credentials", scope: read }, { authorization: basic(client.clientId, client.clientSecret) });
  assert.equal(narrow.statusCode, 200);
  assert.equal(narrow.json().scope, read);
  const [row] = await queryRows<{ scopes: string[] }>(app.deps.db, sql`SELECT scopes FROM oauth_tokens ORDER BY created_at DESC LIMIT 1`);
  assert.deepEqual(row!.scopes, [read]);
  const wider = await tokenRequest({ grant_type: "client_credentials", scope: `${read} applications:read:${WARD}` }, { authorization: basic(client.clientId, client.clientSecret) });
  assert.equal(wider.statusCode, 400);
  assert.equal(wider.json().error, "invalid_scope");
  const nonsense = await tokenRequest({ grant_type: "client_credentials", scope: "admin" }, { authorization: basic(client.clientId, client.clientSecret) });
  assert.equal(nonsense.json().error, "invalid_scope");
});

test("a new secret ends the old secret and its tokens; a revoked client gets nothing", async () => {
  const other = await registerApiClient(manager, { name: "福祉システム", scopes: [`applications:read:${WELFARE}`] });
  const token = await getToken(app, other);
  const rotated = await manager.post(`/staff/integrations/clients/${other.clientId}/rotate-secret`);
  assert.equal(rotated.statusCode, 200);
  const newSecret = shownSecret(rotated.body);
  assert.equal((await app.http.inject({ url: "/api/v1/applications", headers: { authorization: `Bearer ${token}` } })).statusCode, 401);
  assert.equal((await tokenRequest({ grant_type: "client_credentials" }, { authorization: basic(other.clientId, other.clientSecret) })).statusCode, 401);
  const fresh = await getToken(app, { clientId: other.clientId, clientSecret: newSecret });

  const revoked = await manager.post(`/staff/integrations/clients/${other.clientId}/revoke`);
  assert.equal(revoked.statusCode, 303);
  const api = await app.http.inject({ url: "/api/v1/applications", headers: { authorization: `Bearer ${fresh}` } });
  assert.equal(api.statusCode, 401);
  assert.match(String(api.headers["www-authenticate"]), /error="invalid_token"/);
  const again = await tokenRequest({ grant_type: "client_credentials" }, { authorization: basic(other.clientId, newSecret) });
  assert.equal(again.statusCode, 401);
  assert.equal(again.json().error, "invalid_client");
});

test("only managers register clients, only with scopes of their own departments; others' clients are 404", async () => {
  const wardManager = (await signInManager(app, [WARD])).browser;
  assert.equal((await wardManager.get(`/staff/integrations/clients/${client.clientId}`)).statusCode, 404);
  assert.equal((await wardManager.post(`/staff/integrations/clients/${client.clientId}/revoke`)).statusCode, 404);
  await wardManager.get("/staff/integrations/clients/new");
  const refused = await wardManager.post("/staff/integrations/clients", { name: "", scopes: `applications:write:${WELFARE}` });
  assert.equal(refused.statusCode, 422);
  assert.match(refused.body, /名前を入力してください/);
  assert.match(refused.body, /権限を1つ以上選んでください/);
  const clerk = await createStaff(app, { roles: [{ departmentCode: WELFARE, role: "clerk" }] });
  const clerkBrowser = await signInStaff(app, clerk.email, clerk.password);
  await clerkBrowser.get("/auth/sign-in");
  assert.equal((await clerkBrowser.post("/staff/integrations/clients", { name: "x", scopes: `applications:read:${WELFARE}` })).statusCode, 403);
});

test("the token endpoint is rate-limited per address", async () => {
  let limited = 0;
  for (let i = 0; i < 35; i++) {
    const response = await app.http.inject({
      method: "POST",
      url: "/oauth/token",
      remoteAddress: "10.9.9.9",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "grant_type=client_credentials&client_id=mc_000000000000000000000000&client_secret=x",
    });
    if (response.statusCode === 429) {
      limited++;
      assert.equal(response.json().error, "invalid_request");
    }
  }
  assert.ok(limited >= 5, `refused ${limited} of 35 requests`);
});
