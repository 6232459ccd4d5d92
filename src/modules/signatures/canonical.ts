/**
 * The exact bytes a resident's device signs for an application: canonical JSON.
 *
 * Rules (the JSON Canonicalization Scheme of RFC 8785, restricted to plain data):
 *  - UTF-8, no BOM, no whitespace outside strings;
 *  - object members sorted by key, comparing UTF-16 code units (JavaScript's default string order);
 *    members whose value is `undefined` are left out, as JSON.stringify does;
 *  - strings and numbers written as ECMAScript JSON.stringify writes them (so "1e+21", "0.1", "\u001f");
 *  - only null, booleans, finite numbers, strings, arrays and plain objects; anything else
 *    (NaN, Infinity, bigint, Date, Map, undefined inside an array, …) is refused with a TypeError;
 *  - no Unicode normalisation: the form layer stores what the resident typed and that is what is signed.
 *
 * Example: canonicalApplicationBytes({ b: 1, a: ["x", true] }) → the 22 bytes of {"a":["x",true],"b":1}
 *
 * Sign more than the answers when the context matters, e.g.
 * `{ procedure: "juminhyo", version: 3, applicationId: "…", answers }`, so a signature cannot be
 * replayed on another procedure.
 */
export function canonicalApplicationBytes(data: unknown): Uint8Array {
  return new TextEncoder().encode(canonicalJson(data));
}

export function canonicalJson(value: unknown, path = "$"): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "boolean":
      return value ? "true" : "false";
    case "string":
      return JSON.stringify(value);
    case "number":
      if (!Number.isFinite(value)) throw new TypeError(`${path}: ${value} cannot be signed (not a finite number)`);
      return JSON.stringify(value);
    case "object":
      break;
    default:
      throw new TypeError(`${path}: a ${typeof value} cannot be signed`);
  }
  if (Array.isArray(value)) {
    return `[${value
      .map((item, index) => {
        if (item === undefined) throw new TypeError(`${path}[${index}]: undefined cannot be signed`);
        return canonicalJson(item, `${path}[${index}]`);
      })
      .join(",")}]`;
  }
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) throw new TypeError(`${path}: only plain objects can be signed`);
  const entries = Object.keys(value)
    .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key], `${path}.${key}`)}`);
  return `{${entries.join(",")}}`;
}
