import { test } from "node:test";
import assert from "node:assert/strict";
import { DEMO_DEFINITIONS } from "./demo/definitions.ts";
import { hasErrors, pointer, validateDefinition } from "./validate-definition.ts";

const known = new Set(["moving-in-notification", "child-allowance"]);
const moving = () => structuredClone(DEMO_DEFINITIONS.find((d) => d.event === "moving")!) as unknown as Record<string, any>;

function paths(input: unknown, event?: string) {
  const { problems } = validateDefinition(input, { knownProcedures: new Set([...known, ...DEMO_DEFINITIONS.flatMap((d) => d.items.map((i) => i.procedure ?? ""))]), ...(event ? { event } : {}) });
  return problems.map((p) => `${p.severity} ${p.path} ${p.code}`);
}

test("shape problems are located by JSON Pointer", () => {
  const def = moving();
  def.questions[1].type = "calendar";
  delete def.items[0].why;
  def.items[2].where.colour = "red";
  def.position = -1;
  assert.deepEqual(paths(def), [
    "error /position too_small",
    "error /questions/1/type enum",
    "error /items/0/why required_field",
    "error /items/2/where unknown_key",
  ]);
});

test("meaning problems: ids, options, conditions on later questions, deadlines from non-date questions, procedures", () => {
  const def = moving();
  def.questions.push({ id: "extra", type: "single", label: { ja: "追加", en: "Extra" }, options: [{ value: "Bad!", label: { ja: "A", en: "A" } }, { value: "ok", label: { ja: "B", en: "B" } }] });
  def.questions.push({ id: "move_type", type: "yesno", label: { ja: "重複", en: "Duplicate" } });
  def.questions[0].showIf = { question: "my_number_card", equals: "yes" };
  def.items[0].deadline.from = "move_type";
  def.items[0].procedure = "no-such-procedure";
  def.items[1].when = { all: [{ question: "move_type", equals: "sideways" }, { question: "household", includes: "unicorn" }] };
  def.items[3].when = { question: "move_date", equals: "2026-04-01" };
  def.items[4].where.url = "javascript:alert(1)";
  def.items[5].when = { question: "my_number_card", includes: "yes" };
  assert.deepEqual(paths(def), [
    "error /questions/0/showIf/question condition_later_question",
    "error /questions/4/options/0/value option_value",
    "error /questions/5/id duplicate_id",
    "error /items/0/procedure unknown_procedure",
    "error /items/0/deadline/from deadline_from",
    "error /items/1/when/all/0/equals condition_value",
    "error /items/1/when/all/1/includes condition_value",
    "error /items/3/when condition_on_date",
    "error /items/4/where/url url",
    "error /items/5/when/includes condition_includes",
  ]);
});

test("missing English is a warning, not an error; the event must match the URL", () => {
  const def = moving();
  delete def.title.en;
  const problems = paths(def, "birth");
  assert.deepEqual(problems, ["error /event event_mismatch", "warning /title missing_english"]);
  const { problems: onlyWarnings } = validateDefinition({ ...def, event: "moving" }, { knownProcedures: new Set(DEMO_DEFINITIONS.flatMap((d) => d.items.map((i) => i.procedure ?? ""))) });
  assert.equal(hasErrors(onlyWarnings), false);
});

test("JSON Pointers escape ~ and /", () => {
  assert.equal(pointer(["items", 0, "prefill", "a/b~c"]), "/items/0/prefill/a~1b~0c");
});
