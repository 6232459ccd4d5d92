import { test } from "node:test";
import assert from "node:assert/strict";
import { csvCell, csvRow } from "./csv.ts";

test("quotes commas, quotes and line breaks; keeps Japanese as is", () => {
  assert.equal(csvRow(["住民票の写し", 'say "hi"', "a,b", "x\ny"]), '住民票の写し,"say ""hi""","a,b","x\ny"\r\n');
});

test("neutralises formula injection", () => {
  assert.equal(csvCell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
  assert.equal(csvCell("+81"), "'+81");
  assert.equal(csvCell(null), "");
});
