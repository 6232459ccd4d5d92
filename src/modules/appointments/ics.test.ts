import { test } from "node:test";
import assert from "node:assert/strict";
import ICAL from "ical.js";
import { buildCalendar } from "./ics.ts";
import { tokyoInstant } from "./tokyo.ts";

const startsAt = tokyoInstant("2026-06-01", "09:15");
const endsAt = tokyoInstant("2026-06-01", "09:30");
const longSummary = "住民票の写し・印鑑登録証明書（北区役所）— 本人確認書類をお持ちください。マイナンバーカード、運転免許証、パスポートなど";

function unfold(text: string): string {
  return text.replace(/\r\n[ \t]/g, "");
}

test("RFC 5545: CRLF only, lines of at most 75 octets folded without splitting characters, and it parses back", () => {
  const ics = buildCalendar({ uid: "booking-1@machi", sequence: 0, startsAt, endsAt, summary: longSummary, location: "北区役所 大阪市北区扇町2-1-27", description: "260601-000001 / ABCD-EFGH-JKMN", method: "PUBLISH", stamp: new Date("2026-05-20T01:02:03Z") });
  assert.ok(ics.endsWith("\r\n"));
  assert.ok(!/[^\r]\n/.test(ics), "every line ends with CRLF");
  const lines = ics.split("\r\n").slice(0, -1);
  for (const line of lines) assert.ok(Buffer.byteLength(line, "utf8") <= 75, `line longer than 75 octets: ${line}`);
  assert.ok(lines.some((line) => line.startsWith(" ")), "the long summary is folded");
  const unfolded = unfold(ics);
  assert.match(unfolded, /^BEGIN:VCALENDAR\r\n/);
  assert.match(unfolded, /\r\nMETHOD:PUBLISH\r\n/);
  assert.match(unfolded, /\r\nUID:booking-1@machi\r\n/);
  assert.match(unfolded, /\r\nDTSTAMP:20260520T010203Z\r\n/);
  assert.match(unfolded, /\r\nDTSTART:20260601T001500Z\r\n/, "09:15 in Tokyo is 00:15 UTC");
  assert.match(unfolded, /\r\nDTEND:20260601T003000Z\r\n/);

  const component = new ICAL.Component(ICAL.parse(ics));
  const event = new ICAL.Event(component.getFirstSubcomponent("vevent")!);
  assert.equal(event.uid, "booking-1@machi");
  assert.equal(event.summary, longSummary);
  assert.equal(event.location, "北区役所 大阪市北区扇町2-1-27");
  assert.equal(event.startDate.toJSDate().getTime(), startsAt.getTime());
  assert.equal(event.endDate.toJSDate().getTime(), endsAt.getTime());
  assert.equal(component.getFirstPropertyValue("version"), "2.0");
  assert.ok(component.getFirstPropertyValue("prodid"));
});

test("an invitation (METHOD:REQUEST) has ORGANIZER and ATTENDEEs; a cancellation is METHOD:CANCEL, STATUS:CANCELLED, SEQUENCE up", () => {
  const input = {
    uid: "consultation-9@machi", startsAt, endsAt, summary: "オンライン相談（福祉局）", location: "https://example.jp/rooms/x", description: "C260601-000009",
    organizer: { name: "福祉局", email: "no-reply@machi.example.jp" },
    attendees: [{ name: "大阪 花子", email: "hanako@example.jp" }, { name: "西田 大輔", email: "nishida@staff.example.jp" }],
  };
  const request = new ICAL.Component(ICAL.parse(buildCalendar({ ...input, sequence: 0, method: "REQUEST" })));
  assert.equal(request.getFirstPropertyValue("method"), "REQUEST");
  const vevent = request.getFirstSubcomponent("vevent")!;
  assert.match(String(vevent.getFirstPropertyValue("organizer")), /^mailto:no-reply@machi\.example\.jp$/i);
  const attendees = vevent.getAllProperties("attendee").map((p) => String(p.getFirstValue()).toLowerCase());
  assert.deepEqual(attendees, ["mailto:hanako@example.jp", "mailto:nishida@staff.example.jp"]);
  assert.equal(vevent.getAllProperties("attendee")[0]!.getParameter("rsvp"), "TRUE");

  const cancel = new ICAL.Component(ICAL.parse(buildCalendar({ ...input, sequence: 1, method: "CANCEL" })));
  assert.equal(cancel.getFirstPropertyValue("method"), "CANCEL");
  const cancelled = cancel.getFirstSubcomponent("vevent")!;
  assert.equal(cancelled.getFirstPropertyValue("status"), "CANCELLED");
  assert.equal(cancelled.getFirstPropertyValue("sequence"), 1);
  assert.equal(cancelled.getFirstPropertyValue("uid"), "consultation-9@machi");
});
