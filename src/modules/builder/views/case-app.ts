/**
 * The case app editor: stages as rows (id, label, status it maps onto, the stages it can move on
 * to), drawn as a diagram (SVG, with the same moves as text for screen readers); columns, filters
 * and view of the inbox; SLA; assignment rules. Plain form, works without JavaScript; with it,
 * case-app.js lets staff click one stage and then another in the diagram to add or remove a move.
 */
import { localize, t, type Locale, type LocalizedText } from "../../../core/i18n/index.ts";
import { html, raw, type SafeHtml } from "../../../core/ui/html.ts";
import { csrfField, type PageContext, type PageOptions } from "../../../core/ui/layout.ts";
import type { QuestionDef } from "../../procedures/forms/definition.ts";
import { BASE_STATUSES, FIXED_COLUMNS, FIXED_FILTERS, type CaseAppConfig } from "../case-app/config.ts";
import type { Problem } from "../definition/metadata.ts";
import { assets, b, choiceField, conflictNotice, crumbs, doneNotice, selectField, summaryOf, textField, type FieldErrorView } from "./common.ts";

/** Empty rows offered for new stages and rules. */
export const EXTRA_ROWS = 2;

export type CaseAppEditorView = {
  procedureId: string;
  procedureTitle: LocalizedText;
  revision: number;
  /** The configuration shown (saved, default, or as typed after a refusal). */
  config: CaseAppConfig;
  saved: boolean;
  questions: QuestionDef[];
  staff: Array<{ id: string; name: string }>;
  problems: Problem[];
  canEdit: boolean;
  done?: string;
  conflict?: boolean;
};

/** The form field a case app problem belongs to. */
export function caseAppFieldOf(config: CaseAppConfig, path: string): string {
  let m = /^\$\.stages\[(\d+)\](?:\.(id|label|base))?/.exec(path);
  if (m) return `stage_${m[2] === "label" ? "label_ja" : m[2] ?? "id"}_${m[1]}`;
  m = /^\$\.transitions\[(\d+)\]/.exec(path);
  if (m) {
    const from = config.transitions[Number(m[1])]?.from;
    const index = config.stages.findIndex((s) => s.id === from);
    return `stage_next_${Math.max(0, index)}`;
  }
  m = /^\$\.assignment\[(\d+)\]\.(assignTo|question|equals)/.exec(path);
  if (m) return `rule_${m[2] === "assignTo" ? "assignee" : m[2] === "question" ? "question" : "value"}_${m[1]}`;
  if (path.startsWith("$.columns")) return "columns";
  if (path.startsWith("$.filters")) return "filters";
  if (path.startsWith("$.sla.days")) return "sla_days";
  if (path.startsWith("$.sla.warnDays")) return "sla_warn";
  if (path.startsWith("$.view")) return "view";
  return "stages";
}

// ---------------------------------------------------------------------------------------------
// Diagram

const COLUMN: Record<string, number> = { received: 0, reviewing: 1, correction_requested: 2, approved: 3, rejected: 3 };
const NODE_W = 170;
const NODE_H = 54;
const GAP_X = 60;
const GAP_Y = 26;

/** A diagram of the stages (boxes in columns by status) and moves (arrows); text alternative beside it. */
export function stageDiagram(locale: Locale, config: CaseAppConfig): SafeHtml {
  const rows = new Map<number, number>();
  const positions = new Map<string, { x: number; y: number }>();
  for (const stage of config.stages) {
    const col = COLUMN[stage.base] ?? 1;
    const row = rows.get(col) ?? 0;
    rows.set(col, row + 1);
    positions.set(stage.id, { x: 10 + col * (NODE_W + GAP_X), y: 10 + row * (NODE_H + GAP_Y) });
  }
  const height = 20 + Math.max(1, ...rows.values()) * (NODE_H + GAP_Y);
  const width = 20 + 4 * NODE_W + 3 * GAP_X;
  const arrows = config.transitions
    .map((tr) => {
      const a = positions.get(tr.from);
      const z = positions.get(tr.to);
      if (!a || !z) return "";
      const forward = z.x > a.x;
      const sameColumn = z.x === a.x;
      const x1 = sameColumn ? a.x + NODE_W - 20 : forward ? a.x + NODE_W : a.x;
      const x2 = sameColumn ? z.x + NODE_W - 20 : forward ? z.x : z.x + NODE_W;
      const y1 = a.y + NODE_H / 2 + (forward ? -6 : 6);
      const y2 = z.y + NODE_H / 2 + (forward ? -6 : 6);
      return `<line x1="${x1}" y1="${sameColumn ? (z.y > a.y ? a.y + NODE_H : a.y) : y1}" x2="${x2}" y2="${sameColumn ? (z.y > a.y ? z.y : z.y + NODE_H) : y2}" class="builder-diagram__move" marker-end="url(#arrow)"/>`;
    })
    .join("");
  const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
  const nodes = config.stages
    .map((stage) => {
      const p = positions.get(stage.id)!;
      const final = stage.base === "approved" || stage.base === "rejected";
      return `<g class="builder-diagram__stage${final ? " builder-diagram__stage--final" : ""}" data-stage="${escape(stage.id)}"><rect x="${p.x}" y="${p.y}" width="${NODE_W}" height="${NODE_H}" rx="6"/><text x="${p.x + 10}" y="${p.y + 22}">${escape(localize(stage.label, locale).slice(0, 14))}</text><text x="${p.x + 10}" y="${p.y + 42}" class="builder-diagram__base">${escape(t(locale, `staff.status.${stage.base}`))}</text></g>`;
    })
    .join("");
  const label = (id: string) => {
    const stage = config.stages.find((s) => s.id === id);
    return stage ? localize(stage.label, locale) : id;
  };
  const moves = config.transitions.map((tr) => html`<li>${label(tr.from)} → ${label(tr.to)}</li>`);
  return html`<figure class="builder-diagram">
<div class="builder-diagram__frame">${raw(`<svg viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-labelledby="diagram-title" focusable="false"><title id="diagram-title">${escape(b(locale, "caseApp.diagramTitle"))}</title><defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z" class="builder-diagram__head"/></marker></defs>${arrows}${nodes}</svg>`)}</div>
<figcaption><details><summary>${b(locale, "caseApp.movesAsText")}</summary><ul>${moves}</ul></details></figcaption>
</figure>`;
}

// ---------------------------------------------------------------------------------------------
// Editor

export function caseAppPage(ctx: PageContext, view: CaseAppEditorView): PageOptions {
  const { locale } = ctx;
  const base = `/staff/builder/procedures/${view.procedureId}`;
  const title = b(locale, "caseApp.title");
  const config = view.config;
  const problemsByField = new Map<string, string[]>();
  for (const p of view.problems) {
    const field = caseAppFieldOf(config, p.path);
    problemsByField.set(field, [...(problemsByField.get(field) ?? []), p.message]);
  }
  const error = (field: string) => problemsByField.get(field)?.join(" ");
  const errors: FieldErrorView[] = [];
  const problems = view.problems.map((p) => ({ ...p, field: caseAppFieldOf(config, p.path) }));
  const statusOptions = BASE_STATUSES.map((s) => ({ value: s, label: t(locale, `staff.status.${s}`) }));
  const stageRows = [...config.stages, ...Array.from({ length: EXTRA_ROWS }, () => null)].map((stage, i) => {
    const next = stage ? config.transitions.filter((tr) => tr.from === stage.id).map((tr) => tr.to).join(", ") : "";
    return html`<fieldset class="fieldset builder-stage" id="stage_${i}" data-stage-row="${i}">
<legend class="fieldset__legend">${stage ? b(locale, "caseApp.stageN", { n: i + 1, label: localize(stage.label, locale) }) : b(locale, "caseApp.newStage")}</legend>
<div class="builder-row">
${textField(locale, { id: `stage_id_${i}`, label: b(locale, "caseApp.stageId"), value: stage?.id ?? "", error: error(`stage_id_${i}`), spellcheck: false })}
${textField(locale, { id: `stage_label_ja_${i}`, label: b(locale, "caseApp.stageLabelJa"), value: stage?.label.ja ?? "", error: error(`stage_label_ja_${i}`) })}
${textField(locale, { id: `stage_label_en_${i}`, label: b(locale, "caseApp.stageLabelEn"), value: stage?.label.en ?? "", lang: "en" })}
${selectField(locale, { id: `stage_base_${i}`, label: b(locale, "caseApp.stageBase"), value: stage?.base ?? "reviewing", options: statusOptions, error: error(`stage_base_${i}`) })}
${textField(locale, { id: `stage_next_${i}`, label: b(locale, "caseApp.stageNext"), hint: b(locale, "caseApp.stageNextHint"), value: next, error: error(`stage_next_${i}`), spellcheck: false })}
</div>
</fieldset>`;
  });
  const answerColumns = view.questions.filter((q) => q.type !== "group" && q.type !== "file");
  const filterQuestions = view.questions.filter((q) => ["single", "select", "multiple", "declaration"].includes(q.type));
  const rules = [...config.assignment, ...Array.from({ length: EXTRA_ROWS }, () => null)].map((rule, i) => html`<fieldset class="fieldset builder-stage" id="rule_${i}">
<legend class="fieldset__legend">${b(locale, "caseApp.ruleN", { n: i + 1 })}</legend>
<div class="builder-row">
${selectField(locale, { id: `rule_question_${i}`, label: b(locale, "caseApp.ruleQuestion"), value: rule?.question ?? "", error: error(`rule_question_${i}`), options: [{ value: "", label: b(locale, "caseApp.ruleAlways") }, ...filterQuestions.map((q) => ({ value: q.id, label: `${localize(q.label, locale)}（${q.id}）` }))] })}
${textField(locale, { id: `rule_value_${i}`, label: b(locale, "caseApp.ruleValue"), value: rule?.equals ?? "", error: error(`rule_value_${i}`), spellcheck: false })}
${selectField(locale, { id: `rule_assignee_${i}`, label: b(locale, "caseApp.ruleAssignee"), value: rule?.assignTo ?? "", error: error(`rule_assignee_${i}`), options: [{ value: "", label: b(locale, "caseApp.ruleNone") }, ...view.staff.map((s) => ({ value: s.id, label: s.name }))] })}
</div>
</fieldset>`);
  const form = view.canEdit
    ? html`<form method="post" action="${base}/case-app" novalidate id="case-app-form">
${csrfField(ctx)}<input type="hidden" name="revision" value="${String(view.revision)}">
<h2>${b(locale, "caseApp.stages")}</h2>
<p>${b(locale, "caseApp.stagesLead")}</p>
<div id="stages" tabindex="-1">${error("stages") ? html`<p class="field__error">${error("stages")}</p>` : ""}${stageRows}</div>
<h2>${b(locale, "caseApp.inbox")}</h2>
${choiceField(locale, { id: "columns", legend: b(locale, "caseApp.columns"), type: "checkbox", options: [...FIXED_COLUMNS.map((c) => ({ value: c, label: b(locale, `caseApp.column.${c}`) })), ...answerColumns.map((q) => ({ value: `answer:${q.id}`, label: `${localize(q.label, locale)}（${q.id}）` }))], selected: config.columns, error: error("columns") })}
${choiceField(locale, { id: "filters", legend: b(locale, "caseApp.filters"), type: "checkbox", options: [...FIXED_FILTERS.map((c) => ({ value: c, label: b(locale, `caseApp.filter.${c}`) })), ...filterQuestions.map((q) => ({ value: `answer:${q.id}`, label: `${localize(q.label, locale)}（${q.id}）` }))], selected: config.filters, error: error("filters") })}
${choiceField(locale, { id: "view", legend: b(locale, "caseApp.view"), type: "radio", options: [{ value: "table", label: b(locale, "caseApp.view.table") }, { value: "board", label: b(locale, "caseApp.view.board") }], selected: [config.view], error: error("view") })}
<h2>${b(locale, "caseApp.sla")}</h2>
${textField(locale, { id: "sla_days", label: b(locale, "caseApp.slaDays"), hint: b(locale, "caseApp.slaDaysHint"), value: config.sla ? String(config.sla.days) : "", error: error("sla_days"), short: true, inputmode: "numeric" })}
${textField(locale, { id: "sla_warn", label: b(locale, "caseApp.slaWarn"), value: config.sla ? String(config.sla.warnDays) : "", error: error("sla_warn"), short: true, inputmode: "numeric" })}
<h2>${b(locale, "caseApp.assignment")}</h2>
<p>${b(locale, "caseApp.assignmentLead")}</p>
${rules}
<div class="button-group"><button class="button" type="submit">${b(locale, "common.save")}</button><a href="${base}">${b(locale, "common.cancel")}</a></div>
</form>`
    : html`<p>${b(locale, "caseApp.managersOnly")}</p>`;
  return {
    title,
    area: "staff",
    hasErrors: problems.length > 0,
    body: html`${assets("case-app")}
${crumbs(locale, [{ href: base, label: localize(view.procedureTitle, locale) }])}
${summaryOf(locale, errors, problems)}
${view.conflict ? conflictNotice(locale) : doneNotice(locale, view.done, ["case_app_saved"])}
<h1>${title}</h1>
<p class="lead">${b(locale, "caseApp.lead")}</p>
${view.saved ? "" : html`<p class="panel">${b(locale, "caseApp.notSaved")}</p>`}
${stageDiagram(locale, config)}
<p id="diagram-status" class="muted" role="status"></p>
${form}`,
  };
}
