import { test } from "node:test";
import assert from "node:assert/strict";
import { missingTranslations, t } from "../../core/i18n/index.ts";
import "./messages.ts";

test("every appointments message has an English translation", () => {
  assert.deepEqual(missingTranslations("en").filter((key) => key.startsWith("appointments.")), []);
});

test("the 満席 message is what JSON clients and pages show", () => {
  assert.equal(t("ja", "appointments.errors.slot_full"), "満席です。別の時間を選んでください。");
  assert.equal(t("en", "appointments.errors.slot_full"), "Fully booked. Please choose another time.");
});
