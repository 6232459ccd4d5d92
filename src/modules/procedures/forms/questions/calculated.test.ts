import { test } from "node:test";
import assert from "node:assert/strict";
import type { FormDefinition } from "../definition.ts";
import { firstIncompletePageId, parsePage, mergePageAnswers, pruneAnswers, renderAnswersSummary, renderQuestions, validateDefinition } from "../index.ts";

const FEE: FormDefinition = {
  pages: [
    {
      id: "copies_page",
      title: { ja: "通数" },
      questions: [
        { id: "copies", type: "number", label: { ja: "通数" }, min: 1, max: 10 },
        { id: "delivery", type: "single", label: { ja: "受け取り" }, options: [{ value: "0", label: { ja: "窓口" } }, { value: "140", label: { ja: "郵送（140円）" } }] },
      ],
    },
    {
      id: "fee_page",
      title: { ja: "手数料" },
      questions: [{ id: "fee", type: "calculated", label: { ja: "手数料" }, expression: "copies × 300 + delivery", format: "yen" }],
    },
  ],
};

test("the journey computes a calculated value from earlier answers, always fresh", () => {
  assert.deepEqual(pruneAnswers(FEE, { copies: 3, delivery: "140" }), { copies: 3, delivery: "140", fee: 1040 });
  // A stored value (stale, or posted by someone) never wins over the calculation.
  assert.equal(pruneAnswers(FEE, { copies: 1, delivery: "0", fee: 5 }).fee, 300);
  // Nothing to compute yet: no value at all.
  assert.equal(pruneAnswers(FEE, {}).fee, undefined);
  // A calculated question is never "incomplete".
  assert.equal(firstIncompletePageId(FEE, { copies: 1, delivery: "0" }), null);
});

test("posting the page never sets the value; the merge computes it", () => {
  const parsed = parsePage(FEE, "fee_page", { fee: "1" }, { copies: 2, delivery: "0" }, "ja");
  assert.deepEqual(parsed, { answers: {}, raw: {}, errors: [] });
  const merged = mergePageAnswers(FEE, "fee_page", { copies: 2, delivery: "0" }, parsed.answers);
  assert.equal(merged.fee, 600);
});

test("rendering shows the amount as text, not an input", () => {
  const page = FEE.pages[1]!;
  const markup = renderQuestions(page, { answers: pruneAnswers(FEE, { copies: 4, delivery: "140" }) }, "ja").value;
  assert.match(markup, /<output aria-labelledby="fee-label">1,340円<\/output>/);
  assert.doesNotMatch(markup, /<input/);
  const pending = renderQuestions(page, { answers: {} }, "en").value;
  assert.match(pending, /Shown once the earlier questions are answered/);
  const summary = renderAnswersSummary(FEE, { copies: 1, delivery: "0" }, "en", { changeHref: (p) => `/x/${p}` }).value;
  assert.match(summary, /300 yen/);
  assert.doesNotMatch(summary, /href="\/x\/fee_page"/, "no change link for a computed value");
});

test("definition checks: each problem of a formula at its exact path", () => {
  const bad = (expression: string): FormDefinition => ({
    pages: [
      FEE.pages[0]!,
      { id: "fee_page", title: { ja: "手数料" }, questions: [{ id: "fee", type: "calculated", label: { ja: "手数料" }, expression }] },
    ],
  });
  const codes = (def: FormDefinition) => validateDefinition(def).map((p) => `${p.path} ${p.code}`);
  assert.deepEqual(codes(bad("copies * 300")), []);
  assert.deepEqual(codes(bad("copiess * 300")), ["$.pages[1].questions[0].expression expression_unknown_question"]);
  assert.deepEqual(codes(bad("copies * ")), ["$.pages[1].questions[0].expression expression_unexpected"]);
  assert.deepEqual(codes(bad("count(copies)")), ["$.pages[1].questions[0].expression expression_count_type"]);
  const message = validateDefinition(bad("copies + fee"))[0]!;
  assert.equal(message.code, "expression_not_earlier");
  assert.match(message.message, /10文字目の「fee」/);
  const textRef: FormDefinition = {
    pages: [
      { id: "a", title: { ja: "A" }, questions: [{ id: "note", type: "text", label: { ja: "メモ" } }] },
      { id: "b", title: { ja: "B" }, questions: [{ id: "fee", type: "calculated", label: { ja: "手数料" }, expression: "note * 2", format: "euro" as "yen" }] },
    ],
  };
  assert.deepEqual(codes(textRef), ["$.pages[1].questions[0].format format_invalid", "$.pages[1].questions[0].expression expression_not_number"]);
});

test("definition checks: minLength, prefill and structurally broken parts", () => {
  const def = {
    pages: [
      {
        id: "p",
        title: { ja: "P" },
        questions: [
          { id: "memo", type: "text", label: { ja: "メモ" }, minLength: 10, maxLength: 5 },
          { id: "who", type: "text", label: { ja: "氏名" }, prefill: "name" },
          { id: "home", type: "address", label: { ja: "住所" }, prefill: "address" },
          null,
        ],
      },
      "not a page",
    ],
  } as unknown as FormDefinition;
  assert.deepEqual(
    validateDefinition(def).map((p) => `${p.path} ${p.code}`),
    [
      "$.pages[0].questions[0].minLength min_above_max",
      "$.pages[0].questions[1].prefill prefill_type",
      "$.pages[0].questions[3] not_object",
      "$.pages[1] not_object",
    ],
  );
});

test("text minLength is enforced with a message that says how many", () => {
  const def: FormDefinition = { pages: [{ id: "p", title: { ja: "P" }, questions: [{ id: "memo", type: "text", label: { ja: "理由" }, minLength: 5 }] }] };
  const parsed = parsePage(def, "p", { memo: "abc" }, {}, "ja");
  assert.deepEqual(parsed.errors.map((e) => e.message), ["理由は5文字以上で入力してください（今は3文字です）"]);
});
