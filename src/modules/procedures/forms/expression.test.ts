import { test } from "node:test";
import assert from "node:assert/strict";
import { evaluateExpression, expressionUses, parseExpression, type ExprLookup } from "./expression.ts";

const lookup = (numbers: Record<string, number>, counts: Record<string, number> = {}): ExprLookup => ({
  number: (id) => numbers[id],
  count: (id) => counts[id] ?? 0,
});

function value(source: string, numbers: Record<string, number> = {}, counts: Record<string, number> = {}): number | undefined {
  const parsed = parseExpression(source);
  assert.ok(parsed.ok, `${source}: ${JSON.stringify(!parsed.ok && parsed.error)}`);
  return evaluateExpression(parsed.ast, lookup(numbers, counts));
}

test("arithmetic with precedence, brackets and unary minus", () => {
  assert.equal(value("copies * 300", { copies: 3 }), 900);
  assert.equal(value("1 + 2 * 3"), 7);
  assert.equal(value("(1 + 2) * 3"), 9);
  assert.equal(value("-2 * -3"), 6);
  assert.equal(value("10 - 4 - 3"), 3, "left associative");
  assert.equal(value("12 / 4 / 3"), 1);
  assert.equal(value("0.1 + 0.2"), 0.3, "binary noise rounded away");
});

test("Japanese operators and full-width digits", () => {
  assert.equal(value("copies × ３００", { copies: 2 }), 600);
  assert.equal(value("（１０ − ４）÷ ２"), 3);
});

test("functions: min, max, round half away from zero, floor, ceil, count", () => {
  assert.equal(value("min(a, 5, 7)", { a: 9 }), 5);
  assert.equal(value("max(a, 5)", { a: 9 }), 9);
  assert.equal(value("round(2.5)"), 3);
  assert.equal(value("round(-2.5)"), -3);
  assert.equal(value("round(1.005, 2)"), 1.01);
  assert.equal(value("floor(9.99)"), 9);
  assert.equal(value("ceil(9.01)"), 10);
  assert.equal(value("count(children) * 1000", {}, { children: 3 }), 3000);
});

test("no value when an answer is missing or on division by zero", () => {
  assert.equal(value("copies * 300"), undefined);
  assert.equal(value("10 / (a - a)", { a: 1 }), undefined);
});

test("syntax errors name the position and what was found", () => {
  const cases: Array<[string, string, number, string]> = [
    ["", "empty", 0, ""],
    ["copies * ", "unexpected", 9, ""],
    ["copies ** 3", "unexpected", 8, "*"],
    ["(1 + 2", "unclosed", 6, ""],
    ["sqrt(4)", "unknown_function", 0, "sqrt"],
    ["round(1, 2, 3)", "arity", 0, "round"],
    ["count(1 + 2)", "count_argument", 0, "count"],
    ["a = 3", "unexpected", 2, "="],
    ["1..2", "unexpected", 0, "1..2"],
    ["constructor.prototype", "unexpected", 11, "."],
  ];
  for (const [source, code, position, found] of cases) {
    const parsed = parseExpression(source);
    assert.equal(parsed.ok, false, source);
    if (!parsed.ok) assert.deepEqual(parsed.error, { code, position, found }, source);
  }
  const long = parseExpression("1+".repeat(300) + "1");
  assert.equal(long.ok, false);
  const deep = parseExpression("(".repeat(60) + "1" + ")".repeat(60));
  assert.equal(deep.ok, false, "nesting is bounded");
});

test("identifiers are only ever question ids: nothing reaches JavaScript", () => {
  const parsed = parseExpression("__proto__ + constructor");
  assert.ok(parsed.ok);
  assert.deepEqual(parsed.references, ["__proto__", "constructor"]);
  const seen: string[] = [];
  const result = evaluateExpression(parsed.ast, { number: (id) => (seen.push(id), undefined), count: () => 0 });
  assert.equal(result, undefined);
  assert.deepEqual(seen, ["__proto__", "constructor"]);
});

test("expressionUses tells numbers from counts, with positions", () => {
  const parsed = parseExpression("copies * 300 + count(kids)");
  assert.ok(parsed.ok);
  assert.deepEqual(expressionUses(parsed.ast), [
    { id: "copies", usage: "number", position: 0 },
    { id: "kids", usage: "count", position: 21 },
  ]);
});
