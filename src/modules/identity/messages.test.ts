import { test } from "node:test";
import assert from "node:assert/strict";
import { missingTranslations } from "../../core/i18n/index.ts";
import "./messages.ts";

test("every identity message has an English translation", () => {
  assert.deepEqual(
    missingTranslations("en").filter((key) => key.startsWith("identity.")),
    [],
  );
});
