/**
 * The preview of a form, exactly as a resident sees it: the resident layout and the procedures
 * module's own form page (formPage), driven by the form engine, with the answers carried in a
 * hidden field instead of a draft (nothing is saved). A banner says it is a preview and switches
 * between phone width (360 px) and desktop width; with JavaScript, preview.js shows both side by
 * side in frames of those widths.
 */
import { localize, type LocalizedText } from "../../../core/i18n/index.ts";
import { html, type HtmlValue } from "../../../core/ui/html.ts";
import { csrfField, type PageContext, type PageOptions } from "../../../core/ui/layout.ts";
import { formPage } from "../../procedures/index.ts";
import { renderAnswersSummary, type FieldError } from "../../procedures/forms/index.ts";
import type { Answers, FormDefinition, PageDef } from "../../procedures/forms/definition.ts";
import type { FormBody } from "../definition/forms.ts";
import { assets, b } from "./common.ts";

export type PreviewDevice = "phone" | "desktop";

export type PreviewTarget = {
  procedureId: string;
  procedureTitle: LocalizedText;
  /** A published version to preview instead of the working copy. */
  versionId?: string;
  device: PreviewDevice;
  /** Inside a frame of the side-by-side preview (no banner). */
  framed: boolean;
};

function query(target: PreviewTarget, device = target.device, framed = target.framed, answers?: Answers): string {
  const params = new URLSearchParams();
  if (target.versionId) params.set("version", target.versionId);
  params.set("device", device);
  if (framed) params.set("frame", "1");
  if (answers && Object.keys(answers).length > 0) params.set("a", encodeAnswers(answers));
  return `?${params.toString()}`;
}

/** Answers in a link (change links of the check page, back links): base64url of their JSON. */
export function encodeAnswers(answers: Answers): string {
  return Buffer.from(JSON.stringify(answers), "utf8").toString("base64url");
}

export function decodeAnswers(text: unknown): Answers {
  if (typeof text !== "string" || text.length > 20000) return {};
  try {
    const value: unknown = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Answers) : {};
  } catch {
    return {};
  }
}

export function previewBase(target: PreviewTarget): string {
  return `/staff/builder/procedures/${target.procedureId}/preview`;
}

function banner(ctx: PageContext, target: PreviewTarget, pagePath: string): HtmlValue {
  const { locale } = ctx;
  if (target.framed) return "";
  const link = (device: PreviewDevice) =>
    target.device === device
      ? html`<strong aria-current="true">${b(locale, `preview.${device}`)}</strong>`
      : html`<a href="${pagePath}${query(target, device, false)}">${b(locale, `preview.${device}`)}</a>`;
  return html`<div class="panel panel--notice builder-preview-banner" role="note">
<p><strong>${b(locale, "preview.banner")}</strong> ${target.versionId ? b(locale, "preview.ofVersion") : b(locale, "preview.ofDraft")}</p>
<p>${b(locale, "preview.width")}：${link("phone")} ／ ${link("desktop")} ／ <a href="/staff/builder/procedures/${target.procedureId}">${b(locale, "preview.back")}</a></p>
<div id="preview-frames" data-src="${pagePath}" data-query="${query(target, "phone", true)}" data-query-desktop="${query(target, "desktop", true)}" data-label-phone="${b(locale, "preview.framePhone")}" data-label-desktop="${b(locale, "preview.frameDesktop")}"></div>
</div>`;
}

function wrap(ctx: PageContext, target: PreviewTarget, pagePath: string, page: PageOptions): PageOptions {
  return {
    ...page,
    area: "resident",
    body: html`${target.framed ? "" : assets("preview")}${banner(ctx, target, pagePath)}<div class="builder-device builder-device--${target.device}">${page.body}</div>`,
  };
}

export type PreviewPageView = {
  target: PreviewTarget;
  definition: FormDefinition;
  page: PageDef;
  answers: Answers;
  raw?: FormBody;
  errors: readonly FieldError[];
  previousPageId: string | null;
};

export function previewFormPage(ctx: PageContext, view: PreviewPageView): PageOptions {
  const { locale } = ctx;
  const base = previewBase(view.target);
  const pagePath = `${base}/pages/${view.page.id}`;
  const page = formPage(ctx, {
    procedureTitle: view.target.procedureTitle,
    page: view.page,
    state: { answers: view.answers, ...(view.raw ? { raw: view.raw } : {}) },
    errors: view.errors,
    backHref: view.previousPageId ? `${base}/pages/${view.previousPageId}${query(view.target, view.target.device, view.target.framed, view.answers)}` : `/staff/builder/procedures/${view.target.procedureId}`,
    action: `${pagePath}${query(view.target)}`,
    multipart: false,
    attachedFiles: [],
    hidden: { _answers: JSON.stringify(view.answers) },
    buttons: html`<div class="button-group"><button class="button" type="submit" name="_action" value="continue">${b(locale, "preview.continue")}</button></div>`,
  });
  return wrap(ctx, view.target, pagePath, page);
}

export type PreviewCheckView = { target: PreviewTarget; definition: FormDefinition; answers: Answers };

export function previewCheckPage(ctx: PageContext, view: PreviewCheckView): PageOptions {
  const { locale } = ctx;
  const base = previewBase(view.target);
  const title = b(locale, "preview.checkTitle");
  const summary = renderAnswersSummary(view.definition, view.answers, locale, {
    changeHref: (pageId) => `${base}/pages/${pageId}${query(view.target, view.target.device, view.target.framed, view.answers)}`,
  });
  const page: PageOptions = {
    title,
    body: html`<div class="narrow">
<p class="caption">${localize(view.target.procedureTitle, locale)}</p>
<h1>${title}</h1>
${summary}
<form method="post" action="${base}/restart${query(view.target)}">${csrfField(ctx)}
<div class="panel"><p>${b(locale, "preview.noSubmit")}</p></div>
<div class="button-group"><button class="button" type="submit">${b(locale, "preview.restart")}</button></div>
</form>
</div>`,
  };
  return wrap(ctx, view.target, `${base}/check`, page);
}
