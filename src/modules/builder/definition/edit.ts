/**
 * The builder's edits of a form definition as pure functions: each takes a definition and
 * returns a new one (the input is never changed), or throws an EditError when the page or
 * question it names does not exist. Whether the result is a valid form is decided afterwards,
 * on the whole definition (commands/edit-definition.ts), so an edit is saved whole or not at all.
 *
 * Questions are named by a reference: "<questionId>" for a question of a page, or
 * "<groupId>/<fieldId>" for a question inside a repeating group.
 */
import type { Condition, FormDefinition, PageDef, QuestionDef } from "../../procedures/index.ts";

export type DefinitionEdit =
  | { op: "addPage"; page: PageDef; index?: number }
  | { op: "updatePage"; pageId: string; page: Omit<PageDef, "questions"> }
  | { op: "movePage"; pageId: string; to: number }
  | { op: "removePage"; pageId: string }
  | { op: "addQuestion"; pageId: string; question: QuestionDef; index?: number; groupId?: string }
  | { op: "updateQuestion"; ref: string; question: QuestionDef }
  | { op: "moveQuestion"; ref: string; toPageId?: string; to: number }
  | { op: "removeQuestion"; ref: string }
  | { op: "reorder"; pages: Array<{ id: string; questions: string[] }> }
  | { op: "replace"; definition: FormDefinition };

export class EditError extends Error {
  readonly code: "page_not_found" | "question_not_found" | "group_not_found" | "order_mismatch";
  readonly target: string;
  constructor(code: EditError["code"], target: string) {
    super(`${code}: ${target}`);
    this.code = code;
    this.target = target;
  }
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

function clamp(index: number | undefined, length: number): number {
  if (index === undefined || !Number.isInteger(index)) return length;
  return Math.max(0, Math.min(index, length));
}

function pageIndex(def: FormDefinition, pageId: string): number {
  const index = def.pages.findIndex((p) => p.id === pageId);
  if (index < 0) throw new EditError("page_not_found", pageId);
  return index;
}

/** Where a question is: its list (a page's questions or a group's fields) and index. */
export function locateQuestion(def: FormDefinition, ref: string): { list: QuestionDef[]; index: number; page: PageDef; group?: QuestionDef } {
  const [first, field] = ref.split("/");
  for (const page of def.pages) {
    const index = page.questions.findIndex((q) => q.id === first);
    if (index < 0) continue;
    if (field === undefined) return { list: page.questions, index, page };
    const group = page.questions[index]!;
    if (group.type !== "group" || !group.fields) throw new EditError("group_not_found", first!);
    const fieldIndex = group.fields.findIndex((f) => f.id === field);
    if (fieldIndex < 0) throw new EditError("question_not_found", ref);
    return { list: group.fields, index: fieldIndex, page, group };
  }
  throw new EditError("question_not_found", ref);
}

/** A question by reference, or null. */
export function findQuestion(def: FormDefinition, ref: string): QuestionDef | null {
  try {
    const { list, index } = locateQuestion(def, ref);
    return list[index] ?? null;
  } catch {
    return null;
  }
}

export function applyEdit(input: FormDefinition, edit: DefinitionEdit): FormDefinition {
  if (edit.op === "replace") return clone(edit.definition);
  const def = clone(input);
  switch (edit.op) {
    case "addPage":
      def.pages.splice(clamp(edit.index, def.pages.length), 0, clone(edit.page));
      return def;
    case "updatePage": {
      const index = pageIndex(def, edit.pageId);
      def.pages[index] = { ...clone(edit.page), questions: def.pages[index]!.questions };
      return def;
    }
    case "movePage": {
      const index = pageIndex(def, edit.pageId);
      const [page] = def.pages.splice(index, 1);
      def.pages.splice(clamp(edit.to, def.pages.length), 0, page!);
      return def;
    }
    case "removePage":
      def.pages.splice(pageIndex(def, edit.pageId), 1);
      return def;
    case "addQuestion": {
      const page = def.pages[pageIndex(def, edit.pageId)]!;
      let list = page.questions;
      if (edit.groupId) {
        const group = page.questions.find((q) => q.id === edit.groupId);
        if (!group || group.type !== "group") throw new EditError("group_not_found", edit.groupId);
        group.fields ??= [];
        list = group.fields;
      }
      list.splice(clamp(edit.index, list.length), 0, clone(edit.question));
      return def;
    }
    case "updateQuestion": {
      const { list, index } = locateQuestion(def, edit.ref);
      list[index] = clone(edit.question);
      return def;
    }
    case "moveQuestion": {
      const { list, index, group } = locateQuestion(def, edit.ref);
      const [question] = list.splice(index, 1);
      // Inside a group a question moves among the group's fields; otherwise it may change page.
      const target = group || !edit.toPageId ? list : def.pages[pageIndex(def, edit.toPageId)]!.questions;
      target.splice(clamp(edit.to, target.length), 0, question!);
      return def;
    }
    case "removeQuestion": {
      const { list, index } = locateQuestion(def, edit.ref);
      list.splice(index, 1);
      return def;
    }
    case "reorder":
      return reorder(def, edit.pages);
  }
}

/**
 * A new order of pages and of the questions on them (drag and drop). The same pages and the same
 * top-level questions must be named, each once: an order sent from an out-of-date screen is refused.
 */
function reorder(def: FormDefinition, order: Array<{ id: string; questions: string[] }>): FormDefinition {
  const pages = new Map(def.pages.map((p) => [p.id, p]));
  const questions = new Map(def.pages.flatMap((p) => p.questions.map((q) => [q.id, q] as const)));
  const seenPages = new Set<string>();
  const seenQuestions = new Set<string>();
  const result: PageDef[] = [];
  for (const item of order) {
    const page = pages.get(item.id);
    if (!page || seenPages.has(item.id)) throw new EditError("order_mismatch", item.id);
    seenPages.add(item.id);
    const list: QuestionDef[] = [];
    for (const id of item.questions) {
      const question = questions.get(id);
      if (!question || seenQuestions.has(id)) throw new EditError("order_mismatch", id);
      seenQuestions.add(id);
      list.push(question);
    }
    result.push({ ...page, questions: list });
  }
  if (seenPages.size !== pages.size || seenQuestions.size !== questions.size) throw new EditError("order_mismatch", "");
  return { ...def, pages: result };
}

/** Every top-level question before a page (for conditions and formulas), with its page. */
export function questionsBefore(def: FormDefinition, pageId: string): Array<{ page: PageDef; question: QuestionDef }> {
  const out: Array<{ page: PageDef; question: QuestionDef }> = [];
  for (const page of def.pages) {
    if (page.id === pageId) break;
    for (const question of page.questions) out.push({ page, question });
  }
  return out;
}

/** A fresh id not used by any page or question: prefix + number ("q3", "page_2"). */
export function freshId(def: FormDefinition, prefix: string): string {
  const used = new Set<string>();
  for (const page of def.pages) {
    used.add(page.id);
    for (const q of page.questions) {
      used.add(q.id);
      for (const f of q.fields ?? []) used.add(`${q.id}/${f.id}`);
    }
  }
  for (let n = 1; ; n++) if (!used.has(`${prefix}${n}`)) return `${prefix}${n}`;
}

/** Whether a condition is one the simple editor can show (one question, one test). */
export function isSimpleCondition(cond: Condition | undefined): boolean {
  return cond === undefined || !("all" in cond || "any" in cond);
}
