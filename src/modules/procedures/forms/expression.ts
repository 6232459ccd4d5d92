/**
 * Calculations in forms (fee = copies × 300): a small, safe arithmetic language, parsed by a
 * recursive-descent parser and evaluated by walking the tree. Never `eval` or `new Function`
 * (ADR 0017): an expression can only add, subtract, multiply and divide numbers and answers.
 *
 *   expression := term (("+" | "-") term)*
 *   term       := unary (("*" | "/") unary)*
 *   unary      := ("-" | "+") unary | primary
 *   primary    := number | identifier | identifier "(" arguments ")" | "(" expression ")"
 *
 * Numbers: 300, 1.5, １２０ (full-width digits), 1,000 is NOT a number (the comma separates
 * arguments). Operators: + - * / and their Japanese forms ＋ − ー × ÷ ＊ ／. Identifiers are
 * question ids. Functions: min(a, b, …), max(a, b, …), round(x) / round(x, digits), floor(x),
 * ceil(x), count(question) (items of a repeating group or choices of a multiple-choice question).
 *
 * An expression whose answers are missing, or that divides by zero, has no value (undefined):
 * the form shows nothing rather than a wrong amount.
 */

export type ExprNode =
  | { kind: "number"; value: number }
  | { kind: "ref"; id: string; position: number }
  | { kind: "unary"; op: "-" | "+"; operand: ExprNode }
  | { kind: "binary"; op: "+" | "-" | "*" | "/"; left: ExprNode; right: ExprNode }
  | { kind: "call"; name: ExprFunction; args: ExprNode[]; position: number };

export const EXPR_FUNCTIONS = ["min", "max", "round", "floor", "ceil", "count"] as const;
export type ExprFunction = (typeof EXPR_FUNCTIONS)[number];

/** Why an expression does not parse, with the (0-based, in characters) position of the problem. */
export type ExprSyntaxError = {
  code: "empty" | "unexpected" | "unclosed" | "unknown_function" | "arity" | "count_argument" | "too_long";
  position: number;
  /** The text found there ("" at the end). */
  found: string;
};

export type ParsedExpression = { ok: true; ast: ExprNode; references: string[] } | { ok: false; error: ExprSyntaxError };

/** Longest expression accepted; a fee formula is a line, not a program. */
export const MAX_EXPRESSION_LENGTH = 500;
const MAX_DEPTH = 40;

type Token =
  | { type: "number"; value: number; text: string; position: number }
  | { type: "ident"; text: string; position: number }
  | { type: "op"; text: "+" | "-" | "*" | "/" | "(" | ")" | ","; position: number }
  | { type: "end"; text: ""; position: number };

const OPERATORS: Record<string, "+" | "-" | "*" | "/" | "(" | ")" | ","> = {
  "+": "+", "＋": "+",
  "-": "-", "−": "-", "ー": "-", "－": "-", "‐": "-",
  "*": "*", "×": "*", "＊": "*", "✕": "*",
  "/": "/", "÷": "/", "／": "/",
  "(": "(", "（": "(",
  ")": ")", "）": ")",
  ",": ",", "、": ",", "，": ",",
};

/** Full-width digits and the full-width full stop as ASCII. */
function asciiDigits(text: string): string {
  return text.replace(/[０-９．]/g, (c) => (c === "．" ? "." : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
}

function tokenize(source: string): Token[] | ExprSyntaxError {
  const chars = [...source];
  const tokens: Token[] = [];
  let i = 0;
  while (i < chars.length) {
    const c = chars[i]!;
    if (/[\s\u3000]/.test(c)) {
      i++;
      continue;
    }
    const digit = asciiDigits(c);
    if (/[0-9.]/.test(digit)) {
      const start = i;
      let text = "";
      while (i < chars.length && /[0-9.]/.test(asciiDigits(chars[i]!))) text += asciiDigits(chars[i++]!);
      if (!/^\d+(\.\d+)?$/.test(text)) return { code: "unexpected", position: start, found: text };
      tokens.push({ type: "number", value: Number(text), text, position: start });
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const start = i;
      let text = "";
      while (i < chars.length && /[A-Za-z0-9_]/.test(chars[i]!)) text += chars[i++];
      tokens.push({ type: "ident", text, position: start });
      continue;
    }
    const op = OPERATORS[c];
    if (!op) return { code: "unexpected", position: i, found: c };
    tokens.push({ type: "op", text: op, position: i });
    i++;
  }
  tokens.push({ type: "end", text: "", position: chars.length });
  return tokens;
}

/**
 * Parses an expression. On success, `references` lists the question ids it uses (each once, in
 * order of appearance); on failure, the first problem with its position.
 *
 * @example parseExpression("copies × 300") // { ok: true, references: ["copies"], … }
 */
export function parseExpression(source: string): ParsedExpression {
  if ([...source].length > MAX_EXPRESSION_LENGTH) return { ok: false, error: { code: "too_long", position: MAX_EXPRESSION_LENGTH, found: "" } };
  const tokens = tokenize(source);
  if (!Array.isArray(tokens)) return { ok: false, error: tokens };
  if (tokens.length === 1) return { ok: false, error: { code: "empty", position: 0, found: "" } };
  let index = 0;
  const references: string[] = [];
  const peek = (): Token => tokens[index]!;
  const next = (): Token => tokens[index++]!;
  class Failure extends Error {
    readonly detail: ExprSyntaxError;
    constructor(detail: ExprSyntaxError) {
      super(detail.code);
      this.detail = detail;
    }
  }
  const fail = (code: ExprSyntaxError["code"], token: Token = peek()): never => {
    throw new Failure({ code, position: token.position, found: token.text });
  };
  const isOp = (token: Token, text: string) => token.type === "op" && token.text === text;

  const expression = (depth: number): ExprNode => {
    if (depth > MAX_DEPTH) fail("too_long");
    let left = term(depth);
    while (isOp(peek(), "+") || isOp(peek(), "-")) {
      const op = next().text as "+" | "-";
      left = { kind: "binary", op, left, right: term(depth) };
    }
    return left;
  };
  const term = (depth: number): ExprNode => {
    let left = unary(depth);
    while (isOp(peek(), "*") || isOp(peek(), "/")) {
      const op = next().text as "*" | "/";
      left = { kind: "binary", op, left, right: unary(depth) };
    }
    return left;
  };
  const unary = (depth: number): ExprNode => {
    if (isOp(peek(), "-") || isOp(peek(), "+")) {
      if (depth > MAX_DEPTH) fail("too_long");
      const op = next().text as "-" | "+";
      return { kind: "unary", op, operand: unary(depth + 1) };
    }
    return primary(depth);
  };
  const primary = (depth: number): ExprNode => {
    const token = peek();
    if (token.type === "number") {
      next();
      return { kind: "number", value: token.value };
    }
    if (token.type === "ident") {
      next();
      if (!isOp(peek(), "(")) {
        if (!references.includes(token.text)) references.push(token.text);
        return { kind: "ref", id: token.text, position: token.position };
      }
      const name = token.text.toLowerCase();
      if (!(EXPR_FUNCTIONS as readonly string[]).includes(name)) fail("unknown_function", token);
      next(); // (
      const args: ExprNode[] = [];
      if (!isOp(peek(), ")")) {
        args.push(expression(depth + 1));
        while (isOp(peek(), ",")) {
          next();
          args.push(expression(depth + 1));
        }
      }
      if (!isOp(peek(), ")")) fail(peek().type === "end" ? "unclosed" : "unexpected");
      next();
      const call: ExprNode = { kind: "call", name: name as ExprFunction, args, position: token.position };
      checkArity(call, token, fail);
      return call;
    }
    if (isOp(token, "(")) {
      next();
      const inner = expression(depth + 1);
      if (!isOp(peek(), ")")) fail(peek().type === "end" ? "unclosed" : "unexpected");
      next();
      return inner;
    }
    return fail("unexpected");
  };

  try {
    const ast = expression(0);
    if (peek().type !== "end") fail("unexpected");
    return { ok: true, ast, references };
  } catch (error) {
    if (error instanceof Failure) return { ok: false, error: error.detail };
    throw error;
  }
}

function checkArity(call: Extract<ExprNode, { kind: "call" }>, token: Token, fail: (code: ExprSyntaxError["code"], token?: Token) => never): void {
  const n = call.args.length;
  const ok =
    call.name === "min" || call.name === "max"
      ? n >= 1
      : call.name === "round"
        ? n === 1 || n === 2
        : n === 1;
  if (!ok) fail("arity", token);
  if (call.name === "count" && call.args[0]!.kind !== "ref") fail("count_argument", token);
}

/** What an evaluation needs to know of the answers. */
export type ExprLookup = {
  /** The number an answer stands for, or undefined when it is missing or not a number. */
  number(id: string): number | undefined;
  /** How many items (group) or choices (multiple) an answer has; 0 when unanswered. */
  count(id: string): number;
};

/** Rounds away binary noise (0.1 + 0.2 → 0.3) without changing any amount people write. */
function tidy(n: number): number {
  return Math.round(n * 1e10) / 1e10;
}

/**
 * The value of a parsed expression, or undefined when an answer it needs is missing, it divides
 * by zero, or the result is not a finite number.
 */
export function evaluateExpression(ast: ExprNode, lookup: ExprLookup): number | undefined {
  const value = evaluate(ast, lookup);
  return value === undefined || !Number.isFinite(value) ? undefined : tidy(value);
}

function evaluate(node: ExprNode, lookup: ExprLookup): number | undefined {
  switch (node.kind) {
    case "number":
      return node.value;
    case "ref":
      return lookup.number(node.id);
    case "unary": {
      const v = evaluate(node.operand, lookup);
      return v === undefined ? undefined : node.op === "-" ? -v : v;
    }
    case "binary": {
      const a = evaluate(node.left, lookup);
      const b = evaluate(node.right, lookup);
      if (a === undefined || b === undefined) return undefined;
      if (node.op === "+") return a + b;
      if (node.op === "-") return a - b;
      if (node.op === "*") return a * b;
      return b === 0 ? undefined : a / b;
    }
    case "call": {
      if (node.name === "count") return lookup.count((node.args[0] as { id: string }).id);
      const args = node.args.map((arg) => evaluate(arg, lookup));
      if (args.some((a) => a === undefined)) return undefined;
      const values = args as number[];
      switch (node.name) {
        case "min":
          return Math.min(...values);
        case "max":
          return Math.max(...values);
        case "floor":
          return Math.floor(tidy(values[0]!));
        case "ceil":
          return Math.ceil(tidy(values[0]!));
        case "round": {
          const digits = Math.max(0, Math.min(6, Math.trunc(values[1] ?? 0)));
          const factor = 10 ** digits;
          // Half away from zero, as people round amounts (Math.round rounds -2.5 to -2).
          const scaled = tidy(Math.abs(values[0]!) * factor);
          return (Math.sign(values[0]!) * Math.round(scaled)) / factor;
        }
      }
    }
  }
  return undefined;
}

/** Every use of a question in an expression: as a number, or counted with count(). */
export function expressionUses(ast: ExprNode): Array<{ id: string; usage: "number" | "count"; position: number }> {
  const uses: Array<{ id: string; usage: "number" | "count"; position: number }> = [];
  const visit = (node: ExprNode): void => {
    if (node.kind === "ref") uses.push({ id: node.id, usage: "number", position: node.position });
    else if (node.kind === "unary") visit(node.operand);
    else if (node.kind === "binary") {
      visit(node.left);
      visit(node.right);
    } else if (node.kind === "call") {
      if (node.name === "count") {
        const ref = node.args[0] as Extract<ExprNode, { kind: "ref" }>;
        uses.push({ id: ref.id, usage: "count", position: ref.position });
      } else node.args.forEach(visit);
    }
  };
  visit(ast);
  return uses;
}
