/**
 * The frame of every PDF we make: an A4 pdf-lib document with the Japanese font subset, the
 * PDF/A parts, and helpers for the label/value tables our documents are made of.
 */
import { PDFDocument, type PDFPage } from "pdf-lib";
import { A4, drawRule, INK, MUTED, mm } from "./draw.ts";
import { FontSubset } from "./japanese-font.ts";
import { applyPdfA, type PdfAMetadata } from "./pdfa.ts";

export type DocumentCanvas = {
  doc: PDFDocument;
  page: PDFPage;
  font: FontSubset;
  /** Left and right margins' x. */
  left: number;
  right: number;
};

export async function newA4Document(): Promise<DocumentCanvas> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const page = doc.addPage([A4.width, A4.height]);
  return { doc, page, font: new FontSubset(doc), left: mm(20), right: A4.width - mm(20) };
}

/** Finishes the font and the PDF/A parts; the document is then ready to save (or to seal). */
export function finishDocument(canvas: DocumentCanvas, meta: PdfAMetadata): void {
  canvas.font.finish();
  applyPdfA(canvas.doc, meta);
}

export async function saveDocument(canvas: DocumentCanvas): Promise<Uint8Array> {
  return canvas.doc.save({ useObjectStreams: false });
}

export type Row = { label: string; value: string };

/**
 * A two-column table of labels and values from `top` downwards, values wrapped; returns the y
 * below the table.
 */
export function drawRows(canvas: DocumentCanvas, rows: Row[], top: number, options: { labelWidth?: number; size?: number; right?: number } = {}): number {
  const { page, font, left } = canvas;
  const right = options.right ?? canvas.right;
  const size = options.size ?? 11;
  const labelWidth = options.labelWidth ?? mm(38);
  const lineHeight = size * 1.6;
  let y = top;
  drawRule(page, left, right, y);
  for (const row of rows) {
    const lines = font.wrap(row.value, size, right - left - labelWidth - mm(4));
    const height = Math.max(1, lines.length) * lineHeight + size * 0.9;
    const baseline = y - size * 0.45 - lineHeight + (lineHeight - size) / 2 + size * 0.15;
    font.draw(page, row.label, { x: left + mm(2), y: baseline, size: size * 0.9, color: MUTED });
    lines.forEach((line, i) => font.draw(page, line, { x: left + labelWidth, y: baseline - i * lineHeight, size, color: INK }));
    y -= height;
    drawRule(page, left, right, y);
  }
  return y;
}

/** Paragraph text from `top`, wrapped to the margins; returns the y below it. */
export function drawParagraph(canvas: DocumentCanvas, text: string, top: number, options: { size?: number; color?: typeof INK; right?: number } = {}): number {
  const size = options.size ?? 10;
  const lineHeight = size * 1.7;
  const lines = canvas.font.wrap(text, size, (options.right ?? canvas.right) - canvas.left);
  lines.forEach((line, i) => canvas.font.draw(canvas.page, line, { x: canvas.left, y: top - size - i * lineHeight, size, color: options.color ?? INK }));
  return top - lines.length * lineHeight - size * 0.5;
}
