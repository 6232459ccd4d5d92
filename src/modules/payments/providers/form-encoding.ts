/**
 * Stripe's request bodies: application/x-www-form-urlencoded with nested keys in brackets
 * (`metadata[payment_id]=…`, `line_items[0][price_data][currency]=jpy`, `expand[]=data.source`).
 * `encodeForm` writes them as stripe-node does (arrays with indices, brackets left readable);
 * `decodeForm` reads them back (used by the local fake of the Stripe API).
 */

export type FormValue = string | number | boolean | null | undefined | FormValue[] | { [key: string]: FormValue };

function append(pairs: string[], key: string, value: FormValue): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    value.forEach((item, index) => append(pairs, `${key}[${index}]`, item));
    return;
  }
  if (typeof value === "object") {
    for (const [name, item] of Object.entries(value)) append(pairs, `${key}[${name}]`, item);
    return;
  }
  const encodedKey = encodeURIComponent(key).replace(/%5B/g, "[").replace(/%5D/g, "]");
  pairs.push(`${encodedKey}=${encodeURIComponent(String(value))}`);
}

/** @example encodeForm({ amount: 600, metadata: { a: "b" } }) === "amount=600&metadata[a]=b" */
export function encodeForm(values: Record<string, FormValue>): string {
  const pairs: string[] = [];
  for (const [key, value] of Object.entries(values)) append(pairs, key, value);
  return pairs.join("&");
}

type Tree = { [key: string]: Tree | string };

/** Objects whose keys are all 0…n-1 become arrays. */
function arraysOf(node: Tree | string): unknown {
  if (typeof node === "string") return node;
  const keys = Object.keys(node);
  const converted: Record<string, unknown> = {};
  for (const key of keys) converted[key] = arraysOf(node[key]!);
  if (keys.length > 0 && keys.every((key, i) => key === String(i))) return keys.map((key) => converted[key]);
  return converted;
}

/** Parses a bracketed form body into nested objects and arrays (all leaves are strings). */
export function decodeForm(body: string): Record<string, unknown> {
  const root: Tree = {};
  for (const [rawKey, value] of new URLSearchParams(body)) {
    const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(rawKey);
    if (!match) continue;
    const path = [match[1]!, ...[...match[2]!.matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1]!)];
    let node: Tree = root;
    for (let i = 0; i < path.length; i++) {
      let key = path[i]!;
      const last = i === path.length - 1;
      if (key === "") key = String(Object.keys(node).length);
      if (last) {
        node[key] = value;
      } else {
        const next = node[key];
        if (typeof next !== "object") node[key] = {};
        node = node[key] as Tree;
      }
    }
  }
  return arraysOf(root) as Record<string, unknown>;
}
