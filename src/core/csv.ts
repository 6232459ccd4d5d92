/**
 * CSV as Excel in Japan expects it: UTF-8 with a byte-order mark (so 日本語 is not garbled),
 * CRLF line ends, RFC 4180 quoting. Cells that start with = + - @ are prefixed with ' so a
 * spreadsheet never runs them as formulas (CSV injection).
 */
export const UTF8_BOM = "\uFEFF";

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}
