/**
 * Shelters: the real designated sites imported from the shared fixtures, the public pages (no JS,
 * small), and staff updates from a phone with optimistic concurrency.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sql } from "drizzle-orm";
import { queryRows } from "../../core/db/database.ts";
import { Browser } from "../identity/testing.ts";
import { fixtureShelterFile, importSheltersFile } from "./commands/import-shelters.ts";
import { fillDemoShelterState } from "./queries.ts";
import { createDisasterTestApp, signedInStaff, type DisasterTestApp } from "./testing/app.ts";
import { WARDS } from "./wards.ts";

let app: DisasterTestApp;
before(async () => {
  app = await createDisasterTestApp();
});
after(async () => app?.stop());

describe("designated shelters", () => {
  it("imports 875 指定避難所 and 3,088 指定緊急避難場所, idempotently", async () => {
    const evacuation = await importSheltersFile(app.deps.db, "evacuation", fixtureShelterFile("evacuation"));
    const emergency = await importSheltersFile(app.deps.db, "emergency", fixtureShelterFile("emergency"));
    assert.deepEqual(evacuation, { read: 875, imported: 875, inserted: 875, skipped: 0 });
    assert.deepEqual(emergency, { read: 3088, imported: 3088, inserted: 3088, skipped: 0 });
    const again = await importSheltersFile(app.deps.db, "evacuation", fixtureShelterFile("evacuation"));
    assert.equal(again.inserted, 0);
    const rows = await queryRows<{ kind: string; n: number; unknown_ward: number; tsunami: number }>(app.deps.db, sql`
      SELECT kind, count(*)::int AS n, count(*) FILTER (WHERE ward_code IS NULL)::int AS unknown_ward,
        count(*) FILTER (WHERE 'tsunami' = ANY(hazards))::int AS tsunami FROM disaster_shelters GROUP BY kind ORDER BY kind`);
    assert.equal(rows.find((r) => r.kind === "evacuation")!.n, 875);
    assert.equal(rows.find((r) => r.kind === "emergency")!.n, 3088);
    assert.equal(rows.find((r) => r.kind === "evacuation")!.unknown_ward, 0);
    assert.ok(rows.find((r) => r.kind === "emergency")!.tsunami > 0);
    assert.ok((await fillDemoShelterState(app.deps.db)) > 0);
  });

  it("serves a public list that works without JavaScript and stays under 100 KB for every ward", async () => {
    const visitor = new Browser(app);
    const home = await visitor.get("/shelters");
    assert.equal(home.statusCode, 200);
    assert.doesNotMatch(home.body, /<script/);
    assert.ok(Buffer.byteLength(home.body) < 100 * 1024, `index ${Buffer.byteLength(home.body)} bytes`);
    let largest = 0;
    for (const ward of WARDS) {
      const page = await visitor.get(`/shelters?ward=${ward.code}`);
      assert.equal(page.statusCode, 200);
      largest = Math.max(largest, Buffer.byteLength(page.body));
      assert.doesNotMatch(page.body, /<script/);
    }
    assert.ok(largest < 100 * 1024, `largest ward page ${largest} bytes`);
    const kita = await visitor.get("/shelters?ward=271276&kind=evacuation");
    const first = /href="(\/shelters\/[0-9a-f-]{36})"/.exec(kita.body)![1]!;
    const detail = await visitor.get(first);
    assert.equal(detail.statusCode, 200);
    assert.match(detail.body, /北区/);
    assert.match(detail.body, /デモ用の値/);
    const tsunami = await visitor.get("/shelters?hazard=tsunami&ward=271071");
    assert.match(tsunami.body, /件/);
    const geo = await app.http.inject({ url: "/shelters.geojson?kind=evacuation" });
    assert.equal(geo.json().features.length, 875);
    const map = await visitor.get("/shelters/map");
    assert.match(map.body, /<script type="module" src="\/static\/disaster\/map.js"><\/script>/);
    assert.equal((await app.http.inject({ url: "/vendor/maplibre-gl/maplibre-gl.mjs" })).statusCode, 200);
    assert.equal((await app.http.inject({ url: "/vendor/maplibre-gl/package.json" })).statusCode, 404);
  });

  it("lets staff open a shelter from a phone; a stale form is a conflict that keeps what was typed", async () => {
    const staff = (await signedInStaff(app, "welfare-clerk")).browser;
    const [shelter] = await queryRows<{ id: string }>(app.deps.db, sql`SELECT id FROM disaster_shelters WHERE kind = 'evacuation' AND ward_code = '271276' ORDER BY name LIMIT 1`);
    const url = `/staff/disaster/shelters/${shelter!.id}`;
    const page = await staff.get(url);
    const revision = /name="revision" value="(\d+)"/.exec(page.body)![1]!;
    const bad = await staff.post(url, { revision, status: "open", occupancy: "たくさん", capacity: "" });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /避難者数を0以上の数字で入力してください/);
    const saved = await staff.post(url, { revision, status: "open", occupancy: "１２０", capacity: "300", "supply.water": "low", access: ["wheelchair", "pets"] });
    assert.equal(saved.statusCode, 303, saved.body.slice(0, 500));
    const stale = await staff.post(url, { revision, status: "full", occupancy: "300", capacity: "300" });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /value="300"/);
    const publicPage = await new Browser(app).get(`/shelters/${shelter!.id}`);
    assert.match(publicPage.body, /開設中/);
    assert.match(publicPage.body, /120人／定員300人/);
    assert.match(publicPage.body, /ペット同行可/);
    assert.doesNotMatch(publicPage.body, /デモ用の値/);
    const open = await new Browser(app).get("/shelters?open=1");
    assert.match(open.body, /1件/);
    const [chron] = await queryRows<{ type: string }>(app.deps.db, sql`SELECT type FROM disaster_chronology WHERE type = 'shelter.updated'`);
    assert.ok(chron);
  });
});
