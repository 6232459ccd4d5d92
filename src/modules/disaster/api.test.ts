/**
 * The JSON API of lifeline operators and national systems: own keys (hashed, scoped, revocable),
 * outages and recoveries, CAP 1.2 in, OpenAPI description.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { sql } from "drizzle-orm";
import { queryRows } from "../../core/db/database.ts";
import { createApiKey } from "./commands/api-keys.ts";
import { createDisasterTestApp, signedInStaff, type DisasterTestApp } from "./testing/app.ts";
import { DISASTER_FIXTURES } from "./testing/fixtures.ts";

let app: DisasterTestApp;
let electricity = "";
let national = "";
before(async () => {
  app = await createDisasterTestApp();
  electricity = (await createApiKey({ db: app.deps.db, actor: null, label: "関西電力送配電", scope: "electricity" })).key;
  national = (await createApiKey({ db: app.deps.db, actor: null, label: "内閣府（テスト）", scope: "national" })).key;
});
after(async () => app?.stop());

const post = (url: string, key: string | null, payload: unknown, contentType = "application/json") =>
  app.http.inject({ method: "POST", url, payload: typeof payload === "string" ? payload : JSON.stringify(payload), headers: { "content-type": contentType, ...(key ? { authorization: `Bearer ${key}` } : {}) } });

describe("lifeline API", () => {
  it("refuses missing and wrong keys (401) and keys of another lifeline (403)", async () => {
    const body = { externalId: "out-1", wards: ["271276"] };
    assert.equal((await post("/api/disaster/lifelines/electricity/outages", null, body)).statusCode, 401);
    assert.equal((await post("/api/disaster/lifelines/electricity/outages", "mdk_wrongwrongwrongwrong", body)).statusCode, 401);
    const other = await post("/api/disaster/lifelines/gas/outages", electricity, body);
    assert.equal(other.statusCode, 403);
    assert.equal((await post("/api/disaster/lifelines/electricity/outages", national, body)).statusCode, 403);
    const keys = await queryRows<{ key_hash: string }>(app.deps.db, sql`SELECT key_hash FROM disaster_api_keys`);
    assert.ok(keys.every((k) => !k.key_hash.includes("mdk_") && k.key_hash.length === 64), "only hashes are stored");
  });

  it("records an outage, updates it, and records the recovery; bad input is refused", async () => {
    const created = await post("/api/disaster/lifelines/electricity/outages", electricity, {
      externalId: "KEPCO-2026-001", wards: ["271276", "271284"], description: "北区・中央区の一部で停電", households: 1200,
      geometry: { type: "Polygon", coordinates: [[[135.49, 34.70], [135.51, 34.70], [135.51, 34.71], [135.49, 34.70]]] },
    });
    assert.equal(created.statusCode, 201, created.body);
    assert.equal(created.json().households, 1200);
    const updated = await post("/api/disaster/lifelines/electricity/outages", electricity, { externalId: "KEPCO-2026-001", wards: ["271276"], households: 800 });
    assert.equal(updated.statusCode, 200);
    assert.equal((await post("/api/disaster/lifelines/electricity/outages", electricity, { externalId: "x", wards: ["131016"] })).statusCode, 422);
    assert.equal((await post("/api/disaster/lifelines/electricity/outages", electricity, { externalId: "x", wards: [] })).statusCode, 422);
    const recovered = await post("/api/disaster/lifelines/electricity/outages/KEPCO-2026-001/recovery", electricity, {});
    assert.equal(recovered.statusCode, 200);
    assert.ok(recovered.json().recoveredAt);
    assert.equal((await post("/api/disaster/lifelines/electricity/outages/unknown/recovery", electricity, {})).statusCode, 404);
    const chron = await queryRows<{ type: string }>(app.deps.db, sql`SELECT type FROM disaster_chronology WHERE type LIKE 'lifeline.%' ORDER BY id`);
    assert.deepEqual(chron.map((c) => c.type), ["lifeline.outage", "lifeline.updated", "lifeline.recovered"]);
  });

  it("revokes keys from the settings page (危機管理室) and shows a new key once", async () => {
    const crisis = (await signedInStaff(app, "crisis")).browser;
    await crisis.get("/staff/disaster/settings");
    const created = await crisis.post("/staff/disaster/api-keys", { label: "大阪ガスネットワーク", scope: "gas" });
    assert.equal(created.statusCode, 201);
    const key = /<code class="api-key">([^<]+)<\/code>/.exec(created.body)![1]!;
    assert.equal((await post("/api/disaster/lifelines/gas/outages", key, { externalId: "g-1", wards: ["271021"] })).statusCode, 201);
    const settings = await crisis.get("/staff/disaster/settings");
    assert.ok(!settings.body.includes(key), "the key is never shown again");
    const revoke = [...settings.body.matchAll(/action="(\/staff\/disaster\/api-keys\/[^"]+\/revoke)"/g)].map((m) => m[1]!);
    for (const action of revoke) await crisis.post(action, {});
    assert.equal((await post("/api/disaster/lifelines/gas/outages", key, { externalId: "g-2", wards: ["271021"] })).statusCode, 401);
    const clerk = (await signedInStaff(app, "welfare-clerk")).browser;
    await clerk.get("/staff/disaster/settings");
    assert.equal((await clerk.post("/staff/disaster/api-keys", { label: "x", scope: "gas" })).statusCode, 403);
  });
});

describe("CAP 1.2 in", () => {
  it("accepts a valid alert once, refuses an invalid one with every problem, and needs a national key", async () => {
    const valid = readFileSync(path.join(DISASTER_FIXTURES, "cap", "valid", "de.xml"), "utf8");
    const invalid = readFileSync(path.join(DISASTER_FIXTURES, "cap", "invalid", "bz_invalid_schema.xml"), "utf8");
    const fresh = await createApiKey({ db: app.deps.db, actor: null, label: "national-2", scope: "national" });
    assert.equal((await post("/api/disaster/cap", fresh.key, valid, "application/cap+xml")).statusCode, 201);
    const again = await post("/api/disaster/cap", fresh.key, valid, "application/cap+xml");
    assert.equal(again.statusCode, 200);
    assert.equal(again.json().created, false);
    const refused = await post("/api/disaster/cap", fresh.key, invalid, "application/cap+xml");
    assert.equal(refused.statusCode, 422);
    assert.ok(refused.json().details.problems.length > 0);
    const xxe = await post("/api/disaster/cap", fresh.key, `<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><alert>&x;</alert>`, "application/xml");
    assert.equal(xxe.statusCode, 422);
    const electricityKey = (await createApiKey({ db: app.deps.db, actor: null, label: "e-2", scope: "electricity" })).key;
    assert.equal((await post("/api/disaster/cap", electricityKey, valid, "application/cap+xml")).statusCode, 403);
  });

  it("drafts an alert for a CAP alert that names an Osaka City ward", async () => {
    const cap = `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>JP-TEST-0001</identifier><sender>test@example.go.jp</sender><sent>2026-11-26T10:00:00+09:00</sent>
<status>Actual</status><msgType>Alert</msgType><scope>Public</scope><info><language>ja-JP</language><category>Met</category><event>高潮警報</event>
<urgency>Expected</urgency><severity>Severe</severity><certainty>Likely</certainty><headline>高潮警報（此花区）</headline>
<area><areaDesc>大阪市此花区</areaDesc><geocode><valueName>LGCode</valueName><value>271047</value></geocode></area></info></alert>`;
    const key = (await createApiKey({ db: app.deps.db, actor: null, label: "national-3", scope: "national" })).key;
    const response = await post("/api/disaster/cap", key, cap, "application/cap+xml");
    assert.equal(response.statusCode, 201, response.body);
    assert.deepEqual(response.json().wards, ["271047"]);
    const drafts = await queryRows<{ kind: string; wards: string[] }>(app.deps.db, sql`SELECT kind, wards FROM disaster_alerts WHERE kind = 'cap' AND status = 'draft'`);
    assert.deepEqual(drafts, [{ kind: "cap", wards: ["271047"] }]);
  });

  it("is described in /openapi.json under the disaster tag", async () => {
    const doc = (await app.http.inject({ url: "/openapi.json" })).json();
    for (const p of ["/api/disaster/lifelines/{lifeline}/outages", "/api/disaster/lifelines/{lifeline}/outages/{externalId}/recovery", "/api/disaster/cap"]) {
      assert.ok(doc.paths[p]?.post?.tags?.includes("disaster"), p);
    }
  });
});
