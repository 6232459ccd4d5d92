import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { PROCEDURES } from "../procedures/demo/catalogue.ts";
import { validateCaseApp } from "./case-app/config.ts";
import { FAMILY_REGISTER_CASE_APP, seedBuilderDemo } from "./demo.ts";
import { createBuilderTestApp, type BuilderTestApp } from "./testing.ts";

let t: BuilderTestApp;
before(async () => {
  t = await createBuilderTestApp();
});
after(async () => {
  await t?.app.stop();
});

test("the demo case app fits the demo 戸籍 form", () => {
  const form = PROCEDURES.find((p) => p.slug === "family-register-certificate")!.form!;
  assert.deepEqual(validateCaseApp(FAMILY_REGISTER_CASE_APP, { questions: form.pages.flatMap((p) => p.questions), staffIds: new Set() }), []);
});

test("seedBuilderDemo publishes a notice once (idempotent)", async () => {
  assert.deepEqual(await seedBuilderDemo(t.app.deps.db), { pages: 1, caseApps: 0 });
  assert.deepEqual(await seedBuilderDemo(t.app.deps.db), { pages: 0, caseApps: 0 });
  const home = await t.app.http.inject({ url: "/" });
  assert.match(home.body, /年末年始の区役所窓口について（デモ）/);
});
