import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { queryRows } from "../../../core/db/database.ts";
import { createTestDatabase, type TestDatabase } from "../../../testing/database.ts";
import { circleMeetsPolygon, distanceMetres, nearestWard, wardsTouching, type LatLon } from "./geo.ts";

let db: TestDatabase;
before(async () => {
  db = await createTestDatabase();
});
after(async () => {
  await db.drop();
});

test("haversine: one degree of latitude is about 111 km, in JS and in SQL", async () => {
  assert.ok(Math.abs(distanceMetres(34.7, 135.5, 35.7, 135.5) - 111_195) < 10);
  const [row] = await queryRows<{ d: number }>(db.db, sql`SELECT notify_distance_m(34.7, 135.5, 35.7, 135.5) AS d`);
  assert.ok(Math.abs(row!.d - 111_195) < 10);
});

test("circle meets polygon: the SQL function and the JS function agree on 300 random cases", async () => {
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const polygon: LatLon[] = [[34.68, 135.48], [34.72, 135.49], [34.71, 135.53], [34.69, 135.52], [34.70, 135.50]];
  const cases = Array.from({ length: 300 }, () => ({ lat: 34.65 + random() * 0.1, lon: 135.45 + random() * 0.11, r: Math.round(random() * 2000) }));
  const rows = await queryRows<{ hit: boolean }>(db.db, sql`
    SELECT notify_circle_meets_polygon(c.lat, c.lon, c.r, ${sql.param(polygon.map((p) => p[0]))}::float8[], ${sql.param(polygon.map((p) => p[1]))}::float8[]) AS hit
    FROM unnest(${sql.param(cases.map((c) => c.lat))}::float8[], ${sql.param(cases.map((c) => c.lon))}::float8[], ${sql.param(cases.map((c) => c.r))}::float8[]) WITH ORDINALITY AS c(lat, lon, r, n)
    ORDER BY c.n`);
  const js = cases.map((c) => circleMeetsPolygon(c.lat, c.lon, c.r, polygon));
  assert.deepEqual(rows.map((r) => r.hit), js);
  assert.ok(js.some(Boolean) && js.some((hit) => !hit), "both outcomes occur");
  assert.equal(circleMeetsPolygon(34.70, 135.505, 0, polygon), true, "a point inside");
  assert.equal(circleMeetsPolygon(34.60, 135.40, 100, polygon), false, "far away");
});

test("a point belongs to its nearest ward; a circle touches the wards it reaches", () => {
  assert.equal(nearestWard(34.7025, 135.4959).code, "271276", "Osaka Station is in Kita Ward");
  assert.equal(nearestWard(34.6454, 135.5133).code, "271195", "Abenobashi is in Abeno Ward");
  assert.deepEqual(wardsTouching({ circle: { lat: 34.7060, lon: 135.5100, radiusM: 10 } }), ["271276"]);
  assert.ok(wardsTouching({ circle: { lat: 34.69, lon: 135.50, radiusM: 20_000 } }).length === 24);
});
