/**
 * Checks a navigator definition before it is saved as JSON or published, and says exactly where
 * each problem is, as a JSON Pointer (RFC 6901) into the definition: `/questions/2/options/0/value`.
 * Shape first (zod), then meaning: unique ids, conditions that only look at earlier questions and
 * at values those questions can have, deadlines counted from date questions, procedures that exist
 * in the catalogue. Errors block publishing; warnings (a missing English text) do not.
 */
import type { Condition, NavigatorDefinition, NavigatorQuestion } from "./definition.ts";
import { RESERVED_QUERY_KEYS } from "./definition.ts";
import { optionsOf } from "./journey.ts";
import { DefinitionSchema, EVENT_CODE, ITEM_ID, OPTION_VALUE, QUESTION_ID, RESERVED_EVENTS } from "./schema.ts";

export type DefinitionProblem = {
  /** JSON Pointer into the definition ("" = the whole definition). */
  path: string;
  /** Message key under navigator.problem.* */
  code: string;
  params?: Record<string, string | number>;
  severity: "error" | "warning";
};

export type ValidateDefinitionContext = {
  /** Slugs of the catalogue's procedures (an item's `procedure` must be one of them). */
  knownProcedures: ReadonlySet<string>;
  /** The event the definition must be for (the URL's). */
  event?: string;
};

export type DefinitionValidation = {
  /** The definition when its shape is right (even with problems of meaning), else null. */
  definition: NavigatorDefinition | null;
  problems: DefinitionProblem[];
};

/** JSON Pointer from path segments ("~" and "/" escaped). */
export function pointer(segments: ReadonlyArray<string | number | symbol>): string {
  return segments.map((s) => `/${String(s).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
}

type ZodIssueLike = { code: string; path: ReadonlyArray<PropertyKey>; expected?: unknown; values?: unknown[]; keys?: string[]; minimum?: unknown; maximum?: unknown; message: string };

function structuralProblem(issue: ZodIssueLike): DefinitionProblem {
  const path = pointer(issue.path as Array<string | number>);
  switch (issue.code) {
    case "invalid_type":
      if (/received undefined/.test(issue.message)) return { path, code: "required_field", severity: "error" };
      return { path, code: "type", params: { expected: String(issue.expected) }, severity: "error" };
    case "invalid_value":
      return { path, code: "enum", params: { values: (issue.values ?? []).map(String).join(", ") }, severity: "error" };
    case "unrecognized_keys":
      return { path, code: "unknown_key", params: { keys: (issue.keys ?? []).join(", ") }, severity: "error" };
    case "too_small":
      return { path, code: "too_small", params: { minimum: String(issue.minimum) }, severity: "error" };
    case "too_big":
      return { path, code: "too_big", params: { maximum: String(issue.maximum) }, severity: "error" };
    case "invalid_format":
      return { path, code: "format", severity: "error" };
    default:
      return { path, code: "invalid", severity: "error" };
  }
}

/** Validates a definition (parsed JSON). */
export function validateDefinition(input: unknown, context: ValidateDefinitionContext): DefinitionValidation {
  const parsed = DefinitionSchema.safeParse(input);
  if (!parsed.success) {
    return { definition: null, problems: parsed.error.issues.map((issue) => structuralProblem(issue as unknown as ZodIssueLike)) };
  }
  const def = parsed.data as NavigatorDefinition;
  const problems: DefinitionProblem[] = [];
  const error = (path: string, code: string, params?: Record<string, string | number>) => problems.push({ path, code, ...(params ? { params } : {}), severity: "error" });
  const warn = (path: string, code: string, params?: Record<string, string | number>) => problems.push({ path, code, ...(params ? { params } : {}), severity: "warning" });
  const text = (path: string, value: { ja: string; en?: string | undefined } | undefined, required = true) => {
    if (!value) return;
    if (required && value.ja.trim() === "") error(`${path}/ja`, "required_text");
    if (value.ja.trim() !== "" && !value.en?.trim()) warn(path, "missing_english");
  };

  if (!EVENT_CODE.test(def.event) || RESERVED_EVENTS.includes(def.event)) error("/event", "event_code");
  if (context.event !== undefined && def.event !== context.event) error("/event", "event_mismatch", { event: context.event });
  text("/title", def.title);
  text("/summary", def.summary);

  // Questions
  if (def.questions.length === 0) error("/questions", "no_questions");
  const seen = new Map<string, number>();
  def.questions.forEach((q, i) => {
    const at = `/questions/${i}`;
    if (!QUESTION_ID.test(q.id)) error(`${at}/id`, "question_id");
    else if ((RESERVED_QUERY_KEYS as readonly string[]).includes(q.id)) error(`${at}/id`, "reserved_id", { id: q.id });
    else if (seen.has(q.id)) error(`${at}/id`, "duplicate_id", { id: q.id });
    seen.set(q.id, seen.get(q.id) ?? i);
    text(`${at}/label`, q.label);
    text(`${at}/hint`, q.hint, false);
    if (q.type === "single" || q.type === "multiple") {
      const options = q.options ?? [];
      if (options.length < 2) error(`${at}/options`, "options_missing");
      const values = new Set<string>();
      options.forEach((o, j) => {
        if (!OPTION_VALUE.test(o.value)) error(`${at}/options/${j}/value`, "option_value");
        else if (values.has(o.value)) error(`${at}/options/${j}/value`, "duplicate_option", { value: o.value });
        values.add(o.value);
        text(`${at}/options/${j}/label`, o.label);
      });
    } else if (q.options !== undefined) {
      error(`${at}/options`, "options_not_allowed");
    }
    if (q.type !== "date") {
      if (q.minDate !== undefined) error(`${at}/minDate`, "date_bounds_not_allowed");
      if (q.maxDate !== undefined) error(`${at}/maxDate`, "date_bounds_not_allowed");
    }
    if (q.showIf) checkCondition(q.showIf, `${at}/showIf`, def.questions.slice(0, i), def.questions, error);
  });

  // Items
  if (def.items.length === 0) error("/items", "no_items");
  const itemIds = new Set<string>();
  const dateQuestions = new Set(def.questions.filter((q) => q.type === "date").map((q) => q.id));
  const questionIds = new Set(def.questions.map((q) => q.id));
  def.items.forEach((item, i) => {
    const at = `/items/${i}`;
    if (!ITEM_ID.test(item.id)) error(`${at}/id`, "item_id");
    else if (itemIds.has(item.id)) error(`${at}/id`, "duplicate_item", { id: item.id });
    itemIds.add(item.id);
    text(`${at}/title`, item.title);
    text(`${at}/where/place`, item.where.place);
    text(`${at}/why`, item.why);
    item.bring.forEach((b, j) => text(`${at}/bring/${j}`, b));
    if (item.procedure !== undefined && !context.knownProcedures.has(item.procedure)) error(`${at}/procedure`, "unknown_procedure", { slug: item.procedure });
    if (item.where.url !== undefined && !/^(https?:\/\/[^\s]+|\/[a-z0-9][^\s]*)$/.test(item.where.url)) error(`${at}/where/url`, "url");
    if (item.where.kind === "online" && item.procedure === undefined && item.where.url === undefined) warn(`${at}/where/url`, "online_without_url");
    if (item.deadline) {
      if (!dateQuestions.has(item.deadline.from)) error(`${at}/deadline/from`, "deadline_from", { id: item.deadline.from });
      text(`${at}/deadline/basis`, item.deadline.basis);
    }
    if (item.when) checkCondition(item.when, `${at}/when`, def.questions, def.questions, error);
    for (const [formId, source] of Object.entries(item.prefill ?? {})) {
      const path = `${at}/prefill${pointer([formId])}`;
      if (!/^[A-Za-z][A-Za-z0-9_]{0,80}$/.test(formId)) error(path, "prefill_id");
      if ("answer" in source && !questionIds.has(source.answer)) error(`${path}/answer`, "unknown_question", { id: source.answer });
    }
  });

  (def.tests ?? []).forEach((test, i) => {
    for (const key of Object.keys(test.answers)) {
      if (!questionIds.has(key)) warn(`/tests/${i}/answers${pointer([key])}`, "unknown_question", { id: key });
    }
  });
  return { definition: def, problems };
}

/**
 * A condition may only look at `visible` questions (for showIf: those before it), compare with
 * values the question can have, and use `includes` only on multiple choice.
 */
function checkCondition(
  cond: Condition,
  path: string,
  visible: readonly NavigatorQuestion[],
  all: readonly NavigatorQuestion[],
  error: (path: string, code: string, params?: Record<string, string | number>) => void,
): void {
  if ("all" in cond) return cond.all.forEach((c, i) => checkCondition(c, `${path}/all/${i}`, visible, all, error));
  if ("any" in cond) return cond.any.forEach((c, i) => checkCondition(c, `${path}/any/${i}`, visible, all, error));
  const q = visible.find((v) => v.id === cond.question);
  if (!q) {
    const later = all.some((v) => v.id === cond.question);
    error(`${path}/question`, later ? "condition_later_question" : "unknown_question", { id: cond.question });
    return;
  }
  if ("answered" in cond) return;
  if (q.type === "date") {
    error(path, "condition_on_date", { id: q.id });
    return;
  }
  if ("includes" in cond && q.type !== "multiple") error(`${path}/includes`, "condition_includes", { id: q.id });
  const values = new Set(optionsOf(q).map((o) => o.value));
  const check = (value: string, at: string) => {
    if (!values.has(value)) error(at, "condition_value", { id: q.id, value });
  };
  if ("equals" in cond) check(cond.equals, `${path}/equals`);
  if ("notEquals" in cond) check(cond.notEquals, `${path}/notEquals`);
  if ("includes" in cond) check(cond.includes, `${path}/includes`);
  if ("in" in cond) cond.in.forEach((v, i) => check(v, `${path}/in/${i}`));
}

export function hasErrors(problems: readonly DefinitionProblem[]): boolean {
  return problems.some((p) => p.severity === "error");
}
