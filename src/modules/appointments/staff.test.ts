/**
 * The ward office side: only the office's own staff see its bookings and queue (staff of another
 * ward get 403 on its pages and "not found" for its check-in codes), check-in by QR token gives a
 * 整理券 number, walk-ins get numbers too, calling shows on the public display, and day exceptions
 * change what residents can book. Every staff action is audited.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { queryRows } from "../../core/db/database.ts";
import type { Actor } from "../../core/http/actor.ts";
import { createTestApp, type TestApp } from "../../testing/app.ts";
import { Browser, createStaff, signInStaff, signUpResident } from "../identity/testing.ts";
import { bookForResident } from "./commands/book-for-resident.ts";
import { setDayException } from "./commands/set-day-exception.ts";
import { findCounterForService, findOffice, findService } from "./queries.ts";
import { bookableDay, seedDemoOffices } from "./testing.ts";
import { addDays, tokyoDay, tokyoInstant } from "./tokyo.ts";

let app: TestApp;
let kita: Browser;
let yodogawa: Browser;
let kitaStaff: Actor;
let checkInCode: string;

before(async () => {
  app = await createTestApp();
  await seedDemoOffices(app);
  const kitaAccount = await createStaff(app, { roles: [{ departmentCode: "ward-kita", role: "clerk" }] });
  const yodoAccount = await createStaff(app, { roles: [{ departmentCode: "ward-yodogawa", role: "clerk" }] });
  kita = await signInStaff(app, kitaAccount.email, kitaAccount.password);
  yodogawa = await signInStaff(app, yodoAccount.email, yodoAccount.password);
  kitaStaff = { id: kitaAccount.id, kind: "staff", email: kitaAccount.email, displayName: "天満 職員", roles: [{ departmentCode: "ward-kita", role: "clerk" }], sessionTokenHash: "" };

  // A booking for today at 23:00, whatever day of the week it is: staff open the evening first.
  const today = tokyoDay(new Date());
  const office = (await findOffice(app.deps.db, "kita"))!;
  const service = (await findService(app.deps.db, "residence-certificate"))!;
  const counter = (await findCounterForService(app.deps.db, "kita", "residence-certificate"))!;
  await setDayException({ db: app.deps.db, actor: kitaStaff, officeCode: "kita", counterId: counter.id, day: today, exception: { day: today, closed: false, opens: "22:00", closes: "23:30", capacity: null, note: { ja: "", en: "" } } });
  const resident = await signUpResident(app);
  const actor: Actor = { id: resident.userId, kind: "resident", email: resident.email, displayName: "大阪 花子", roles: [], sessionTokenHash: "" };
  const { booking } = await bookForResident({ db: app.deps.db, actor, office, service, counter, startsAt: tokyoInstant(today, "23:00"), locale: "ja", source: "resident", now: tokyoInstant(today, "00:00") });
  checkInCode = booking.checkinToken;
});
after(async () => {
  await app.stop();
});

test("staff of another ward, residents and anonymous people cannot use an office's pages", async () => {
  for (const path of ["/staff/appointments/kita", "/staff/appointments/kita/queue", "/staff/appointments/kita/exceptions"]) {
    assert.equal((await yodogawa.get(path)).statusCode, 403, `yodogawa staff on ${path}`);
  }
  assert.equal((await yodogawa.post("/staff/appointments/kita/check-in", { token: checkInCode })).statusCode, 403);
  assert.equal((await yodogawa.post("/staff/appointments/kita/queue/call", { counter: "00000000-0000-0000-0000-000000000000" })).statusCode, 403);
  // …and kita's check-in code at their own office finds nothing.
  const own = await yodogawa.post("/staff/appointments/yodogawa/check-in", { token: checkInCode });
  assert.equal(own.statusCode, 404);
  assert.match(own.body, /この区役所の予約に、その受付コードはありません/);
  const home = await yodogawa.get("/staff/appointments");
  assert.ok(home.body.includes("/staff/appointments/yodogawa") && !home.body.includes("/staff/appointments/kita\""));

  const resident = await signUpResident(app);
  assert.equal((await resident.browser.get("/staff/appointments/kita")).statusCode, 403);
  const anonymous = await new Browser(app).get("/staff/appointments/kita");
  assert.equal(anonymous.statusCode, 303);
});

test("check-in by the QR token (typed loosely) gives a 整理券 number; the day table lists the booking", async () => {
  const typed = checkInCode.toLowerCase().replace(/-/g, " ");
  const response = await kita.post("/staff/appointments/kita/check-in", { token: typed });
  assert.equal(response.statusCode, 303);
  assert.match(response.headers.location as string, /notice=checkedIn&ticket=A-001$/);
  const page = await kita.get(response.headers.location as string);
  assert.match(page.body, /受付しました。整理券番号は A-001 です。/);
  assert.match(page.body, /受付済み/);
  const again = await kita.post("/staff/appointments/kita/check-in", { token: checkInCode });
  assert.match(again.headers.location as string, /notice=alreadyCheckedIn&ticket=A-001$/);
  const bad = await kita.post("/staff/appointments/kita/check-in", { token: "xyz" });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /受付コードは12文字の英数字で入力してください/);
  const [audit] = await queryRows<{ n: number }>(app.deps.db, sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'appointments.checked_in' AND department_code = 'ward-kita'`);
  assert.equal(audit!.n, 1);
});

test("整理券: walk-ins get the next number; calling shows on the public display, which refreshes itself", async () => {
  const queue = await kita.get("/staff/appointments/kita/queue");
  assert.equal(queue.statusCode, 200);
  const counterId = /name="counter" value="([0-9a-f-]{36})"/.exec(queue.body)![1]!;
  const issued = await kita.post("/staff/appointments/kita/queue/issue", { counter: counterId });
  assert.match(issued.headers.location as string, /notice=issued&ticket=A-002$/);
  const called = await kita.post("/staff/appointments/kita/queue/call", { counter: counterId });
  assert.match(called.headers.location as string, /notice=called&ticket=A-001$/);

  const display = await new Browser(app).get("/queue/kita");
  assert.equal(display.statusCode, 200);
  assert.equal(display.headers.refresh, "15");
  assert.match(display.body, /お呼び出し中の番号/);
  assert.match(display.body, /<span class="queue-display__number">A-001<\/span>/);
  assert.match(display.body, /お待ちの方 1人/);
  const still = await new Browser(app).get("/queue/kita?refresh=off");
  assert.equal(still.headers.refresh, undefined);

  await kita.post("/staff/appointments/kita/queue/call", { counter: counterId });
  const none = await kita.post("/staff/appointments/kita/queue/call", { counter: counterId });
  assert.match(none.headers.location as string, /notice=nobodyWaiting$/);
  const [served] = await queryRows<{ n: number }>(app.deps.db, sql`SELECT count(*)::int AS n FROM appt_queue_tickets WHERE office_code = 'kita' AND status = 'served'`);
  assert.equal(served!.n, 2);
});

test("day exceptions: every error at once; closing a day removes it from booking; removing restores it", async () => {
  const page = await kita.get("/staff/appointments/kita/exceptions");
  assert.equal(page.statusCode, 200);
  const counterId = /<option value="([0-9a-f-]{36})"/.exec(page.body)![1]!;
  const invalid = await kita.post("/staff/appointments/kita/exceptions", { counter: counterId, day: "2026-02-30", mode: "open", opens: "9時", closes: "08:00", capacity: "" });
  assert.equal(invalid.statusCode, 422);
  assert.match(invalid.body, /error-summary/);

  const { day } = await bookableDay(app, { minDaysAhead: 4 });
  const saved = await kita.post("/staff/appointments/kita/exceptions", { counter: counterId, day, mode: "closed", noteJa: "システム更新のため", noteEn: "" });
  assert.equal(saved.statusCode, 303);
  assert.match(saved.headers.location as string, /notice=exceptionSaved&n=0/);
  const closed = JSON.parse((await app.http.inject({ url: `/api/appointments/slots?office=kita&service=residence-certificate&date=${day}` })).body) as { open: boolean; closedReason: string; slots: unknown[] };
  assert.deepEqual([closed.open, closed.closedReason, closed.slots.length], [false, "exception", 0]);
  const list = await kita.get("/staff/appointments/kita/exceptions");
  assert.match(list.body, /システム更新のため/);

  const removed = await kita.post("/staff/appointments/kita/exceptions/remove", { counter: counterId, day });
  assert.equal(removed.statusCode, 303);
  const open = JSON.parse((await app.http.inject({ url: `/api/appointments/slots?office=kita&service=residence-certificate&date=${day}` })).body) as { open: boolean };
  assert.equal(open.open, true);

  const saturday = [1, 2, 3, 4, 5, 6, 7].map((n) => addDays(day, n)).find((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 6)!;
  await kita.post("/staff/appointments/kita/exceptions", { counter: counterId, day: saturday, mode: "open", opens: "１０:００", closes: "12:00", capacity: "5" });
  const opened = JSON.parse((await app.http.inject({ url: `/api/appointments/slots?office=kita&service=residence-certificate&date=${saturday}` })).body) as { open: boolean; slots: Array<{ capacity: number }> };
  assert.equal(opened.open, true);
  assert.equal(opened.slots.length, 8);
  assert.ok(opened.slots.every((s) => s.capacity === 5));
  const [audit] = await queryRows<{ n: number }>(app.deps.db, sql`SELECT count(*)::int AS n FROM audit_log WHERE action LIKE 'appointments.exception_%'`);
  assert.ok(audit!.n >= 4);
});
