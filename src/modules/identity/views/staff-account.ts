/** The signed-in staff member's own account: departments and roles (/staff/account). */
import { t } from "../../../core/i18n/index.ts";
import type { Actor } from "../../../core/http/actor.ts";
import { html, type HtmlValue } from "../../../core/ui/html.ts";
import type { PageContext, PageOptions } from "../../../core/ui/layout.ts";
import type { Department } from "../queries.ts";

export function staffAccountPage(ctx: PageContext, view: { staff: Actor; departments: Department[]; /** Passkeys (views/passkeys.ts). */ security?: HtmlValue }): PageOptions {
  const { locale } = ctx;
  const title = t(locale, "identity.staffAccount.title");
  const names = new Map(view.departments.map((d) => [d.code, locale === "ja" ? d.nameJa : d.nameEn]));
  return {
    title,
    area: "staff",
    body: html`<h1>${title}</h1>
<p>${view.staff.displayName}</p>
<h2>${t(locale, "identity.staffAccount.departments")}</h2>
${view.staff.roles.length === 0
  ? html`<p>${t(locale, "identity.staffAccount.none")}</p>`
  : html`<div class="table-wrap"><table>
  <thead><tr><th scope="col">${t(locale, "identity.staffAccount.department")}</th><th scope="col">${t(locale, "identity.staffAccount.role")}</th></tr></thead>
  <tbody>${view.staff.roles.map(
    (role) => html`<tr><td>${names.get(role.departmentCode) ?? role.departmentCode}</td><td>${t(locale, `identity.role.${role.role}`)}</td></tr>`,
  )}</tbody>
</table></div>`}
${view.security ?? ""}`,
  };
}
