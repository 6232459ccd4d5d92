import { describe, it } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import { missingTranslations } from "../../../core/i18n/index.ts";
import { PREFILL_FIELDS, QUESTION_TYPES, type QuestionDef } from "../forms/definition.ts";
import { PROCEDURES } from "../demo/catalogue.ts";
import { buildDemoProcedures, generateDemoProcedures } from "./demo/generate-procedures.ts";
import { documentLine, PROCEDURE_SCHEMA_ID, PROCEDURE_SCHEMA_VERSION, type ProcedureDocument } from "./document.ts";
import { formatLineProblem, readProcedureLines } from "./read-procedure-lines.ts";
import { jsonPath, PROCEDURE_SCHEMA_PATH, validateProcedureDocument } from "./validate-document.ts";
import "./messages.ts";

const schema = JSON.parse(fs.readFileSync(PROCEDURE_SCHEMA_PATH, "utf8")) as { $id: string; $schema: string };

/** The published schema alone, compiled by a plain Ajv 2020-12 (what another city would use). */
function plainSchemaValidator() {
  const ajv = new Ajv2020.default({ allErrors: true, strict: false });
  return ajv.compile(schema);
}

function sample(): ProcedureDocument {
  const found = generateDemoProcedures().find((d) => d.form && d.form.pages.length >= 4);
  assert.ok(found);
  return structuredClone(found);
}

describe("the published schema", () => {
  it("is JSON Schema 2020-12 with a versioned $id matching the documents' schemaVersion", () => {
    assert.equal(schema.$schema, "https://json-schema.org/draft/2020-12/schema");
    assert.equal(schema.$id, PROCEDURE_SCHEMA_ID);
    assert.match(schema.$id, new RegExp(`/${PROCEDURE_SCHEMA_VERSION.replace(".", "\\.")}/`));
  });

  it("knows every question type and prefill field of the form engine", () => {
    const question = (schema as unknown as { $defs: { question: { properties: { type: { enum: string[] }; prefill: { enum: string[] } } } } }).$defs.question.properties;
    assert.deepEqual([...question.type.enum].sort(), [...QUESTION_TYPES].sort());
    assert.deepEqual([...question.prefill.enum].sort(), [...PREFILL_FIELDS].sort());
  });
});

describe("the generated demo catalogue", () => {
  const documents = generateDemoProcedures();

  it("has with the 30 hand-written procedures at least 1,500, each slug once and none taken from the hand-written ones", () => {
    assert.ok(documents.length + PROCEDURES.length >= 1500, `${documents.length} + ${PROCEDURES.length}`);
    const slugs = new Set(documents.map((d) => d.slug));
    assert.equal(slugs.size, documents.length);
    assert.deepEqual(PROCEDURES.filter((p) => slugs.has(p.slug)).map((p) => p.slug), []);
  });

  it("is valid against the published schema (plain Ajv) and the form engine's rules", () => {
    const validate = plainSchemaValidator();
    for (const document of documents) {
      assert.ok(validate(JSON.parse(documentLine(document))), `${document.slug}: ${JSON.stringify(validate.errors)}`);
      assert.deepEqual(validateProcedureDocument(document, "en"), [], document.slug);
    }
  });

  it("is marked as demo data, in Japanese with readings in hiragana and English translations", () => {
    for (const document of documents) {
      assert.equal(document.demo, true, document.slug);
      assert.match(document.summary.ja, /デモ/, document.slug);
      assert.match(document.reading, /^[\u3041-\u3096\u30FC ]+$/, document.slug);
      assert.ok(document.title.en && document.summary.en, document.slug);
      assert.ok(document.keywords.length >= 3, document.slug);
    }
  });

  it("covers every ward office and bureau, with forms of 2 to 6 pages using the question types", () => {
    const departments = new Set(documents.map((d) => d.department.code));
    assert.equal([...departments].filter((code) => code.startsWith("ward-")).length, 24);
    for (const bureau of ["welfare", "children", "health", "citizens", "finance", "environment", "urban", "construction", "economy", "education"]) assert.ok(departments.has(bureau), bureau);
    const types = new Set<string>();
    const visit = (q: QuestionDef) => {
      types.add(q.type);
      q.fields?.forEach(visit);
    };
    for (const document of documents) {
      if (!document.form) {
        assert.equal(document.channel, "counter", document.slug);
        continue;
      }
      assert.ok(document.form.pages.length >= 2 && document.form.pages.length <= 6, `${document.slug}: ${document.form.pages.length} pages`);
      document.form.pages.forEach((page) => page.questions.forEach(visit));
    }
    // "calculated" belongs to the builder's calculations; the demo forms use every other type.
    assert.deepEqual(QUESTION_TYPES.filter((type) => type !== "calculated" && !types.has(type)), []);
  });

  it("is the same every time (seeding twice changes nothing)", () => {
    assert.equal(buildDemoProcedures().map(documentLine).join("\n"), documents.map(documentLine).join("\n"));
  });
});

describe("validateProcedureDocument", () => {
  it("reports schema problems with JSON paths, all at once", () => {
    const document = sample() as unknown as Record<string, unknown> & { form: { pages: Array<{ questions: Array<Record<string, unknown>> }> } };
    document.form.pages[2]!.questions[0]!.type = "txet";
    document.form.pages[0]!.questions[0]!.requried = true;
    document.reading = "ジュウミンヒョウ";
    delete document.title;
    const problems = validateProcedureDocument(document, "en");
    const byPath = new Map(problems.map((p) => [p.path, p]));
    assert.match(byPath.get("$.form.pages[2].questions[0].type")?.message ?? "", /^must be one of text, textarea, .*declaration/);
    assert.equal(byPath.get("$.form.pages[0].questions[0].requried")?.code, "schema.additionalProperties");
    assert.equal(byPath.get("$.reading")?.message, "must be written in hiragana");
    assert.equal(byPath.get("$.title")?.message, "is missing");
    assert.equal(validateProcedureDocument(document, "ja").find((p) => p.path === "$.reading")?.message, "ひらがなで書いてください");
  });

  it("says when a schema version is not supported instead of listing its consequences", () => {
    const document = { ...sample(), schemaVersion: "2.0", somethingNew: true };
    assert.deepEqual(
      validateProcedureDocument(document, "en").map((p) => [p.path, p.code]),
      [["$.schemaVersion", "schema.schemaVersion"]],
    );
  });

  it("runs the form engine's rules when the shape is right, with paths from the document root", () => {
    const document = sample();
    const [first, second] = document.form!.pages;
    second!.questions[0]!.id = first!.questions[0]!.id;
    const problems = validateProcedureDocument(document, "en");
    assert.deepEqual(problems.map((p) => [p.path, p.code]), [["$.form.pages[1].questions[0].id", "form.id_duplicate"]]);
  });

  it("requires options on choice questions and fields on groups (schema if/then)", () => {
    const document = sample();
    document.form!.pages[0]!.questions.push({ id: "pick", type: "single", label: { ja: "選ぶ" } });
    const problems = validateProcedureDocument(document, "en");
    assert.ok(problems.some((p) => p.path === `$.form.pages[0].questions[${document.form!.pages[0]!.questions.length - 1}].options` && p.code === "schema.required"), JSON.stringify(problems));
  });

  it("turns JSON pointers into JSON paths", () => {
    assert.equal(jsonPath(""), "$");
    assert.equal(jsonPath("/form/pages/2/questions/0", "type"), "$.form.pages[2].questions[0].type");
    assert.equal(jsonPath("/title/zh-Hant"), '$.title["zh-Hant"]');
  });
});

describe("readProcedureLines", () => {
  it("reads every line, skips blank ones, and reports line numbers, paths and duplicate slugs", () => {
    const good = documentLine(sample());
    const bad = sample();
    (bad.form!.pages[0]!.questions[0] as unknown as Record<string, unknown>).type = "txet";
    const text = `\uFEFF${good}\r\n\r\n${documentLine(bad)}\n{"broken\n${good}\n`;
    const result = readProcedureLines(text, "en");
    assert.equal(result.documents.length, 1);
    assert.equal(result.documents[0]!.line, 1);
    const lines = result.problems.map((p) => formatLineProblem(p, "en"));
    assert.match(lines[0]!, /^line 3: \$\.form\.pages\[0\]\.questions\[0\]\.type: must be one of /);
    assert.match(lines[1]!, /^line 4: \$: is not valid JSON/);
    assert.match(lines[2]!, /^line 5: \$\.slug: slug ".*" is also on line 1$/);
  });
});

it("every Japanese message of the exchange has an English translation", () => {
  assert.deepEqual(missingTranslations("en").filter((key) => key.startsWith("exchange.")), []);
});
