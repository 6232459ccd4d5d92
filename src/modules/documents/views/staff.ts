/**
 * Staff pages of documents: the PDF forms (list and upload), the field placer (builder) with its
 * no-JavaScript fallback of numeric inputs, printing a form for a visitor at the counter, and the
 * documents of a case (receipt, issued certificate, issue button).
 */
import { localize, type Locale } from "../../../core/i18n/index.ts";
import { formatDate, todayInJapan } from "../../../core/text/wareki.ts";
import { html, type HtmlValue } from "../../../core/ui/html.ts";
import { csrfField, type PageContext, type PageOptions } from "../../../core/ui/layout.ts";
import { formatCode } from "../commands/render-residence-certificate.ts";
import type { ApplicationForDocuments, FormField, IssuedDocument, PdfForm } from "../queries.ts";
import { COUNTER_FIELDS, FIELD_SOURCES, MAX_FORM_PAGES } from "../schema.ts";
import { doneNotice, fileInput, m, megabytes, selectInput, summary, textInput, type FieldErrors } from "./components.ts";

const ASSETS = html`<link rel="stylesheet" href="/static/documents/builder.css">`;

// ---------------------------------------------------------------------------------------------
// Forms list and upload

export type FormsListView = {
  forms: PdfForm[];
  departments: Array<{ code: string; name: string }>;
  maxBytes: number;
  values?: { title?: string; departmentCode?: string };
  errors?: FieldErrors;
};

export function staffFormsPage(ctx: PageContext, view: FormsListView): PageOptions {
  const { locale } = ctx;
  const errors = view.errors ?? {};
  const title = m(locale, "staff.title");
  const list =
    view.forms.length === 0
      ? html`<p>${m(locale, "staff.none")}</p>`
      : html`<div class="table-wrap"><table>
<thead><tr><th scope="col">${m(locale, "staff.colTitle")}</th><th scope="col">${m(locale, "staff.colDepartment")}</th><th scope="col">${m(locale, "staff.colFields")}</th><th scope="col">${m(locale, "staff.colStatus")}</th></tr></thead>
<tbody>${view.forms.map(
          (f) => html`<tr><td><a href="/staff/documents/forms/${f.id}">${f.title}</a></td><td>${localize(f.departmentName, locale)}</td><td>${f.fieldCount}</td><td>${f.published ? m(locale, "staff.published") : m(locale, "staff.draft")}</td></tr>`,
        )}</tbody></table></div>`;
  const upload =
    view.departments.length === 0
      ? html`<p>${m(locale, "staff.noDepartments")}</p>`
      : html`<form method="post" action="/staff/documents/forms?_csrf=${encodeURIComponent(ctx.csrfToken)}" enctype="multipart/form-data" novalidate>
${textInput({ locale, name: "title", label: m(locale, "staff.titleLabel"), hint: m(locale, "staff.titleHint"), value: view.values?.title ?? "", error: errors.title })}
${selectInput({
  locale,
  name: "departmentCode",
  label: m(locale, "staff.departmentLabel"),
  value: view.values?.departmentCode ?? view.departments[0]?.code ?? "",
  error: errors.departmentCode,
  choices: view.departments.map((d) => ({ value: d.code, label: d.name })),
})}
${fileInput({ locale, name: "file", label: m(locale, "staff.fileLabel"), hint: m(locale, "staff.fileHint", { max: megabytes(view.maxBytes), pages: MAX_FORM_PAGES }), error: errors.file, accept: "application/pdf,.pdf" })}
<button class="button" type="submit">${m(locale, "staff.upload")}</button>
</form>`;
  return {
    title,
    area: "staff",
    hasErrors: Object.keys(errors).length > 0,
    body: html`${summary(locale, errors)}
<h1>${title}</h1>
<p class="lead">${m(locale, "staff.lead")}</p>
<h2>${m(locale, "staff.listHeading")}</h2>
${list}
<h2 id="upload">${m(locale, "staff.uploadHeading")}</h2>
${upload}`,
  };
}

// ---------------------------------------------------------------------------------------------
// Builder

function sourceChoices(locale: Locale) {
  return FIELD_SOURCES.map((source) => ({ value: source, label: m(locale, `source.${source}`) }));
}

export type FieldDraft = { page: string; x: string; y: string; fontSize: string; maxWidth: string; source: string };

export type BuilderView = {
  form: PdfForm;
  fields: FormField[];
  previews: Array<{ page: number }>;
  done?: string;
  /** The add form (typed values and errors), when it was refused. */
  add?: { values: FieldDraft; errors: FieldErrors };
  /** A field's form that was refused. */
  edit?: { fieldId: string; values: FieldDraft; errors: FieldErrors };
};

const draftOf = (f: FormField): FieldDraft => ({ page: String(f.page), x: String(f.x), y: String(f.y), fontSize: String(f.fontSize), maxWidth: String(f.maxWidth), source: f.source });

function fieldInputs(locale: Locale, prefix: string, values: FieldDraft, errors: FieldErrors, labelSuffix = ""): HtmlValue {
  const label = (key: string) => `${m(locale, key)}${labelSuffix}`;
  return html`<div class="documents-inputs">
${selectInput({ locale, name: "source", id: `${prefix}source`, label: label("staff.sourceLabel"), value: values.source, error: errors[`${prefix}source`], choices: sourceChoices(locale) })}
${textInput({ locale, name: "page", id: `${prefix}page`, label: label("staff.pageLabel"), value: values.page, error: errors[`${prefix}page`], inputmode: "numeric", short: true })}
${textInput({ locale, name: "x", id: `${prefix}x`, label: label("staff.xLabel"), value: values.x, error: errors[`${prefix}x`], inputmode: "decimal", short: true })}
${textInput({ locale, name: "y", id: `${prefix}y`, label: label("staff.yLabel"), value: values.y, error: errors[`${prefix}y`], inputmode: "decimal", short: true })}
${textInput({ locale, name: "fontSize", id: `${prefix}fontSize`, label: label("staff.sizeLabel"), value: values.fontSize, error: errors[`${prefix}fontSize`], inputmode: "decimal", short: true })}
${textInput({ locale, name: "maxWidth", id: `${prefix}maxWidth`, label: label("staff.maxWidthLabel"), hint: m(locale, "staff.maxWidthHint"), value: values.maxWidth, error: errors[`${prefix}maxWidth`], inputmode: "decimal", short: true, optional: true })}
</div>`;
}

function pagePreview(locale: Locale, view: BuilderView, pageNumber: number, hasImage: boolean): HtmlValue {
  const size = view.form.pages[pageNumber - 1]!;
  const { width, height } = size;
  const numbered = view.fields.map((f, i) => ({ f, n: i + 1 })).filter(({ f }) => f.page === pageNumber);
  if (!hasImage) return html`<p>${m(locale, "staff.noPreview", { width, height })}</p>`;
  const titleId = `page-${pageNumber}-title`;
  return html`<svg class="documents-page" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${titleId}" data-page="${pageNumber}" data-height="${height}">
<title id="${titleId}">${m(locale, "staff.pageImage", { page: pageNumber })}</title>
<image href="/staff/documents/forms/${view.form.id}/pages/${pageNumber}.png" x="0" y="0" width="${width}" height="${height}" preserveAspectRatio="none"/>
${numbered.map(({ f, n }) => {
  const top = height - f.y - f.fontSize * 0.88;
  const boxWidth = f.maxWidth > 0 ? f.maxWidth : f.fontSize * 8;
  return html`<g class="documents-page__field">
<rect x="${f.x}" y="${top}" width="${boxWidth}" height="${f.fontSize * 1.1}" fill="none" stroke="#0050b3" stroke-width="0.8" stroke-dasharray="3 2"/>
<circle cx="${f.x}" cy="${height - f.y}" r="5" fill="#0050b3"/>
<text x="${f.x}" y="${height - f.y + 2.6}" font-size="7" text-anchor="middle" fill="#fff">${n}</text>
</g>`;
})}
<g class="documents-page__cursor" visibility="hidden"><circle r="6" fill="none" stroke="#d00" stroke-width="1.5"/><line x1="-10" y1="0" x2="10" y2="0" stroke="#d00"/><line x1="0" y1="-10" x2="0" y2="10" stroke="#d00"/></g>
</svg>`;
}

export function builderPage(ctx: PageContext, view: BuilderView): PageOptions {
  const { locale } = ctx;
  const { form } = view;
  const formAction = (path: string) => `/staff/documents/forms/${form.id}${path}`;
  const addErrors = view.add?.errors ?? {};
  const editErrors = view.edit?.errors ?? {};
  const errors = { ...addErrors, ...editErrors };
  const withImages = new Set(view.previews.map((p) => p.page));
  const defaultPage = view.fields.at(-1)?.page ?? 1;
  const addValues = view.add?.values ?? { page: String(defaultPage), x: "", y: "", fontSize: "11", maxWidth: "0", source: "name" };
  const fieldCards = view.fields.map((field, i) => {
    const prefix = `f${i + 1}-`;
    const refused = view.edit?.fieldId === field.id;
    const values = refused ? view.edit!.values : draftOf(field);
    return html`<li class="card" id="field-${field.id}">
<h3>${i + 1}. ${m(locale, `source.${field.source}`)}</h3>
<form method="post" action="${formAction(`/fields/${field.id}`)}" novalidate>
${csrfField(ctx)}
${fieldInputs(locale, prefix, values, refused ? editErrors : {}, locale === "ja" ? `（${i + 1}）` : ` (${i + 1})`)}
<div class="button-group">
<button class="button button--secondary" type="submit">${m(locale, "staff.save")}<span class="visually-hidden"> ${i + 1}</span></button>
</div>
</form>
<form method="post" action="${formAction(`/fields/${field.id}/delete`)}" class="inline-form">
${csrfField(ctx)}
<button class="button button--warning" type="submit">${m(locale, "staff.delete")}<span class="visually-hidden"> ${i + 1}</span></button>
</form>
</li>`;
  });
  return {
    title: form.title,
    area: "staff",
    hasErrors: Object.keys(errors).length > 0,
    body: html`${ASSETS}${summary(locale, errors)}
${doneNotice(locale, view.done ? `staff.done.${view.done}` : undefined)}
<p><a class="back-link" href="/staff/documents">${m(locale, "staff.backToList")}</a></p>
<h1>${form.title}</h1>
<p class="muted">${localize(form.departmentName, locale)} · ${form.fileName}</p>
<div class="panel panel--notice"><p>${form.published ? m(locale, "staff.publishedNote") : m(locale, "staff.draftNote")}</p>
<form method="post" action="${formAction("/publish")}" class="inline-form">${csrfField(ctx)}<input type="hidden" name="published" value="${form.published ? "false" : "true"}"><button class="button${form.published ? " button--secondary" : ""}" type="submit">${form.published ? m(locale, "staff.unpublish") : m(locale, "staff.publish")}</button></form>
</div>
<div class="button-group">
<a class="button button--secondary" href="${formAction("/sample.pdf")}" download>${m(locale, "staff.preview")}</a>
<a class="button button--secondary" href="${formAction("/fill")}">${m(locale, "staff.counterFill")}</a>
</div>
<p>${m(locale, "staff.builderLead")}</p>
${form.pages.map((_, i) => html`<h2>${m(locale, "staff.pageHeading", { page: i + 1 })}</h2>${pagePreview(locale, view, i + 1, withImages.has(i + 1))}`)}
<h2 id="add">${m(locale, "staff.addHeading")}</h2>
<p class="visually-hidden" id="documents-announce" aria-live="polite"></p>
<form method="post" action="${formAction("/fields")}" id="add-field" novalidate>
${csrfField(ctx)}
${fieldInputs(locale, "add-", addValues, addErrors)}
<button class="button" type="submit">${m(locale, "staff.add")}</button>
</form>
<h2>${m(locale, "staff.fieldsHeading")}</h2>
${view.fields.length === 0 ? html`<p>${m(locale, "staff.noFields")}</p>` : html`<ol class="card-list documents-fields">${fieldCards}</ol>`}
<script src="/static/documents/builder.js" defer></script>`,
  };
}

// ---------------------------------------------------------------------------------------------
// Counter fill

export function counterFillPage(ctx: PageContext, view: { form: PdfForm; values?: Record<string, string>; errors?: FieldErrors }): PageOptions {
  const { locale } = ctx;
  const errors = view.errors ?? {};
  const title = m(locale, "staff.fillTitle", { title: view.form.title });
  const autocomplete: Record<string, string> = { postal_code: "off", phone: "off" };
  return {
    title,
    area: "staff",
    hasErrors: Object.keys(errors).length > 0,
    body: html`${summary(locale, errors)}
<p><a class="back-link" href="/staff/documents/forms/${view.form.id}">${view.form.title}</a></p>
<h1>${title}</h1>
<p class="lead">${m(locale, "staff.fillLead")}</p>
<form method="post" action="/staff/documents/forms/${view.form.id}/fill" novalidate>
${csrfField(ctx)}
${COUNTER_FIELDS.map((name) =>
  textInput({ locale, name, label: m(locale, `fill.${name}`), value: view.values?.[name] ?? "", error: errors[name], optional: true, autocomplete: autocomplete[name] ?? "off" }),
)}
<button class="button" type="submit">${m(locale, "staff.fillSubmit")}</button>
</form>`,
  };
}

// ---------------------------------------------------------------------------------------------
// Documents of a case

export type CaseDocumentsView = {
  application: ApplicationForDocuments;
  issued: IssuedDocument[];
  issuable: boolean;
  done?: string;
  error?: string;
};

export function caseDocumentsPage(ctx: PageContext, view: CaseDocumentsView): PageOptions {
  const { locale } = ctx;
  const { application } = view;
  const title = m(locale, "case.title", { reference: application.reference });
  const approved = application.status === "approved";
  let action: HtmlValue = "";
  if (!view.issuable) action = html`<p>${m(locale, "case.notIssuable")}</p>`;
  else if (!approved) action = html`<p>${m(locale, "case.notApproved")}</p>`;
  else if (view.issued.length === 0) {
    action = html`<form method="post" action="/staff/documents/applications/${application.id}/issue">${csrfField(ctx)}<button class="button" type="submit">${m(locale, "case.issue")}</button></form>`;
  }
  return {
    title,
    area: "staff",
    body: html`${doneNotice(locale, view.done ? `case.done.${view.done}` : undefined)}
${view.error ? html`<div class="panel panel--notice" role="alert"><p>${view.error}</p></div>` : ""}
<p><a class="back-link" href="/staff/cases/${application.id}">${m(locale, "case.back")}</a></p>
<h1>${title}</h1>
<p class="lead">${m(locale, "case.lead")}</p>
<p><a href="/applications/${application.id}/receipt.pdf" download>${m(locale, "case.receipt")}</a></p>
<h2>${m(locale, "case.issued")}</h2>
${
  view.issued.length === 0
    ? html`<p>${m(locale, "case.notIssued")}</p>`
    : html`<ul class="link-list">${view.issued.map(
        (d) => html`<li><a href="/documents/${d.id}.pdf" download>${m(locale, `kind.${d.kind}`)}（PDF）</a> — ${formatDate(todayInJapan(d.issuedAt), locale)} · ${m(locale, "my.code", { code: formatCode(d.verificationCode) })}${d.demo ? html` · ${m(locale, "seal.demoNotice")}` : ""}</li>`,
      )}</ul>`
}
${action}`,
  };
}
