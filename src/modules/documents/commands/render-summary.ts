/**
 * A plain A4 PDF of one titled list of facts (label → value) with notes, for documents another
 * module words itself (the payments module's 領収書): the same issuer line, Japanese font subset,
 * PDF/A parts and layout as the receipt (受付票). Made on request from the caller's data; not sealed.
 */
import { t, type Locale } from "../../../core/i18n/index.ts";
import { A4, INK, MUTED, mm } from "../pdf/draw.ts";
import { japanTimestamp } from "../pdf/dates.ts";
import { drawParagraph, drawRows, finishDocument, newA4Document, saveDocument } from "../pdf/document.ts";
import "../messages.ts";

export type SummaryPdfOptions = {
  title: string;
  lead?: string;
  /** Already authorised, worded and formatted by the caller. */
  rows: Array<{ label: string; value: string }>;
  notes?: string[];
  /** The PDF's subject (metadata). */
  subject: string;
  locale: Locale;
  /** When the PDF is made (default now). */
  now?: Date;
};

/** @example const pdf = await renderSummaryPdf({ title: "領収書", rows, subject: "住民票の写し 手数料", locale: "ja" }); */
export async function renderSummaryPdf(options: SummaryPdfOptions): Promise<Uint8Array> {
  const { locale } = options;
  const now = options.now ?? new Date();
  const canvas = await newA4Document();
  const { page, font, left } = canvas;

  let y = A4.height - mm(22);
  font.draw(page, t(locale, "documents.pdf.issuer"), { x: left, y, size: 10, color: MUTED });
  y -= mm(14);
  font.draw(page, options.title, { x: left, y, size: 24, color: INK });
  y -= mm(6);
  if (options.lead) y = drawParagraph(canvas, options.lead, y, { size: 10.5 });
  y = drawRows(canvas, options.rows, y - mm(4), { labelWidth: mm(34) });
  for (const note of options.notes ?? []) y = drawParagraph(canvas, note, y - mm(4), { size: 9, color: MUTED });

  font.draw(page, t(locale, "documents.receipt.printedAt", { at: japanTimestamp(now, locale) }), { x: left, y: mm(15), size: 8, color: MUTED });
  finishDocument(canvas, {
    title: options.title,
    author: t(locale, "documents.pdf.issuer"),
    subject: options.subject,
    lang: locale === "ja" ? "ja-JP" : "en",
    createdAt: now,
  });
  return saveDocument(canvas);
}
