import assert from "node:assert/strict";
import { test } from "node:test";
import { missingTranslations, t } from "../../core/i18n/index.ts";
import { alertTexts } from "./alerts/texts.ts";
import "./messages.ts";

test("every disaster message has an English translation", () => {
  assert.deepEqual(missingTranslations("en").filter((key) => key.startsWith("disaster.")), []);
});

test("every evacuation template renders in Japanese and English without leftover placeholders", () => {
  for (const level of [3, 4, 5, 0]) {
    const texts = alertTexts({ kind: "evacuation", template: `evacuation.${level}`, level, wards: ["271276"], params: { reason: "flood" } });
    for (const { title, body } of Object.values(texts)) assert.doesNotMatch(title + body, /\{\w+\}/);
  }
  assert.equal(t("en", "disaster.evacuation.level.4"), "Alert level 4: Evacuation order");
});
