import { test } from "node:test";
import assert from "node:assert/strict";
import { PROCEDURES } from "../demo/catalogue.ts";
import type { FormDefinition } from "../forms/index.ts";
import { closingDeclarationPage, firstStep, resumeStep, stepAfterPage, summaryDefinition } from "./plan-journey.ts";

const formOf = (slug: string): FormDefinition => PROCEDURES.find((p) => p.slug === slug)!.form!;

test("a closing page of declarations only moves to check your answers", () => {
  assert.equal(closingDeclarationPage(formOf("residence-certificate"))?.id, "declaration");
  assert.equal(closingDeclarationPage(formOf("child-medical-subsidy"))?.id, "declaration");
  assert.equal(closingDeclarationPage(formOf("long-term-care-certification")), null, "its last page also asks a question");
  assert.equal(summaryDefinition(formOf("residence-certificate")).pages.at(-1)?.id, "identity");
});

test("steps: first page, resume, after a page, back to check", () => {
  const form = formOf("residence-certificate");
  assert.equal(firstStep(form, {}), "certificate");
  assert.equal(resumeStep(form, {}, "delivery"), "certificate", "a page that cannot be visited yet is not resumed");
  const answers = { certificate_type: "resident_record", requester_type: "self" };
  assert.equal(resumeStep(form, answers, "requester"), "requester");
  assert.equal(stepAfterPage(form, answers, "requester_name", false), "requester_name");
  assert.equal(stepAfterPage(form, answers, "declaration", false), "check", "the closing declaration is on check your answers");
  assert.equal(stepAfterPage(form, answers, null, false), "check");
  assert.equal(stepAfterPage(form, answers, "requester_name", true), "requester_name", "incomplete: continue, even from check");
});
