/**
 * The form editors: a page (title, description, condition), a question of any type the form
 * engine has (with the parts of the form its type uses, a condition, and a preview rendered by
 * the engine itself, exactly as a resident sees it), and the whole definition as JSON.
 *
 * Editor inputs have ids prefixed "qe-" / "pe-" so that they never clash with the ids of the
 * previewed question's own inputs (question ids contain no hyphen).
 */
import { localize, type Locale, type LocalizedText } from "../../../core/i18n/index.ts";
import { html, type HtmlValue, type SafeHtml } from "../../../core/ui/html.ts";
import { csrfField, type PageContext, type PageOptions } from "../../../core/ui/layout.ts";
import { renderQuestions } from "../../procedures/forms/index.ts";
import type { FormDefinition, QuestionDef, QuestionType } from "../../procedures/forms/definition.ts";
import type { Problem } from "../definition/metadata.ts";
import { CONDITION_OPS, prefillChoices, sectionsOf, type FormValues } from "../definition/forms.ts";
import { questionsBefore } from "../definition/edit.ts";
import { assets, b, checkboxField, choiceField, conflictNotice, crumbs, selectField, summaryOf, textField, textareaField, type FieldErrorView } from "./common.ts";

type EditorBase = {
  procedureId: string;
  procedureTitle: LocalizedText;
  revision: number;
  definition: FormDefinition;
  values: FormValues;
  /** Problems on fields of this form (field = the input's name). */
  errors: FieldErrorView[];
  /** Problems elsewhere in the definition that the change would cause. */
  problems: Problem[];
  conflict?: boolean;
};

function valueOf(values: FormValues, name: string): string {
  const value = values[name];
  return Array.isArray(value) ? (value[0] ?? "") : (value ?? "");
}

function conditionSection(locale: Locale, prefix: string, view: EditorBase, pageId: string, errorOf: (name: string) => string | undefined): SafeHtml {
  const earlier = questionsBefore(view.definition, pageId).filter(({ question }) => question.type !== "group" && question.type !== "file");
  const keep = valueOf(view.values, "cond_keep") === "yes";
  const options = [
    { value: "", label: b(locale, "editor.condNone") },
    ...earlier.map(({ page, question }) => ({ value: question.id, label: `${localize(page.title, locale)}：${localize(question.label, locale)}（${question.id}）` })),
  ];
  const values = earlier
    .filter(({ question }) => question.options?.length)
    .map(({ question }) => `${question.id}: ${question.options!.map((o) => `${o.value}=${localize(o.label, locale)}`).join("、")}`);
  return html`<fieldset class="fieldset builder-section" id="${prefix}condition">
<legend class="fieldset__legend">${b(locale, "editor.condition")}</legend>
<p class="field__hint">${b(locale, "editor.conditionHint")}</p>
${keep ? html`<div class="panel panel--notice"><p>${b(locale, "editor.conditionComplex")}</p></div>${checkboxField({ id: `${prefix}cond_keep`, name: "cond_keep", label: b(locale, "editor.conditionKeep"), checked: true })}` : ""}
${earlier.length === 0 && !keep ? html`<p>${b(locale, "editor.conditionNoEarlier")}</p>` : ""}
${earlier.length > 0 ? html`${selectField(locale, { id: `${prefix}cond_question`, name: "cond_question", label: b(locale, "editor.condQuestion"), value: valueOf(view.values, "cond_question"), options, error: errorOf("cond_question") })}
${selectField(locale, { id: `${prefix}cond_op`, name: "cond_op", label: b(locale, "editor.condOp"), value: valueOf(view.values, "cond_op"), options: CONDITION_OPS.map((op) => ({ value: op, label: b(locale, `editor.op.${op}`) })), error: errorOf("cond_op") })}
${textField(locale, { id: `${prefix}cond_value`, name: "cond_value", label: b(locale, "editor.condValue"), hint: values.length ? `${b(locale, "editor.condValueHint")} ${values.join(" ／ ")}` : b(locale, "editor.condValueHintPlain"), value: valueOf(view.values, "cond_value"), error: errorOf("cond_value"), spellcheck: false })}` : ""}
</fieldset>`;
}

function pathProblems(locale: Locale, view: EditorBase): HtmlValue {
  if (view.problems.length === 0) return "";
  return html`<div class="panel panel--notice" id="problems" tabindex="-1"><h2>${b(locale, "editor.otherProblems")}</h2><ul>${view.problems.map((p) => html`<li>${p.message}<br><code>${p.path}</code></li>`)}</ul></div>`;
}

// ---------------------------------------------------------------------------------------------
// Page editor

export type PageEditorView = EditorBase & { pageId: string | null };

export function pageEditorPage(ctx: PageContext, view: PageEditorView): PageOptions {
  const { locale } = ctx;
  const base = `/staff/builder/procedures/${view.procedureId}`;
  const isNew = view.pageId === null;
  const title = isNew ? b(locale, "editor.newPage") : b(locale, "editor.editPage");
  const action = isNew ? `${base}/pages/new` : `${base}/pages/${view.pageId}`;
  const error = (name: string) => view.errors.find((e) => e.field === name)?.message;
  const v = (name: string) => valueOf(view.values, name);
  const errors = view.errors.map((e) => ({ ...e, field: `pe-${e.field}` }));
  return {
    title,
    area: "staff",
    hasErrors: view.errors.length + view.problems.length > 0,
    body: html`${assets()}
${crumbs(locale, [{ href: base, label: localize(view.procedureTitle, locale) }])}
<div class="narrow">
${summaryOf(locale, errors, view.problems)}
${view.conflict ? conflictNotice(locale) : ""}
<h1>${title}</h1>
${pathProblems(locale, view)}
<form method="post" action="${action}" novalidate>
${csrfField(ctx)}<input type="hidden" name="revision" value="${String(view.revision)}">
${textField(locale, { id: "pe-title_ja", name: "title_ja", label: b(locale, "editor.pageTitleJa"), hint: b(locale, "editor.pageTitleHint"), value: v("title_ja"), error: error("title_ja") })}
${textField(locale, { id: "pe-title_en", name: "title_en", label: b(locale, "editor.pageTitleEn"), value: v("title_en"), error: error("title_en"), lang: "en" })}
${textareaField(locale, { id: "pe-description_ja", name: "description_ja", label: b(locale, "editor.descriptionJa"), value: v("description_ja"), rows: 3 })}
${textareaField(locale, { id: "pe-description_en", name: "description_en", label: b(locale, "editor.descriptionEn"), value: v("description_en"), rows: 3, lang: "en" })}
${textField(locale, { id: "pe-id", name: "id", label: b(locale, "editor.pageId"), hint: b(locale, "editor.idHint"), value: v("id"), error: error("id"), spellcheck: false })}
${conditionSection(locale, "pe-", view, view.pageId ?? "\u0000new", (name) => error(name))}
<div class="button-group"><button class="button" type="submit">${b(locale, "common.save")}</button><a href="${base}">${b(locale, "common.cancel")}</a></div>
</form>
</div>`,
  };
}

// ---------------------------------------------------------------------------------------------
// Question editor

export type QuestionEditorView = EditorBase & {
  /** The page the question is (or will be) on. */
  pageId: string;
  /** "q" or "group/field" when editing; null for a new question. */
  ref: string | null;
  /** For a new field of a repeating group. */
  groupId?: string;
  type: QuestionType;
  /** The question as typed, to preview (null when it cannot be built yet). */
  preview: QuestionDef | null;
};

/** The engine's own rendering of one question, as a resident sees it (without its condition). */
export function questionPreview(locale: Locale, question: QuestionDef | null, _definition: FormDefinition): SafeHtml {
  if (!question || !question.id) return html`<p class="muted">${b(locale, "editor.previewEmpty")}</p>`;
  const { showIf: _showIf, ...shown } = question;
  try {
    return renderQuestions({ id: "preview", title: { ja: "" }, questions: [shown] }, { answers: {} }, locale);
  } catch {
    // A question typed half-way (e.g. no options yet) that a handler cannot draw: say so.
    return html`<p class="muted">${b(locale, "editor.previewEmpty")}</p>`;
  }
}

export function questionEditorPage(ctx: PageContext, view: QuestionEditorView): PageOptions {
  const { locale } = ctx;
  const base = `/staff/builder/procedures/${view.procedureId}`;
  const isNew = view.ref === null;
  const sections = sectionsOf(view.type);
  const title = isNew ? b(locale, "editor.newQuestion", { type: b(locale, `type.${view.type}`) }) : b(locale, "editor.editQuestion");
  const action = isNew
    ? view.groupId
      ? `${base}/questions/${view.groupId}/fields/new`
      : `${base}/pages/${view.pageId}/questions/new`
    : `${base}/questions/${view.ref!.replace("/", ".")}`;
  const error = (name: string) => view.errors.find((e) => e.field === name)?.message;
  const v = (name: string) => valueOf(view.values, name);
  const id = (name: string) => `qe-${name}`;
  const f = (name: string, label: string, extra: { hint?: string; short?: boolean; inputmode?: "numeric" | "decimal"; lang?: string; spellcheck?: boolean } = {}) =>
    textField(locale, { id: id(name), name, label, value: v(name), error: error(name), ...extra });
  const errors = view.errors.map((e) => ({ ...e, field: id(e.field) }));
  const accept = Array.isArray(view.values.accept) ? view.values.accept : view.values.accept ? [view.values.accept] : [];

  const parts: HtmlValue[] = [];
  parts.push(html`<input type="hidden" name="type" value="${view.type}">`);
  parts.push(f("label_ja", b(locale, "editor.labelJa"), { hint: b(locale, "editor.labelHint") }));
  parts.push(f("label_en", b(locale, "editor.labelEn"), { lang: "en" }));
  parts.push(textareaField(locale, { id: id("hint_ja"), name: "hint_ja", label: b(locale, "editor.hintJa"), value: v("hint_ja"), rows: 2 }));
  parts.push(textareaField(locale, { id: id("hint_en"), name: "hint_en", label: b(locale, "editor.hintEn"), value: v("hint_en"), rows: 2, lang: "en" }));
  parts.push(f("id", b(locale, "editor.questionId"), { hint: b(locale, "editor.idHint"), spellcheck: false }));
  if (sections.has("required")) parts.push(checkboxField({ id: id("optional"), name: "optional", label: b(locale, "editor.optional"), checked: v("optional") === "yes" }));
  if (sections.has("options")) {
    parts.push(textareaField(locale, { id: id("options"), name: "options", label: b(locale, "editor.options"), hint: b(locale, "editor.optionsHint"), value: v("options"), error: error("options"), rows: 6, spellcheck: false }));
  }
  if (sections.has("length") || sections.has("pattern") || sections.has("range") || sections.has("dates") || sections.has("file")) {
    const rules: HtmlValue[] = [];
    if (sections.has("length")) {
      rules.push(f("min_length", b(locale, "editor.minLength"), { short: true, inputmode: "numeric" }));
      rules.push(f("max_length", b(locale, "editor.maxLength"), { short: true, inputmode: "numeric" }));
    }
    if (sections.has("pattern")) {
      rules.push(f("pattern", b(locale, "editor.pattern"), { hint: b(locale, "editor.patternHint"), spellcheck: false }));
      rules.push(f("pattern_message_ja", b(locale, "editor.patternMessageJa")));
      rules.push(f("pattern_message_en", b(locale, "editor.patternMessageEn"), { lang: "en" }));
    }
    if (sections.has("range")) {
      rules.push(f("min", b(locale, "editor.min"), { short: true, inputmode: "decimal" }));
      rules.push(f("max", b(locale, "editor.max"), { short: true, inputmode: "decimal" }));
    }
    if (sections.has("dates")) {
      rules.push(f("min_date", b(locale, "editor.minDate"), { hint: b(locale, "editor.dateHint"), spellcheck: false }));
      rules.push(f("max_date", b(locale, "editor.maxDate"), { hint: b(locale, "editor.dateHint"), spellcheck: false }));
    }
    if (sections.has("file")) {
      rules.push(choiceField(locale, { id: id("accept"), name: "accept", legend: b(locale, "editor.accept"), type: "checkbox", options: ["pdf", "jpeg", "png"].map((k) => ({ value: k, label: k.toUpperCase() })), selected: accept, error: error("accept") }));
      rules.push(f("max_mb", b(locale, "editor.maxMb"), { short: true, inputmode: "decimal" }));
    }
    parts.push(html`<fieldset class="fieldset builder-section"><legend class="fieldset__legend">${b(locale, "editor.validation")}</legend>${rules}</fieldset>`);
  }
  if (sections.has("group")) {
    parts.push(html`<fieldset class="fieldset builder-section"><legend class="fieldset__legend">${b(locale, "editor.group")}</legend>
${f("item_label_ja", b(locale, "editor.itemLabelJa"), { hint: b(locale, "editor.itemLabelHint") })}
${f("item_label_en", b(locale, "editor.itemLabelEn"), { lang: "en" })}
${f("min_items", b(locale, "editor.minItems"), { short: true, inputmode: "numeric" })}
${f("max_items", b(locale, "editor.maxItems"), { short: true, inputmode: "numeric" })}
<p class="field__hint">${b(locale, "editor.groupFieldsHint")}</p>
</fieldset>`);
  }
  if (sections.has("calculation")) {
    const earlier = questionsBefore(view.definition, view.pageId).filter(({ question }) => ["number", "calculated", "single", "select", "multiple", "group", "declaration"].includes(question.type));
    parts.push(html`<fieldset class="fieldset builder-section"><legend class="fieldset__legend">${b(locale, "editor.calculation")}</legend>
${f("expression", b(locale, "editor.expression"), { hint: b(locale, "editor.expressionHint"), spellcheck: false })}
${earlier.length ? html`<p class="field__hint">${b(locale, "editor.expressionIds")} ${earlier.map(({ question }) => `${question.id}（${localize(question.label, locale)}）`).join("、")}</p>` : html`<p class="field__hint">${b(locale, "editor.expressionNoEarlier")}</p>`}
${choiceField(locale, { id: id("format"), name: "format", legend: b(locale, "editor.format"), type: "radio", options: [{ value: "number", label: b(locale, "editor.format.number") }, { value: "yen", label: b(locale, "editor.format.yen") }], selected: [v("format") || "number"], error: error("format") })}
</fieldset>`);
  }
  if (sections.has("prefill") && !view.groupId && !view.ref?.includes("/")) {
    const choices = prefillChoices(view.type);
    parts.push(selectField(locale, { id: id("prefill"), name: "prefill", label: b(locale, "editor.prefill"), hint: b(locale, "editor.prefillHint"), value: v("prefill"), error: error("prefill"), options: [{ value: "", label: b(locale, "editor.prefillNone") }, ...choices.map((c) => ({ value: c, label: b(locale, `editor.prefill.${c}`) }))] }));
  }
  parts.push(conditionSection(locale, "qe-", view, view.pageId, error));

  return {
    title,
    area: "staff",
    hasErrors: view.errors.length + view.problems.length > 0,
    body: html`${assets("editor")}
${crumbs(locale, [{ href: base, label: localize(view.procedureTitle, locale) }])}
${summaryOf(locale, errors, view.problems)}
${view.conflict ? conflictNotice(locale) : ""}
<h1>${title}</h1>
${pathProblems(locale, view)}
<div class="builder-editor">
<form method="post" action="${action}" novalidate class="builder-editor__form" id="question-form" data-preview="${base}/questions-preview">
${csrfField(ctx)}<input type="hidden" name="revision" value="${String(view.revision)}"><input type="hidden" name="page" value="${view.pageId}">
${parts}
<div class="button-group"><button class="button" type="submit" name="_action" value="save">${b(locale, "common.save")}</button>
<button class="button button--secondary" type="submit" name="_action" value="preview">${b(locale, "editor.refreshPreview")}</button>
<a href="${base}">${b(locale, "common.cancel")}</a></div>
</form>
<section class="builder-editor__preview" aria-labelledby="preview-title">
<h2 id="preview-title">${b(locale, "editor.previewTitle")}</h2>
<p class="muted">${b(locale, "editor.previewLead")}</p>
<div class="builder-device" id="question-preview" aria-live="polite">${questionPreview(locale, view.preview, view.definition)}</div>
</section>
</div>`,
  };
}

// ---------------------------------------------------------------------------------------------
// JSON editor

export type JsonEditorView = {
  procedureId: string;
  procedureTitle: LocalizedText;
  revision: number;
  json: string;
  problems: Problem[];
  conflict?: boolean;
};

export function jsonEditorPage(ctx: PageContext, view: JsonEditorView): PageOptions {
  const { locale } = ctx;
  const base = `/staff/builder/procedures/${view.procedureId}`;
  const title = b(locale, "json.title");
  const problems = view.problems.map((p) => ({ ...p, field: "definition" }));
  return {
    title,
    area: "staff",
    hasErrors: problems.length > 0,
    body: html`${assets()}
${crumbs(locale, [{ href: base, label: localize(view.procedureTitle, locale) }])}
${summaryOf(locale, [], problems)}
${view.conflict ? conflictNotice(locale) : ""}
<h1>${title}</h1>
<p>${b(locale, "json.lead")}</p>
<form method="post" action="${base}/json" novalidate>
${csrfField(ctx)}<input type="hidden" name="revision" value="${String(view.revision)}">
<div class="field${problems.length ? " field--error" : ""}">
<label class="field__label" for="definition">${b(locale, "json.label")}</label>
${problems.length ? html`<div class="field__error" id="definition-error"><span class="visually-hidden">${b(locale, "common.errorPrefix")}</span><ul>${problems.map((p) => html`<li><code>${p.path}</code> ${p.message}</li>`)}</ul></div>` : ""}
<textarea class="input builder-json" id="definition" name="definition" rows="30" spellcheck="false"${problems.length ? html` aria-invalid="true" aria-describedby="definition-error"` : ""}>
${view.json}</textarea>
</div>
<div class="button-group"><button class="button" type="submit">${b(locale, "common.save")}</button><a href="${base}">${b(locale, "common.cancel")}</a></div>
</form>`,
  };
}
