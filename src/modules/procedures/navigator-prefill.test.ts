/**
 * 手続き判定 → online procedure: the navigator's link carries suggested answers
 * (`prefill.<questionId>`) through the procedure page's start form into the new draft, where
 * the resident sees them in the fields and confirms them; values the form does not accept are dropped.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type { TestApp } from "../../testing/app.ts";
import { signUpResident } from "../identity/testing.ts";
import { createSeededApp, location } from "./testing.ts";

let app: TestApp;
before(async () => {
  app = await createSeededApp();
});
after(async () => {
  await app.stop();
});

test("suggested answers from the navigator reach the draft; bad values are dropped", async () => {
  const resident = await signUpResident(app);
  const page = await resident.browser.get("/procedures/national-health-insurance?from=navigator&prefill.kind=join&prefill.event_date=2026-03-31&prefill.bogus=1");
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /name="prefill\.kind" value="join"/);
  assert.match(page.body, /name="prefill\.event_date" value="2026-03-31"/);
  // What the browser sends from the start form (its hidden fields), plus a value the form refuses.
  const started = await resident.browser.submit(
    "/procedures/national-health-insurance",
    { "prefill.kind": "join", "prefill.event_date": "2026-03-31", "prefill.unknown_question": "x" },
    "/procedures/national-health-insurance/start",
  );
  assert.equal(started.statusCode, 303);
  const draftUrl = location(started);
  const first = await resident.browser.get(draftUrl);
  const pageUrl = location(first);
  const form = await resident.browser.get(pageUrl);
  assert.equal(form.statusCode, 200);
  // The first page of this form asks join/leave: the suggestion is pre-selected for the resident to confirm.
  assert.match(form.body, /value="join"[^>]*checked|checked[^>]*value="join"/);
  assert.match(form.body, /name="event_date\.year" value="2026"/);
});
