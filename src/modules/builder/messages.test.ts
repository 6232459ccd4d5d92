import { test } from "node:test";
import assert from "node:assert/strict";
import { missingTranslations } from "../../core/i18n/index.ts";
import "./index.ts";
import "../procedures/staff/case-app.ts";

test("every Japanese message of the builder and of case apps has an English one", () => {
  assert.deepEqual(missingTranslations("en").filter((key) => key.startsWith("builder.") || key.startsWith("caseapp.") || key.startsWith("forms.")), []);
});
