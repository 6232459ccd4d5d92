import { test } from "node:test";
import assert from "node:assert/strict";
import type { FormDefinition } from "./definition.ts";
import {
  canVisitPage,
  evaluateCondition,
  firstIncompletePageId,
  isAnswered,
  nextPageId,
  previousPageId,
  pruneAnswers,
  visiblePages,
  visibleQuestions,
} from "./journey.ts";

const yesNo = [
  { value: "yes", label: { ja: "はい" } },
  { value: "no", label: { ja: "いいえ" } },
];
const def: FormDefinition = {
  pages: [
    {
      id: "who",
      title: { ja: "申請する人" },
      questions: [
        { id: "who", type: "single", label: { ja: "どなたが申請しますか" }, options: [{ value: "self", label: { ja: "本人" } }, { value: "agent", label: { ja: "代理人" } }] },
      ],
    },
    {
      id: "agent",
      title: { ja: "代理人" },
      showIf: { question: "who", equals: "agent" },
      questions: [
        { id: "agent_name", type: "text", label: { ja: "代理人の氏名" } },
        { id: "agent_same", type: "single", label: { ja: "同じ住所ですか" }, options: yesNo },
      ],
    },
    {
      id: "agent_address",
      title: { ja: "代理人の住所" },
      showIf: { question: "agent_same", equals: "no" },
      questions: [{ id: "agent_addr", type: "text", label: { ja: "代理人の住所" } }],
    },
    {
      id: "docs",
      title: { ja: "必要な書類" },
      questions: [
        { id: "docs", type: "multiple", label: { ja: "書類" }, options: [{ value: "juminhyo", label: { ja: "住民票" } }, { value: "koseki", label: { ja: "戸籍" } }] },
        { id: "note", type: "text", label: { ja: "備考" }, required: false },
      ],
    },
    {
      id: "koseki",
      title: { ja: "戸籍" },
      questions: [
        { id: "honseki", type: "text", label: { ja: "本籍" }, showIf: { question: "docs", includes: "koseki" } },
        { id: "copies", type: "number", label: { ja: "通数" } },
      ],
    },
    {
      id: "declare",
      title: { ja: "確認" },
      questions: [{ id: "agree", type: "declaration", label: { ja: "誤りはありません" } }],
    },
  ],
};

test("evaluateCondition: equals, notEquals, in, includes, answered, all, any", () => {
  const answers = { who: "agent", docs: ["koseki"], copies: 2, agree: true, blank: "" };
  assert.ok(evaluateCondition({ question: "who", equals: "agent" }, answers));
  assert.ok(!evaluateCondition({ question: "who", equals: "self" }, answers));
  assert.ok(evaluateCondition({ question: "who", notEquals: "self" }, answers));
  assert.ok(evaluateCondition({ question: "missing", notEquals: "self" }, answers));
  assert.ok(evaluateCondition({ question: "who", in: ["self", "agent"] }, answers));
  assert.ok(!evaluateCondition({ question: "missing", in: ["self"] }, answers));
  assert.ok(evaluateCondition({ question: "docs", includes: "koseki" }, answers));
  assert.ok(!evaluateCondition({ question: "docs", includes: "juminhyo" }, answers));
  assert.ok(evaluateCondition({ question: "copies", equals: "2" }, answers));
  assert.ok(evaluateCondition({ question: "agree", equals: "true" }, answers));
  assert.ok(evaluateCondition({ question: "who", answered: true }, answers));
  assert.ok(evaluateCondition({ question: "blank", answered: false }, answers));
  assert.ok(evaluateCondition({ question: "missing", answered: false }, answers));
  assert.ok(evaluateCondition({ all: [{ question: "who", equals: "agent" }, { question: "docs", includes: "koseki" }] }, answers));
  assert.ok(!evaluateCondition({ all: [{ question: "who", equals: "agent" }, { question: "docs", includes: "x" }] }, answers));
  assert.ok(evaluateCondition({ any: [{ question: "who", equals: "self" }, { question: "docs", includes: "koseki" }] }, answers));
});

test("isAnswered", () => {
  assert.ok(!isAnswered(undefined));
  assert.ok(!isAnswered("  "));
  assert.ok(!isAnswered([]));
  assert.ok(isAnswered(0));
  assert.ok(isAnswered(false));
  assert.ok(isAnswered({ family: "a", given: "b" }));
});

test("visiblePages follows conditions, including pages hidden by hidden pages", () => {
  const ids = (answers: Record<string, unknown>) => visiblePages(def, answers as never).map((p) => p.id);
  assert.deepEqual(ids({}), ["who", "docs", "koseki", "declare"]);
  assert.deepEqual(ids({ who: "agent" }), ["who", "agent", "docs", "koseki", "declare"]);
  assert.deepEqual(ids({ who: "agent", agent_same: "no" }), ["who", "agent", "agent_address", "docs", "koseki", "declare"]);
  // agent page hidden again: its stale answer no longer shows the address page
  assert.deepEqual(ids({ who: "self", agent_same: "no" }), ["who", "docs", "koseki", "declare"]);
});

test("visibleQuestions: a question hidden by an answer on an earlier page", () => {
  const koseki = def.pages[4]!;
  assert.deepEqual(visibleQuestions(def, koseki, { docs: ["juminhyo"] }).map((q) => q.id), ["copies"]);
  assert.deepEqual(visibleQuestions(def, koseki, { docs: ["koseki"] }).map((q) => q.id), ["honseki", "copies"]);
});

test("nextPageId and previousPageId skip hidden pages; null after the last", () => {
  assert.equal(nextPageId(def, { who: "self" }, "who"), "docs");
  assert.equal(nextPageId(def, { who: "agent" }, "who"), "agent");
  assert.equal(nextPageId(def, { who: "agent", agent_same: "yes" }, "agent"), "docs");
  assert.equal(nextPageId(def, { who: "agent", agent_same: "no" }, "agent"), "agent_address");
  assert.equal(nextPageId(def, {}, "declare"), null);
  assert.equal(nextPageId(def, {}, "nope"), null);
  assert.equal(previousPageId(def, { who: "self" }, "docs"), "who");
  assert.equal(previousPageId(def, { who: "agent", agent_same: "no" }, "docs"), "agent_address");
  assert.equal(previousPageId(def, {}, "who"), null);
  // from a page that has just become hidden, the next visible one after it
  assert.equal(nextPageId(def, { who: "self" }, "agent"), "docs");
});

test("firstIncompletePageId: the first visible page with a required visible question unanswered", () => {
  assert.equal(firstIncompletePageId(def, {}), "who");
  assert.equal(firstIncompletePageId(def, { who: "self" }), "docs");
  assert.equal(firstIncompletePageId(def, { who: "agent" }), "agent");
  // optional "note" does not count; honseki is hidden unless koseki is asked for
  assert.equal(firstIncompletePageId(def, { who: "self", docs: ["juminhyo"], copies: 1 }), "declare");
  assert.equal(firstIncompletePageId(def, { who: "self", docs: ["koseki"], copies: 1, agree: true }), "koseki");
  assert.equal(firstIncompletePageId(def, { who: "self", docs: ["koseki"], honseki: "大阪市", copies: 1, agree: true }), null);
});

test("canVisitPage: visible and every earlier visible page complete", () => {
  assert.ok(canVisitPage(def, {}, "who"));
  assert.ok(!canVisitPage(def, {}, "docs"));
  assert.ok(canVisitPage(def, { who: "self" }, "docs"));
  assert.ok(!canVisitPage(def, { who: "self" }, "agent"));
  assert.ok(!canVisitPage(def, { who: "self" }, "koseki"));
  assert.ok(!canVisitPage(def, {}, "nope"));
});

test("pruneAnswers drops answers of hidden pages and questions and unknown ids", () => {
  const answers = {
    who: "self",
    agent_name: "代理 太郎",
    agent_same: "no",
    agent_addr: "どこか",
    docs: ["juminhyo"],
    honseki: "大阪市",
    copies: 1,
    stale: "x",
  };
  assert.deepEqual(pruneAnswers(def, answers), { who: "self", docs: ["juminhyo"], copies: 1 });
  assert.deepEqual(pruneAnswers(def, { ...answers, who: "agent" }), {
    who: "agent",
    agent_name: "代理 太郎",
    agent_same: "no",
    agent_addr: "どこか",
    docs: ["juminhyo"],
    copies: 1,
  });
});

test("pruneAnswers drops hidden sub-questions inside group items", () => {
  const withGroup: FormDefinition = {
    pages: [
      { id: "p1", title: { ja: "1" }, questions: [{ id: "school", type: "single", label: { ja: "学校" }, options: yesNo }] },
      {
        id: "p2",
        title: { ja: "2" },
        questions: [
          {
            id: "kids",
            type: "group",
            label: { ja: "子" },
            fields: [
              { id: "name", type: "text", label: { ja: "名前" } },
              { id: "school_name", type: "text", label: { ja: "学校名" }, showIf: { question: "school", equals: "yes" } },
            ],
          },
        ],
      },
    ],
  };
  const answers = { school: "no", kids: [{ name: "一郎", school_name: "中之島小" }] };
  assert.deepEqual(pruneAnswers(withGroup, answers), { school: "no", kids: [{ name: "一郎" }] });
});
