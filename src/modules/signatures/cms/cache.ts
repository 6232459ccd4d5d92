/**
 * Parsed certificates and CRLs, remembered by the SHA-256 of their DER. The same trust anchors,
 * intermediate CAs and CRLs come with every signature, and parsing them (pkijs schema matching) costs
 * far more than the RSA work; a JPKI CRL is megabytes. Parsed objects are only read afterwards.
 *
 * Keyed by content, never by the identity of the byte array: a caller may reuse or change a buffer.
 * Bounded: the least recently used entry goes first.
 */
import { createHash } from "node:crypto";

const MAX_ENTRIES = 256;
const entries = new Map<string, unknown>();

export function cachedParse<T>(kind: string, der: Uint8Array, parse: (der: Uint8Array) => T): T {
  const key = `${kind}:${createHash("sha256").update(der).digest("base64")}`;
  let value = entries.get(key) as T | undefined;
  if (value === undefined) {
    value = parse(der);
    if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
  } else {
    entries.delete(key); // re-inserted below as the most recently used
  }
  entries.set(key, value);
  return value;
}
