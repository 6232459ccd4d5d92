/** Pages of web consultations: resident (department → time → topic → booked) and staff (availability, list), and the room page. */
import { html } from "../../../core/ui/html.ts";
import { csrfField, type PageContext, type PageOptions } from "../../../core/ui/layout.ts";
import type { ConsultationSlot } from "../commands/consultations.ts";
import { formatDay, formatRange, formatWhen } from "../format.ts";
import type { Availability, Consultation } from "../queries.ts";
import { compactKey, tokyoDay } from "../tokyo.ts";
import { backLink, m, notice, selectField, STYLESHEET, summary, textField, type FieldErrors } from "./common.ts";

export type DepartmentChoice = { code: string; name: string };

export function consultDepartmentsPage(ctx: PageContext, departments: DepartmentChoice[]): PageOptions {
  const { locale } = ctx;
  return {
    title: m(locale, "consult.departmentTitle"),
    body: html`${STYLESHEET}<div class="narrow">
${backLink("/appointments", m(locale, "book.back"))}
<h1>${m(locale, "consult.departmentTitle")}</h1>
<p>${m(locale, "consult.intro")}</p>
${departments.length ? html`<ul class="link-list">${departments.map((d) => html`<li><a href="/consultations/${d.code}">${d.name}</a></li>`)}</ul>` : html`<p>${m(locale, "consult.noDepartments")}</p>`}
</div>`,
  };
}

export function consultSlotsPage(ctx: PageContext, o: { department: DepartmentChoice; slots: ConsultationSlot[] }): PageOptions {
  const { locale } = ctx;
  const days = new Map<string, ConsultationSlot[]>();
  for (const slot of o.slots) {
    const day = tokyoDay(slot.startsAt);
    days.set(day, [...(days.get(day) ?? []), slot]);
  }
  return {
    title: m(locale, "consult.timeTitle"),
    body: html`${STYLESHEET}<div class="narrow">
${backLink("/consultations", m(locale, "book.back"))}
<p class="caption">${o.department.name}</p>
<h1>${m(locale, "consult.timeTitle")}</h1>
${days.size === 0 ? html`<p>${m(locale, "consult.noTimes")}</p>` : [...days].map(([day, slots]) => html`<h2>${formatDay(day, locale)}</h2>
<ul class="slot-list">${slots.map((s) => s.free > 0
  ? html`<li><a class="slot slot--open" href="/consultations/${o.department.code}/book?at=${compactKey(s.startsAt)}"><span class="slot__time">${formatRange(s.startsAt, s.endsAt, locale)}</span> <span class="slot__left">${m(locale, "consult.free")}</span></a></li>`
  : html`<li><span class="slot slot--closed"><span class="slot__time">${formatRange(s.startsAt, s.endsAt, locale)}</span> <span class="slot__left">${m(locale, "slot.full")}</span></span></li>`)}</ul>`)}
</div>`,
  };
}

export function consultBookPage(ctx: PageContext, o: { department: DepartmentChoice; at: string; startsAt: Date; endsAt: Date; topic: string; errors: FieldErrors }): PageOptions {
  const { locale } = ctx;
  const hasErrors = Object.keys(o.errors).length > 0;
  return {
    title: m(locale, "consult.topicTitle"),
    hasErrors,
    body: html`${STYLESHEET}<div class="narrow">
${backLink(`/consultations/${o.department.code}`, m(locale, "book.back"))}
${summary(locale, o.errors)}
<p class="caption">${o.department.name}</p>
<h1>${m(locale, "consult.topicTitle")}</h1>
<p>${formatWhen(o.startsAt, o.endsAt, locale)}</p>
<form method="post" action="/consultations/${o.department.code}/book" novalidate>
${csrfField(ctx)}
<input type="hidden" name="at" value="${o.at}">
<div class="field${o.errors.topic ? " field--error" : ""}">
<label class="field__label" for="topic">${m(locale, "consult.topic")}</label>
<p class="field__hint" id="topic-hint">${m(locale, "consult.topicHint")}</p>
${o.errors.topic ? html`<p class="field__error" id="topic-error">${o.errors.topic}</p>` : ""}
<textarea class="input" id="topic" name="topic" rows="6" aria-describedby="topic-hint${o.errors.topic ? " topic-error" : ""}">${o.topic}</textarea>
</div>
<p>${m(locale, "consult.videoNote")}</p>
<div class="button-group"><button class="button" type="submit">${m(locale, "consult.submit")}</button></div>
</form>
</div>`,
  };
}

export function consultationPage(ctx: PageContext, o: { consultation: Consultation; department: string; justBooked: boolean; message?: string }): PageOptions {
  const { locale } = ctx;
  const c = o.consultation;
  const active = c.status === "confirmed" && c.startsAt.getTime() > Date.now();
  return {
    title: o.justBooked ? m(locale, "consult.doneTitle") : m(locale, "consult.pageTitle"),
    body: html`${STYLESHEET}<div class="narrow">
${o.message ? notice(o.message) : ""}
${o.justBooked ? html`<div class="panel panel--success panel--confirmation"><h1>${m(locale, "consult.doneTitle")}</h1><p>${m(locale, "done.reference")}</p><p class="reference">${c.reference}</p></div>` : html`<h1>${m(locale, "consult.pageTitle")}</h1>`}
<dl class="summary-list">
<div class="summary-list__row"><dt>${m(locale, "manage.status")}</dt><dd><strong class="status">${m(locale, `consult.status.${c.status}`)}</strong></dd></div>
<div class="summary-list__row"><dt>${m(locale, "details.when")}</dt><dd>${formatWhen(c.startsAt, c.endsAt, locale)}</dd></div>
<div class="summary-list__row"><dt>${m(locale, "consult.department")}</dt><dd>${o.department}</dd></div>
<div class="summary-list__row"><dt>${m(locale, "consult.topic")}</dt><dd class="staff-message">${c.topic}</dd></div>
<div class="summary-list__row"><dt>${m(locale, "consult.link")}</dt><dd>${c.status !== "confirmed" ? "—" : c.joinUrl ? html`<a href="${c.joinUrl}">${c.joinUrl}</a>` : m(locale, "consult.linkPending")}</dd></div>
</dl>
${active && ctx.actor?.kind === "resident" ? html`<form method="post" action="/consultations/mine/${c.id}/cancel">${csrfField(ctx)}<div class="button-group"><button class="button button--warning" type="submit">${m(locale, "consult.cancel")}</button></div></form>` : ""}
<p><a href="/appointments/mine">${m(locale, "mine.title")}</a></p>
</div>`,
  };
}

export function staffConsultationsPage(ctx: PageContext, o: { departments: Array<{ code: string; name: string }>; availability: Availability[]; consultations: Consultation[]; values: Record<string, string>; errors: FieldErrors; message?: string }): PageOptions {
  const { locale } = ctx;
  const hasErrors = Object.keys(o.errors).length > 0;
  const deptName = (code: string) => o.departments.find((d) => d.code === code)?.name ?? code;
  return {
    title: m(locale, "staffConsult.title"),
    area: "staff",
    hasErrors,
    body: html`${STYLESHEET}
${backLink("/staff/appointments", m(locale, "staff.homeTitle"))}
${summary(locale, o.errors)}
${o.message ? notice(o.message) : ""}
<h1>${m(locale, "staffConsult.title")}</h1>
<h2>${m(locale, "staffConsult.upcoming")}</h2>
${o.consultations.length ? html`<div class="table-wrap"><table>
<thead><tr><th scope="col">${m(locale, "details.when")}</th><th scope="col">${m(locale, "consult.department")}</th><th scope="col">${m(locale, "staffConsult.resident")}</th><th scope="col">${m(locale, "consult.topic")}</th><th scope="col">${m(locale, "consult.link")}</th></tr></thead>
<tbody>${o.consultations.map((c) => html`<tr><td>${formatWhen(c.startsAt, c.endsAt, locale)}<br>${m(locale, `consult.status.${c.status}`)}</td><td>${deptName(c.departmentCode)}</td><td>${c.residentName}</td><td class="staff-message">${c.topic}</td>
<td>${c.status === "confirmed" ? (c.hostUrl ? html`<a href="${c.hostUrl}">${m(locale, "staffConsult.start")}</a>` : m(locale, "consult.linkPending")) : "—"}</td></tr>`)}</tbody></table></div>` : html`<p>${m(locale, "staffConsult.none")}</p>`}
<h2>${m(locale, "staffConsult.availability")}</h2>
${o.availability.length ? html`<ul>${o.availability.map((a) => html`<li>${formatWhen(a.startsAt, a.endsAt, locale)} ・ ${deptName(a.departmentCode)} ・ ${a.staffName} ・ ${m(locale, "staffConsult.slotLength", { n: a.slotMinutes })}</li>`)}</ul>` : html`<p>${m(locale, "staffConsult.noAvailability")}</p>`}
<h2>${m(locale, "staffConsult.addHeading")}</h2>
<form method="post" action="/staff/appointments/consultations/availability" novalidate>
${csrfField(ctx)}
${selectField({ name: "department", label: m(locale, "consult.department"), options: o.departments.map((d) => ({ value: d.code, label: d.name })), selected: o.values.department, error: o.errors.department })}
${textField({ name: "day", label: m(locale, "staff.date"), value: o.values.day ?? "", type: "date", error: o.errors.day })}
${textField({ name: "from", label: m(locale, "staffConsult.from"), hint: m(locale, "staff.timeHint"), value: o.values.from ?? "", error: o.errors.from, short: true, inputmode: "numeric" })}
${textField({ name: "to", label: m(locale, "staffConsult.to"), hint: m(locale, "staff.timeHint"), value: o.values.to ?? "", error: o.errors.to, short: true, inputmode: "numeric" })}
${selectField({ name: "slotMinutes", label: m(locale, "staffConsult.slotMinutes"), options: ["15", "20", "30", "45", "60"].map((v) => ({ value: v, label: m(locale, "staffConsult.slotLength", { n: v }) })), selected: o.values.slotMinutes ?? "30", error: o.errors.slotMinutes })}
<div class="button-group"><button class="button" type="submit">${m(locale, "staffConsult.add")}</button></div>
</form>`,
  };
}

export function roomPage(ctx: PageContext, o: { consultation: Consultation; department: string; host: boolean }): PageOptions {
  const { locale } = ctx;
  const c = o.consultation;
  return {
    title: m(locale, "room.title"),
    body: html`<div class="narrow">
<h1>${m(locale, "room.title")}</h1>
<dl class="summary-list">
<div class="summary-list__row"><dt>${m(locale, "details.when")}</dt><dd>${formatWhen(c.startsAt, c.endsAt, locale)}</dd></div>
<div class="summary-list__row"><dt>${m(locale, "consult.department")}</dt><dd>${o.department}</dd></div>
<div class="summary-list__row"><dt>${m(locale, "manage.status")}</dt><dd>${m(locale, `consult.status.${c.status}`)}</dd></div>
</dl>
${c.status === "cancelled" ? html`<p>${m(locale, "room.cancelled")}</p>` : html`<div class="panel panel--notice"><p>${m(locale, "room.notYet")}</p></div>`}
${o.host ? html`<p>${m(locale, "room.hostNote")}</p>` : ""}
</div>`,
  };
}
