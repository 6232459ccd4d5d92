/**
 * A case app: how a procedure's applications are handled in the back office, configured without
 * code — the stages (custom statuses) and the moves between them, the inbox's columns and
 * filters, table or board view, the time allowed (SLA) and assignment rules.
 *
 * Stages map onto the application statuses (ADR 0017): each stage has a `base` status, the
 * status the resident sees and every existing rule uses. A move between stages is allowed when
 * the case app has it and the status machine allows the move between their statuses (or the
 * statuses are the same: a step inside 審査中 such as 書類確認 → 現地調査). The first stage is
 * where every application starts (base 受付). The resident's own moves (取下げ, answering a
 * correction) change the status only; the case is then at the first stage of its new status.
 *
 * A case app is refused as a whole, with the JSON path of every problem, when a stage cannot be
 * reached from the first one, a stage that is not a decision cannot reach a decision (a dead
 * end), a move is one the status machine forbids, or a column, filter or rule names a question
 * or colleague that does not exist.
 */
import { t, type Locale, type LocalizedText } from "../../../core/i18n/index.ts";
import { staffCanMove, type ApplicationStatus } from "../../procedures/index.ts";
import type { QuestionDef } from "../../procedures/forms/definition.ts";
import type { Problem } from "../definition/metadata.ts";
import "../messages.ts";

export const BASE_STATUSES = ["received", "reviewing", "correction_requested", "approved", "rejected"] as const;
export type BaseStatus = (typeof BASE_STATUSES)[number];
const FINAL: ReadonlySet<string> = new Set(["approved", "rejected"]);

export type CaseStage = { id: string; label: LocalizedText; base: BaseStatus };
export type CaseTransition = { from: string; to: string };

export const FIXED_COLUMNS = ["reference", "applicant", "stage", "assignee", "submitted", "due"] as const;
export type CaseColumn = (typeof FIXED_COLUMNS)[number] | `answer:${string}`;
export const FIXED_FILTERS = ["stage", "assignee", "search", "overdue"] as const;
export type CaseFilterKind = (typeof FIXED_FILTERS)[number] | `answer:${string}`;

/** First matching rule wins; a rule without a question always matches. */
export type AssignmentRule = { question?: string; equals?: string; assignTo: string };

export type CaseAppConfig = {
  stages: CaseStage[];
  transitions: CaseTransition[];
  columns: CaseColumn[];
  filters: CaseFilterKind[];
  view: "table" | "board";
  /** Calendar days from submission until the case should be decided; warn `warnDays` before. */
  sla: { days: number; warnDays: number } | null;
  assignment: AssignmentRule[];
};

const ID = /^[a-z][a-z0-9_]{0,39}$/;

/** The statuses' own machine as a case app: what a procedure without one behaves like. */
export function defaultCaseApp(): CaseAppConfig {
  const label = (status: BaseStatus): LocalizedText => ({ ja: t("ja", `staff.status.${status}`), en: t("en", `staff.status.${status}`) });
  return {
    stages: BASE_STATUSES.map((base) => ({ id: base, label: label(base), base })),
    transitions: [
      { from: "received", to: "reviewing" },
      { from: "received", to: "correction_requested" },
      { from: "received", to: "rejected" },
      { from: "reviewing", to: "correction_requested" },
      { from: "reviewing", to: "approved" },
      { from: "reviewing", to: "rejected" },
      { from: "correction_requested", to: "reviewing" },
      { from: "correction_requested", to: "rejected" },
    ],
    columns: ["reference", "applicant", "stage", "assignee", "submitted"],
    filters: ["stage", "assignee", "search"],
    view: "table",
    sla: null,
    assignment: [],
  };
}

export type CaseAppContext = {
  /** The procedure's current top-level questions (for answer columns, filters and rules). */
  questions: readonly QuestionDef[];
  /** Staff of the procedure's department. */
  staffIds: ReadonlySet<string>;
};

/** Whether a move between two statuses is one a stage move may make. */
export function baseMoveAllowed(from: BaseStatus, to: BaseStatus): boolean {
  if (from === to) return !FINAL.has(from);
  return staffCanMove(from as ApplicationStatus, to as ApplicationStatus);
}

/** The stage where a corrected case comes back: the first 審査中 stage. */
function returnStage(config: CaseAppConfig): CaseStage | undefined {
  return config.stages.find((s) => s.base === "reviewing");
}

/** Every stage reachable from the first, following moves and the resident's return from correction. */
function reachable(config: CaseAppConfig, from: string, reverse = false): Set<string> {
  const edges = new Map<string, string[]>();
  const add = (a: string, b: string) => {
    const [x, y] = reverse ? [b, a] : [a, b];
    edges.set(x, [...(edges.get(x) ?? []), y]);
  };
  for (const tr of config.transitions) add(tr.from, tr.to);
  const back = returnStage(config);
  if (back) for (const s of config.stages) if (s.base === "correction_requested") add(s.id, back.id);
  const seen = new Set<string>([from]);
  const queue = [from];
  while (queue.length) {
    for (const next of edges.get(queue.shift()!) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
}

function answerQuestion(key: string, context: CaseAppContext): QuestionDef | undefined {
  return context.questions.find((q) => `answer:${q.id}` === key);
}

const FILTERABLE = new Set(["single", "select", "multiple", "declaration"]);

export function validateCaseApp(config: CaseAppConfig, context: CaseAppContext, locale: Locale = "ja"): Problem[] {
  const problems: Problem[] = [];
  const report = (path: string, code: string, params: Record<string, string | number> = {}) =>
    problems.push({ path, code, message: t(locale, `builder.caseApp.${code}`, params) });

  const stages = Array.isArray(config.stages) ? config.stages : [];
  if (stages.length < 2) report("$.stages", "too_few_stages");
  const ids = new Set<string>();
  stages.forEach((stage, i) => {
    const path = `$.stages[${i}]`;
    if (typeof stage.id !== "string" || !ID.test(stage.id)) report(`${path}.id`, "id_invalid", { id: String(stage.id ?? "") });
    else if (ids.has(stage.id)) report(`${path}.id`, "id_duplicate", { id: stage.id });
    else ids.add(stage.id);
    if (!stage.label?.ja?.trim()) report(`${path}.label.ja`, "label_missing");
    if (!(BASE_STATUSES as readonly string[]).includes(stage.base)) report(`${path}.base`, "base_unknown", { base: String(stage.base) });
  });
  if (stages[0] && stages[0].base !== "received") report("$.stages[0].base", "first_not_received");
  if (!stages.some((s) => FINAL.has(s.base))) report("$.stages", "no_decision");
  if (stages.some((s) => s.base === "correction_requested") && !returnStage(config)) report("$.stages", "correction_without_review");

  const byId = new Map(stages.map((s) => [s.id, s]));
  const pairs = new Set<string>();
  (Array.isArray(config.transitions) ? config.transitions : []).forEach((tr, j) => {
    const path = `$.transitions[${j}]`;
    const from = byId.get(tr.from);
    const to = byId.get(tr.to);
    if (!from) report(`${path}.from`, "stage_unknown", { id: String(tr.from) });
    if (!to) report(`${path}.to`, "stage_unknown", { id: String(tr.to) });
    if (!from || !to) return;
    if (tr.from === tr.to) report(`${path}.to`, "self_move", { id: tr.to });
    else if (pairs.has(`${tr.from}>${tr.to}`)) report(`${path}.to`, "move_duplicate", { from: tr.from, to: tr.to });
    else if (!baseMoveAllowed(from.base, to.base)) {
      report(`${path}.to`, "move_not_allowed", { from: tr.from, to: tr.to, fromStatus: t(locale, `staff.status.${from.base}`), toStatus: t(locale, `staff.status.${to.base}`) });
    }
    pairs.add(`${tr.from}>${tr.to}`);
  });

  // Reachability and dead ends only make sense once the stages themselves are sound.
  if (problems.length === 0 && stages.length > 0) {
    const fromStart = reachable(config, stages[0]!.id);
    const decisions = stages.filter((s) => FINAL.has(s.base)).map((s) => s.id);
    const toDecision = new Set<string>();
    for (const id of decisions) for (const s of reachable(config, id, true)) toDecision.add(s);
    stages.forEach((stage, i) => {
      if (!fromStart.has(stage.id)) report(`$.stages[${i}]`, "unreachable", { id: stage.id });
      else if (!FINAL.has(stage.base) && !toDecision.has(stage.id)) report(`$.stages[${i}]`, "dead_end", { id: stage.id });
    });
  }

  (Array.isArray(config.columns) ? config.columns : []).forEach((column, i) => {
    if ((FIXED_COLUMNS as readonly string[]).includes(column)) return;
    const q = column.startsWith("answer:") ? answerQuestion(column, context) : undefined;
    if (!q || q.type === "group" || q.type === "file") report(`$.columns[${i}]`, "column_unknown", { column });
  });
  if (!config.columns?.includes("reference")) report("$.columns", "reference_required");
  (Array.isArray(config.filters) ? config.filters : []).forEach((filter, i) => {
    if ((FIXED_FILTERS as readonly string[]).includes(filter)) return;
    const q = filter.startsWith("answer:") ? answerQuestion(filter, context) : undefined;
    if (!q || !FILTERABLE.has(q.type)) report(`$.filters[${i}]`, "filter_unknown", { filter });
  });
  if (config.view !== "table" && config.view !== "board") report("$.view", "view_unknown");
  if (config.sla) {
    const { days, warnDays } = config.sla;
    if (!Number.isInteger(days) || days < 1 || days > 365) report("$.sla.days", "sla_days");
    if (!Number.isInteger(warnDays) || warnDays < 0 || (Number.isInteger(days) && warnDays >= days)) report("$.sla.warnDays", "sla_warn");
  }
  (Array.isArray(config.assignment) ? config.assignment : []).forEach((rule, i) => {
    const path = `$.assignment[${i}]`;
    if (!context.staffIds.has(rule.assignTo)) report(`${path}.assignTo`, "assignee_unknown");
    if (rule.question !== undefined) {
      const q = context.questions.find((x) => x.id === rule.question);
      if (!q) report(`${path}.question`, "question_unknown", { id: rule.question });
      else if (rule.equals === undefined || rule.equals === "") report(`${path}.equals`, "rule_value_missing");
      else if (q.options && !q.options.some((o) => o.value === rule.equals)) report(`${path}.equals`, "rule_value_not_option", { value: rule.equals, id: q.id });
    }
  });
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Using a case app

/**
 * The stage a case is at: its stored stage while that stage's status is still the case's status,
 * otherwise the first stage of the status (null when the app has none, e.g. 取下げ).
 */
export function effectiveStage(config: CaseAppConfig, status: string, stored: string | null): CaseStage | null {
  const own = stored ? config.stages.find((s) => s.id === stored) : undefined;
  if (own && own.base === status) return own;
  return config.stages.find((s) => s.base === status) ?? null;
}

/** The stages a staff member may move a case to with the stage form (corrections have their own form). */
export function nextStages(config: CaseAppConfig, from: CaseStage | null): CaseStage[] {
  if (!from) return [];
  const ids = config.transitions.filter((tr) => tr.from === from.id).map((tr) => tr.to);
  return config.stages.filter((s) => ids.includes(s.id) && s.base !== "correction_requested");
}

/** Whether the case app lets a case at this stage be sent for correction. */
export function allowsCorrection(config: CaseAppConfig, from: CaseStage | null): boolean {
  if (!from) return false;
  return config.transitions.some((tr) => tr.from === from.id && config.stages.find((s) => s.id === tr.to)?.base === "correction_requested");
}

export type StageMove = { ok: true; to: CaseStage; statusChanges: boolean } | { ok: false; reason: "stage_unknown" | "move_not_allowed" };

/** Checks a stage move of a case at (status, stored stage) to stage `toId`. */
export function planStageMove(config: CaseAppConfig, status: string, stored: string | null, toId: string): StageMove {
  const to = config.stages.find((s) => s.id === toId);
  if (!to) return { ok: false, reason: "stage_unknown" };
  const from = effectiveStage(config, status, stored);
  if (!nextStages(config, from).some((s) => s.id === toId)) return { ok: false, reason: "move_not_allowed" };
  return { ok: true, to, statusChanges: to.base !== status };
}

const DAY_MS = 24 * 3600 * 1000;

/** When a case is due (submission + SLA days), or null without an SLA. */
export function dueAt(config: CaseAppConfig, submittedAt: Date): Date | null {
  return config.sla ? new Date(submittedAt.getTime() + config.sla.days * DAY_MS) : null;
}

/** "overdue", "soon" (within warnDays) or "ok" for an open case with an SLA; null otherwise. */
export function slaState(config: CaseAppConfig, submittedAt: Date, status: string, now: Date): "ok" | "soon" | "overdue" | null {
  const due = dueAt(config, submittedAt);
  if (!due || ["approved", "rejected", "withdrawn"].includes(status)) return null;
  if (now.getTime() > due.getTime()) return "overdue";
  if (now.getTime() > due.getTime() - config.sla!.warnDays * DAY_MS) return "soon";
  return "ok";
}

/** The assignee the rules give an application with these answers, or null. */
export function assigneeFor(config: CaseAppConfig, answers: Readonly<Record<string, unknown>>): string | null {
  for (const rule of config.assignment) {
    if (rule.question === undefined) return rule.assignTo;
    const value = answers[rule.question];
    const matches = Array.isArray(value) ? value.includes(rule.equals) : value !== undefined && String(value) === rule.equals;
    if (matches) return rule.assignTo;
  }
  return null;
}
