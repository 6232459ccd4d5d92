/**
 * The receipt (受付票) of a submitted application as an A4 PDF: 受付番号, procedure, date and
 * time received (Japan time, 和暦 and 西暦), applicant, department, and a QR code that opens the
 * application's page. Made on request from the application's data (nothing stored); not sealed:
 * it proves nothing by itself, the application's page does.
 */
import { localize, t, type Locale, type LocalizedText } from "../../../core/i18n/index.ts";
import { A4, drawQrCode, INK, MUTED, mm } from "../pdf/draw.ts";
import { japanTimestamp } from "../pdf/dates.ts";
import { drawParagraph, drawRows, finishDocument, newA4Document, saveDocument } from "../pdf/document.ts";
import "../messages.ts";

export type ReceiptApplication = {
  id: string;
  /** 受付番号 */
  reference: string;
  /** The applicant's name as submitted, e.g. 「大阪 花子」. */
  applicantName: string;
  submittedAt: Date | string;
};

export type RenderReceiptOptions = {
  /** The application, already loaded and authorised by the caller. */
  application: ReceiptApplication;
  procedureTitle: LocalizedText | string;
  /** The department that handles it (optional). */
  departmentName?: LocalizedText | string;
  locale: Locale;
  /** Absolute URL of the application's page, for the QR code (e.g. https://…/my/applications/<id>). */
  applicationUrl: string;
  /** When the PDF is made (default now). */
  now?: Date;
};

const text = (value: LocalizedText | string, locale: Locale) => (typeof value === "string" ? value : localize(value, locale));

/** @example const pdf = await renderReceiptPdf({ application, procedureTitle, locale: "ja", applicationUrl }); */
export async function renderReceiptPdf(options: RenderReceiptOptions): Promise<Uint8Array> {
  const { application, locale } = options;
  const m = (key: string, params?: Record<string, string>) => t(locale, `documents.receipt.${key}`, params);
  const now = options.now ?? new Date();
  const canvas = await newA4Document();
  const { page, font, left, right } = canvas;

  let y = A4.height - mm(22);
  font.draw(page, t(locale, "documents.pdf.issuer"), { x: left, y, size: 10, color: MUTED });
  y -= mm(14);
  font.draw(page, m("title"), { x: left, y, size: 24, color: INK });
  y -= mm(6);
  y = drawParagraph(canvas, m("lead"), y, { size: 10.5 });

  const qrSize = mm(36);
  y -= mm(4);
  const rows = [
    { label: m("reference"), value: application.reference },
    { label: m("procedure"), value: text(options.procedureTitle, locale) },
    { label: m("applicant"), value: m("applicantValue", { name: application.applicantName }) },
    { label: m("submittedAt"), value: japanTimestamp(new Date(application.submittedAt), locale) },
    ...(options.departmentName ? [{ label: m("department"), value: text(options.departmentName, locale) }] : []),
  ];
  const tableTop = y;
  y = drawRows(canvas, rows, tableTop, { right: right - qrSize - mm(6), labelWidth: mm(30) });
  drawQrCode(page, options.applicationUrl, { x: right - qrSize, y: tableTop - qrSize, size: qrSize });
  font.drawCentered(page, m("qrCaption"), { x: right - qrSize / 2, y: tableTop - qrSize - mm(4), size: 8, color: MUTED });

  y = Math.min(y, tableTop - qrSize - mm(8)) - mm(6);
  y = drawParagraph(canvas, m("next"), y, { size: 10.5 });
  y = drawParagraph(canvas, options.applicationUrl, y - mm(1), { size: 9, color: MUTED });
  y = drawParagraph(canvas, m("notCertificate"), y - mm(4), { size: 9, color: MUTED });

  font.draw(page, m("printedAt", { at: japanTimestamp(now, locale) }), { x: left, y: mm(15), size: 8, color: MUTED });
  finishDocument(canvas, {
    title: `${m("title")} ${application.reference}`,
    author: t(locale, "documents.pdf.issuer"),
    subject: text(options.procedureTitle, locale),
    lang: locale === "ja" ? "ja-JP" : "en",
    createdAt: now,
  });
  return saveDocument(canvas);
}
