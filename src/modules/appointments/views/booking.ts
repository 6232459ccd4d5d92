/**
 * Resident pages of 来庁予約, one question per page: ward office → service → day (a calendar as
 * a plain table) → time → your details → e-mail code → confirmation; then the booking page with
 * its QR code, calendar file, change and cancel.
 */
import type { Locale } from "../../../core/i18n/index.ts";
import { html, raw, type SafeHtml } from "../../../core/ui/html.ts";
import { csrfField, type PageContext, type PageOptions } from "../../../core/ui/layout.ts";
import type { CalendarDay, SlotView } from "../commands/find-slots.ts";
import { formatDay, formatMonth, formatRange, formatWhen, pick, weekdayName } from "../format.ts";
import { holidayName } from "../holidays.ts";
import type { Booking, Office, OfferedService, Service } from "../queries.ts";
import type { DayPlan } from "../schedule.ts";
import { weekday } from "../tokyo.ts";
import { backLink, m, notice, remainingText, STYLESHEET, statusTag, summary, textField, type FieldErrors } from "./common.ts";

export function officesPage(ctx: PageContext, offices: Office[]): PageOptions {
  const { locale } = ctx;
  return {
    title: m(locale, "book.officeTitle"),
    body: html`${STYLESHEET}<div class="narrow">
<p class="caption">${m(locale, "book.caption")}</p>
<h1>${m(locale, "book.officeTitle")}</h1>
<p>${m(locale, "book.intro")}</p>
<ul class="link-list">${offices.map((o) => html`<li><a href="/appointments/${o.code}">${pick(o.name, locale)}</a></li>`)}</ul>
${ctx.actor?.kind === "resident" ? html`<p><a href="/appointments/mine">${m(locale, "mine.link")}</a></p>` : html`<p class="muted">${m(locale, "book.signInHint")} <a href="/auth/sign-in?next=%2Fappointments">${m(locale, "book.signIn")}</a></p>`}
<h2>${m(locale, "book.consultationsHeading")}</h2>
<p><a href="/consultations">${m(locale, "book.consultationsLink")}</a></p>
</div>`,
  };
}

export function servicesPage(ctx: PageContext, office: Office, services: OfferedService[]): PageOptions {
  const { locale } = ctx;
  return {
    title: m(locale, "book.serviceTitle"),
    body: html`${STYLESHEET}<div class="narrow">
${backLink("/appointments", m(locale, "book.back"))}
<p class="caption">${pick(office.name, locale)}</p>
<h1>${m(locale, "book.serviceTitle")}</h1>
<ul class="card-list">${services.map((s) => html`<li class="card"><h2><a href="/appointments/${office.code}/${s.code}">${pick(s.name, locale)}</a></h2>${pick(s.description, locale) ? html`<p>${pick(s.description, locale)}</p>` : ""}</li>`)}</ul>
<p class="muted">${m(locale, "book.hours")}</p>
</div>`,
  };
}

function closedText(plan: Extract<DayPlan, { open: false }>, locale: Locale): string {
  if (plan.reason === "holiday" && plan.holiday) return locale === "en" ? plan.holiday.en : plan.holiday.ja;
  return m(locale, `closed.${plan.reason}`);
}

export type Links = { day(day: string): string; month(month: string): string; slot(slot: SlotView): string; back: string };

/** The month as an accessible table: one row per week, each day with its state in words. */
export function calendarPage(ctx: PageContext, o: { office: Office; service: Service; month: string; days: CalendarDay[]; previous: string | null; next: string | null; links: Links; heading?: string }): PageOptions {
  const { locale } = ctx;
  const cells: SafeHtml[] = [];
  const leading = weekday(o.days[0]!.day);
  for (let i = 0; i < leading; i++) cells.push(html`<td></td>`);
  for (const d of o.days) {
    const number = Number(d.day.slice(8));
    const label = formatDay(d.day, locale);
    let content: SafeHtml;
    if (!d.plan.open) {
      content = html`<span class="cal__day" aria-hidden="true">${number}</span><span class="visually-hidden">${label}</span><span class="cal__state">${d.plan.reason === "holiday" ? m(locale, "cal.holiday") : m(locale, "cal.closed")}</span>`;
    } else if (!d.inWindow) {
      content = html`<span class="cal__day" aria-hidden="true">${number}</span><span class="visually-hidden">${label}</span><span class="cal__state">${m(locale, "cal.outside")}</span>`;
    } else if (!d.bookable) {
      content = html`<span class="cal__day" aria-hidden="true">${number}</span><span class="visually-hidden">${label}</span><span class="cal__state">${m(locale, "cal.full")}</span>`;
    } else {
      content = html`<a class="cal__link" href="${o.links.day(d.day)}"><span class="cal__day" aria-hidden="true">${number}</span><span class="visually-hidden">${label}</span><span class="cal__state">${m(locale, "cal.open")}</span></a>`;
    }
    cells.push(html`<td class="cal__cell${d.bookable ? " cal__cell--open" : ""}">${content}</td>`);
  }
  while (cells.length % 7 !== 0) cells.push(html`<td></td>`);
  const rows: SafeHtml[] = [];
  for (let i = 0; i < cells.length; i += 7) rows.push(html`<tr>${cells.slice(i, i + 7)}</tr>`);
  const headers = ["2026-06-07", "2026-06-01", "2026-06-02", "2026-06-03", "2026-06-04", "2026-06-05", "2026-06-06"].map(
    (day) => html`<th scope="col"><abbr title="${weekdayName(day, locale)}">${weekdayName(day, locale, true)}</abbr></th>`,
  );
  const holidays = o.days.filter((d) => !d.plan.open && d.plan.reason === "holiday").map((d) => html`<li>${formatDay(d.day, locale)} ${holidayName(d.day, locale) ?? ""}</li>`);
  const special = o.days.filter((d) => d.plan.open && d.plan.special === "fourth_sunday").map((d) => html`<li>${formatDay(d.day, locale)} ${m(locale, "cal.fourthSunday")}</li>`);
  const openDays = o.days.filter((d) => d.bookable);
  return {
    title: o.heading ?? m(locale, "book.dayTitle"),
    body: html`${STYLESHEET}
${backLink(o.links.back, m(locale, "book.back"))}
<p class="caption">${pick(o.office.name, locale)} ・ ${pick(o.service.name, locale)}</p>
<h1>${o.heading ?? m(locale, "book.dayTitle")}</h1>
<p>${m(locale, "book.dayIntro")}</p>
<nav class="cal-nav" aria-label="${m(locale, "cal.navLabel")}">
${o.previous ? html`<a href="${o.links.month(o.previous)}">${m(locale, "cal.previous", { month: formatMonth(o.previous, locale) })}</a>` : html`<span></span>`}
${o.next ? html`<a href="${o.links.month(o.next)}">${m(locale, "cal.next", { month: formatMonth(o.next, locale) })}</a>` : html`<span></span>`}
</nav>
<table class="cal">
<caption>${formatMonth(o.month, locale)}</caption>
<thead><tr>${headers}</tr></thead>
<tbody>${rows}</tbody>
</table>
<p class="muted">${m(locale, "cal.legend")}</p>
${special.length ? html`<h2>${m(locale, "cal.specialHeading")}</h2><ul>${special}</ul>` : ""}
${holidays.length ? html`<h2>${m(locale, "cal.holidaysHeading")}</h2><ul>${holidays}</ul>` : ""}
${openDays.length === 0 ? html`<p>${m(locale, "cal.noneThisMonth")}</p>` : ""}`,
  };
}

export function dayPage(ctx: PageContext, o: { office: Office; service: Service; day: string; plan: DayPlan; slots: SlotView[]; links: Links; heading?: string }): PageOptions {
  const { locale } = ctx;
  const title = o.heading ?? m(locale, "book.timeTitle");
  const list = o.slots.filter((s) => s.startsAt.getTime() > Date.now() - 60_000 || s.bookable);
  return {
    title,
    body: html`${STYLESHEET}<div class="narrow">
${backLink(o.links.month(o.day.slice(0, 7)), m(locale, "book.backToCalendar"))}
<p class="caption">${pick(o.office.name, locale)} ・ ${pick(o.service.name, locale)}</p>
<h1>${title}</h1>
<p class="lead">${formatDay(o.day, locale)}</p>
${!o.plan.open
  ? html`<p>${m(locale, "book.dayClosed", { reason: closedText(o.plan, locale) })}</p>`
  : html`${o.plan.note && (o.plan.note.ja || o.plan.note.en) ? notice(pick(o.plan.note, locale), "notice") : ""}
<ul class="slot-list">${list.map((s) =>
      s.bookable
        ? html`<li><a class="slot slot--open" href="${o.links.slot(s)}"><span class="slot__time">${formatRange(s.startsAt, s.endsAt, locale)}</span> <span class="slot__left">${remainingText(s.remaining, locale)}</span></a></li>`
        : html`<li><span class="slot slot--closed"><span class="slot__time">${formatRange(s.startsAt, s.endsAt, locale)}</span> <span class="slot__left">${s.remaining > 0 ? m(locale, "slot.notBookable") : remainingText(0, locale)}</span></span></li>`,
    )}</ul>`}
</div>`,
  };
}

export type DetailsValues = { name: string; email: string; phone: string };

export function detailsPage(ctx: PageContext, o: { office: Office; service: Service; slot: { id: string; startsAt: Date; endsAt: Date }; values: DetailsValues; errors: FieldErrors; from: string | null; back: string }): PageOptions {
  const { locale } = ctx;
  const hasErrors = Object.keys(o.errors).length > 0;
  return {
    title: m(locale, "details.title"),
    hasErrors,
    body: html`${STYLESHEET}<div class="narrow">
${backLink(o.back, m(locale, "book.back"))}
${summary(locale, o.errors)}
<p class="caption">${pick(o.office.name, locale)} ・ ${pick(o.service.name, locale)}</p>
<h1>${m(locale, "details.title")}</h1>
<dl class="summary-list">
<div class="summary-list__row"><dt>${m(locale, "details.when")}</dt><dd>${formatWhen(o.slot.startsAt, o.slot.endsAt, locale)}</dd></div>
</dl>
<form method="post" action="/appointments/book" novalidate>
${csrfField(ctx)}
<input type="hidden" name="service" value="${o.service.code}">
<input type="hidden" name="slot" value="${o.slot.id}">
${o.from ? html`<input type="hidden" name="from" value="${o.from}">` : ""}
${textField({ name: "name", label: m(locale, "details.name"), hint: m(locale, "details.nameHint"), value: o.values.name, error: o.errors.name, autocomplete: "name" })}
${textField({ name: "email", label: m(locale, "details.email"), hint: m(locale, "details.emailHint"), value: o.values.email, error: o.errors.email, type: "email", autocomplete: "email", inputmode: "email" })}
${textField({ name: "phone", label: m(locale, "details.phone"), hint: m(locale, "details.phoneHint"), value: o.values.phone, error: o.errors.phone, type: "tel", autocomplete: "tel", inputmode: "tel" })}
<p>${m(locale, "details.privacy")}</p>
<div class="button-group"><button class="button" type="submit">${m(locale, "details.submit")}</button></div>
</form>
</div>`,
  };
}

/** A signed-in resident: the account's name and address are used; one button books. */
export function residentConfirmPage(ctx: PageContext, o: { office: Office; service: Service; slot: { id: string; startsAt: Date; endsAt: Date }; name: string; email: string; back: string }): PageOptions {
  const { locale } = ctx;
  return {
    title: m(locale, "confirm.title"),
    body: html`${STYLESHEET}<div class="narrow">
${backLink(o.back, m(locale, "book.back"))}
<h1>${m(locale, "confirm.title")}</h1>
<dl class="summary-list">
<div class="summary-list__row"><dt>${m(locale, "details.when")}</dt><dd>${formatWhen(o.slot.startsAt, o.slot.endsAt, locale)}</dd></div>
<div class="summary-list__row"><dt>${m(locale, "details.where")}</dt><dd>${pick(o.office.name, locale)}</dd></div>
<div class="summary-list__row"><dt>${m(locale, "details.what")}</dt><dd>${pick(o.service.name, locale)}</dd></div>
<div class="summary-list__row"><dt>${m(locale, "details.name")}</dt><dd>${o.name}</dd></div>
<div class="summary-list__row"><dt>${m(locale, "details.email")}</dt><dd>${o.email}</dd></div>
</dl>
<form method="post" action="/appointments/book">
${csrfField(ctx)}
<input type="hidden" name="service" value="${o.service.code}">
<input type="hidden" name="slot" value="${o.slot.id}">
<div class="button-group"><button class="button" type="submit">${m(locale, "confirm.submit")}</button></div>
</form>
</div>`,
  };
}

export function verifyPage(ctx: PageContext, o: { token: string; booking: Booking; office: Office; service: Service; errors: FieldErrors; message?: string; value: string }): PageOptions {
  const { locale } = ctx;
  const hasErrors = Object.keys(o.errors).length > 0;
  return {
    title: m(locale, "verify.title"),
    hasErrors,
    body: html`${STYLESHEET}<div class="narrow">
${summary(locale, o.errors)}
${o.message ? notice(o.message) : ""}
<h1>${m(locale, "verify.title")}</h1>
<p>${m(locale, "verify.intro", { email: o.booking.email })}</p>
<dl class="summary-list">
<div class="summary-list__row"><dt>${m(locale, "details.when")}</dt><dd>${formatWhen(o.booking.startsAt, o.booking.endsAt, locale)}</dd></div>
<div class="summary-list__row"><dt>${m(locale, "details.where")}</dt><dd>${pick(o.office.name, locale)} ・ ${pick(o.service.name, locale)}</dd></div>
</dl>
<form method="post" action="/appointments/verify/${o.token}" novalidate>
${csrfField(ctx)}
${textField({ name: "code", label: m(locale, "verify.code"), hint: m(locale, "verify.codeHint"), value: o.value, error: o.errors.code, inputmode: "numeric", autocomplete: "one-time-code", short: true })}
<div class="button-group"><button class="button" type="submit">${m(locale, "verify.submit")}</button></div>
</form>
<form method="post" action="/appointments/verify/${o.token}/resend">
${csrfField(ctx)}
<p>${m(locale, "verify.noMail")} <button class="link-button" type="submit">${m(locale, "verify.resend")}</button></p>
</form>
</div>`,
  };
}

export function slotFullPage(ctx: PageContext, o: { office: Office; service: Service; day: string; from: string | null }): PageOptions {
  const { locale } = ctx;
  const dayUrl = `/appointments/${o.office.code}/${o.service.code}/${o.day}${o.from ? `?from=${encodeURIComponent(o.from)}` : ""}`;
  return {
    title: m(locale, "full.title"),
    body: html`${STYLESHEET}<div class="narrow">
<h1>${m(locale, "full.title")}</h1>
<p>${m(locale, "full.body")}</p>
${o.from ? html`<p>${m(locale, "full.detailsKept")}</p>` : ""}
<p><a class="button" href="${dayUrl}">${m(locale, "full.otherTime")}</a></p>
</div>`,
  };
}

export function problemPage(ctx: PageContext, o: { title: string; body: string; link?: { href: string; label: string } }): PageOptions {
  return {
    title: o.title,
    body: html`<div class="narrow"><h1>${o.title}</h1><p>${o.body}</p>${o.link ? html`<p><a href="${o.link.href}">${o.link.label}</a></p>` : ""}</div>`,
  };
}

/** The booking: status, when and where, the QR code for check-in, calendar file, change, cancel. */
export function bookingPage(ctx: PageContext, o: { booking: Booking; office: Office; service: Service; qr: string; base: string; justBooked: boolean; message?: string }): PageOptions {
  const { locale } = ctx;
  const b = o.booking;
  const active = b.status === "confirmed" && b.startsAt.getTime() > Date.now();
  return {
    title: o.justBooked ? m(locale, "done.title") : m(locale, "manage.title"),
    body: html`${STYLESHEET}<div class="narrow">
${o.message ? notice(o.message) : ""}
${o.justBooked
  ? html`<div class="panel panel--success panel--confirmation"><h1>${m(locale, "done.title")}</h1><p>${m(locale, "done.reference")}</p><p class="reference">${b.reference}</p></div>
<p>${m(locale, "done.mailSent", { email: b.email })}</p>`
  : html`<h1>${m(locale, "manage.title")}</h1>`}
<dl class="summary-list">
<div class="summary-list__row"><dt>${m(locale, "manage.status")}</dt><dd>${statusTag(b.status, locale)}</dd></div>
<div class="summary-list__row"><dt>${m(locale, "manage.reference")}</dt><dd>${b.reference}</dd></div>
<div class="summary-list__row"><dt>${m(locale, "details.when")}</dt><dd>${formatWhen(b.startsAt, b.endsAt, locale)}</dd></div>
<div class="summary-list__row"><dt>${m(locale, "details.where")}</dt><dd>${pick(o.office.name, locale)}<br>${pick(o.office.address, locale)}</dd></div>
<div class="summary-list__row"><dt>${m(locale, "details.what")}</dt><dd>${pick(o.service.name, locale)}</dd></div>
<div class="summary-list__row"><dt>${m(locale, "details.name")}</dt><dd>${b.name}</dd></div>
</dl>
${b.status === "confirmed" || b.status === "checked_in"
  ? html`<h2>${m(locale, "manage.checkInHeading")}</h2>
<p>${m(locale, "manage.checkInIntro")}</p>
<figure class="qr"><img src="${raw(o.qr)}" width="200" height="200" alt="${m(locale, "manage.qrAlt", { code: b.checkinToken })}"><figcaption>${m(locale, "manage.checkInCode")} <strong class="checkin-code">${b.checkinToken}</strong></figcaption></figure>
<p><a href="${o.base}/calendar.ics" download="appointment.ics">${m(locale, "manage.ics")}</a></p>`
  : ""}
${active
  ? html`<h2>${m(locale, "manage.changeHeading")}</h2>
<ul class="link-list-plain"><li><a href="${o.base}/change">${m(locale, "manage.change")}</a></li><li><a href="${o.base}/cancel">${m(locale, "manage.cancel")}</a></li></ul>`
  : ""}
<p><a href="/appointments">${m(locale, "manage.another")}</a></p>
</div>`,
  };
}

export function cancelPage(ctx: PageContext, o: { booking: Booking; office: Office; service: Service; base: string }): PageOptions {
  const { locale } = ctx;
  return {
    title: m(locale, "cancel.title"),
    body: html`<div class="narrow">
${backLink(o.base, m(locale, "book.back"))}
<h1>${m(locale, "cancel.title")}</h1>
<p>${formatWhen(o.booking.startsAt, o.booking.endsAt, locale)} ・ ${pick(o.office.name, locale)} ・ ${pick(o.service.name, locale)}</p>
<p>${m(locale, "cancel.warning")}</p>
<form method="post" action="${o.base}/cancel">
${csrfField(ctx)}
<div class="button-group"><button class="button button--warning" type="submit">${m(locale, "cancel.submit")}</button><a href="${o.base}">${m(locale, "cancel.keep")}</a></div>
</form>
</div>`,
  };
}

export function changeConfirmPage(ctx: PageContext, o: { booking: Booking; slot: { id: string; startsAt: Date; endsAt: Date }; base: string }): PageOptions {
  const { locale } = ctx;
  return {
    title: m(locale, "change.title"),
    body: html`<div class="narrow">
${backLink(`${o.base}/change`, m(locale, "book.back"))}
<h1>${m(locale, "change.title")}</h1>
<dl class="summary-list">
<div class="summary-list__row"><dt>${m(locale, "change.from")}</dt><dd>${formatWhen(o.booking.startsAt, o.booking.endsAt, locale)}</dd></div>
<div class="summary-list__row"><dt>${m(locale, "change.to")}</dt><dd>${formatWhen(o.slot.startsAt, o.slot.endsAt, locale)}</dd></div>
</dl>
<form method="post" action="${o.base}/change">
${csrfField(ctx)}
<input type="hidden" name="slot" value="${o.slot.id}">
<div class="button-group"><button class="button" type="submit">${m(locale, "change.submit")}</button></div>
</form>
</div>`,
  };
}

export type MyBookingRow = { booking: Booking; office: Office; service: Service };
export type MyConsultationRow = { id: string; reference: string; startsAt: Date; endsAt: Date; department: string; status: string };

export function myPage(ctx: PageContext, o: { bookings: MyBookingRow[]; consultations: MyConsultationRow[] }): PageOptions {
  const { locale } = ctx;
  const now = Date.now();
  const upcoming = o.bookings.filter((r) => r.booking.endsAt.getTime() >= now);
  const past = o.bookings.filter((r) => r.booking.endsAt.getTime() < now);
  const row = (r: MyBookingRow) =>
    html`<li class="card"><h3><a href="/appointments/mine/${r.booking.id}">${formatWhen(r.booking.startsAt, r.booking.endsAt, locale)}</a></h3><p class="card__meta">${pick(r.office.name, locale)} ・ ${pick(r.service.name, locale)} ・ ${statusTag(r.booking.status, locale)}</p></li>`;
  return {
    title: m(locale, "mine.title"),
    body: html`${STYLESHEET}<h1>${m(locale, "mine.title")}</h1>
<h2>${m(locale, "mine.upcoming")}</h2>
${upcoming.length ? html`<ul class="card-list">${upcoming.map(row)}</ul>` : html`<p>${m(locale, "mine.none")}</p>`}
<p><a href="/appointments">${m(locale, "mine.book")}</a></p>
<h2>${m(locale, "mine.consultations")}</h2>
${o.consultations.length
  ? html`<ul class="card-list">${o.consultations.map((c) => html`<li class="card"><h3><a href="/consultations/mine/${c.id}">${formatWhen(c.startsAt, c.endsAt, locale)}</a></h3><p class="card__meta">${c.department} ・ ${m(locale, `consult.status.${c.status}`)}</p></li>`)}</ul>`
  : html`<p>${m(locale, "mine.noConsultations")}</p>`}
${past.length ? html`<h2>${m(locale, "mine.past")}</h2><ul class="card-list">${past.map(row)}</ul>` : ""}`,
  };
}

