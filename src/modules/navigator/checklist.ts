/**
 * The rules engine: answers → the resident's checklist. Pure (no database, no clock): the catalogue
 * and today's date are given, so the staff test harness, the resident pages, the JSON API and the
 * benchmark all compute exactly the same list.
 *
 * An item is on the list when its `when` condition holds (forms-engine conditions). Its group:
 *   online   the city's procedure has an online form now (catalogue channel online/both), or the
 *            item is an outside online service with a link (マイナポータル, e-Tax…);
 *   counter  at a city counter; other  at another body (警察署, 年金事務所, 電力会社…).
 * Within a group, items with the nearest deadline come first, then those without, in the order
 * the definition lists them.
 */
import { evaluateCondition, type AnswerValue } from "../procedures/forms/index.ts";
import type { LocalizedText } from "../../core/i18n/index.ts";
import { computeDeadline, daysUntil, type Deadline } from "./deadlines.ts";
import type { ChecklistItemDef, DeadlineRule, NavigatorAnswers, NavigatorDefinition, Where } from "./definition.ts";
import { prune } from "./journey.ts";

export const GROUPS = ["online", "counter", "other"] as const;
export type ChecklistGroup = (typeof GROUPS)[number];

/** What the navigator needs to know about a catalogue procedure. */
export type CatalogueEntry = { slug: string; title: LocalizedText; online: boolean };
export type Catalogue = ReadonlyMap<string, CatalogueEntry>;

export type ItemDeadline = {
  rule: DeadlineRule;
  /** Null when the date it counts from was not answered (the rule is shown in words). */
  computed: Deadline | null;
  /** Days from today to the deadline; negative when passed. */
  daysLeft: number | null;
};

export type ChecklistItem = {
  id: string;
  title: LocalizedText;
  group: ChecklistGroup;
  /** The catalogue procedure, when the city has it published. */
  procedure: { slug: string; title: LocalizedText; href: string; online: boolean } | null;
  where: Where;
  bring: LocalizedText[];
  why: LocalizedText;
  deadline: ItemDeadline | null;
  /** Answers offered to the online form, by its question id. */
  prefill: Record<string, string | string[]>;
  /** Starts the online procedure with the answers (online city procedures only). */
  startHref: string | null;
};

export type Checklist = {
  event: string;
  answers: NavigatorAnswers;
  items: ChecklistItem[];
};

export type ComputeChecklistOptions = {
  catalogue: Catalogue;
  /** Today in Japan, ISO. */
  today: string;
};

function prefillOf(item: ChecklistItemDef, answers: NavigatorAnswers): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = { ...answers };
  for (const [formId, source] of Object.entries(item.prefill ?? {})) {
    if ("value" in source) out[formId] = source.value;
    else if (answers[source.answer] !== undefined) out[formId] = answers[source.answer]!;
  }
  return out;
}

/** `/procedures/<slug>?from=navigator&prefill.<id>=<value>…` (see readNavigatorPrefill). */
export function startHrefFor(slug: string, prefill: Record<string, string | string[]>): string {
  const params = new URLSearchParams({ from: "navigator" });
  for (const [id, value] of Object.entries(prefill)) for (const v of Array.isArray(value) ? value : [value]) params.append(`prefill.${id}`, v);
  return `/procedures/${encodeURIComponent(slug)}?${params}`;
}

function groupOf(item: ChecklistItemDef, entry: CatalogueEntry | undefined): ChecklistGroup {
  if (entry?.online) return "online";
  if (item.where.kind === "online") return item.where.url ? "online" : "counter";
  return item.where.kind;
}

function deadlineOf(rule: DeadlineRule | undefined, answers: NavigatorAnswers, today: string): ItemDeadline | null {
  if (!rule) return null;
  const from = answers[rule.from];
  const computed = typeof from === "string" ? computeDeadline(from, rule) : null;
  return { rule, computed, daysLeft: computed ? daysUntil(computed.date, today) : null };
}

/**
 * The checklist for these answers (answers of hidden questions are dropped first).
 *
 * @example computeChecklist(def, { move_type: "in", move_date: "2026-04-01" }, { catalogue, today: "2026-03-20" })
 */
export function computeChecklist(def: NavigatorDefinition, rawAnswers: NavigatorAnswers, options: ComputeChecklistOptions): Checklist {
  const answers = prune(def, rawAnswers);
  const conditionAnswers = answers as Record<string, AnswerValue>;
  const items: Array<ChecklistItem & { order: number }> = [];
  def.items.forEach((item, order) => {
    if (item.when && !evaluateCondition(item.when, conditionAnswers)) return;
    const entry = item.procedure ? options.catalogue.get(item.procedure) : undefined;
    const group = groupOf(item, entry);
    const prefill = prefillOf(item, answers);
    items.push({
      order,
      id: item.id,
      title: item.title,
      group,
      procedure: entry ? { slug: entry.slug, title: entry.title, href: `/procedures/${encodeURIComponent(entry.slug)}`, online: entry.online } : null,
      where: item.where,
      bring: item.bring,
      why: item.why,
      deadline: deadlineOf(item.deadline, answers, options.today),
      prefill: entry?.online ? prefill : {},
      startHref: entry?.online ? startHrefFor(entry.slug, prefill) : null,
    });
  });
  const groupIndex = (g: ChecklistGroup) => GROUPS.indexOf(g);
  items.sort((a, b) => {
    if (a.group !== b.group) return groupIndex(a.group) - groupIndex(b.group);
    const da = a.deadline?.computed?.date;
    const db = b.deadline?.computed?.date;
    if (da && db && da !== db) return da < db ? -1 : 1;
    if (da && !db) return -1;
    if (!da && db) return 1;
    return a.order - b.order;
  });
  return { event: def.event, answers, items: items.map(({ order: _order, ...item }) => item) };
}

/** The items of one group, in list order. */
export function itemsIn(checklist: Checklist, group: ChecklistGroup): ChecklistItem[] {
  return checklist.items.filter((item) => item.group === group);
}
