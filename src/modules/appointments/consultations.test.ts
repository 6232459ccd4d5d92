/**
 * Web consultations end to end: staff set availability, a resident books a time, the background
 * job creates the meeting with the Zoom adapter (against the local fake) and e-mails both sides
 * an invitation (.ics METHOD:REQUEST, ORGANIZER, ATTENDEEs) over real SMTP; one resident per
 * staff member and time even when two try at once; cancelling deletes the meeting and sends
 * METHOD:CANCEL. Also the self-hosted room page.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import ICAL from "ical.js";
import { buildApp, type App } from "../../app.ts";
import { loadConfig } from "../../core/config/config.ts";
import { MODULES } from "../../modules.ts";
import { createTestDatabase, type TestDatabase } from "../../testing/database.ts";
import { upsertDepartments } from "../identity/index.ts";
import { Browser, createStaff, signInStaff, signUpResident, startSmtpSink, type SmtpSink } from "../identity/testing.ts";
import { createAppointmentsModule } from "./index.ts";
import { selfHostedProvider } from "./meetings/self-hosted.ts";
import { startFakeZoom, type FakeZoom } from "./meetings/zoom-fake.ts";
import { zoomProvider } from "./meetings/zoom.ts";
import { findConsultation, setMeeting } from "./queries.ts";
import { addDays, tokyoDay } from "./tokyo.ts";

let database: TestDatabase;
let app: App;
let smtp: SmtpSink;
let zoom: FakeZoom;
let staff: Browser;
let staffEmail: string;
const day = addDays(tokyoDay(new Date()), 3);

before(async () => {
  smtp = await startSmtpSink();
  zoom = await startFakeZoom();
  database = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent", DATABASE_URL: database.url, SESSION_SECRET: "test-secret-test-secret-test-secret-0123", BASE_URL: "http://localhost:3000", WORKERS: "true", SMTP_URL: smtp.url });
  const provider = zoomProvider({ ...zoom.credentials, apiBase: zoom.apiBase, oauthBase: zoom.oauthBase, userId: "me" });
  const modules = MODULES.map((module) => (module.name === "appointments" ? createAppointmentsModule({ provider }) : module));
  app = await buildApp(config, database, { modules });
  await upsertDepartments({ db: database.db, items: [{ code: "welfare", name: { ja: "福祉局", en: "Welfare Bureau" }, kind: "bureau" }, { code: "children", name: { ja: "こども青少年局", en: "Children and Youth Bureau" }, kind: "bureau" }] });
  const account = await createStaff({ http: app.http, deps: app.deps }, { roles: [{ departmentCode: "welfare", role: "clerk" }], familyName: "西田", givenName: "大輔" });
  staffEmail = account.email;
  staff = await signInStaff({ http: app.http, deps: app.deps }, account.email, account.password);
});
after(async () => {
  await app.close();
  await database.drop();
  await smtp.close();
  await zoom.close();
});

const appLike = () => ({ http: app.http, deps: app.deps });

test("staff add availability (all errors at once when wrong); residents see the department and its times", async () => {
  await staff.get("/staff/appointments/consultations");
  const invalid = await staff.post("/staff/appointments/consultations/availability", { department: "welfare", day: "2026-13-01", from: "10時", to: "", slotMinutes: "7" });
  assert.equal(invalid.statusCode, 422);
  assert.ok(["day", "from", "to", "slotMinutes"].every((f) => invalid.body.includes(`<a href="#${f}">`)));
  const forbidden = await staff.post("/staff/appointments/consultations/availability", { department: "children", day, from: "10:00", to: "11:00", slotMinutes: "30" });
  assert.equal(forbidden.statusCode, 403, "only one's own departments");
  const added = await staff.post("/staff/appointments/consultations/availability", { department: "welfare", day, from: "10:00", to: "11:00", slotMinutes: "30" });
  assert.equal(added.statusCode, 303);
  const overlap = await staff.post("/staff/appointments/consultations/availability", { department: "welfare", day, from: "10:30", to: "12:00", slotMinutes: "30" });
  assert.equal(overlap.statusCode, 409);
  assert.match(overlap.body, /すでに登録した相談可能時間と重なっています/);

  const visitor = new Browser(appLike());
  const departments = await visitor.get("/consultations");
  assert.match(departments.body, /href="\/consultations\/welfare">福祉局</);
  assert.doesNotMatch(departments.body, /こども青少年局/);
  const times = await visitor.get("/consultations/welfare");
  assert.equal((times.body.match(/class="slot slot--open"/g) ?? []).length, 2);
});

test("a resident books; the job creates the Zoom meeting and both sides get an invitation with ORGANIZER and ATTENDEEs", async () => {
  const resident = await signUpResident(appLike());
  const times = await resident.browser.get("/consultations/welfare");
  const link = /href="(\/consultations\/welfare\/book\?at=\d{12})"/.exec(times.body)![1]!;
  const at = link.split("at=")[1]!;
  const form = await resident.browser.get(link);
  assert.match(form.body, /相談したい内容を教えてください/);
  const empty = await resident.browser.post("/consultations/welfare/book", { at, topic: "  " });
  assert.equal(empty.statusCode, 422);
  const since = smtp.messages.length;
  const booked = await resident.browser.post("/consultations/welfare/book", { at, topic: "母の介護保険の申請について相談したいです。" });
  assert.equal(booked.statusCode, 303);
  const id = /\/consultations\/mine\/([0-9a-f-]{36})\?done=1/.exec(booked.headers.location as string)![1]!;
  app.deps.wakeWorker();

  const invite = await smtp.waitFor(resident.email, { since, subject: /オンライン相談のご案内/, timeoutMs: 10_000 });
  const staffInvite = await smtp.waitFor(staffEmail, { since, subject: /オンライン相談のご案内/, timeoutMs: 10_000 });
  const consultation = (await findConsultation(app.deps.db, id))!;
  assert.equal(consultation.provider, "zoom");
  assert.ok(zoom.meetings.has(consultation.meetingId!));
  assert.ok(invite.text!.includes(consultation.joinUrl!), "the resident gets the join link");
  assert.ok(staffInvite.text!.includes(consultation.hostUrl!), "staff get the host link");
  assert.ok(!invite.text!.includes(consultation.hostUrl!), "the resident never sees the host link");
  assert.ok(staffInvite.text!.includes("母の介護保険"));

  const ics = ICAL.parse(invite.attachments.find((a) => a.filename === "invite.ics")!.content.toString("utf8"));
  const calendar = new ICAL.Component(ics);
  assert.equal(calendar.getFirstPropertyValue("method"), "REQUEST");
  const vevent = calendar.getFirstSubcomponent("vevent")!;
  assert.match(String(vevent.getFirstPropertyValue("organizer")), /^mailto:no-reply@machi\.example\.jp$/i);
  const attendees = vevent.getAllProperties("attendee").map((p) => String(p.getFirstValue()).toLowerCase());
  assert.deepEqual(attendees, [`mailto:${resident.email.toLowerCase()}`, `mailto:${staffEmail.toLowerCase()}`]);
  assert.equal(new ICAL.Event(vevent).startDate.toJSDate().getTime(), consultation.startsAt.getTime());

  const page = await resident.browser.get(`/consultations/mine/${id}`);
  assert.ok(page.body.includes(consultation.joinUrl!.replace(/&/g, "&amp;")));
  const other = await signUpResident(appLike());
  assert.equal((await other.browser.get(`/consultations/mine/${id}`)).statusCode, 404);
  const staffPage = await staff.get("/staff/appointments/consultations");
  assert.ok(staffPage.body.includes("母の介護保険"));

  // Cancel: the meeting is deleted at Zoom, and both get METHOD:CANCEL.
  const cancelSince = smtp.messages.length;
  const cancelled = await resident.browser.post(`/consultations/mine/${id}/cancel`);
  assert.equal(cancelled.statusCode, 303);
  app.deps.wakeWorker();
  const cancelMail = await smtp.waitFor(resident.email, { since: cancelSince, subject: /取り消しました/, timeoutMs: 10_000 });
  await smtp.waitFor(staffEmail, { since: cancelSince, subject: /取り消しました/, timeoutMs: 10_000 });
  assert.match(cancelMail.attachments[0]!.content.toString(), /METHOD:CANCEL\r\n/);
  assert.equal(zoom.meetings.get(consultation.meetingId!)!.deleted, true);
});

test("two residents for the same time with one staff member: exactly one gets it", async () => {
  const [a, b] = await Promise.all([signUpResident(appLike()), signUpResident(appLike())]);
  const times = await a.browser.get("/consultations/welfare");
  const at = /book\?at=(\d{12})/.exec(times.body)![1]!;
  await b.browser.get(`/consultations/welfare/book?at=${at}`);
  await a.browser.get(`/consultations/welfare/book?at=${at}`);
  const results = await Promise.all([a, b].map((r) => r.browser.post("/consultations/welfare/book", { at, topic: "同時に予約" })));
  assert.deepEqual(results.map((r) => r.statusCode).sort(), [303, 409]);
});

test("self-hosted rooms: an unguessable link under BASE_URL/rooms/; the page says video is not part of the demo", async () => {
  const provider = selfHostedProvider(() => "http://localhost:3000");
  const meeting = await provider.createMeeting({ consultationId: "x", topic: "t", startsAt: new Date(), durationMinutes: 30, agenda: "" });
  assert.match(meeting.joinUrl, /^http:\/\/localhost:3000\/rooms\/[A-Za-z0-9_-]{22}$/);
  assert.equal(meeting.hostUrl, `${meeting.joinUrl}?host=1`);

  const resident = await signUpResident(appLike());
  const times = await resident.browser.get("/consultations/welfare");
  const at = /book\?at=(\d{12})/.exec(times.body)?.[1];
  assert.ok(at, "a time is left");
  await resident.browser.get(`/consultations/welfare/book?at=${at}`);
  const booked = await resident.browser.post("/consultations/welfare/book", { at, topic: "部屋のテスト" });
  const id = /\/consultations\/mine\/([0-9a-f-]{36})/.exec(booked.headers.location as string)![1]!;
  await app.deps.db.transaction((tx) => setMeeting(tx, id, meeting));
  const room = await new Browser(appLike()).get(new URL(meeting.joinUrl).pathname);
  assert.equal(room.statusCode, 200);
  assert.match(room.body, /ビデオ通話機能は準備中です/);
  assert.doesNotMatch(room.body, /部屋のテスト/, "the room page shows no personal details");
  assert.equal((await new Browser(appLike()).get("/rooms/AAAAAAAAAAAAAAAAAAAAAA")).statusCode, 404);
});
