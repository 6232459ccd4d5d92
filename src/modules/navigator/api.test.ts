/** 手続き判定 and the finder as JSON, described in /openapi.json under the tag "navigator". */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import SwaggerParser from "@apidevtools/swagger-parser";
import type { TestApp } from "../../testing/app.ts";
import { createNavigatorTestApp } from "./testing.ts";

let app: TestApp;
before(async () => {
  app = await createNavigatorTestApp();
});
after(async () => {
  await app.stop();
});

test("/openapi.json describes the 手続き判定 and support-programme APIs", async () => {
  const doc = (await app.http.inject({ url: "/openapi.json" })).json();
  await SwaggerParser.validate(structuredClone(doc));
  const operations = [
    ["/api/navigator/events", "get"],
    ["/api/navigator/{event}/result", "post"],
    ["/api/support-programmes", "get"],
    ["/support-programmes.json", "get"],
    ["/support-programmes.csv", "get"],
  ] as const;
  for (const [path, method] of operations) {
    assert.ok(doc.paths[path]?.[method], `${method} ${path} is described`);
    assert.deepEqual(doc.paths[path][method].tags, ["navigator"], path);
  }
  assert.ok(doc.paths["/api/navigator/{event}/result"].post.requestBody.content["application/json"].schema.properties.answers);
  assert.equal(doc.paths["/navigator/{event}/result"], undefined, "HTML pages are not in the API description");
});

test("GET /api/navigator/events lists the published events with their questions", async () => {
  const response = await app.http.inject({ url: "/api/navigator/events" });
  assert.equal(response.statusCode, 200);
  const { events } = response.json();
  assert.equal(events.length, 9);
  const moving = events.find((e: { event: string }) => e.event === "moving");
  assert.equal(moving.version, 1);
  assert.equal(moving.url, "http://localhost:3000/navigator/moving");
  assert.deepEqual(moving.questions.map((q: { id: string; type: string }) => `${q.id}:${q.type}`), ["move_type:single", "move_date:date", "household:multiple", "my_number_card:yesno"]);
  assert.deepEqual(moving.questions[3].options.map((o: { value: string }) => o.value), ["yes", "no"]);
  assert.equal(moving.questions[1].options, undefined);
});

test("POST /api/navigator/:event/result: answers → checklist with deadlines in both calendars; no cookie, no CSRF", async () => {
  const response = await app.http.inject({
    method: "POST",
    url: "/api/navigator/moving/result",
    payload: { answers: { move_type: "in", move_date: "2026-04-01", household: ["children"], my_number_card: "yes" }, today: "2026-04-10" },
  });
  assert.equal(response.statusCode, 200);
  assert.equal(response.headers["set-cookie"], undefined);
  const body = response.json();
  assert.equal(body.complete, true);
  assert.equal(body.nextQuestion, null);
  assert.deepEqual(body.problems, []);
  assert.equal(body.resultUrl, "http://localhost:3000/navigator/moving/result?move_type=in&move_date=2026-04-01&household=children&my_number_card=yes");
  const movingIn = body.items.find((i: { id: string }) => i.id === "moving-in");
  assert.deepEqual(movingIn.deadline, {
    from: "move_date",
    count: 14,
    unit: "days",
    countFirstDay: false,
    basis: { ja: "住民基本台帳法第22条（住み始めた日から14日以内）", en: "Basic Resident Register Act, Article 22 (within 14 days of moving in)" },
    date: "2026-04-15",
    wareki: "令和8年4月15日",
    statutoryDate: "2026-04-15",
    daysLeft: 5,
  });
  assert.equal(movingIn.group, "counter");
  assert.equal(movingIn.startUrl, null);
  const allowance = body.items.find((i: { id: string }) => i.id === "child-allowance");
  assert.equal(allowance.group, "online");
  assert.match(allowance.startUrl, /^http:\/\/localhost:3000\/procedures\/child-allowance\?from=navigator&/);
});

test("values that fit no question are reported; an incomplete set says what to ask next", async () => {
  const response = await app.http.inject({ method: "POST", url: "/api/navigator/job/result?lang=en", payload: { answers: { change: "leave", change_date: "31/03/2026", colour: "blue" } } });
  assert.equal(response.statusCode, 200);
  const body = response.json();
  assert.equal(body.complete, false);
  assert.equal(body.nextQuestion, "change_date");
  assert.deepEqual(body.problems, [
    { question: "change_date", code: "not_a_date" },
    { question: "colour", code: "unknown_question" },
  ]);
});

test("bad requests: unknown event 404, missing answers 422, a bad 'today' 422 — all JSON", async () => {
  const unknown = await app.http.inject({ method: "POST", url: "/api/navigator/space/result", payload: { answers: {} } });
  assert.equal(unknown.statusCode, 404);
  assert.equal(unknown.json().error, "navigator.event_not_found");
  const missing = await app.http.inject({ method: "POST", url: "/api/navigator/moving/result", payload: { nothing: true } });
  assert.equal(missing.statusCode, 422);
  assert.ok(missing.json().message);
  const today = await app.http.inject({ method: "POST", url: "/api/navigator/moving/result", payload: { answers: {}, today: "2026-02-30" } });
  assert.equal(today.statusCode, 422);
});
