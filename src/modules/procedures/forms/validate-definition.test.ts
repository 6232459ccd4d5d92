import { test } from "node:test";
import assert from "node:assert/strict";
import type { FormDefinition } from "./definition.ts";
import { validateDefinition } from "./validate-definition.ts";

const options = [
  { value: "yes", label: { ja: "はい" } },
  { value: "no", label: { ja: "いいえ" } },
];
const valid: FormDefinition = {
  pages: [
    { id: "p1", title: { ja: "1" }, questions: [{ id: "has_kids", type: "single", label: { ja: "お子さんはいますか" }, options }] },
    {
      id: "p2",
      title: { ja: "2" },
      showIf: { question: "has_kids", equals: "yes" },
      questions: [
        {
          id: "kids",
          type: "group",
          label: { ja: "お子さん" },
          minItems: 1,
          maxItems: 5,
          fields: [
            { id: "name", type: "name", label: { ja: "氏名" } },
            { id: "dob", type: "date", label: { ja: "生年月日" }, maxDate: "today" },
          ],
        },
      ],
    },
    {
      id: "p3",
      title: { ja: "3" },
      questions: [
        { id: "code", type: "text", label: { ja: "番号" }, pattern: { regex: "\\d{4}", message: { ja: "4桁で" } }, maxLength: 4 },
        { id: "doc", type: "file", label: { ja: "書類" }, accept: ["pdf"], maxBytes: 1000000, showIf: { any: [{ question: "has_kids", in: ["yes", "no"] }] } },
      ],
    },
  ],
};

function clone(): FormDefinition {
  return structuredClone(valid);
}
const codesAt = (def: FormDefinition) => validateDefinition(def).map((p) => `${p.path} ${p.code}`);

test("a valid definition has no problems", () => {
  assert.deepEqual(validateDefinition(valid), []);
});

test("no pages, no questions, missing titles and labels", () => {
  assert.deepEqual(codesAt({ pages: [] }), ["$.pages no_pages"]);
  const def = clone();
  def.pages[0]!.title = { ja: " " };
  def.pages[1]!.questions = [];
  def.pages[2]!.questions[0]!.label = { ja: "" };
  assert.deepEqual(codesAt(def), ["$.pages[0].title.ja title_missing", "$.pages[1].questions no_questions", "$.pages[2].questions[0].label.ja label_missing"]);
});

test("ids: format and uniqueness of pages and questions", () => {
  const def = clone();
  def.pages[1]!.id = "p1";
  def.pages[2]!.id = "3rd-page";
  def.pages[2]!.questions[0]!.id = "has_kids";
  def.pages[2]!.questions[1]!.id = "doc.file";
  assert.deepEqual(codesAt(def), [
    "$.pages[1].id id_duplicate",
    "$.pages[2].id id_invalid",
    "$.pages[2].questions[0].id id_duplicate",
    "$.pages[2].questions[1].id id_invalid",
  ]);
  const same = clone();
  same.pages[2]!.questions[1]!.id = "code";
  assert.deepEqual(codesAt(same), ["$.pages[2].questions[1].id id_duplicate"]);
  const messages = validateDefinition(def).map((p) => p.message);
  assert.equal(messages[1], "ID「3rd-page」は英字で始め、英数字と _ だけを使ってください");
});

test("choice types need options with unique values and labels", () => {
  const def = clone();
  def.pages[0]!.questions[0]!.options = [];
  assert.deepEqual(codesAt(def).slice(0, 1), ["$.pages[0].questions[0].options options_missing"]);
  const dup = clone();
  dup.pages[0]!.questions[0]!.options = [...options, { value: "yes", label: { ja: "" } }];
  assert.deepEqual(codesAt(dup), [
    "$.pages[0].questions[0].options[2].value option_value_duplicate",
    "$.pages[0].questions[0].options[2].label.ja label_missing",
  ]);
});

test("unknown type, bad pattern, bounds, dates, file kinds", () => {
  const def = clone();
  const [code, doc] = def.pages[2]!.questions as [FormDefinition["pages"][0]["questions"][0], FormDefinition["pages"][0]["questions"][0]];
  code.pattern = { regex: "([0-9]", message: { ja: "" } };
  code.maxLength = 0;
  doc.accept = ["pdf", "gif" as never];
  doc.maxBytes = -1;
  def.pages[2]!.questions.push(
    { id: "weird", type: "colour" as never, label: { ja: "色" } },
    { id: "n", type: "number", label: { ja: "数" }, min: 5, max: 1 },
    { id: "d", type: "date", label: { ja: "日" }, minDate: "2026-02-30", maxDate: "tomorrow" },
    { id: "d2", type: "date", label: { ja: "日" }, minDate: "2027-01-01", maxDate: "2026-01-01" },
  );
  assert.deepEqual(codesAt(def), [
    "$.pages[2].questions[0].maxLength positive_integer",
    "$.pages[2].questions[0].pattern.regex pattern_invalid",
    "$.pages[2].questions[0].pattern.message.ja pattern_message_missing",
    "$.pages[2].questions[1].accept[1] accept_invalid",
    "$.pages[2].questions[1].maxBytes positive_integer",
    "$.pages[2].questions[2].type type_unknown",
    "$.pages[2].questions[3].min min_above_max",
    "$.pages[2].questions[4].minDate date_invalid",
    "$.pages[2].questions[4].maxDate date_invalid",
    "$.pages[2].questions[5].minDate min_above_max",
  ]);
});

test("groups: fields present, no nesting, item counts sensible, sub ids unique", () => {
  const def = clone();
  const group = def.pages[1]!.questions[0]!;
  group.minItems = 6;
  group.fields!.push({ id: "name", type: "text", label: { ja: "重複" } }, { id: "inner", type: "group", label: { ja: "入れ子" }, fields: [] });
  assert.deepEqual(codesAt(def), [
    "$.pages[1].questions[0].minItems min_above_max",
    "$.pages[1].questions[0].fields[2].id id_duplicate",
    "$.pages[1].questions[0].fields[3].type group_nested",
  ]);
  const empty = clone();
  empty.pages[1]!.questions[0]!.fields = [];
  empty.pages[1]!.questions[0]!.maxItems = 0;
  assert.deepEqual(codesAt(empty), [
    "$.pages[1].questions[0].fields group_fields_missing",
    "$.pages[1].questions[0].maxItems count_invalid",
    "$.pages[1].questions[0].minItems min_above_max",
  ]);
});

test("conditions may only refer to questions on earlier pages, with values among their options", () => {
  const def = clone();
  def.pages[0]!.showIf = { question: "has_kids", equals: "yes" };
  def.pages[1]!.showIf = { question: "code", answered: true };
  def.pages[2]!.questions[1]!.showIf = { all: [{ question: "has_kids", equals: "maybe" }, { question: "nope", answered: true }, { question: "code", answered: true }] };
  assert.deepEqual(codesAt(def), [
    "$.pages[0].showIf.question condition_not_earlier",
    "$.pages[1].showIf.question condition_not_earlier",
    "$.pages[2].questions[1].showIf.all[0].equals condition_value_not_option",
    "$.pages[2].questions[1].showIf.all[1].question condition_unknown_question",
    "$.pages[2].questions[1].showIf.all[2].question condition_not_earlier",
  ]);
});

test("conditions: malformed shapes, includes on non-multiple, in with unknown values, sub-question conditions", () => {
  const def = clone();
  def.pages[1]!.showIf = { question: "has_kids", equals: "yes", notEquals: "no" } as never;
  def.pages[2]!.showIf = { any: [] };
  def.pages[2]!.questions[1]!.showIf = { question: "has_kids", includes: "yes" };
  def.pages[2]!.questions[0]!.showIf = { question: "has_kids", in: ["yes", "perhaps"] };
  def.pages[1]!.questions[0]!.fields![0]!.showIf = { question: "kids", answered: true };
  assert.deepEqual(codesAt(def), [
    "$.pages[1].showIf condition_invalid",
    "$.pages[1].questions[0].fields[0].showIf.question condition_not_earlier",
    "$.pages[2].showIf.any condition_invalid",
    "$.pages[2].questions[0].showIf.in[1] condition_value_not_option",
    "$.pages[2].questions[1].showIf.includes condition_includes_not_multiple",
  ]);
});

test("problems are localized", () => {
  const def = clone();
  def.pages[0]!.questions[0]!.options = [];
  assert.equal(validateDefinition(def, "en")[0]?.message, "Add at least one option");
  assert.equal(validateDefinition(def)[0]?.message, "選択肢を1つ以上追加してください");
});
