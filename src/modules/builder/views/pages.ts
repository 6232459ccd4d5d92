/**
 * The page editor (notices and information pages): the list and a create form; one page's draft
 * as blocks, each with edit / move / remove, forms to add a block of each type (an image is
 * uploaded together with its alt text, never without); publishing; the history; the preview
 * (the resident page, rendered from the draft); and the public page itself.
 */
import { localize, type Locale, type LocalizedText } from "../../../core/i18n/index.ts";
import { html, type HtmlValue, type SafeHtml } from "../../../core/ui/html.ts";
import { csrfField, type PageContext, type PageOptions } from "../../../core/ui/layout.ts";
import type { Problem } from "../definition/metadata.ts";
import type { FormValues } from "../definition/forms.ts";
import { BLOCK_TYPES, renderPageContent, type Block, type BlockType, type PageContent } from "../pages/blocks.ts";
import type { PageHistoryItem, PageRow, PublishedPage } from "../queries.ts";
import {
  assets,
  b,
  buttonForm,
  choiceField,
  conflictNotice,
  doneNotice,
  formatDateTime,
  selectField,
  summaryOf,
  textField,
  textareaField,
  timeTag,
  type FieldErrorView,
} from "./common.ts";

export const PAGE_DONE = ["created", "saved", "published", "unpublished", "image_added"] as const;

function pageCrumbs(locale: Locale, extra: Array<{ href: string; label: string }> = []): SafeHtml {
  return html`<nav aria-label="${b(locale, "common.breadcrumb")}"><ol class="builder-crumbs">
<li><a href="/staff/builder">${b(locale, "home.title")}</a></li>
<li><a href="/staff/builder/pages">${b(locale, "pages.title")}</a></li>
${extra.map((item) => html`<li><a href="${item.href}">${item.label}</a></li>`)}
</ol></nav>`;
}

function valueOf(values: FormValues, name: string): string {
  const value = values[name];
  return Array.isArray(value) ? (value[0] ?? "") : (value ?? "");
}

// ---------------------------------------------------------------------------------------------
// List and create

export type PagesListView = {
  pages: PageRow[];
  departments: Array<{ code: string; name: LocalizedText }>;
  values: FormValues;
  errors: FieldErrorView[];
};

export function pagesListPage(ctx: PageContext, view: PagesListView): PageOptions {
  const { locale } = ctx;
  const title = b(locale, "pages.title");
  const e = (name: string) => view.errors.find((x) => x.field === name)?.message;
  const rows = view.pages.map(
    (p) => html`<tr><td><a href="/staff/builder/pages/${p.id}">${localize(p.draft.title, locale)}</a><br><span class="muted">/pages/${p.slug}</span></td>
<td>${b(locale, `pages.kind.${p.kind}`)}</td>
<td>${p.published ? html`${b(locale, "pages.isPublished")}${p.publishedAt ? html`<br>${timeTag(p.publishedAt, locale)}` : ""}` : b(locale, "pages.notPublished")}</td>
<td>${timeTag(p.updatedAt, locale)}</td></tr>`,
  );
  return {
    title,
    area: "staff",
    hasErrors: view.errors.length > 0,
    body: html`${assets()}
<nav aria-label="${b(locale, "common.breadcrumb")}"><ol class="builder-crumbs"><li><a href="/staff/builder">${b(locale, "home.title")}</a></li></ol></nav>
${summaryOf(locale, view.errors)}
<h1>${title}</h1>
<p class="lead">${b(locale, "pages.lead")}</p>
${view.pages.length === 0
  ? html`<p>${b(locale, "pages.empty")}</p>`
  : html`<div class="table-wrap"><table><caption class="visually-hidden">${title}</caption>
<thead><tr><th scope="col">${b(locale, "pages.col.title")}</th><th scope="col">${b(locale, "pages.col.kind")}</th><th scope="col">${b(locale, "pages.col.published")}</th><th scope="col">${b(locale, "pages.col.updated")}</th></tr></thead>
<tbody>${rows}</tbody></table></div>`}
<h2 id="new-page">${b(locale, "pages.new")}</h2>
<form method="post" action="/staff/builder/pages" novalidate class="narrow">
${csrfField(ctx)}
${selectField(locale, { id: "department", label: b(locale, "create.department"), value: valueOf(view.values, "department"), options: view.departments.map((d) => ({ value: d.code, label: localize(d.name, locale) })) })}
${choiceField(locale, { id: "kind", legend: b(locale, "pages.kind"), type: "radio", options: [{ value: "notice", label: b(locale, "pages.kind.notice") }, { value: "info", label: b(locale, "pages.kind.info") }], selected: [valueOf(view.values, "kind") || "notice"], error: e("kind") })}
${textField(locale, { id: "title_ja", label: b(locale, "pages.titleJa"), value: valueOf(view.values, "title_ja"), error: e("title_ja") })}
${textField(locale, { id: "title_en", label: b(locale, "pages.titleEn"), value: valueOf(view.values, "title_en"), lang: "en" })}
${textField(locale, { id: "slug", label: b(locale, "pages.slug"), hint: b(locale, "pages.slugHint"), value: valueOf(view.values, "slug"), error: e("slug"), spellcheck: false })}
<div class="button-group"><button class="button" type="submit">${b(locale, "pages.create")}</button></div>
</form>`,
  };
}

// ---------------------------------------------------------------------------------------------
// One page's editor

export type PageEditorView = {
  page: PageRow;
  canPublish: boolean;
  assets: Array<{ id: string; name: string }>;
  procedures: Array<{ slug: string; title: LocalizedText }>;
  /** The add-block form's type. */
  addType: BlockType;
  values: FormValues;
  errors: FieldErrorView[];
  problems: Problem[];
  done?: string;
  conflict?: boolean;
};

function blockSummary(locale: Locale, block: Block): HtmlValue {
  switch (block.type) {
    case "heading":
      return html`${b(locale, `block.type.heading`)}（H${block.level}）：${localize(block.text, locale)}`;
    case "paragraph":
      return html`${b(locale, "block.type.paragraph")}：${localize(block.text, locale).slice(0, 80)}`;
    case "list":
      return html`${b(locale, "block.type.list")}：${block.items.map((i) => localize(i, locale)).join(" ／ ").slice(0, 80)}`;
    case "link":
      return html`${b(locale, "block.type.link")}：${localize(block.text, locale)}（${block.href}）`;
    case "image":
      return html`${b(locale, "block.type.image")}：${b(locale, "block.alt")}「${localize(block.alt, locale)}」`;
    case "cta":
      return html`${b(locale, "block.type.cta")}：${localize(block.text, locale)}（/procedures/${block.procedure}）`;
  }
}

/** The fields of a block form for a type (add or edit), named as parseBlockForm reads them. */
export function blockFields(locale: Locale, type: BlockType, values: FormValues, errors: FieldErrorView[], prefix: string, procedures: Array<{ slug: string; title: LocalizedText }>): SafeHtml {
  const v = (name: string) => valueOf(values, name);
  const e = (name: string) => errors.find((x) => x.field === name)?.message;
  const id = (name: string) => `${prefix}${name}`;
  const text = (label: string, name: string, rows?: number) =>
    rows
      ? textareaField(locale, { id: id(name), name, label, value: v(name), error: e(name), rows })
      : textField(locale, { id: id(name), name, label, value: v(name), error: e(name) });
  const en = (label: string, name: string, rows?: number) =>
    rows ? textareaField(locale, { id: id(name), name, label, value: v(name), rows, lang: "en" }) : textField(locale, { id: id(name), name, label, value: v(name), lang: "en" });
  switch (type) {
    case "heading":
      return html`${choiceField(locale, { id: id("level"), name: "level", legend: b(locale, "block.level"), type: "radio", options: [{ value: "2", label: b(locale, "block.level2") }, { value: "3", label: b(locale, "block.level3") }], selected: [v("level") || "2"], error: e("level") })}
${text(b(locale, "block.textJa"), "text_ja")}${en(b(locale, "block.textEn"), "text_en")}`;
    case "paragraph":
      return html`${text(b(locale, "block.textJa"), "text_ja", 5)}${en(b(locale, "block.textEn"), "text_en", 5)}`;
    case "list":
      return html`${choiceField(locale, { id: id("ordered"), name: "ordered", legend: b(locale, "block.listKind"), type: "radio", options: [{ value: "no", label: b(locale, "block.bullets") }, { value: "yes", label: b(locale, "block.numbers") }], selected: [v("ordered") || "no"] })}
${textareaField(locale, { id: id("items_ja"), name: "items_ja", label: b(locale, "block.itemsJa"), hint: b(locale, "block.itemsHint"), value: v("items_ja"), error: e("items_ja"), rows: 5 })}
${textareaField(locale, { id: id("items_en"), name: "items_en", label: b(locale, "block.itemsEn"), value: v("items_en"), rows: 5, lang: "en" })}`;
    case "link":
      return html`${text(b(locale, "block.linkTextJa"), "text_ja")}${en(b(locale, "block.linkTextEn"), "text_en")}
${textField(locale, { id: id("href"), name: "href", label: b(locale, "block.href"), hint: b(locale, "block.hrefHint"), value: v("href"), error: e("href"), spellcheck: false })}`;
    case "image":
      return html`${v("asset") ? html`<input type="hidden" name="asset" value="${v("asset")}">` : html`<div class="field${e("file") ? " field--error" : ""}"><label class="field__label" for="${id("file")}">${b(locale, "block.file")}</label><div class="field__hint" id="${id("file")}-hint">${b(locale, "block.fileHint")}</div>${e("file") ? html`<p class="field__error" id="${id("file")}-error">${e("file")}</p>` : ""}<input class="input" type="file" id="${id("file")}" name="file" accept="image/png,image/jpeg" aria-describedby="${id("file")}-hint${e("file") ? ` ${id("file")}-error` : ""}"></div>`}
${textField(locale, { id: id("alt_ja"), name: "alt_ja", label: b(locale, "block.altJa"), hint: b(locale, "block.altHint"), value: v("alt_ja"), error: e("alt_ja") })}
${en(b(locale, "block.altEn"), "alt_en")}
${text(b(locale, "block.captionJa"), "caption_ja")}`;
    case "cta":
      return html`${selectField(locale, { id: id("procedure"), name: "procedure", label: b(locale, "block.procedure"), value: v("procedure"), error: e("procedure"), options: [{ value: "", label: b(locale, "block.chooseProcedure") }, ...procedures.map((p) => ({ value: p.slug, label: localize(p.title, locale) }))] })}
${text(b(locale, "block.ctaTextJa"), "text_ja")}${en(b(locale, "block.ctaTextEn"), "text_en")}`;
  }
}

export function pageEditorPage(ctx: PageContext, view: PageEditorView): PageOptions {
  const { locale } = ctx;
  const p = view.page;
  const base = `/staff/builder/pages/${p.id}`;
  const title = localize(p.draft.title, locale);
  const revision = String(p.revision);
  const blocks = p.draft.blocks.map((block, i) => {
    const summary = blockSummary(locale, block);
    const label = `${i + 1}`;
    return html`<li class="builder-outline__question" data-index="${i}">
<div class="builder-outline__row"><span><span class="builder-handle" aria-hidden="true"></span>${summary}</span>
<span class="builder-actions">
<a href="${base}/blocks/${i}">${b(locale, "outline.edit")}<span class="visually-hidden">：${b(locale, "pages.blockN", { n: label })}</span></a>
${i > 0 ? buttonForm(ctx, `${base}/blocks/${i}/move`, b(locale, "outline.up"), { hidden: { direction: "up", revision }, visuallyHiddenSuffix: `：${b(locale, "pages.blockN", { n: label })}` }) : ""}
${i < p.draft.blocks.length - 1 ? buttonForm(ctx, `${base}/blocks/${i}/move`, b(locale, "outline.down"), { hidden: { direction: "down", revision }, visuallyHiddenSuffix: `：${b(locale, "pages.blockN", { n: label })}` }) : ""}
${buttonForm(ctx, `${base}/blocks/${i}/delete`, b(locale, "outline.remove"), { hidden: { revision }, visuallyHiddenSuffix: `：${b(locale, "pages.blockN", { n: label })}` })}
</span></div></li>`;
  });
  const isImage = view.addType === "image";
  const headerErrors = (name: string) => view.errors.find((x) => x.field === name)?.message;
  return {
    title,
    area: "staff",
    hasErrors: view.errors.length + view.problems.length > 0,
    body: html`${assets("editor")}
${pageCrumbs(locale)}
${summaryOf(locale, view.errors.map((e) => ({ ...e, field: e.field.startsWith("h-") ? e.field : `add-${e.field}` })), view.problems.map((pr) => ({ ...pr, field: "blocks" })))}
${view.conflict ? conflictNotice(locale) : doneNotice(locale, view.done, PAGE_DONE)}
<p class="caption">${b(locale, `pages.kind.${p.kind}`)} ・ /pages/${p.slug}</p>
<h1>${title}</h1>
<ul class="builder-links">
<li><a href="${base}/preview">${b(locale, "pages.preview")}</a></li>
<li><a href="${base}/history">${b(locale, "pages.history")}</a></li>
${p.published ? html`<li><a href="/pages/${p.slug}">${b(locale, "pages.viewLive")}</a></li>` : ""}
</ul>
<section class="panel" aria-labelledby="publish-title"><h2 id="publish-title">${b(locale, "pages.publishTitle")}</h2>
<p>${p.published ? html`${b(locale, "pages.isPublished")} ${p.publishedAt ? timeTag(p.publishedAt, locale) : ""}` : b(locale, "pages.notPublished")}</p>
${view.canPublish
  ? html`${buttonForm(ctx, `${base}/publish`, b(locale, "pages.publish"), { hidden: { revision }, secondary: false })} ${p.published ? buttonForm(ctx, `${base}/unpublish`, b(locale, "pages.unpublish"), { hidden: { revision }, warning: true }) : ""}`
  : html`<p>${b(locale, "pages.managersPublish")}</p>`}
</section>
<h2>${b(locale, "pages.header")}</h2>
<form method="post" action="${base}/header" novalidate class="narrow">
${csrfField(ctx)}<input type="hidden" name="revision" value="${revision}">
${textField(locale, { id: "h-title_ja", name: "title_ja", label: b(locale, "pages.titleJa"), value: valueOf(view.values, "h-title_ja") || p.draft.title.ja, error: headerErrors("h-title_ja") })}
${textField(locale, { id: "h-title_en", name: "title_en", label: b(locale, "pages.titleEn"), value: valueOf(view.values, "h-title_en") || (p.draft.title.en ?? ""), lang: "en" })}
${textareaField(locale, { id: "h-summary_ja", name: "summary_ja", label: b(locale, "pages.summaryJa"), value: valueOf(view.values, "h-summary_ja") || (p.draft.summary?.ja ?? ""), rows: 2 })}
<div class="button-group"><button class="button button--secondary" type="submit">${b(locale, "common.save")}</button></div>
</form>
<h2 id="blocks" tabindex="-1">${b(locale, "pages.blocks")}</h2>
${view.problems.length ? html`<div class="panel panel--notice"><ul>${view.problems.map((pr) => html`<li>${pr.message}<br><code>${pr.path}</code></li>`)}</ul></div>` : ""}
<form method="post" action="${base}/reorder" id="reorder-form" hidden>${csrfField(ctx)}<input type="hidden" name="revision" value="${revision}"><input type="hidden" name="order" value=""><p id="reorder-status" role="status"></p></form>
${p.draft.blocks.length ? html`<ol class="builder-outline builder-outline--blocks" id="blocks-list">${blocks}</ol>` : html`<p>${b(locale, "pages.noBlocks")}</p>`}
<h2 id="add-block">${b(locale, "pages.addBlock")}</h2>
<form method="get" action="${base}" class="builder-add">
<label class="field__label" for="add-type">${b(locale, "pages.blockType")}</label>
<select class="input" id="add-type" name="type">${BLOCK_TYPES.map((type) => html`<option value="${type}"${type === view.addType ? html` selected` : ""}>${b(locale, `block.type.${type}`)}</option>`)}</select>
<button class="button button--secondary" type="submit">${b(locale, "pages.chooseType")}</button>
</form>
<form method="post" action="${base}/${isImage ? "images" : "blocks"}${isImage ? `?_csrf=${encodeURIComponent(ctx.csrfToken)}` : ""}" novalidate class="narrow"${isImage ? html` enctype="multipart/form-data"` : ""}>
${csrfField(ctx)}<input type="hidden" name="revision" value="${revision}"><input type="hidden" name="type" value="${view.addType}">
<h3>${b(locale, `block.type.${view.addType}`)}</h3>
${blockFields(locale, view.addType, view.values, view.errors, "add-", view.procedures)}
<div class="button-group"><button class="button" type="submit">${b(locale, "pages.add")}</button></div>
</form>`,
  };
}

export type BlockEditorView = { page: PageRow; index: number; type: BlockType; values: FormValues; errors: FieldErrorView[]; problems: Problem[]; procedures: Array<{ slug: string; title: LocalizedText }>; conflict?: boolean };

export function blockEditorPage(ctx: PageContext, view: BlockEditorView): PageOptions {
  const { locale } = ctx;
  const base = `/staff/builder/pages/${view.page.id}`;
  const title = b(locale, "pages.editBlock", { n: view.index + 1 });
  return {
    title,
    area: "staff",
    hasErrors: view.errors.length + view.problems.length > 0,
    body: html`${assets()}
${pageCrumbs(locale, [{ href: base, label: localize(view.page.draft.title, locale) }])}
<div class="narrow">
${summaryOf(locale, view.errors.map((e) => ({ ...e, field: `edit-${e.field}` })), view.problems.map((p) => ({ ...p, field: "edit-block" })))}
${view.conflict ? conflictNotice(locale) : ""}
<h1>${title}</h1>
<form method="post" action="${base}/blocks/${view.index}" novalidate id="edit-block">
${csrfField(ctx)}<input type="hidden" name="revision" value="${String(view.page.revision)}"><input type="hidden" name="type" value="${view.type}">
${blockFields(locale, view.type, view.values, view.errors, "edit-", view.procedures)}
<div class="button-group"><button class="button" type="submit">${b(locale, "common.save")}</button><a href="${base}">${b(locale, "common.cancel")}</a></div>
</form>
</div>`,
  };
}

export type PageHistoryView = { page: PageRow; history: PageHistoryItem[]; names: Map<string, string> };

export function pageHistoryPage(ctx: PageContext, view: PageHistoryView): PageOptions {
  const { locale } = ctx;
  const base = `/staff/builder/pages/${view.page.id}`;
  const title = b(locale, "pages.historyTitle");
  return {
    title,
    area: "staff",
    body: html`${assets()}
${pageCrumbs(locale, [{ href: base, label: localize(view.page.draft.title, locale) }])}
<h1>${title}</h1>
<ol class="timeline">${view.history.map(
      (h) => html`<li><time datetime="${h.at.toISOString()}">${formatDateTime(h.at, locale)}</time>${h.actorId ? (view.names.get(h.actorId) ?? "—") : "—"}：${b(locale, `pages.action.${h.action}`)}（${b(locale, "pages.revisionN", { n: h.revision })}・${localize(h.content.title, locale)}・${b(locale, "pages.blockCount", { n: h.content.blocks.length })}）</li>`,
    )}</ol>`,
  };
}

/** The page as residents see it (also the preview of a draft, with a banner). */
export function publicPage(ctx: PageContext, view: { content: PageContent; published?: Date; procedureTitles: Map<string, LocalizedText>; previewOf?: string }): PageOptions {
  const { locale } = ctx;
  const published = view.published ? b(locale, "public.published", { date: formatDateTime(view.published, locale) }) : undefined;
  return {
    title: localize(view.content.title, locale),
    body: html`<link rel="stylesheet" href="/static/builder/pages.css">
${view.previewOf ? html`<div class="panel panel--notice" role="note"><p><strong>${b(locale, "preview.banner")}</strong> ${b(locale, "pages.previewNote")} <a href="${view.previewOf}">${b(locale, "preview.back")}</a></p></div>` : ""}
<div class="narrow">${renderPageContent(view.content, locale, { procedureTitles: view.procedureTitles, ...(published ? { published } : {}) })}</div>`,
  };
}

/** The notices on the home page (and /notices): newest first, each a link. */
export function noticesList(locale: Locale, notices: PublishedPage[], options: { heading: boolean }): SafeHtml {
  if (notices.length === 0) return html``;
  const items = notices.map((n) => html`<li><a href="/pages/${n.slug}">${localize(n.content.title, locale)}</a> <span class="muted">${timeTag(n.publishedAt, locale)}</span></li>`);
  return html`${options.heading ? html`<h2>${b(locale, "public.notices")}</h2>` : ""}<ul class="notices">${items}</ul>${options.heading ? html`<p><a href="/notices">${b(locale, "public.allNotices")}</a></p>` : ""}`;
}

export function noticesPage(ctx: PageContext, notices: PublishedPage[]): PageOptions {
  const { locale } = ctx;
  const title = b(locale, "public.notices");
  return { title, body: html`<h1>${title}</h1>${notices.length ? noticesList(locale, notices, { heading: false }) : html`<p>${b(locale, "public.noNotices")}</p>`}` };
}
