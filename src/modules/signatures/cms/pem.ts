/**
 * PEM or DER, one object or several: operators hand us files in whatever form their tools wrote.
 * PEM is recognised by its "-----BEGIN " armour (leading whitespace or a UTF-8 BOM allowed);
 * anything else is taken as DER.
 */

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

export type PemBlock = { label: string; der: Uint8Array };

export function looksLikePem(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 512)).toString("latin1").replace(/^\uFEFF|^\xEF\xBB\xBF/, "").trimStart();
  return head.startsWith("-----BEGIN ");
}

/** Every PEM block in the text, in order. Base64 that does not decode cleanly yields no block for it. */
export function pemBlocks(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  for (const match of text.matchAll(PEM_BLOCK)) {
    const body = (match[2] ?? "")
      .split(/\r?\n/)
      .filter((line) => !/^[A-Za-z-]+:/.test(line)) // RFC 1421 headers, e.g. "Proc-Type:"
      .join("")
      .replace(/\s+/g, "");
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body)) continue;
    blocks.push({ label: match[1] ?? "", der: new Uint8Array(Buffer.from(body, "base64")) });
  }
  return blocks;
}

/**
 * The DER objects in `input`: all PEM blocks whose label is one of `labels` when it is PEM,
 * else the bytes themselves. Strings are always PEM text.
 */
export function derObjects(input: Uint8Array | string, labels: readonly string[]): Uint8Array[] {
  const bytes = typeof input === "string" ? new Uint8Array(Buffer.from(input, "utf8")) : input;
  if (typeof input !== "string" && !looksLikePem(bytes)) return [bytes];
  const text = typeof input === "string" ? input : Buffer.from(bytes).toString("utf8");
  return pemBlocks(text)
    .filter((block) => labels.includes(block.label))
    .map((block) => block.der);
}

export const CERTIFICATE_LABELS = ["CERTIFICATE", "X509 CERTIFICATE"] as const;
export const CRL_LABELS = ["X509 CRL"] as const;
export const CMS_LABELS = ["CMS", "PKCS7", "PKCS #7 SIGNED DATA"] as const;
