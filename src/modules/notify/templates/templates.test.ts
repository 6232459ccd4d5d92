import { test } from "node:test";
import assert from "node:assert/strict";
import { WARDS, WARD_CODES, wardListText, wardName } from "../areas/wards.ts";
import { checkAreaMail } from "../formats/etws.ts";
import { ALERT_LANGUAGES } from "../languages.ts";
import { ALERT_TEMPLATES, TEMPLATE_KEYS } from "./alerts.ts";
import { CHROME } from "./chrome.ts";
import { formatAlertTime, INTENSITIES, renderAlert, renderAreaMail, TemplateError, type TemplateParams } from "./render.ts";

const ISSUED = "2026-08-10T05:30:00Z";
const PARAMS: TemplateParams = {
  shelter: { text: { ja: "扇町小学校", "ja-x-easy": "扇町小学校（おうぎまちしょうがっこう）", en: "Ogimachi Elementary School" } },
  intensity: { intensity: "6-" },
};

test("every template exists in all 11 languages, with a title and a body", () => {
  assert.equal(ALERT_LANGUAGES.length, 11);
  assert.ok(TEMPLATE_KEYS.length >= 8);
  for (const key of TEMPLATE_KEYS) {
    for (const language of ALERT_LANGUAGES) {
      const text = ALERT_TEMPLATES[key].text[language];
      assert.ok(text.title.trim().length > 0 && text.body.trim().length > 0, `${key} ${language}`);
    }
  }
});

test("each language uses exactly the variables its template declares", () => {
  for (const key of TEMPLATE_KEYS) {
    const declared = new Set(ALERT_TEMPLATES[key].variables);
    for (const language of ALERT_LANGUAGES) {
      const { title, body } = ALERT_TEMPLATES[key].text[language];
      const used = new Set([...`${title} ${body}`.matchAll(/\{(\w+)\}/g)].map((m) => m[1]));
      for (const name of used) assert.ok(declared.has(name!), `${key} ${language} uses undeclared {${name}}`);
      for (const name of declared) assert.ok(used.has(name), `${key} ${language} never uses {${name}}`);
    }
  }
});

test("every template renders in every language with every variable filled and no brace left", () => {
  for (const key of TEMPLATE_KEYS) {
    for (const language of ALERT_LANGUAGES) {
      for (const wards of [["271276", "271284"], [...WARD_CODES]]) {
        const { title, body } = renderAlert({ templateKey: key, language, params: PARAMS, wards, issuedAt: ISSUED });
        assert.doesNotMatch(`${title}${body}`, /[{}]/, `${key} ${language}`);
      }
    }
  }
  const en = renderAlert({ templateKey: "shelter.opened", language: "en", params: PARAMS, wards: ["271276"], issuedAt: ISSUED });
  assert.equal(en.body, "On 10 August at 14:30, Ogimachi Elementary School in Kita Ward opened as an evacuation shelter. If you go there, bring food, water, your regular medicines and a phone charger.");
  // A name given only in Japanese and English falls back to English for other languages.
  assert.match(renderAlert({ templateKey: "shelter.opened", language: "vi", params: PARAMS, wards: ["271276"], issuedAt: ISSUED }).body, /Ogimachi Elementary School tại quận Kita/);
  assert.match(renderAlert({ templateKey: "earthquake.intensity", language: "ja", params: PARAMS, wards: [...WARD_CODES], issuedAt: ISSUED }).title, /震度6弱/);
  assert.match(renderAlert({ templateKey: "earthquake.intensity", language: "en", params: PARAMS, wards: ["271021"], issuedAt: ISSUED }).title, /6 Lower/);
});

test("a missing variable is an error, not a message with a hole", () => {
  assert.throws(
    () => renderAlert({ templateKey: "shelter.opened", language: "ja", params: {}, wards: ["271276"], issuedAt: ISSUED }),
    (error: unknown) => error instanceof TemplateError && error.reason === "template.missing_variable" && error.variable === "shelter",
  );
  assert.throws(
    () => renderAlert({ templateKey: "evacuation.level4", language: "ja", params: {}, wards: [], issuedAt: ISSUED }),
    (error: unknown) => error instanceof TemplateError && error.variable === "area",
  );
  assert.throws(() => renderAlert({ templateKey: "no.such", language: "ja", params: {}, issuedAt: ISSUED }), TemplateError);
});

test("ward names are pre-written in every language; all 24 wards read as the whole city", () => {
  assert.equal(WARDS.length, 24);
  for (const ward of WARDS) {
    assert.match(ward.code, /^271\d{3}$/);
    for (const language of ALERT_LANGUAGES) assert.ok(wardName(ward, language).length > 1, `${ward.code} ${language}`);
  }
  const kita = WARDS.find((w) => w.code === "271276")!;
  assert.equal(wardName(kita, "ja-x-easy"), "北区（きたく）");
  assert.equal(wardName(kita, "zh-Hant"), "北區");
  assert.equal(wardName(kita, "ko"), "기타구");
  assert.equal(wardListText(["271284", "271276"], "ja"), "北区、中央区");
  assert.equal(wardListText([...WARD_CODES], "en"), "all of Osaka City");
});

test("check digits of the ward codes are right (全国地方公共団体コード)", () => {
  for (const code of WARD_CODES) {
    const digits = code.slice(0, 5).split("").map(Number);
    const sum = digits.reduce((s, d, i) => s + d * (6 - i), 0);
    assert.equal(Number(code[5]), (11 - (sum % 11)) % 10, code);
  }
});

test("times are written the way each language writes them, in Japan time", () => {
  assert.equal(formatAlertTime(ISSUED, "ja"), "8月10日 14時30分");
  assert.equal(formatAlertTime(ISSUED, "en"), "10 August at 14:30");
  assert.equal(formatAlertTime(ISSUED, "vi"), "14:30 ngày 10/8");
  for (const language of ALERT_LANGUAGES) assert.ok(formatAlertTime(ISSUED, language).length > 4);
  assert.equal(INTENSITIES.length, 9);
});

test("channel wording exists in every language, with the link placeholder", () => {
  for (const language of ALERT_LANGUAGES) {
    assert.match(CHROME[language].unsubscribe, /\{link\}/);
    assert.match(CHROME[language].details, /\{link\}/);
  }
});

test("the 緊急速報メール drafts of every template fit the carriers' limits for a city-wide alert", () => {
  for (const key of TEMPLATE_KEYS) {
    const draft = renderAreaMail({ templateKey: key, params: PARAMS, wards: [...WARD_CODES], issuedAt: ISSUED });
    assert.deepEqual(checkAreaMail(draft), [], `${key}: ${JSON.stringify(draft)}`);
  }
});
