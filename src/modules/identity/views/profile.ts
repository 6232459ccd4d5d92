/** The resident's profile: what is registered (/my/profile) and the form to change it (/my/profile/edit). */
import { formatPhone, formatPostalCode } from "../../../core/text/japanese.ts";
import { t, type Locale } from "../../../core/i18n/index.ts";
import { html, type HtmlValue } from "../../../core/ui/html.ts";
import { csrfField, type PageContext, type PageOptions } from "../../../core/ui/layout.ts";
import type { ProfileRow } from "../queries.ts";
import { dateInput, input, notice, primaryButton, summary, type FieldErrors } from "./components.ts";
import { nameFieldsets } from "./name-fields.ts";

export type ProfileFormValues = Record<
  "familyName" | "givenName" | "familyKana" | "givenKana" | "birthYear" | "birthMonth" | "birthDay" | "postalCode" | "address" | "phone",
  string
>;

/** The stored profile as form values (for the first display of the edit form). */
export function profileFormValues(profile: ProfileRow): ProfileFormValues {
  const [year = "", month = "", day = ""] = profile.birthDate ? profile.birthDate.split("-") : [];
  return {
    familyName: profile.familyName,
    givenName: profile.givenName,
    familyKana: profile.familyKana,
    givenKana: profile.givenKana,
    birthYear: year,
    birthMonth: month ? String(Number(month)) : "",
    birthDay: day ? String(Number(day)) : "",
    postalCode: profile.postalCode ? formatPostalCode(profile.postalCode) : "",
    address: profile.address ?? "",
    phone: profile.phone ? formatPhone(profile.phone) : "",
  };
}

function formatDate(locale: Locale, iso: string): string {
  const [year, month, day] = iso.split("-").map(Number);
  return t(locale, "identity.profile.dateFormat", { year: year!, month: month!, day: day! });
}

function row(label: string, value: HtmlValue): HtmlValue {
  return html`<div class="summary-list__row"><dt>${label}</dt><dd>${value}</dd></div>`;
}

export function profilePage(
  ctx: PageContext,
  view: { profile: ProfileRow; saved?: boolean; resent?: boolean; welcome?: boolean; /** Assurance level and passkeys (views/assurance.ts, views/passkeys.ts). */ security?: HtmlValue },
): PageOptions {
  const { locale } = ctx;
  const p = view.profile;
  const notSet = html`<span class="muted">${t(locale, "identity.profile.notSet")}</span>`;
  const title = t(locale, "identity.profile.title");
  return {
    title,
    body: html`<div class="narrow">
${notice(view.welcome ? t(locale, "identity.signUp.welcome", { email: p.email }) : undefined)}
${notice(view.saved ? t(locale, "identity.profile.saved") : undefined)}
${notice(view.resent ? t(locale, "identity.verify.resent") : undefined)}
<h1>${title}</h1>
<p>${t(locale, "identity.profile.intro")}</p>
<dl class="summary-list">
  ${row(t(locale, "identity.field.name"), `${p.familyName} ${p.givenName}`)}
  ${row(t(locale, "identity.field.furigana"), `${p.familyKana} ${p.givenKana}`)}
  ${row(t(locale, "identity.field.birthDate"), p.birthDate ? formatDate(locale, p.birthDate) : notSet)}
  ${row(t(locale, "identity.field.postalCode"), p.postalCode ? formatPostalCode(p.postalCode) : notSet)}
  ${row(t(locale, "identity.field.address"), p.address ?? notSet)}
  ${row(t(locale, "identity.field.phone"), p.phone ? formatPhone(p.phone) : notSet)}
</dl>
<p><a class="button" href="/my/profile/edit">${t(locale, "identity.profile.edit")}</a></p>
<h2>${t(locale, "identity.field.email")}</h2>
<p>${p.email} ${p.emailVerifiedAt ? html`<span class="tag tag--online">${t(locale, "identity.verify.verified")}</span>` : ""}</p>
${p.emailVerifiedAt
  ? ""
  : html`<p>${t(locale, "identity.verify.pending")}</p>
<form method="post" action="/my/profile/verification">
  ${csrfField(ctx)}
  <button class="button button--secondary" type="submit">${t(locale, "identity.verify.resend")}</button>
</form>`}
<p class="muted">${t(locale, "identity.profile.emailNote")}</p>
${view.security ?? ""}
<h2>${t(locale, "identity.profile.password")}</h2>
<p><a href="/auth/reset">${t(locale, "identity.profile.changePassword")}</a></p>
</div>`,
  };
}

export function editProfilePage(ctx: PageContext, view: { values: ProfileFormValues; errors?: FieldErrors }): PageOptions {
  const { locale } = ctx;
  const errors = view.errors ?? {};
  const v = view.values;
  const title = t(locale, "identity.profile.editTitle");
  const dateError = errors.birthYear ?? errors.birthMonth ?? errors.birthDay;
  const errorBoxes = (["Year", "Month", "Day"] as const).filter((part) => errors[`birth${part}`]);
  return {
    title,
    hasErrors: Object.keys(errors).length > 0,
    body: html`<div class="narrow">
${summary(locale, errors)}
<h1>${title}</h1>
<form method="post" action="/my/profile/edit" novalidate>
  ${csrfField(ctx)}
  ${nameFieldsets(locale, v, errors)}
  ${dateInput({
    locale,
    prefix: "birth",
    legend: t(locale, "identity.field.birthDate"),
    hint: t(locale, "identity.field.birthDateHint"),
    values: { year: v.birthYear, month: v.birthMonth, day: v.birthDay },
    error: dateError,
    errorBoxes,
    optional: true,
    autocompletePrefix: "bday",
  })}
  ${input({ locale, name: "postalCode", label: t(locale, "identity.field.postalCode"), hint: t(locale, "identity.field.postalCodeHint"), autocomplete: "postal-code", inputmode: "numeric", short: false, optional: true, value: v.postalCode, error: errors.postalCode })}
  ${input({ locale, name: "address", label: t(locale, "identity.field.address"), hint: t(locale, "identity.field.addressHint"), autocomplete: "street-address", optional: true, spellcheck: false, value: v.address, error: errors.address })}
  ${input({ locale, name: "phone", label: t(locale, "identity.field.phone"), hint: t(locale, "identity.field.phoneHint"), type: "tel", autocomplete: "tel-national", inputmode: "tel", optional: true, value: v.phone, error: errors.phone })}
  ${primaryButton(t(locale, "identity.profile.save"))}
</form>
<p><a href="/my/profile">${t(locale, "identity.profile.cancel")}</a></p>
</div>`,
  };
}
