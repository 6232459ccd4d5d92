import { test } from "node:test";
import assert from "node:assert/strict";
import type { FormDefinition } from "./definition.ts";
import { mergePageAnswers, parsePage } from "./validate.ts";

const def: FormDefinition = {
  pages: [
    {
      id: "who",
      title: { ja: "申請する人" },
      questions: [
        {
          id: "who",
          type: "single",
          label: { ja: "どなたが申請しますか" },
          options: [
            { value: "self", label: { ja: "本人" } },
            { value: "agent", label: { ja: "代理人" } },
          ],
        },
      ],
    },
    {
      id: "applicant",
      title: { ja: "申請者" },
      questions: [
        { id: "name", type: "name", label: { ja: "氏名" } },
        { id: "kana", type: "furigana", label: { ja: "フリガナ" } },
        { id: "dob", type: "date", label: { ja: "生年月日" }, maxDate: "today" },
        { id: "addr", type: "address", label: { ja: "住所" } },
        { id: "tel", type: "phone", label: { ja: "電話番号" } },
        { id: "email", type: "email", label: { ja: "メールアドレス" }, required: false },
        { id: "relation", type: "text", label: { ja: "本人との関係" }, showIf: { question: "who", equals: "agent" } },
      ],
    },
    {
      id: "agent",
      title: { ja: "代理人" },
      showIf: { question: "who", equals: "agent" },
      questions: [{ id: "agent_name", type: "text", label: { ja: "代理人の氏名" } }],
    },
  ],
};

const good = {
  "name.family": "山田",
  "name.given": "花子",
  "kana.family": "やまだ",
  "kana.given": "ﾊﾅｺ",
  "dob.era": "heisei",
  "dob.year": "２",
  "dob.month": "4",
  "dob.day": "1",
  "addr.postalCode": "〒５３０－０００１",
  "addr.address": "大阪市北区中之島１－３－２０",
  "addr.building": "",
  tel: "０６ー６２０８ー８１８１",
  email: "",
};
const options = { today: "2026-11-26" };

test("parsePage: a whole page normalised (full-width, hiragana furigana, 和暦, 〒)", () => {
  const result = parsePage(def, "applicant", good, { who: "self" }, "ja", options);
  assert.deepEqual(result.errors, []);
  assert.deepEqual(result.answers, {
    name: { family: "山田", given: "花子" },
    kana: { family: "ヤマダ", given: "ハナコ" },
    dob: "1990-04-01",
    addr: { postalCode: "5300001", address: "大阪市北区中之島1-3-20" },
    tel: "0662088181",
  });
});

test("parsePage: all errors of the page at once, in field order, with typed values kept", () => {
  const body = {
    ...good,
    "name.given": "",
    "kana.family": "山田",
    "dob.year": "32",
    "addr.postalCode": "530-001",
    tel: "",
    email: "hanako@",
  };
  const result = parsePage(def, "applicant", body, { who: "self" }, "ja", options);
  assert.deepEqual(result.errors, [
    { field: "name.given", message: "氏名の名を入力してください" },
    { field: "kana.family", message: "フリガナのセイはカタカナで入力してください（例：ヤマダ）" },
    { field: "dob.year", message: "生年月日：平成の年は1から31までの数字で入力してください" },
    { field: "addr.postalCode", message: "郵便番号は7桁の数字で入力してください（例：5300001）" },
    { field: "tel", message: "電話番号を入力してください" },
    { field: "email", message: "メールアドレスは name@example.jp のような形で入力してください" },
  ]);
  assert.equal(result.raw["addr.postalCode"], "530-001");
  assert.equal(result.raw["kana.family"], "山田");
  assert.equal(result.raw["dob.era"], "heisei");
});

test("parsePage: hidden questions are neither validated nor kept", () => {
  const body = { ...good, relation: "" };
  assert.deepEqual(parsePage(def, "applicant", body, { who: "self" }, "ja", options).errors, []);
  const asAgent = parsePage(def, "applicant", { ...body, relation: "母" }, { who: "self" }, "ja", options);
  assert.equal(asAgent.answers.relation, undefined);
  const agent = parsePage(def, "applicant", body, { who: "agent" }, "ja", options);
  assert.deepEqual(agent.errors, [{ field: "relation", message: "本人との関係を入力してください" }]);
});

test("parsePage: English messages; unknown page throws", () => {
  const result = parsePage(def, "who", {}, {}, "en", options);
  assert.deepEqual(result.errors, [{ field: "who", message: "Select どなたが申請しますか" }]);
  assert.throws(() => parsePage(def, "nope", {}, {}, "ja"), /Unknown page/);
});

test("parsePage: upload errors found by the route take their place in field order", () => {
  const withFile: FormDefinition = {
    pages: [
      {
        id: "docs",
        title: { ja: "書類" },
        questions: [
          { id: "before", type: "text", label: { ja: "前" } },
          { id: "doc", type: "file", label: { ja: "書類" } },
          { id: "after", type: "text", label: { ja: "後" } },
        ],
      },
    ],
  };
  const result = parsePage(withFile, "docs", {}, {}, "ja", { uploadErrors: { doc: "ファイルは5MB以下にしてください" } });
  assert.deepEqual(result.errors.map((e) => e.field), ["before", "doc", "after"]);
  assert.equal(result.errors[1]?.message, "ファイルは5MB以下にしてください");
});

test("mergePageAnswers replaces the page's answers (a cleared optional answer goes) and prunes", () => {
  const previous = { who: "agent", name: { family: "山田", given: "花子" }, email: "old@example.jp", agent_name: "代理 太郎" };
  const merged = mergePageAnswers(def, "applicant", previous, { name: { family: "山田", given: "一子" } });
  assert.deepEqual(merged, { who: "agent", name: { family: "山田", given: "一子" }, agent_name: "代理 太郎" });
  const changed = mergePageAnswers(def, "who", merged, { who: "self" });
  assert.deepEqual(changed, { who: "self", name: { family: "山田", given: "一子" } });
});
