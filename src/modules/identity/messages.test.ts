import { test } from "node:test";
import assert from "node:assert/strict";
import { missingTranslations } from "../../core/i18n/index.ts";
import "./messages.ts";
import "./assurance-messages.ts";
import "../signatures/step/messages.ts";

test("every identity, assurance and signature-step message has an English translation", () => {
  assert.deepEqual(
    missingTranslations("en").filter((key) => key.startsWith("identity.") || key.startsWith("assurance.") || key.startsWith("signatures.")),
    [],
  );
});
