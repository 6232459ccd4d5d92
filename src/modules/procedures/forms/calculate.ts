/**
 * The value of a `calculated` question for a set of answers (see expression.ts for the language).
 * Answers count as numbers when they are numbers (`number`, an earlier `calculated`), numeric
 * strings (the value of a `single` / `select` option such as "300"), or a confirmed declaration
 * (1); `count(id)` counts the items of a repeating group or the choices of a `multiple` question.
 */
import type { AnswerValue, QuestionDef } from "./definition.ts";
import { evaluateExpression, parseExpression, type ExprNode } from "./expression.ts";

type AnswerMap = Readonly<Partial<Record<string, AnswerValue>>>;

/** Parsed expressions by source text: definitions are few and long-lived. */
const cache = new Map<string, ExprNode | null>();

function parsed(source: string): ExprNode | null {
  let ast = cache.get(source);
  if (ast === undefined) {
    const result = parseExpression(source);
    ast = result.ok ? result.ast : null;
    if (cache.size > 5000) cache.clear();
    cache.set(source, ast);
  }
  return ast;
}

/** The number an answer stands for in a calculation, or undefined. */
export function answerAsNumber(value: AnswerValue | undefined): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value.trim());
  return undefined;
}

/** The value of a calculated question, or undefined when it cannot be computed yet. */
export function calculatedValue(q: Pick<QuestionDef, "expression">, answers: AnswerMap): number | undefined {
  if (typeof q.expression !== "string") return undefined;
  const ast = parsed(q.expression);
  if (!ast) return undefined;
  return evaluateExpression(ast, {
    number: (id) => answerAsNumber(answers[id]),
    count: (id) => {
      const value = answers[id];
      return Array.isArray(value) ? value.length : 0;
    },
  });
}
