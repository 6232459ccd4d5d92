/** Writing XML text safely: escaped text and attributes, and an ISO time in Japan time (+09:00). */
const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

export function escapeXml(text: string): string {
  // Characters XML 1.0 does not allow are dropped rather than sent.
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "").replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
}

/** <name>text</name>, or "" for undefined. */
export function element(name: string, text: string | number | undefined | null): string {
  return text === undefined || text === null ? "" : `<${name}>${escapeXml(String(text))}</${name}>`;
}

/** "2026-08-10T14:30:00+09:00": CAP and L-Alert want an explicit offset, and Japan time reads best. */
export function japanTime(iso: string | Date): string {
  const date = typeof iso === "string" ? new Date(iso) : iso;
  const shifted = new Date(date.getTime() + 9 * 3600_000);
  return `${shifted.toISOString().slice(0, 19)}+09:00`;
}
