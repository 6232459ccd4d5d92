/**
 * Answers the navigator offers to an online form: the result page links to
 * `/procedures/<slug>?from=navigator&prefill.<questionId>=<value>…`. The procedures module can
 * turn that query into suggested answers with `readNavigatorPrefill(query, form)`: only top-level
 * questions of the form with that id, and only values the question accepts (a real ISO date, one
 * of its options, a number in range); anything else is dropped. Like profile prefill, they are
 * suggestions the resident sees and confirms, never answers submitted unseen.
 */
import { isValidIsoDate } from "../../core/text/wareki.ts";
import type { Answers, FormDefinition } from "../procedures/forms/index.ts";

export function readNavigatorPrefill(query: Record<string, unknown>, form: FormDefinition): Answers {
  const out: Answers = {};
  for (const page of form.pages) {
    for (const q of page.questions) {
      const raw = query[`prefill.${q.id}`];
      if (raw === undefined) continue;
      const values = (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === "string");
      const first = values[0];
      if (first === undefined) continue;
      const options = new Set((q.options ?? []).map((o) => o.value));
      switch (q.type) {
        case "date":
          if (isValidIsoDate(first)) out[q.id] = first;
          break;
        case "single":
        case "select":
          if (options.has(first)) out[q.id] = first;
          break;
        case "multiple": {
          const kept = values.filter((v) => options.has(v));
          if (kept.length > 0) out[q.id] = kept;
          break;
        }
        case "number": {
          const n = Number(first);
          if (Number.isFinite(n) && (q.min === undefined || n >= q.min) && (q.max === undefined || n <= q.max)) out[q.id] = n;
          break;
        }
        default:
          break;
      }
    }
  }
  return out;
}
