/**
 * 来庁予約 end to end over the app's HTTP interface and a REAL SMTP exchange (local smtp-server):
 * booking without an account (details → e-mailed code → confirmed → confirmation e-mail with an
 * .ics file → booking page with QR code), changing, cancelling, the reminder job, a signed-in
 * resident's booking without a code, and the JSON API.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import ICAL from "ical.js";
import { sql } from "drizzle-orm";
import { queryRows } from "../../core/db/database.ts";
import { createTestApp, type TestApp } from "../../testing/app.ts";
import { Browser, firstLink, signUpResident, startSmtpSink, uniqueEmail, type SmtpSink } from "../identity/testing.ts";
import { reminderTime } from "./commands/booking-effects.ts";
import { reminderHandler } from "./jobs/booking-mail.ts";
import { bookableDay, codeIn, seedDemoOffices } from "./testing.ts";
import { tokyoDay, tokyoTime } from "./tokyo.ts";

let smtp: SmtpSink;
let app: TestApp;
before(async () => {
  smtp = await startSmtpSink();
  app = await createTestApp({ env: { SMTP_URL: smtp.url, WORKERS: "true" } });
  await seedDemoOffices(app);
});
after(async () => {
  await app.stop();
  await smtp.close();
});

function unescape(html: string): string {
  return html.replace(/&amp;/g, "&");
}

async function pickSlotThroughPages(browser: Browser): Promise<{ service: string; slot: string; dayPath: string }> {
  const offices = await browser.get("/appointments");
  assert.equal(offices.statusCode, 200);
  assert.match(offices.body, /href="\/appointments\/kita">北区役所</);
  const services = await browser.get("/appointments/kita");
  assert.match(services.body, /href="\/appointments\/kita\/residence-certificate"/);
  const { day } = await bookableDay(app);
  const calendar = await browser.get(`/appointments/kita/residence-certificate?month=${day.slice(0, 7)}`);
  assert.equal(calendar.statusCode, 200);
  assert.match(calendar.body, /<table class="cal">/);
  assert.ok(calendar.body.includes(`href="/appointments/kita/residence-certificate/${day}"`), "the bookable day is a link");
  const dayPage = await browser.get(`/appointments/kita/residence-certificate/${day}`);
  assert.match(dayPage.body, /空きあり（残り3人）/);
  const link = unescape(/href="(\/appointments\/book\?[^"]+)"/.exec(dayPage.body)![1]!);
  const params = new URL(link, "http://x").searchParams;
  return { service: params.get("service")!, slot: params.get("slot")!, dayPath: `/appointments/kita/residence-certificate/${day}` };
}

test("without an account: details with every error at once, the code by e-mail, confirmation with .ics, QR page", async () => {
  const browser = new Browser(app);
  const { service, slot } = await pickSlotThroughPages(browser);
  const details = await browser.get(`/appointments/book?service=${service}&slot=${encodeURIComponent(slot)}`);
  assert.equal(details.statusCode, 200);
  assert.match(details.body, /<label class="field__label" for="email">メールアドレス<\/label>/);

  const invalid = await browser.post("/appointments/book", { service, slot, name: "", email: "not-an-address", phone: "123" });
  assert.equal(invalid.statusCode, 422);
  assert.match(invalid.body, /<title>エラー: /);
  for (const field of ["name", "email", "phone"]) assert.ok(invalid.body.includes(`<a href="#${field}">`), `error summary links to ${field}`);
  assert.match(invalid.body, /value="not-an-address"/, "what was typed is kept");

  const email = uniqueEmail("walkin");
  const since = smtp.messages.length;
  const started = await browser.post("/appointments/book", { service, slot, name: "大阪　花子", email: email.toUpperCase().replace("@", "＠"), phone: "０６-１２３４-５６７８" });
  assert.equal(started.statusCode, 303);
  const verifyPath = started.headers.location as string;
  assert.match(verifyPath, /^\/appointments\/verify\/[A-Za-z0-9_-]{43}$/);
  const codeMail = await smtp.waitFor(email, { since, subject: /確認コード/ });
  const code = codeIn(codeMail.text ?? "");
  assert.match(codeMail.text ?? "", /有効期限は10分/);

  // Nothing is booked before the code: the slot still has 3 places.
  const [use] = await queryRows<{ booked: number }>(app.deps.db, sql`SELECT coalesce(sum(booked), 0)::int AS booked FROM appt_slots`);
  assert.equal(use!.booked, 0);

  const page = await browser.get(verifyPath);
  assert.match(page.body, new RegExp(`${email.replace(/[.]/g, "\\.")} に6桁の確認コードを送りました`));
  const wrong = await browser.post(verifyPath, { code: code === "000000" ? "111111" : "000000" });
  assert.equal(wrong.statusCode, 422);
  assert.match(wrong.body, /確認コードが違います.*あと4回/);

  const confirmed = await browser.post(verifyPath, { code: code.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))) });
  assert.equal(confirmed.statusCode, 303);
  const managePath = confirmed.headers.location as string;
  assert.match(managePath, /^\/appointments\/manage\/[A-Za-z0-9_-]{43}\?done=1$/);
  const done = await browser.get(managePath);
  assert.equal(done.statusCode, 200);
  assert.match(done.body, /予約が確定しました/);
  assert.match(done.body, /<img src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+" width="200" height="200" alt="受付用QRコード（受付コード [0-9A-Z-]{14}）">/);
  assert.match(done.body, /大阪 花子/, "full-width space normalised");
  const checkIn = /受付コード <strong class="checkin-code">([0-9A-Z-]{14})<\/strong>/.exec(done.body)![1]!;

  const mail = await smtp.waitFor(email, { since, subject: /来庁予約が確定しました/ });
  assert.match(mail.text ?? "", new RegExp(`受付コード: ${checkIn}`));
  const manageLink = firstLink(mail.text ?? "");
  assert.match(manageLink, /^http:\/\/localhost:3000\/appointments\/manage\/[A-Za-z0-9_-]{43}$/);
  const ics = mail.attachments.find((a) => a.filename === "appointment.ics");
  assert.ok(ics, "the confirmation carries an .ics file");
  assert.match(ics.contentType, /^text\/calendar/);
  const calendar = new ICAL.Component(ICAL.parse(ics.content.toString("utf8")));
  const event = new ICAL.Event(calendar.getFirstSubcomponent("vevent")!);
  const [row] = await queryRows<{ startsAt: Date; reference: string }>(app.deps.db, sql`SELECT starts_at AS "startsAt", reference FROM appt_bookings WHERE lower(email) = ${email}`);
  assert.equal(event.startDate.toJSDate().getTime(), new Date(row!.startsAt).getTime());
  assert.match(event.summary, /住民票の写し.*北区役所/);
  assert.ok(event.description.includes(row!.reference));

  // The e-mailed link opens the same booking (its own token); the .ics downloads too.
  const fromMail = await new Browser(app).get(new URL(manageLink).pathname);
  assert.equal(fromMail.statusCode, 200);
  assert.ok(fromMail.body.includes(row!.reference));
  const download = await browser.get(`${managePath.replace("?done=1", "")}/calendar.ics`);
  assert.equal(download.statusCode, 200);
  assert.match(download.headers["content-type"] as string, /^text\/calendar/);
  assert.match(download.body, /BEGIN:VEVENT\r\n/);

  // A guessed token finds nothing.
  assert.equal((await new Browser(app).get(`/appointments/manage/${"A".repeat(43)}`)).statusCode, 404);
});

test("change and cancel by the link: the place moves, then goes back; e-mails say so", async () => {
  const browser = new Browser(app);
  const { day, slots } = await bookableDay(app, { service: "my-number-card" });
  const email = uniqueEmail("change");
  const since = smtp.messages.length;
  const started = await browser.post("/appointments/book", { service: "my-number-card", slot: slots[0]!.id, name: "天満 太郎", email, phone: "" });
  const verifyPath = started.headers.location as string;
  const code = codeIn((await smtp.waitFor(email, { since, subject: /確認コード/ })).text ?? "");
  const confirmed = await browser.post(verifyPath, { code });
  const base = (confirmed.headers.location as string).replace("?done=1", "");

  const changeCalendar = await browser.get(`${base}/change`);
  assert.equal(changeCalendar.statusCode, 200);
  assert.match(changeCalendar.body, /変更後の日を選んでください/);
  const changeDay = await browser.get(`${base}/change/${day}`);
  const links = [...changeDay.body.matchAll(/href="([^"]+\/change\/confirm\?[^"]+)"/g)].map((match) => unescape(match[1]!));
  const link = links.find((href) => !href.includes(encodeURIComponent(slots[0]!.id))) ?? "";
  assert.ok(link.includes("/change/confirm?slot="), "another time is offered");
  const confirmPage = await browser.get(link);
  assert.match(confirmPage.body, /この日時に変更しますか/);
  const newSlot = new URL(link, "http://x").searchParams.get("slot")!;
  const changed = await browser.post(`${base}/change`, { slot: newSlot });
  assert.equal(changed.statusCode, 303);
  assert.equal(changed.headers.location, `${base}?notice=changed`);
  const uses = await queryRows<{ key: string; booked: number }>(app.deps.db, sql`SELECT to_char(s.starts_at AT TIME ZONE 'Asia/Tokyo', 'YYYYMMDDHH24MI') AS key, s.booked FROM appt_slots s JOIN appt_counters c ON c.id = s.counter_id WHERE c.code = 'my-number' AND c.office_code = 'kita'`);
  const oldKey = slots[0]!.id.split(".")[1];
  assert.equal(uses.find((u) => u.key === oldKey)?.booked ?? 0, 0, "the old place was given back");
  assert.equal(uses.find((u) => u.key === newSlot.split(".")[1])?.booked, 1, "the new place is taken");
  const changedMail = await smtp.waitFor(email, { since, subject: /日時を変更しました/ });
  const ics = changedMail.attachments.find((a) => a.filename === "appointment.ics")!;
  assert.match(ics.content.toString(), /SEQUENCE:1\r\n/);

  const cancelPage = await browser.get(`${base}/cancel`);
  assert.match(cancelPage.body, /予約を取り消しますか/);
  const cancelled = await browser.post(`${base}/cancel`);
  assert.equal(cancelled.statusCode, 303);
  const after = await browser.get(`${base}?notice=cancelled`);
  assert.match(after.body, /取消し済み/);
  assert.doesNotMatch(after.body, /日時を変更する/);
  const cancelMail = await smtp.waitFor(email, { since, subject: /取り消しました/ });
  assert.match(cancelMail.attachments.find((a) => a.filename === "appointment.ics")!.content.toString(), /METHOD:CANCEL\r\n/);
  const [total] = await queryRows<{ booked: number }>(app.deps.db, sql`SELECT coalesce(sum(booked), 0)::int AS booked FROM appt_slots s JOIN appt_counters c ON c.id = s.counter_id WHERE c.code = 'my-number'`);
  assert.equal(total!.booked, 0);
});

test("reminder: queued for 10:00 the day before; sent once; none for a changed time", async () => {
  const resident = await signUpResident(app);
  const { slots } = await bookableDay(app, { service: "health-insurance" });
  const page = await resident.browser.get(`/appointments/book?service=health-insurance&slot=${encodeURIComponent(slots[0]!.id)}`);
  assert.match(page.body, /この内容で予約しますか/);
  assert.doesNotMatch(page.body, /確認コードを送る/, "signed-in residents need no code");
  const booked = await resident.browser.post("/appointments/book", { service: "health-insurance", slot: slots[0]!.id });
  assert.equal(booked.statusCode, 303);
  const bookingId = /\/appointments\/mine\/([0-9a-f-]{36})\?done=1/.exec(booked.headers.location as string)![1]!;
  const mine = await resident.browser.get("/appointments/mine");
  assert.ok(mine.body.includes(`/appointments/mine/${bookingId}`));
  assert.equal((await new Browser(app).get(`/appointments/mine/${bookingId}`)).statusCode, 303, "others are sent to sign in");
  const other = await signUpResident(app);
  assert.equal((await other.browser.get(`/appointments/mine/${bookingId}`)).statusCode, 404, "another resident finds nothing");

  const [job] = await queryRows<{ runAt: Date; payload: { bookingId: string; version: number } }>(app.deps.db, sql`SELECT run_at AS "runAt", payload FROM outbox WHERE topic = 'appointments.reminder' AND payload->>'bookingId' = ${bookingId}`);
  assert.ok(job, "the reminder is queued");
  const startsAt = new Date(slots[0]!.startsAt);
  assert.equal(new Date(job.runAt).getTime(), reminderTime(startsAt, new Date(0))!.getTime());
  assert.equal(tokyoTime(new Date(job.runAt)), "10:00");
  assert.equal(tokyoDay(new Date(new Date(job.runAt).getTime() + 86_400_000)), tokyoDay(startsAt));

  const handler = reminderHandler({ db: app.deps.db, mailer: app.deps.mailer, baseUrl: () => "http://localhost:3000" });
  const since = smtp.messages.length;
  await handler(job.payload);
  await handler(job.payload); // at-least-once delivery: the second run changes nothing
  app.deps.wakeWorker();
  const reminder = await smtp.waitFor(resident.email, { since, subject: /明日は来庁予約の日です/ });
  assert.ok(reminder.text?.includes("/appointments/manage/"));
  await new Promise((resolve) => setTimeout(resolve, 1500));
  assert.equal(smtp.messages.slice(since).filter((m) => /明日は来庁予約の日です/.test(m.subject ?? "")).length, 1, "one reminder only");
  const [mail] = await queryRows<{ n: number }>(app.deps.db, sql`SELECT count(*)::int AS n FROM outbox WHERE idempotency_key LIKE ${`mail:appt-reminder-mail:${bookingId}:%`}`);
  assert.equal(mail!.n, 1);

  // A stale reminder (older version) sends nothing.
  await handler({ bookingId, version: 0 });
});

test("JSON API: slots, pending booking with code, confirm, cancel by token; 満席 is a clear 409", async () => {
  const { day, slots } = await bookableDay(app, { service: "childcare", minDaysAhead: 5 });
  const slot = slots[0]!;
  assert.equal(slot.capacity, 1);
  const email = uniqueEmail("api");
  const since = smtp.messages.length;
  const pending = await app.http.inject({ method: "POST", url: "/api/appointments/bookings", payload: { service: "childcare", slot: slot.id, name: "Hanako Osaka", email, locale: "en" } });
  assert.equal(pending.statusCode, 202, pending.body);
  const created = JSON.parse(pending.body) as { status: string; cancelToken: string };
  assert.equal(created.status, "pending");
  const code = codeIn((await smtp.waitFor(email, { since, subject: /code/ })).text ?? "");
  const wrong = await app.http.inject({ method: "POST", url: "/api/appointments/bookings/confirm", payload: { token: created.cancelToken, code: code === "123456" ? "654321" : "123456" } });
  assert.equal(wrong.statusCode, 422);
  assert.equal(JSON.parse(wrong.body).error, "appointments.code_wrong");
  const confirmed = await app.http.inject({ method: "POST", url: "/api/appointments/bookings/confirm", payload: { token: created.cancelToken, code } });
  assert.equal(confirmed.statusCode, 201, confirmed.body);
  assert.equal(JSON.parse(confirmed.body).status, "confirmed");

  const after = JSON.parse((await app.http.inject({ url: `/api/appointments/slots?office=kita&service=childcare&date=${day}` })).body) as { slots: Array<{ id: string; remaining: number }> };
  assert.equal(after.slots.find((s) => s.id === slot.id)!.remaining, 0);

  const resident = await signUpResident(app);
  await resident.browser.get("/appointments");
  const full = await resident.browser.request({ method: "POST", url: "/api/appointments/bookings", payload: { service: "childcare", slot: slot.id }, headers: { "x-csrf-token": resident.browser.csrfToken! } });
  assert.equal(full.statusCode, 409);
  assert.deepEqual(JSON.parse(full.body), { error: "appointments.slot_full", message: "満席です。別の時間を選んでください。" });
  const noCsrf = await resident.browser.request({ method: "POST", url: "/api/appointments/bookings", payload: { service: "childcare", slot: slot.id } });
  assert.equal(noCsrf.statusCode, 403, "a session without the CSRF token is refused");

  const cancelled = await app.http.inject({ method: "DELETE", url: `/api/appointments/bookings/${created.cancelToken}` });
  assert.equal(cancelled.statusCode, 200);
  assert.equal(JSON.parse(cancelled.body).status, "cancelled");
  const again = await resident.browser.request({ method: "POST", url: "/api/appointments/bookings", payload: { service: "childcare", slot: slot.id }, headers: { "x-csrf-token": resident.browser.csrfToken! } });
  assert.equal(again.statusCode, 201, again.body);
  assert.equal(JSON.parse(again.body).status, "confirmed");

  const unknown = await app.http.inject({ method: "POST", url: "/api/appointments/bookings", payload: { service: "childcare", slot: "nonsense" } });
  assert.equal(unknown.statusCode, 404);
  const closed = await app.http.inject({ url: "/api/appointments/slots?office=kita&service=childcare&date=2026-12-31" });
  assert.equal(JSON.parse(closed.body).open, false);
  assert.equal(JSON.parse(closed.body).closedReason, "year_end");
});

test("/openapi.json describes the booking API under the appointments tag", async () => {
  const spec = JSON.parse((await app.http.inject({ url: "/openapi.json" })).body) as { paths: Record<string, Record<string, { tags?: string[] }>> };
  for (const [path, method] of [["/api/appointments/offices", "get"], ["/api/appointments/slots", "get"], ["/api/appointments/bookings", "post"], ["/api/appointments/bookings/confirm", "post"], ["/api/appointments/bookings/{token}", "delete"]] as const) {
    assert.deepEqual(spec.paths[path]?.[method]?.tags, ["appointments"], `${method} ${path}`);
  }
});
