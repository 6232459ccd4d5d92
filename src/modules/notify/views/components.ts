/** Form pieces for the notify pages, in the design system's markup (public/machi.css). */
import type { FastifyReply } from "fastify";
import { t, type Locale } from "../../../core/i18n/index.ts";
import { html, type HtmlValue, type SafeHtml } from "../../../core/ui/html.ts";
import { errorSummary, type PageContext, type PageOptions } from "../../../core/ui/layout.ts";
import { sendPage as sendPageInLayout } from "../../../core/ui/send-page.ts";
import "../messages.ts";

export type FieldErrors = Record<string, string>;

/** Sends a page in the layout (core/ui/send-page.ts), with extra response headers where given. */
export function sendPage(reply: FastifyReply, build: (ctx: PageContext) => PageOptions, status = 200, headers: Record<string, string> = {}): FastifyReply {
  for (const [name, value] of Object.entries(headers)) reply.header(name, value);
  return sendPageInLayout(reply, build, status);
}

export function summary(locale: Locale, errors: FieldErrors): HtmlValue {
  return errorSummary(locale, Object.entries(errors).map(([field, message]) => ({ field, message })));
}

function errorLine(locale: Locale, id: string, error: string | undefined): HtmlValue {
  if (!error) return "";
  return html`<span class="field__error" id="${id}-error"><span class="visually-hidden">${t(locale, "notify.errorPrefix")}</span>${error}</span>`;
}

export function textInput(options: { locale: Locale; name: string; label: string; hint?: string; value: string; error?: string; type?: "text" | "email"; inputmode?: "decimal" | "numeric" | "email"; autocomplete?: string; short?: boolean }): SafeHtml {
  const { locale, name, error, hint } = options;
  const describe = [hint ? `${name}-hint` : "", error ? `${name}-error` : ""].filter(Boolean).join(" ");
  return html`<div class="field${error ? " field--error" : ""}">
  <label class="field__label" for="${name}">${options.label}</label>
  ${hint ? html`<span class="field__hint" id="${name}-hint">${hint}</span>` : ""}
  ${errorLine(locale, name, error)}
  <input class="input${options.short ? " input--short" : ""}" id="${name}" name="${name}" type="${options.type ?? "text"}" value="${options.value}" autocomplete="${options.autocomplete ?? "off"}"${options.inputmode ? html` inputmode="${options.inputmode}"` : ""}${options.type === "email" ? html` spellcheck="false" autocapitalize="off"` : ""}${describe ? html` aria-describedby="${describe}"` : ""}${error ? html` aria-invalid="true"` : ""}>
</div>`;
}

export type Choice = { value: string; label: string; lang?: string };

/** Radio buttons or checkboxes under one legend; the first input gets id `${name}-${first value}` for the error link. */
export function choices(options: { locale: Locale; name: string; legend: string; hint?: string; type: "radio" | "checkbox"; items: Choice[]; selected: string[]; error?: string; headingLegend?: boolean }): SafeHtml {
  const { locale, name, error } = options;
  const describe = [options.hint ? `${name}-hint` : "", error ? `${name}-error` : ""].filter(Boolean).join(" ");
  return html`<div class="field${error ? " field--error" : ""}">
<fieldset class="fieldset"${describe ? html` aria-describedby="${describe}"` : ""}>
  <legend class="fieldset__legend">${options.headingLegend ? html`<h1>${options.legend}</h1>` : options.legend}</legend>
  ${options.hint ? html`<span class="field__hint" id="${name}-hint">${options.hint}</span>` : ""}
  ${errorLine(locale, name, error)}
  <div class="choices">
  ${options.items.map((item, i) => {
    const id = i === 0 ? name : `${name}-${item.value}`;
    return html`<div class="choice"><input class="choice__input" type="${options.type}" id="${id}" name="${name}" value="${item.value}"${options.selected.includes(item.value) ? html` checked` : ""}><label class="choice__label" for="${id}"${item.lang ? html` lang="${item.lang}"` : ""}>${item.label}</label></div>`;
  })}
  </div>
</fieldset>
</div>`;
}

export function hidden(name: string, value: string | undefined): HtmlValue {
  return value === undefined ? "" : html`<input type="hidden" name="${name}" value="${value}">`;
}

export function primaryButton(text: string): SafeHtml {
  return html`<div class="button-group"><button class="button" type="submit">${text}</button></div>`;
}

export function csrf(ctx: PageContext): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${ctx.csrfToken}">`;
}
