/**
 * The capacity guarantee under load: 200 signed-in residents send their booking for the last
 * two places of a slot at the same moment, over real HTTP (the app listening on a port, each
 * request on its own connection, PostgreSQL doing the arbitration). Exactly two succeed; every
 * other one gets a clear 409 満席; the slot row and the bookings agree.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import { queryRows } from "../../core/db/database.ts";
import { createTestApp, type TestApp } from "../../testing/app.ts";
import { createSession } from "../identity/sessions.ts";
import { bookableDay, seedDemoOffices } from "./testing.ts";

const CLIENTS = 200;
let app: TestApp;
let baseUrl: string;

before(async () => {
  app = await createTestApp();
  await seedDemoOffices(app);
  await app.http.listen({ port: 0, host: "127.0.0.1" });
  baseUrl = `http://127.0.0.1:${(app.http.server.address() as AddressInfo).port}`;
});
after(async () => {
  await app.stop();
});

type Client = { cookie: string; csrf: string };

/** A signed-in resident with the CSRF cookie and token a browser would have after loading a page. */
async function residentClient(i: number): Promise<Client> {
  const [user] = await queryRows<{ id: string }>(
    app.deps.db,
    sql`INSERT INTO users (kind, email, family_name, given_name, family_kana, given_kana) VALUES ('resident', ${`race${i}-${Date.now()}@example.jp`}, '大阪', '花子', 'オオサカ', 'ハナコ') RETURNING id`,
  );
  const session = await createSession(app.deps.db, { id: user!.id, kind: "resident" });
  const sessionCookie = `machi_session=${app.http.signCookie(session.token)}`;
  const page = await fetch(`${baseUrl}/appointments`, { headers: { cookie: sessionCookie } });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  const csrfCookie = page.headers.getSetCookie().map((c) => c.split(";")[0]!).find((c) => c.startsWith("machi_csrf="))!;
  return { cookie: `${sessionCookie}; ${csrfCookie}`, csrf };
}

test(`${CLIENTS} parallel bookings for the last 2 places: exactly 2 succeed, the rest get 409 満席`, async () => {
  const { slots } = await bookableDay(app, { minDaysAhead: 3 });
  const slot = slots[0]!;
  assert.equal(slot.capacity, 3);
  const clients: Client[] = [];
  for (let i = 0; i < CLIENTS + 1; i += 20) clients.push(...(await Promise.all(Array.from({ length: Math.min(20, CLIENTS + 1 - i) }, (_, j) => residentClient(i + j)))));

  const book = (client: Client) =>
    fetch(`${baseUrl}/api/appointments/bookings`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: client.cookie, "x-csrf-token": client.csrf, origin: baseUrl },
      body: JSON.stringify({ service: "residence-certificate", slot: slot.id }),
    });
  const first = await book(clients[0]!);
  assert.equal(first.status, 201, await first.text());

  const responses = await Promise.all(clients.slice(1).map(async (client) => {
    const response = await book(client);
    return { status: response.status, body: (await response.json()) as { error?: string; message?: string; status?: string } };
  }));
  const statuses = new Map<number, number>();
  for (const r of responses) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
  assert.deepEqual(Object.fromEntries(statuses), { 201: 2, 409: CLIENTS - 2 });
  for (const r of responses.filter((r) => r.status === 409)) assert.deepEqual(r.body, { error: "appointments.slot_full", message: "満席です。別の時間を選んでください。" });

  const [row] = await queryRows<{ booked: number; capacity: number; bookings: number }>(app.deps.db, sql`
    SELECT s.booked, s.capacity, (SELECT count(*)::int FROM appt_bookings b WHERE b.counter_id = s.counter_id AND b.starts_at = s.starts_at AND b.status = 'confirmed') AS bookings
    FROM appt_slots s WHERE s.starts_at = ${slot.startsAt}::timestamptz AND s.counter_id = ${slot.id.split(".")[0]}::uuid`);
  assert.deepEqual(row, { booked: 3, capacity: 3, bookings: 3 });
});
