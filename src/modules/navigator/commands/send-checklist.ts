/**
 * 「自分に送る」: e-mails the checklist (as plain text, with the permalink) to an address the
 * resident types. Sent directly while the resident waits, not through the outbox: outbox rows keep
 * their payload after delivery, and an address together with answers about a death or a divorce
 * must not stay in the database (ADR 0015). The resident sees at once whether it worked. Nothing is
 * stored; rate limits are applied by the route (per client and per address).
 */
import type { Mailer } from "../../../core/mail/mailer.ts";
import { localize, t, type Locale } from "../../../core/i18n/index.ts";
import type { Checklist, ChecklistGroup } from "../checklist.ts";
import { GROUPS } from "../checklist.ts";
import type { NavigatorDefinition } from "../definition.ts";
import { deadlineText } from "../views/format.ts";

export type SendChecklistOptions = {
  mailer: Mailer;
  to: string;
  definition: NavigatorDefinition;
  checklist: Checklist;
  locale: Locale;
  /** Absolute URL of the result page with the answers. */
  permalink: string;
  baseUrl: string;
  cityName: string;
};

/** The e-mail's text (also used by tests). */
export function checklistMailText(options: Omit<SendChecklistOptions, "mailer" | "to">): { subject: string; text: string } {
  const { locale, definition, checklist } = options;
  const title = localize(definition.title, locale);
  const out: string[] = [t(locale, "navigator.mail.intro", { title }), ""];
  for (const group of GROUPS as readonly ChecklistGroup[]) {
    const items = checklist.items.filter((i) => i.group === group);
    if (items.length === 0) continue;
    out.push(`■ ${t(locale, `navigator.group.${group}`)}`);
    for (const item of items) {
      out.push(`・${localize(item.title, locale)}`);
      if (item.deadline) out.push(`  ${t(locale, "navigator.result.deadline")}: ${deadlineText(item.deadline, locale)}`);
      out.push(`  ${t(locale, "navigator.result.where")}: ${localize(item.where.place, locale)}`);
      if (item.bring.length > 0) out.push(`  ${t(locale, "navigator.result.bring")}: ${item.bring.map((b) => localize(b, locale)).join(locale === "ja" ? "、" : "; ")}`);
      out.push(`  ${t(locale, "navigator.result.why")}: ${localize(item.why, locale)}`);
      const link = item.startHref ?? item.procedure?.href ?? item.where.url;
      if (link) out.push(`  ${link.startsWith("/") ? `${options.baseUrl}${link}` : link}`);
      out.push("");
    }
  }
  out.push(t(locale, "navigator.mail.permalink"), options.permalink, "", t(locale, "navigator.mail.footer", { city: options.cityName }));
  return { subject: t(locale, "navigator.mail.subject", { title, city: options.cityName }), text: out.join("\n") };
}

/** Throws when the mail server refuses or cannot be reached (the route tells the resident). */
export async function sendChecklist(options: SendChecklistOptions): Promise<void> {
  const { subject, text } = checklistMailText(options);
  await options.mailer.send({ to: options.to, subject, text });
}
