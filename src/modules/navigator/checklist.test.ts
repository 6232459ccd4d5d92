import { test } from "node:test";
import assert from "node:assert/strict";
import { computeChecklist, startHrefFor, type Catalogue } from "./checklist.ts";
import { DEMO_DEFINITIONS } from "./demo/definitions.ts";
import type { NavigatorDefinition } from "./definition.ts";
import { answersQuery, firstUnanswered, nextQuestionId, readAnswers } from "./journey.ts";
import { readNavigatorPrefill } from "./prefill.ts";
import { validateDefinition } from "./validate-definition.ts";
import { PROCEDURES } from "../procedures/demo/catalogue.ts";

const catalogue: Catalogue = new Map(PROCEDURES.map((p) => [p.slug, { slug: p.slug, title: p.title, online: p.channel !== "counter" }]));
const today = "2026-03-20";
const def = (event: string): NavigatorDefinition => DEMO_DEFINITIONS.find((d) => d.event === event)!;

test("every demo definition is valid, in Japanese and English, with all nine life events", () => {
  assert.deepEqual(DEMO_DEFINITIONS.map((d) => d.event), ["moving", "birth", "death", "marriage", "divorce", "job", "care", "childcare", "business"]);
  for (const d of DEMO_DEFINITIONS) {
    const { problems } = validateDefinition(structuredClone(d), { knownProcedures: new Set(catalogue.keys()) });
    assert.deepEqual(problems, [], `${d.event} has problems`);
    for (const test of d.tests ?? []) {
      const { answers, problems: answerProblems } = readAnswers(d, test.answers);
      assert.deepEqual(answerProblems, [], `${d.event} test case ${test.name}`);
      assert.ok(computeChecklist(d, answers, { catalogue, today }).items.length > 0, `${d.event}: ${test.name} gives a list`);
    }
  }
});

test("moving in: 転入届 within 14 days, 児童手当 within 15 days, grouped online / counter / other", () => {
  const checklist = computeChecklist(def("moving"), { move_type: "in", move_date: "2026-04-01", household: ["children", "car"], my_number_card: "yes" }, { catalogue, today });
  const byId = new Map(checklist.items.map((i) => [i.id, i]));
  const movingIn = byId.get("moving-in")!;
  assert.equal(movingIn.group, "counter", "転入届 is counter-only in the catalogue");
  assert.equal(movingIn.deadline?.computed?.date, "2026-04-15");
  assert.equal(movingIn.deadline?.daysLeft, 26);
  assert.equal(movingIn.procedure?.slug, "moving-in-notification");
  assert.equal(movingIn.startHref, null);
  const allowance = byId.get("child-allowance")!;
  assert.equal(allowance.group, "online");
  assert.equal(allowance.deadline?.computed?.date, "2026-04-16");
  assert.match(allowance.startHref!, /^\/procedures\/child-allowance\?from=navigator&/);
  assert.equal(byId.get("driving-licence")?.group, "other");
  assert.equal(byId.get("vehicle-registration")?.deadline?.computed?.date, "2026-04-16");
  assert.ok(!byId.has("moving-out"), "moving-out is only for moving out");
  assert.ok(!byId.has("nhi-join"), "no National Health Insurance answered");
  // Groups in order, nearest deadline first within a group.
  const groups = checklist.items.map((i) => i.group);
  assert.deepEqual(groups, [...groups].sort((a, b) => ["online", "counter", "other"].indexOf(a) - ["online", "counter", "other"].indexOf(b)));
  const online = checklist.items.filter((i) => i.group === "online");
  assert.equal(online[0]!.id, "child-allowance", "the only online item with a deadline comes first");
});

test("conditions are the forms engine's: includes on multiple choice, all / any, notEquals", () => {
  const moving = def("moving");
  const out = computeChecklist(moving, { move_type: "out", move_date: "2026-04-01", household: ["none"], my_number_card: "yes" }, { catalogue, today });
  assert.ok(out.items.some((i) => i.id === "mynaportal-move"), "all(move_type=out, card=yes)");
  const noCard = computeChecklist(moving, { move_type: "out", move_date: "2026-04-01", household: ["none"], my_number_card: "no" }, { catalogue, today });
  assert.ok(!noCard.items.some((i) => i.id === "mynaportal-move"));
  const within = computeChecklist(moving, { move_type: "within", move_date: "2026-04-01", household: ["none"], my_number_card: "no" }, { catalogue, today });
  assert.ok(within.items.some((i) => i.id === "my-number-card-address"), "any(in, within)");
  const childcare = computeChecklist(def("childcare"), { stage: "baby", needs: ["nursery"], has_allowance: "no" }, { catalogue, today });
  assert.ok(childcare.items.some((i) => i.id === "child-medical"), "notEquals pregnant");
  assert.ok(childcare.items.some((i) => i.id === "nursery"));
});

test("death: 死亡届 counts the first day and moves off a Sunday; 相続放棄 counts months", () => {
  // 2026-05-31 is a Sunday: 7 days counting it → 2026-06-06 (Saturday) → Monday 2026-06-08
  const checklist = computeChecklist(def("death"), { death_date: "2026-05-31", insurance: "nhi", had: ["estate"] }, { catalogue, today });
  const registration = checklist.items.find((i) => i.id === "death-registration")!;
  assert.equal(registration.deadline?.computed?.statutoryDate, "2026-06-06");
  assert.equal(registration.deadline?.computed?.movedBecause, "saturday");
  assert.equal(registration.deadline?.computed?.date, "2026-06-08");
  const renounce = checklist.items.find((i) => i.id === "renounce-inheritance")!;
  assert.equal(renounce.deadline?.computed?.date, "2026-08-31");
});

test("answers of hidden questions are dropped before the rules run", () => {
  const job = def("job");
  // insurance_after is asked only when leaving; with change=start it must not count.
  const { answers } = readAnswers(job, { change: "start", change_date: "2026-04-01", was_nhi: "yes", insurance_after: "nhi", next: "search" });
  assert.deepEqual(answers, { change: "start", change_date: "2026-04-01", was_nhi: "yes" });
  const checklist = computeChecklist(job, { change: "start", change_date: "2026-04-01", was_nhi: "yes", insurance_after: "nhi" }, { catalogue, today });
  assert.deepEqual(checklist.items.map((i) => i.id), ["nhi-leave"]);
});

test("answers that do not fit are reported and left out", () => {
  const { answers, problems } = readAnswers(def("moving"), { move_type: "sideways", move_date: "2026-02-30", household: ["children", "dragon"], extra: "x" }, { reportUnknown: true });
  assert.deepEqual(answers, { household: ["children"] });
  assert.deepEqual(problems, [
    { question: "move_type", code: "not_an_option" },
    { question: "move_date", code: "not_a_date" },
    { question: "household", code: "not_an_option" },
    { question: "extra", code: "unknown_question" },
  ]);
});

test("the journey: next question, first unanswered, answers in the URL", () => {
  const job = def("job");
  assert.equal(nextQuestionId(job, { change: "leave" }, "change"), "change_date");
  assert.equal(nextQuestionId(job, { change: "leave", change_date: "2026-03-31" }, "change_date"), "next");
  assert.equal(nextQuestionId(job, { change: "start", change_date: "2026-03-31" }, "change_date"), "was_nhi");
  assert.equal(firstUnanswered(job, { change: "leave", change_date: "2026-03-31", next: "job" }), "hardship");
  assert.equal(firstUnanswered(job, { change: "start", change_date: "2026-03-31", was_nhi: "no" }), null);
  assert.equal(answersQuery(def("moving"), { household: ["children", "car"], move_type: "in" }), "move_type=in&household=children&household=car");
});

test("prefill: explicit mappings and same-id answers; the procedures side keeps only what its form accepts", () => {
  const checklist = computeChecklist(def("job"), { change: "leave", change_date: "2026-03-31", next: "search", insurance_after: "nhi", hardship: "no" }, { catalogue, today });
  const nhi = checklist.items.find((i) => i.id === "nhi-join")!;
  assert.equal(nhi.prefill.kind, "join");
  assert.equal(nhi.prefill.event_date, "2026-03-31");
  const query = Object.fromEntries(new URL(`http://x${nhi.startHref}`).searchParams);
  const form = PROCEDURES.find((p) => p.slug === "national-health-insurance")!.form!;
  assert.deepEqual(readNavigatorPrefill(query, form), { kind: "join", event_date: "2026-03-31" });
  assert.deepEqual(readNavigatorPrefill({ "prefill.kind": "explode", "prefill.event_date": "2026-13-01" }, form), {});
  assert.equal(startHrefFor("a-b", { d: ["1", "2"] }), "/procedures/a-b?from=navigator&prefill.d=1&prefill.d=2");
});
