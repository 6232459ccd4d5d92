import { test } from "node:test";
import assert from "node:assert/strict";
import type { FormDefinition } from "./definition.ts";
import { pruneAnswers } from "./journey.ts";
import { pageHasFileQuestion, renderAnswersSummary, renderQuestions } from "./render-page.ts";
import { parsePage } from "./validate.ts";

const def: FormDefinition = {
  pages: [
    {
      id: "who",
      title: { ja: "申請する人", en: "Who is applying" },
      questions: [
        {
          id: "who",
          type: "single",
          label: { ja: "どなたが申請しますか", en: "Who is applying?" },
          options: [
            { value: "self", label: { ja: "本人", en: "Myself" } },
            { value: "agent", label: { ja: "代理人", en: "An agent" } },
          ],
        },
      ],
    },
    {
      id: "details",
      title: { ja: "申請者", en: "Applicant" },
      questions: [
        { id: "name", type: "name", label: { ja: "氏名", en: "Name" } },
        { id: "relation", type: "text", label: { ja: "本人との関係", en: "Relationship" }, showIf: { question: "who", equals: "agent" } },
        { id: "note", type: "textarea", label: { ja: "備考", en: "Notes" }, required: false },
      ],
    },
    {
      id: "agent",
      title: { ja: "代理人", en: "Agent" },
      showIf: { question: "who", equals: "agent" },
      questions: [{ id: "agent_name", type: "text", label: { ja: "代理人の氏名" } }],
    },
    {
      id: "kids",
      title: { ja: "お子さん" },
      questions: [
        { id: "kids", type: "group", label: { ja: "お子さん" }, required: false, fields: [{ id: "name", type: "text", label: { ja: "名前" } }] },
        { id: "doc", type: "file", label: { ja: "書類" }, required: false },
      ],
    },
  ],
};
const details = def.pages[1]!;

test("renderQuestions: only the visible questions, filled from saved answers", () => {
  const out = renderQuestions(details, { answers: { who: "self", name: { family: "山田", given: "花子" } } }, "ja").toString();
  assert.match(out, /value="山田"/);
  assert.doesNotMatch(out, /relation/);
  assert.match(out, /備考（任意）/);
  assert.doesNotMatch(out, /<form/);
  assert.doesNotMatch(out, /_action/);
  const agent = renderQuestions(details, { answers: { who: "agent" } }, "en").toString();
  assert.match(agent, /for="relation">Relationship</);
  assert.match(agent, /Notes \(optional\)/);
});

test("renderQuestions after a failed POST: typed values and every error beside its field", () => {
  const body = { "name.family": "<山田>", "name.given": "", relation: "", note: "メモ" };
  const answers = pruneAnswers(def, { who: "agent" });
  const parsed = parsePage(def, "details", body, answers, "ja");
  assert.deepEqual(parsed.errors.map((e) => e.field), ["name.given", "relation"]);
  const out = renderQuestions(details, { answers, raw: parsed.raw, errors: parsed.errors }, "ja").toString();
  assert.match(out, /value="&lt;山田&gt;"/);
  assert.match(out, />\nメモ<\/textarea>/);
  assert.match(out, /id="name-error"><span class="visually-hidden">エラー：<\/span>氏名の名を入力してください/);
  assert.match(out, /id="relation-error"><span class="visually-hidden">エラー：<\/span>本人との関係を入力してください/);
  assert.equal((out.match(/field--error/g) ?? []).length, 2);
});

test("renderQuestions: pages with a repeating group start with a hidden default button", () => {
  const out = renderQuestions(def.pages[3]!, {}, "ja").toString();
  assert.ok(out.startsWith('<button type="submit" name="_action" value="continue" class="visually-hidden"'));
  assert.ok(out.indexOf('value="continue"') < out.indexOf('value="add:kids"'));
  assert.ok(pageHasFileQuestion(def.pages[3]!));
  assert.ok(!pageHasFileQuestion(details));
});

test("renderAnswersSummary: visible pages and questions only, change links with context", () => {
  const answers = {
    who: "self",
    name: { family: "山田", given: "花子" },
    relation: "母",
    agent_name: "代理 太郎",
  };
  const out = renderAnswersSummary(def, answers, "ja", { changeHref: (page, q) => `/apply/juminhyo/${page}?change=${q}` }).toString();
  assert.match(out, /<h2>申請する人<\/h2>\n<dl class="summary-list">/);
  assert.match(out, /<dt class="summary-list__key">どなたが申請しますか<\/dt>\n<dd class="summary-list__value">本人<\/dd>/);
  assert.match(out, /<dd class="summary-list__value">山田　花子<\/dd>/);
  assert.match(out, /<dt class="summary-list__key">備考<\/dt>\n<dd class="summary-list__value">未回答<\/dd>/);
  assert.match(out, /<a href="\/apply\/juminhyo\/details\?change=name">変更<span class="visually-hidden">：氏名<\/span><\/a>/);
  assert.doesNotMatch(out, /本人との関係|代理人の氏名|代理 太郎/);
  const en = renderAnswersSummary(def, answers, "en", { changeHref: (page) => `/p/${page}`, headingLevel: 3 }).toString();
  assert.match(en, /<h3>Who is applying<\/h3>/);
  assert.match(en, /Change<span class="visually-hidden"> Name<\/span>/);
  assert.match(en, /Not answered/);
});
