import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import SwaggerParser from "@apidevtools/swagger-parser";
import { missingTranslations } from "../i18n/index.ts";
import { createTestApp, type TestApp } from "../../testing/app.ts";
import { listMigrations } from "../db/migrate.ts";

let app: TestApp;
before(async () => {
  app = await createTestApp();
});
after(async () => {
  await app.stop();
});

test("GET /healthz reports the database and the migration version", async () => {
  const response = await app.http.inject({ method: "GET", url: "/healthz" });
  assert.equal(response.statusCode, 200);
  const body = response.json();
  assert.equal(body.status, "ok");
  assert.deepEqual(body.database, { reachable: true, kind: "postgres" });
  assert.equal(body.migration.current, listMigrations().at(-1)?.version);
});

test("GET /openapi.json is a valid OpenAPI 3 document describing every JSON endpoint", async () => {
  const response = await app.http.inject({ method: "GET", url: "/openapi.json" });
  assert.equal(response.statusCode, 200);
  const doc = response.json();
  assert.match(doc.openapi, /^3\./);
  await SwaggerParser.validate(structuredClone(doc));
  assert.ok(doc.paths["/healthz"].get);
  assert.ok(doc.paths["/api/procedures"]?.get, "the catalogue API is described");
  // Every route answering JSON under /api is described.
  const routes = app.http.printRoutes({ commonPrefix: false });
  for (const match of routes.matchAll(/(\/api\/[^\s(]*)/g)) {
    const path = match[1]!.replace(/:(\w+)/g, "{$1}");
    assert.ok(doc.paths[path], `${path} is in /openapi.json`);
  }
});

test("every message has an English translation", () => {
  assert.deepEqual(missingTranslations("en"), []);
});

test("pages carry a strict Content-Security-Policy and lang=ja by default", async () => {
  const response = await app.http.inject({ method: "GET", url: "/" });
  assert.equal(response.statusCode, 200);
  assert.match(response.body, /<html lang="ja">/);
  const csp = String(response.headers["content-security-policy"]);
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /script-src 'self'/);
  assert.doesNotMatch(csp, /unsafe-inline/);
});

test("unknown pages answer 404 in the visitor's language", async () => {
  const ja = await app.http.inject({ method: "GET", url: "/no-such-page" });
  assert.equal(ja.statusCode, 404);
  assert.match(ja.body, /お探しのページは見つかりませんでした/);
  const en = await app.http.inject({ method: "GET", url: "/no-such-page?lang=en" });
  assert.match(en.body, /We could not find that page/);
});

test("a form post without a CSRF token is refused", async () => {
  const response = await app.http.inject({ method: "POST", url: "/auth/sign-out", payload: "x=1", headers: { "content-type": "application/x-www-form-urlencoded" } });
  assert.equal(response.statusCode, 403);
});
