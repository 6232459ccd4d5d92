/**
 * Staff pages of the ward offices: the day's bookings per counter (a table), check-in by QR
 * token, the 整理券 queue (issue for walk-ins, call the next number) and the day exceptions.
 */
import type { Locale } from "../../../core/i18n/index.ts";
import { html, type HtmlValue, type SafeHtml } from "../../../core/ui/html.ts";
import { csrfField, type PageContext, type PageOptions } from "../../../core/ui/layout.ts";
import { formatDay, formatRange, formatTime, pick } from "../format.ts";
import type { Booking, Counter, Office, Service, Ticket } from "../queries.ts";
import type { DayException, DayPlan, PlannedSlot } from "../schedule.ts";
import { addDays } from "../tokyo.ts";
import { backLink, m, notice, selectField, STYLESHEET, statusTag, summary, textField, type FieldErrors } from "./common.ts";

type OfficeTab = "day" | "queue" | "exceptions";

function officeNav(ctx: PageContext, office: Office, current: OfficeTab): SafeHtml {
  const { locale } = ctx;
  const items: Array<[string, string, string]> = [
    ["day", `/staff/appointments/${office.code}`, m(locale, "staff.navDay")],
    ["queue", `/staff/appointments/${office.code}/queue`, m(locale, "staff.navQueue")],
    ["exceptions", `/staff/appointments/${office.code}/exceptions`, m(locale, "staff.navExceptions")],
  ];
  return html`<nav class="appt-nav" aria-label="${m(locale, "staff.navLabel")}"><ul>${items.map(([key, href, label]) =>
    html`<li><a href="${href}"${key === current ? html` aria-current="page"` : ""}>${label}</a></li>`)}<li><a href="/queue/${office.code}">${m(locale, "staff.navDisplay")}</a></li></ul></nav>`;
}

/**
 * The frame of an office's staff pages (day, queue, exceptions): title, back link, error summary,
 * notice, heading and the office's tabs, then the page's own body.
 */
function officePage(ctx: PageContext, o: { office: Office; tab: OfficeTab; errors?: FieldErrors; message?: string | undefined }, body: HtmlValue): PageOptions {
  const { locale } = ctx;
  const errors = o.errors ?? {};
  const title = m(locale, `staff.${o.tab}Title`, { office: pick(o.office.name, locale) });
  return {
    title,
    area: "staff",
    hasErrors: Object.keys(errors).length > 0,
    body: html`${STYLESHEET}
${backLink("/staff/appointments", m(locale, "staff.homeTitle"))}
${summary(locale, errors)}
${o.message ? notice(o.message) : ""}
<h1>${title}</h1>
${officeNav(ctx, o.office, o.tab)}
${body}`,
  };
}

export function staffHomePage(ctx: PageContext, o: { offices: Office[]; consultations: boolean }): PageOptions {
  const { locale } = ctx;
  return {
    title: m(locale, "staff.homeTitle"),
    area: "staff",
    body: html`${STYLESHEET}<h1>${m(locale, "staff.homeTitle")}</h1>
${o.offices.length ? html`<ul class="link-list">${o.offices.map((office) => html`<li><a href="/staff/appointments/${office.code}">${pick(office.name, locale)}</a></li>`)}</ul>` : html`<p>${m(locale, "staff.noOffices")}</p>`}
${o.consultations ? html`<h2>${m(locale, "staff.consultationsHeading")}</h2><p><a href="/staff/appointments/consultations">${m(locale, "staff.consultationsLink")}</a></p>` : ""}`,
  };
}

export type CounterDay = { counter: Counter; plan: DayPlan; slots: PlannedSlot[]; bookings: Booking[] };

export function staffDayPage(ctx: PageContext, o: { office: Office; day: string; counters: CounterDay[]; services: Map<string, Service>; message?: string; errors: FieldErrors; token: string }): PageOptions {
  const { locale } = ctx;
  const base = `/staff/appointments/${o.office.code}`;
  return officePage(ctx, { office: o.office, tab: "day", errors: o.errors, message: o.message }, html`<h2>${m(locale, "staff.checkInHeading")}</h2>
<form method="post" action="${base}/check-in" class="filters" novalidate>
${csrfField(ctx)}
${textField({ name: "token", label: m(locale, "staff.checkInToken"), hint: m(locale, "staff.checkInHint"), value: o.token, error: o.errors.token, autocomplete: "off" })}
<div class="field"><button class="button" type="submit">${m(locale, "staff.checkInSubmit")}</button></div>
</form>
<nav class="cal-nav" aria-label="${m(locale, "staff.dayNav")}">
<a href="${base}?date=${addDays(o.day, -1)}">${m(locale, "staff.previousDay")}</a>
<a href="${base}?date=${addDays(o.day, 1)}">${m(locale, "staff.nextDay")}</a>
</nav>
<form method="get" action="${base}" class="filters">
${textField({ name: "date", label: m(locale, "staff.date"), value: o.day, type: "date" })}
<div class="field"><button class="button button--secondary" type="submit">${m(locale, "staff.show")}</button></div>
</form>
${o.counters.map((c) => {
  const booked = (slotStart: Date) => c.bookings.filter((b) => b.startsAt.getTime() === slotStart.getTime());
  return html`<section class="appt-counter">
<h2>${pick(c.counter.name, locale)}</h2>
${!c.plan.open ? html`<p>${m(locale, "staff.closedDay")}</p>` : html`
<div class="table-wrap"><table>
<caption>${formatDay(o.day, locale)} ${pick(c.counter.name, locale)}</caption>
<thead><tr><th scope="col">${m(locale, "staff.time")}</th><th scope="col">${m(locale, "staff.bookings")}</th><th scope="col">${m(locale, "staff.places")}</th></tr></thead>
<tbody>${c.slots.map((slot) => {
    const list = booked(slot.startsAt);
    return html`<tr><th scope="row">${formatRange(slot.startsAt, slot.endsAt, locale)}</th>
<td>${list.length ? html`<ul class="plain-list">${list.map((b) => html`<li>${b.name}（${pick(o.services.get(b.serviceCode)?.name ?? { ja: b.serviceCode, en: b.serviceCode }, locale)}）${b.reference} ${statusTag(b.status, locale)}</li>`)}</ul>` : m(locale, "staff.noBookings")}</td>
<td>${m(locale, "staff.placesValue", { booked: list.length, capacity: slot.capacity })}</td></tr>`;
  })}</tbody></table></div>`}
</section>`;
})}`);
}

export type QueueCounter = { counter: Counter; current: Ticket | null; waiting: Ticket[] };

export function staffQueuePage(ctx: PageContext, o: { office: Office; day: string; counters: QueueCounter[]; message?: string }): PageOptions {
  const { locale } = ctx;
  const base = `/staff/appointments/${o.office.code}/queue`;
  return officePage(ctx, { office: o.office, tab: "queue", message: o.message }, html`<p>${formatDay(o.day, locale)}</p>
${o.counters.map((c) => html`<section class="appt-counter">
<h2>${pick(c.counter.name, locale)}</h2>
<p>${m(locale, "staff.nowCalling")}: <strong class="ticket">${c.current?.label ?? m(locale, "queue.none")}</strong> ・ ${m(locale, "staff.waitingCount", { n: c.waiting.length })}</p>
<div class="button-group">
<form method="post" action="${base}/call" class="inline-form">${csrfField(ctx)}<input type="hidden" name="counter" value="${c.counter.id}"><button class="button" type="submit">${m(locale, "staff.callNext")}</button></form>
<form method="post" action="${base}/issue" class="inline-form">${csrfField(ctx)}<input type="hidden" name="counter" value="${c.counter.id}"><button class="button button--secondary" type="submit">${m(locale, "staff.issueTicket")}</button></form>
</div>
${c.waiting.length ? html`<p>${m(locale, "staff.waitingList")}: ${c.waiting.map((t) => t.label).join("、")}</p>` : ""}
</section>`)}`);
}

export type ExceptionRow = DayException & { counterId: string };

export function staffExceptionsPage(ctx: PageContext, o: { office: Office; counters: Counter[]; exceptions: ExceptionRow[]; values: Record<string, string>; errors: FieldErrors; message?: string }): PageOptions {
  const { locale } = ctx;
  const base = `/staff/appointments/${o.office.code}/exceptions`;
  const counterName = (id: string) => pick(o.counters.find((c) => c.id === id)?.name ?? { ja: "", en: "" }, locale);
  return officePage(ctx, { office: o.office, tab: "exceptions", errors: o.errors, message: o.message }, html`<p>${m(locale, "staff.exceptionsIntro")}</p>
<h2>${m(locale, "staff.exceptionsList")}</h2>
${o.exceptions.length ? html`<div class="table-wrap"><table>
<thead><tr><th scope="col">${m(locale, "staff.date")}</th><th scope="col">${m(locale, "staff.counter")}</th><th scope="col">${m(locale, "staff.exceptionWhat")}</th><th scope="col">${m(locale, "staff.note")}</th><th scope="col"><span class="visually-hidden">${m(locale, "staff.remove")}</span></th></tr></thead>
<tbody>${o.exceptions.map((e) => html`<tr><td>${formatDay(e.day, locale)}</td><td>${counterName(e.counterId)}</td>
<td>${e.closed ? m(locale, "staff.closed") : m(locale, "staff.openHours", { opens: e.opens ?? "", closes: e.closes ?? "" })}${e.capacity ? html` ・ ${m(locale, "staff.capacityValue", { n: e.capacity })}` : ""}</td>
<td>${pick(e.note, locale)}</td>
<td><form method="post" action="${base}/remove" class="inline-form">${csrfField(ctx)}<input type="hidden" name="counter" value="${e.counterId}"><input type="hidden" name="day" value="${e.day}"><button class="link-button" type="submit">${m(locale, "staff.remove")}<span class="visually-hidden"> ${formatDay(e.day, locale)} ${counterName(e.counterId)}</span></button></form></td></tr>`)}</tbody>
</table></div>` : html`<p>${m(locale, "staff.noExceptions")}</p>`}
<h2>${m(locale, "staff.exceptionForm")}</h2>
<form method="post" action="${base}" novalidate>
${csrfField(ctx)}
${selectField({ name: "counter", label: m(locale, "staff.counter"), options: o.counters.map((c) => ({ value: c.id, label: pick(c.name, locale) })), selected: o.values.counter, error: o.errors.counter })}
${textField({ name: "day", label: m(locale, "staff.date"), value: o.values.day ?? "", type: "date", error: o.errors.day })}
<div class="field${o.errors.mode ? " field--error" : ""}" id="mode"><fieldset class="fieldset"><legend class="fieldset__legend">${m(locale, "staff.exceptionWhat")}</legend>
${o.errors.mode ? html`<p class="field__error">${o.errors.mode}</p>` : ""}
<div class="choices">
<div class="choice"><input class="choice__input" type="radio" name="mode" id="mode-closed" value="closed"${o.values.mode === "closed" ? html` checked` : ""}><label class="choice__label" for="mode-closed">${m(locale, "staff.modeClosed")}</label></div>
<div class="choice"><input class="choice__input" type="radio" name="mode" id="mode-open" value="open"${o.values.mode === "open" ? html` checked` : ""}><label class="choice__label" for="mode-open">${m(locale, "staff.modeOpen")}</label></div>
</div></fieldset></div>
${textField({ name: "opens", label: m(locale, "staff.opens"), hint: m(locale, "staff.timeHint"), value: o.values.opens ?? "09:00", error: o.errors.opens, short: true, inputmode: "numeric" })}
${textField({ name: "closes", label: m(locale, "staff.closes"), hint: m(locale, "staff.timeHint"), value: o.values.closes ?? "17:30", error: o.errors.closes, short: true, inputmode: "numeric" })}
${textField({ name: "capacity", label: m(locale, "staff.capacity"), hint: m(locale, "staff.capacityHint"), value: o.values.capacity ?? "", error: o.errors.capacity, short: true, inputmode: "numeric" })}
${textField({ name: "noteJa", label: m(locale, "staff.noteJa"), value: o.values.noteJa ?? "", error: o.errors.noteJa })}
${textField({ name: "noteEn", label: m(locale, "staff.noteEn"), value: o.values.noteEn ?? "", error: o.errors.noteEn })}
<div class="button-group"><button class="button" type="submit">${m(locale, "staff.saveException")}</button></div>
</form>`);
}

/** The public display: the numbers being called, large, per counter. */
export function queueDisplayPage(ctx: PageContext, o: { office: Office; counters: QueueCounter[]; refresh: boolean; updatedAt: Date }): PageOptions {
  const { locale } = ctx;
  return {
    title: m(locale, "queue.title", { office: pick(o.office.name, locale) }),
    body: html`${STYLESHEET}<div class="queue-display">
<h1>${m(locale, "queue.title", { office: pick(o.office.name, locale) })}</h1>
<h2 class="queue-display__heading">${m(locale, "queue.calling")}</h2>
<ul class="queue-display__list">${o.counters.map((c) => html`<li class="queue-display__item"><span class="queue-display__counter">${pick(c.counter.name, locale)}</span>
<span class="queue-display__number">${c.current?.label ?? m(locale, "queue.none")}</span>
<span class="queue-display__waiting">${m(locale, "queue.waiting", { n: c.waiting.length })}</span></li>`)}</ul>
<p class="muted">${m(locale, "queue.updatedAt", { time: formatTime(o.updatedAt) })} ${o.refresh ? m(locale, "queue.refreshes") : ""}</p>
<p>${o.refresh ? html`<a href="/queue/${o.office.code}?refresh=off">${m(locale, "queue.stopRefresh")}</a>` : html`<a href="/queue/${o.office.code}">${m(locale, "queue.startRefresh")}</a>`}</p>
</div>`,
  };
}
