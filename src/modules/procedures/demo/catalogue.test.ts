import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { Condition, FormDefinition, QuestionDef } from "../forms/definition.ts";
import { QUESTION_TYPES } from "../forms/definition.ts";
import { CATEGORIES, DEMO_RESIDENTS, DEMO_STAFF, DEPARTMENTS, LIFE_EVENTS, PROCEDURES } from "./catalogue.ts";
import type { DemoProcedure } from "./catalogue.ts";

const SEED_SLUGS = ["residence-certificate", "long-term-care-certification", "child-medical-subsidy"];
const ID_PATTERN = /^[a-z][a-z0-9_]*$/;
const CHOICE_TYPES = new Set(["single", "multiple", "select"]);

function codes(list: Array<{ code: string }>): Set<string> {
  return new Set(list.map((item) => item.code));
}

function procedureNamed(slug: string): DemoProcedure {
  const found = PROCEDURES.find((p) => p.slug === slug);
  assert.ok(found, `procedure ${slug} exists`);
  return found;
}

/** Every question of a form with its page index, group sub-fields included. */
function questionsOf(form: FormDefinition): Array<{ question: QuestionDef; pageIndex: number; path: string }> {
  const out: Array<{ question: QuestionDef; pageIndex: number; path: string }> = [];
  const visit = (question: QuestionDef, pageIndex: number, path: string) => {
    out.push({ question, pageIndex, path });
    for (const field of question.fields ?? []) visit(field, pageIndex, `${path}.${field.id}`);
  };
  form.pages.forEach((page, pageIndex) => {
    for (const question of page.questions) visit(question, pageIndex, `${page.id}.${question.id}`);
  });
  return out;
}

type Leaf = { question: string; value?: string | string[] };
function conditionLeaves(condition: Condition): Leaf[] {
  if ("all" in condition) return condition.all.flatMap(conditionLeaves);
  if ("any" in condition) return condition.any.flatMap(conditionLeaves);
  if ("equals" in condition) return [{ question: condition.question, value: condition.equals }];
  if ("notEquals" in condition) return [{ question: condition.question, value: condition.notEquals }];
  if ("in" in condition) return [{ question: condition.question, value: condition.in }];
  if ("includes" in condition) return [{ question: condition.question, value: condition.includes }];
  return [{ question: condition.question }];
}

/** Walks any value and reports every object that looks like LocalizedText but lacks ja or en. */
function untranslated(value: unknown, path: string, out: string[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => untranslated(item, `${path}[${i}]`, out));
    return;
  }
  if (value === null || typeof value !== "object") return;
  const record = value as Record<string, unknown>;
  if ("ja" in record || "en" in record) {
    const ja = record["ja"];
    const en = record["en"];
    if (typeof ja !== "string" || ja.trim() === "" || typeof en !== "string" || en.trim() === "") out.push(path);
    return;
  }
  for (const [key, child] of Object.entries(record)) untranslated(child, `${path}.${key}`, out);
}

function isLocalized(value: unknown): boolean {
  if (value === null || typeof value !== "object") return false;
  const record = value as Record<string, unknown>;
  return typeof record["ja"] === "string" && record["ja"] !== "" && typeof record["en"] === "string" && record["en"] !== "";
}

describe("demo catalogue: organisation", () => {
  it("has unique codes for departments, life events and categories", () => {
    for (const list of [DEPARTMENTS, LIFE_EVENTS, CATEGORIES]) assert.equal(codes(list).size, list.length);
  });

  it("has the ward offices and bureaus the demo relies on", () => {
    const deps = codes(DEPARTMENTS);
    for (const code of [
      "ward-counter",
      "ward-kita",
      "ward-chuo",
      "ward-yodogawa",
      "ward-ikuno",
      "ward-hirano",
      "welfare",
      "children",
      "health",
      "citizens",
      "finance",
      "environment",
      "urban",
      "economy",
      "education",
    ]) {
      assert.ok(deps.has(code), `department ${code}`);
    }
    for (const dep of DEPARTMENTS) {
      assert.ok(dep.kind === "ward" || dep.kind === "bureau");
      if (dep.code.startsWith("ward-")) assert.equal(dep.kind, "ward", dep.code);
    }
    assert.equal(DEPARTMENTS.filter((d) => d.kind === "ward" && d.code !== "ward-counter").length, 24, "all 24 wards");
  });
});

describe("demo catalogue: procedures", () => {
  it("has at least 26 procedures", () => {
    assert.ok(PROCEDURES.length >= 26, `${PROCEDURES.length} procedures`);
  });

  it("has unique, url-safe slugs", () => {
    const slugs = PROCEDURES.map((p) => p.slug);
    assert.equal(new Set(slugs).size, slugs.length);
    for (const slug of slugs) assert.match(slug, /^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it("refers only to departments, categories and life events that exist", () => {
    const deps = codes(DEPARTMENTS);
    const cats = codes(CATEGORIES);
    const events = codes(LIFE_EVENTS);
    for (const p of PROCEDURES) {
      assert.ok(deps.has(p.departmentCode), `${p.slug}: department ${p.departmentCode}`);
      assert.ok(cats.has(p.categoryCode), `${p.slug}: category ${p.categoryCode}`);
      assert.ok(p.lifeEvents.length > 0, `${p.slug}: has life events`);
      assert.equal(new Set(p.lifeEvents).size, p.lifeEvents.length, `${p.slug}: life events unique`);
      for (const e of p.lifeEvents) assert.ok(events.has(e), `${p.slug}: life event ${e}`);
    }
  });

  it("gives every LocalizedText both ja and en", () => {
    const missing: string[] = [];
    untranslated({ DEPARTMENTS, LIFE_EVENTS, CATEGORIES, PROCEDURES }, "catalogue", missing);
    assert.deepEqual(missing, []);
    for (const p of PROCEDURES) {
      for (const key of ["title", "summary", "whoCanApply", "processingTime"] as const) {
        assert.ok(isLocalized(p[key]), `${p.slug}.${key}`);
      }
      if (p.legalBasis) assert.ok(isLocalized(p.legalBasis), `${p.slug}.legalBasis`);
      assert.ok(p.whatYouNeed.length > 0, `${p.slug}.whatYouNeed`);
      for (const item of p.whatYouNeed) assert.ok(isLocalized(item), `${p.slug}.whatYouNeed`);
      if (p.fee?.note) assert.ok(isLocalized(p.fee.note), `${p.slug}.fee.note`);
    }
  });

  it("gives every procedure a reading in hiragana only", () => {
    for (const p of PROCEDURES) assert.match(p.reading, /^[\u3041-\u3096]+$/, `${p.slug}: ${p.reading}`);
  });

  it("has Japanese search keywords", () => {
    for (const p of PROCEDURES) {
      assert.ok(p.keywords.length >= 3, `${p.slug}: keywords`);
      for (const k of p.keywords) assert.ok(k.trim().length > 0, `${p.slug}: empty keyword`);
    }
  });

  it("charges fees in whole yen", () => {
    for (const p of PROCEDURES) {
      if (!p.fee) continue;
      assert.ok(Number.isInteger(p.fee.amountYen) && p.fee.amountYen >= 0, `${p.slug}: fee`);
    }
    assert.deepEqual(procedureNamed("residence-certificate").fee, { amountYen: 300, per: "copy" });
    assert.equal(procedureNamed("family-register-certificate").fee?.amountYen, 450);
    assert.equal(procedureNamed("seal-registration-certificate").fee?.amountYen, 300);
    assert.equal(procedureNamed("tax-certificate").fee?.amountYen, 300);
  });

  it("has a form exactly when the procedure can be done online", () => {
    for (const p of PROCEDURES) {
      if (p.channel === "counter") assert.equal(p.form, null, `${p.slug}: counter-only has no form`);
      else {
        assert.ok(p.form, `${p.slug}: online procedure has a form`);
        assert.ok(p.form.pages.length >= 2, `${p.slug}: at least 2 pages`);
      }
    }
  });
});

describe("demo catalogue: the three seed procedures", () => {
  it("are present with forms", () => {
    for (const slug of SEED_SLUGS) {
      const p = procedureNamed(slug);
      assert.ok(p.form && p.form.pages.length >= 5, `${slug} has a full form`);
      assert.notEqual(p.channel, "counter");
    }
  });

  it("ask what the Osaka City forms ask", () => {
    const ids = (slug: string) => new Set(questionsOf(procedureNamed(slug).form!).map((q) => q.question.id));

    const residence = ids("residence-certificate");
    for (const id of ["requester_type", "power_of_attorney", "subject_name", "scope", "include_items", "copies", "purpose", "delivery", "declaration"]) {
      assert.ok(residence.has(id), `住民票: ${id}`);
    }

    const care = ids("long-term-care-certification");
    for (const id of [
      "insured_category",
      "insured_number",
      "insured_name",
      "insured_furigana",
      "insured_birth_date",
      "insured_sex",
      "insured_address",
      "application_type",
      "previous_level",
      "doctor_institution",
      "doctor_name",
      "doctor_address",
      "doctor_phone",
      "hospital_stay",
      "specific_disease",
      "care_insurance_card_file",
      "applicant_type",
      "survey_contact",
    ]) {
      assert.ok(care.has(id), `要介護認定: ${id}`);
    }

    const child = ids("child-medical-subsidy");
    for (const id of ["guardian_name", "guardian_furigana", "guardian_birth_date", "guardian_address", "guardian_phone", "insurance_type", "insurance_number", "children", "child_name", "child_insurance_card", "consent_records"]) {
      assert.ok(child.has(id), `こども医療: ${id}`);
    }
    // No income questions (limit abolished) and no bank account.
    for (const id of child) assert.doesNotMatch(id, /income|bank|account/);
  });

  it("show the 代理人 page and 特定疾病 page only when they apply", () => {
    const residence = procedureNamed("residence-certificate").form!;
    const agent = residence.pages.find((p) => p.id === "agent");
    assert.deepEqual(agent?.showIf, { question: "requester_type", equals: "agent" });
    const poa = agent?.questions.find((q) => q.id === "power_of_attorney");
    assert.equal(poa?.type, "file");
    assert.notEqual(poa?.required, false);

    const care = procedureNamed("long-term-care-certification").form!;
    const disease = care.pages.find((p) => p.id === "specific_disease");
    assert.deepEqual(disease?.showIf, { question: "insured_category", equals: "second" });
    assert.equal(disease?.questions[0]?.options?.length, 16, "the 16 specified diseases");

    const child = procedureNamed("child-medical-subsidy").form!;
    const group = child.pages.flatMap((p) => p.questions).find((q) => q.id === "children");
    assert.equal(group?.type, "group");
    assert.ok((group?.fields ?? []).some((f) => f.type === "file"));
  });
});

describe("demo catalogue: forms are well-formed", () => {
  const withForms = PROCEDURES.filter((p): p is DemoProcedure & { form: FormDefinition } => p.form !== null);

  it("have unique page ids and question ids matching the id pattern", () => {
    for (const p of withForms) {
      const pageIds = p.form.pages.map((page) => page.id);
      assert.equal(new Set(pageIds).size, pageIds.length, `${p.slug}: page ids unique`);
      for (const id of pageIds) assert.match(id, ID_PATTERN, `${p.slug}: page ${id}`);
      const ids = questionsOf(p.form).map((q) => q.question.id);
      assert.equal(new Set(ids).size, ids.length, `${p.slug}: question ids unique (${ids.filter((id, i) => ids.indexOf(id) !== i).join(", ")})`);
      for (const id of ids) assert.match(id, ID_PATTERN, `${p.slug}: question ${id}`);
      for (const page of p.form.pages) assert.ok(page.questions.length > 0, `${p.slug}: page ${page.id} has questions`);
    }
  });

  it("use known question types; choice questions have options; groups have fields; files have limits", () => {
    for (const p of withForms) {
      for (const { question: q, path } of questionsOf(p.form)) {
        const where = `${p.slug}: ${path}`;
        assert.ok((QUESTION_TYPES as readonly string[]).includes(q.type), `${where}: type ${q.type}`);
        if (CHOICE_TYPES.has(q.type)) {
          assert.ok(q.options && q.options.length >= 2, `${where}: options`);
          const values = q.options.map((o) => o.value);
          assert.equal(new Set(values).size, values.length, `${where}: option values unique`);
        } else {
          assert.equal(q.options, undefined, `${where}: options only on choice questions`);
        }
        if (q.type === "group") {
          assert.ok(q.fields && q.fields.length > 0, `${where}: fields`);
          assert.ok(q.itemLabel, `${where}: itemLabel`);
        }
        if (q.type === "file") assert.ok(q.accept && q.accept.length > 0 && q.maxBytes, `${where}: accept and maxBytes`);
        if (q.pattern) assert.doesNotThrow(() => new RegExp(q.pattern!.regex), `${where}: pattern compiles`);
      }
    }
  });

  it("make conditions refer only to questions on earlier pages, with values those questions can take", () => {
    for (const p of withForms) {
      const all = questionsOf(p.form);
      const byId = new Map(all.map((entry) => [entry.question.id, entry]));
      const check = (condition: Condition, pageIndex: number, where: string) => {
        for (const leaf of conditionLeaves(condition)) {
          const target = byId.get(leaf.question);
          assert.ok(target, `${where}: condition on unknown question ${leaf.question}`);
          assert.ok(target.pageIndex < pageIndex, `${where}: condition on ${leaf.question} which is not on an earlier page`);
          assert.ok(!target.path.includes(".", target.path.indexOf(".") + 1), `${where}: condition on a group sub-field`);
          if (leaf.value !== undefined && target.question.options) {
            const allowed = new Set(target.question.options.map((o) => o.value));
            for (const v of [leaf.value].flat()) assert.ok(allowed.has(v), `${where}: ${leaf.question} has no option ${v}`);
          }
        }
      };
      p.form.pages.forEach((page, pageIndex) => {
        if (page.showIf) check(page.showIf, pageIndex, `${p.slug}: page ${page.id}`);
      });
      for (const { question, pageIndex, path } of all) {
        if (question.showIf) check(question.showIf, pageIndex, `${p.slug}: ${path}`);
      }
    }
  });
});

describe("demo catalogue: accounts", () => {
  const accounts = [...DEMO_STAFF, ...DEMO_RESIDENTS];

  it("have unique example.jp emails, names and katakana furigana", () => {
    const emails = accounts.map((a) => a.email);
    assert.equal(new Set(emails).size, emails.length);
    for (const a of accounts) {
      assert.match(a.email, /^[a-z0-9.]+@([a-z0-9-]+\.)*example\.jp$/);
      assert.ok(a.password.length >= 12, `${a.email}: password`);
      assert.ok(a.name.family && a.name.given, `${a.email}: name`);
      assert.match(a.furigana.family + a.furigana.given, /^[\u30A1-\u30FAー]+$/, `${a.email}: furigana`);
    }
  });

  it("put staff in existing departments with the roles the demo needs", () => {
    const deps = codes(DEPARTMENTS);
    for (const s of DEMO_STAFF) {
      assert.ok(s.departmentCode && deps.has(s.departmentCode), `${s.email}: department`);
      assert.ok(s.role === "clerk" || s.role === "manager", `${s.email}: role`);
    }
    assert.ok(DEMO_STAFF.filter((s) => s.departmentCode === "ward-counter" && s.role === "clerk").length >= 2);
    assert.ok(DEMO_STAFF.some((s) => s.departmentCode === "welfare"));
    assert.ok(DEMO_STAFF.some((s) => s.departmentCode === "children"));
    assert.ok(DEMO_STAFF.some((s) => s.role === "manager"));
  });

  it("give residents Osaka City addresses with postal codes", () => {
    assert.ok(DEMO_RESIDENTS.length >= 3);
    for (const r of DEMO_RESIDENTS) {
      assert.equal(r.departmentCode, undefined);
      assert.equal(r.role, undefined);
      assert.ok(r.address, `${r.email}: address`);
      assert.match(r.address.postalCode, /^5[3-5][0-9]-[0-9]{4}$/);
      assert.match(r.address.address, /^大阪府大阪市/);
    }
  });
});
