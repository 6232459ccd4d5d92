/**
 * `group`: a repeating group of sub-questions (each child, each previous address…). Works without
 * JavaScript: the add and remove buttons submit the form with `_action`, the route applies the
 * action to the body with `applyGroupAction` and re-renders the page from it.
 *
 * Fields: `<groupId>._count` (hidden, how many items are shown) and `<groupId>.<index>.<subId>…`.
 * Items up to `minItems` are always validated; a blank item beyond them is dropped quietly.
 */
import { html, type SafeHtml } from "../../../../core/ui/html.ts";
import { localize, t, type Locale } from "../../../../core/i18n/index.ts";
import type { AnswerValue, PageDef, QuestionDef, QuestionType } from "../definition.ts";
import { evaluateCondition } from "../journey.ts";
import {
  attrs,
  fieldError,
  fieldName,
  fieldsetField,
  isRequired,
  message,
  rawFor,
  readString,
  type FieldError,
  type FormBody,
  type QuestionHandler,
} from "./common.ts";

/** Hidden field with the number of items shown: `<groupId>._count`. */
export const COUNT_PART = "_count";
/** Items we ever read from a body, whatever it claims. */
export const HARD_MAX_ITEMS = 100;
const DEFAULT_MAX_ITEMS = 20;

type Item = Record<string, AnswerValue>;

export function groupBounds(q: QuestionDef): { min: number; max: number } {
  const min = Math.max(q.minItems ?? 0, isRequired(q) ? 1 : 0);
  return { min, max: Math.min(q.maxItems ?? DEFAULT_MAX_ITEMS, HARD_MAX_ITEMS) };
}

export function countFieldName(q: QuestionDef, prefix = ""): string {
  return fieldName(q, prefix, COUNT_PART);
}

export function itemPrefix(q: QuestionDef, index: number, prefix = ""): string {
  return `${fieldName(q, prefix)}.${index}.`;
}

/** Items in a body: the hidden count, or failing that the highest index present. */
export function itemCount(q: QuestionDef, body: FormBody, prefix = ""): number {
  const declared = readString(body, countFieldName(q, prefix));
  if (/^\d+$/.test(declared)) return Math.min(Number(declared), HARD_MAX_ITEMS);
  const pattern = new RegExp(`^${escapeRegExp(fieldName(q, prefix))}\\.(\\d+)\\.`);
  let count = 0;
  for (const key of Object.keys(body)) {
    const match = pattern.exec(key);
    if (match) count = Math.max(count, Number(match[1]) + 1);
  }
  return Math.min(count, HARD_MAX_ITEMS);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** 「お子さん 2」 */
export function itemLegend(q: QuestionDef, index: number, locale: Locale): string {
  const item = q.itemLabel ? localize(q.itemLabel, locale) : t(locale, "forms.group.defaultItem");
  return t(locale, "forms.group.item", { item, n: index + 1 });
}

function itemName(q: QuestionDef, locale: Locale): string {
  return q.itemLabel ? localize(q.itemLabel, locale) : t(locale, "forms.group.defaultItem");
}

function visibleFields(q: QuestionDef, answers: Partial<Record<string, AnswerValue>>): QuestionDef[] {
  return (q.fields ?? []).filter((f) => !f.showIf || evaluateCondition(f.showIf, answers));
}

function isItemArray(value: unknown): value is Item[] {
  return Array.isArray(value) && value.every((v) => typeof v === "object" && v !== null && !Array.isArray(v));
}

export function addButtonId(q: QuestionDef, prefix = ""): string {
  return `${fieldName(q, prefix)}-add`;
}

/** Builds the handler; it needs the registry to parse and render its sub-questions. */
export function createGroupHandler(handlerFor: (type: QuestionType) => QuestionHandler): QuestionHandler {
  const group: QuestionHandler = {
    parse(q, body, ctx) {
      const name = fieldName(q, ctx.prefix);
      const count = itemCount(q, body, ctx.prefix);
      const { min, max } = groupBounds(q);
      const fields = visibleFields(q, ctx.answers);
      const rawOut: FormBody = { [countFieldName(q, ctx.prefix)]: String(count) };
      const errors: FieldError[] = [];
      const items: Item[] = [];

      for (let index = 0; index < count; index++) {
        const sub = { ...ctx, prefix: itemPrefix(q, index, ctx.prefix) };
        if (index >= min) {
          const probes = fields.map((f) => handlerFor(f.type).parse({ ...f, required: false }, body, sub));
          if (probes.every((p) => p.value === undefined && p.errors.length === 0)) {
            for (const p of probes) Object.assign(rawOut, p.raw);
            continue;
          }
        }
        const legend = itemLegend(q, index, ctx.locale);
        const item: Item = {};
        for (const f of fields) {
          const result = handlerFor(f.type).parse(f, body, sub);
          Object.assign(rawOut, result.raw);
          for (const e of result.errors) {
            errors.push({ ...e, message: t(ctx.locale, "forms.group.itemError", { item: legend, message: e.message }) });
          }
          if (result.value !== undefined) item[f.id] = result.value;
        }
        items.push(item);
      }

      const params = { min, max, item: itemName(q, ctx.locale) };
      if (items.length < min) errors.push(fieldError(addButtonId(q, ctx.prefix), message(q, ctx.locale, "group.tooFew", params)));
      if (items.length > max) errors.push(fieldError(name, message(q, ctx.locale, "group.tooMany", params)));
      if (errors.length || items.length === 0) return { raw: rawOut, errors };
      return { value: items, raw: rawOut, errors };
    },

    render(q, ctx) {
      const { locale } = ctx;
      const name = fieldName(q, ctx.prefix);
      const body = rawFor(group, q, ctx);
      const count = itemCount(q, body, ctx.prefix);
      const { min, max } = groupBounds(q);
      const fields = visibleFields(q, ctx.answers ?? {});
      const items: SafeHtml[] = [];
      for (let index = 0; index < count; index++) {
        const prefix = itemPrefix(q, index, ctx.prefix);
        const legend = itemLegend(q, index, locale);
        const subs = fields.map((f) => handlerFor(f.type).render(f, { ...ctx, raw: body, value: undefined, prefix }));
        const remove =
          count > min
            ? html`<button type="submit" class="button button--secondary" name="_action" value="${`remove:${q.id}:${index}`}" formnovalidate>${t(locale, "forms.group.remove", { item: legend })}</button>`
            : html``;
        items.push(html`<fieldset class="fieldset group-item" id="${prefix.slice(0, -1)}">
<legend class="fieldset__legend">${legend}</legend>
${subs}${remove}
</fieldset>`);
      }
      const add =
        count < max
          ? html`<button type="submit" class="button button--secondary" id="${addButtonId(q, ctx.prefix)}" name="_action" value="${`add:${q.id}`}" formnovalidate>${t(locale, "forms.group.add", { item: itemName(q, locale) })}</button>`
          : html``;
      const own = ctx.errors.filter((e) => e.field === name || e.field === addButtonId(q, ctx.prefix));
      const hidden = html`<input${attrs({ type: "hidden", name: countFieldName(q, ctx.prefix), value: String(count) })}>`;
      return fieldsetField(q, ctx, name, html`${hidden}${items}${add}`, {
        errors: own,
        fieldsetAttrs: { id: name, tabindex: "-1" },
      });
    },

    display(q, value, locale) {
      if (!isItemArray(value)) return html``;
      const fields = q.fields ?? [];
      return html`${value.map((item, index) => {
        const rows = fields
          .filter((f) => item[f.id] !== undefined)
          .map((f) => html`<div><dt>${localize(f.label, locale)}</dt><dd>${handlerFor(f.type).display(f, item[f.id]!, locale)}</dd></div>`);
        return html`<div class="group-item"><p><strong>${itemLegend(q, index, locale)}</strong></p><dl>${rows}</dl></div>`;
      })}`;
    },

    toRaw(q, value, prefix) {
      const items = isItemArray(value) ? value : [];
      const count = Math.max(items.length, groupBounds(q).min, 1);
      const out: FormBody = { [countFieldName(q, prefix)]: String(count) };
      for (let index = 0; index < count; index++) {
        for (const f of q.fields ?? []) {
          Object.assign(out, handlerFor(f.type).toRaw(f, items[index]?.[f.id], itemPrefix(q, index, prefix)));
        }
      }
      return out;
    },
  };
  return group;
}

// ---------------------------------------------------------------------------------------------
// Add and remove without JavaScript

export type FormAction =
  | { type: "continue" }
  | { type: "add"; groupId: string }
  | { type: "remove"; groupId: string; index: number };

/** Reads the `_action` of a POST body: the button that was pressed. Anything unknown is "continue". */
export function parseFormAction(body: FormBody): FormAction {
  const value = readString(body, "_action");
  const add = /^add:([A-Za-z][A-Za-z0-9_]*)$/.exec(value);
  if (add) return { type: "add", groupId: add[1]! };
  const remove = /^remove:([A-Za-z][A-Za-z0-9_]*):(\d+)$/.exec(value);
  if (remove) return { type: "remove", groupId: remove[1]!, index: Number(remove[2]) };
  return { type: "continue" };
}

/**
 * Applies an add or remove action to the body of a page, for re-rendering. Adding shows one more
 * (blank) item, up to maxItems; removing drops the item's fields and renumbers the later ones.
 * Returns the body unchanged for "continue" or an unknown group.
 */
export function applyGroupAction(page: PageDef, body: FormBody, action: FormAction): FormBody {
  if (action.type === "continue") return body;
  const q = page.questions.find((question) => question.id === action.groupId && question.type === "group");
  if (!q) return body;
  const count = itemCount(q, body);
  const countName = countFieldName(q);
  if (action.type === "add") {
    return { ...body, [countName]: String(Math.min(count + 1, groupBounds(q).max)) };
  }
  if (action.index >= count) return body;
  const out: FormBody = {};
  const pattern = new RegExp(`^${escapeRegExp(q.id)}\\.(\\d+)\\.(.+)$`);
  for (const [key, value] of Object.entries(body)) {
    const match = pattern.exec(key);
    if (!match) {
      out[key] = value;
      continue;
    }
    const index = Number(match[1]);
    if (index < action.index) out[key] = value;
    else if (index > action.index) out[`${q.id}.${index - 1}.${match[2]}`] = value;
  }
  out[countName] = String(count - 1);
  return out;
}
