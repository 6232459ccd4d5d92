/**
 * 住民票の写し (demo) as a sealed PDF: PDF/A-2b-like, Japanese text in an embedded subset font,
 * the red round 公印 drawn in vectors, a verification code with a QR code to /verify/<code>,
 * and a PAdES B-B e-seal over the whole file. Pure: it takes data and a Sealer, touches no table.
 */
import { A4, drawBox, drawQrCode, drawRoundSeal, INK, MUTED, mm, SEAL_RED } from "../pdf/draw.ts";
import { warekiAndSeireki } from "../pdf/dates.ts";
import { drawParagraph, drawRows, finishDocument, newA4Document, saveDocument } from "../pdf/document.ts";
import { isoToWareki } from "../../../core/text/wareki.ts";
import { todayInJapan } from "../../../core/text/wareki.ts";
import { addSignaturePlaceholder, signPlaceholder } from "../signing/pades.ts";
import type { Sealer } from "../signing/sealer.ts";

/** The kinds of 住民票 the demo can issue (the answers of the residence-certificate procedure). */
export const RESIDENCE_CERTIFICATE_TITLES = {
  resident_record: "住民票の写し",
  removed_record: "住民票の除票の写し",
  record_statement: "住民票記載事項証明書",
} as const;
export type ResidenceCertificateType = keyof typeof RESIDENCE_CERTIFICATE_TITLES;

export type ResidenceRecord = {
  /** 氏名, e.g. 「大阪 花子」 */
  name: string;
  /** フリガナ */
  furigana: string;
  /** ISO date or null */
  birthDate: string | null;
  /** 住所 (with 方書) */
  address: string;
  /** 世帯主 (head of household), shown when requested */
  householder?: string | null;
};

export type RenderResidenceCertificateOptions = {
  certificateType: ResidenceCertificateType;
  record: ResidenceRecord;
  /** e.g. 「大阪市北区長」; the demo uses 大阪市長. */
  issuerTitle: string;
  /** 検証コード, printed and in the QR code. */
  verificationCode: string;
  /** Absolute URL of /verify/<code>. */
  verifyUrl: string;
  issuedAt: Date;
  sealer: Sealer;
};

/** Formats a verification code for reading aloud: XXXX-XXXX-XXXX-XXXX. */
export function formatCode(code: string): string {
  return code.match(/.{1,4}/g)?.join("-") ?? code;
}

export async function renderResidenceCertificatePdf(options: RenderResidenceCertificateOptions): Promise<Uint8Array> {
  const { record, sealer } = options;
  const demo = sealer.info.demo;
  const title = RESIDENCE_CERTIFICATE_TITLES[options.certificateType];
  const canvas = await newA4Document();
  const { page, font, left, right } = canvas;
  const issuedOn = todayInJapan(options.issuedAt);

  let y = A4.height - mm(16);
  if (demo) font.draw(page, "【デモ】これは Machi のデモ環境で作られた見本です。実在の証明書ではありません。", { x: left, y, size: 9, color: SEAL_RED });
  font.draw(page, `検証コード ${formatCode(options.verificationCode)}`, { x: right - font.widthOf(`検証コード ${formatCode(options.verificationCode)}`, 9), y: y - mm(6), size: 9, color: MUTED });
  y -= mm(22);
  font.drawCentered(page, title, { x: A4.width / 2, y, size: 22, color: INK });
  y -= mm(12);

  const birth = record.birthDate ? (isoToWareki(record.birthDate)?.label ?? record.birthDate) : "—";
  const rows = [
    { label: "氏名", value: record.name },
    { label: "フリガナ", value: record.furigana || "—" },
    { label: "生年月日", value: birth },
    { label: "住所", value: record.address || "—" },
    ...(record.householder ? [{ label: "世帯主", value: record.householder }] : []),
  ];
  y = drawRows(canvas, rows, y, { size: 12, labelWidth: mm(32) });
  y -= mm(10);
  y = drawParagraph(canvas, `この写しは、${title.replace(/の写し$/, "")}の原本と相違ないことを証明する。`, y, { size: 12 });
  y -= mm(4);
  font.draw(page, warekiAndSeireki(issuedOn, "ja"), { x: left + mm(10), y: y - 12, size: 12, color: INK });
  y -= mm(16);
  const issuer = options.issuerTitle;
  const issuerSize = 14;
  const issuerX = right - mm(58);
  font.draw(page, issuer, { x: issuerX, y, size: issuerSize, color: INK });
  // The seal overlaps the end of the issuer's name, as a stamped 公印 does.
  drawRoundSeal(page, font, {
    cx: issuerX + font.widthOf(issuer, issuerSize) + mm(3),
    cy: y + issuerSize * 0.35,
    radius: mm(12),
    lines: ["大阪市", "長之印"],
    ...(demo ? { note: "デモ" } : {}),
  });

  // Verification block at the foot of the page.
  const qrSize = mm(30);
  const boxTop = mm(62);
  drawBox(page, { x: left, y: mm(18), width: right - left, height: boxTop - mm(18) });
  drawQrCode(page, options.verifyUrl, { x: right - qrSize - mm(3), y: mm(18) + (boxTop - mm(18) - qrSize) / 2, size: qrSize });
  const textRight = right - qrSize - mm(6);
  let v = boxTop - mm(3);
  font.draw(page, `検証コード　${formatCode(options.verificationCode)}`, { x: left + mm(4), y: v - 12, size: 12, color: INK });
  v -= mm(8);
  const inner = { ...canvas, left: left + mm(4) };
  v = drawParagraph(inner, "この文書には大阪市の電子公印（電子署名）が付いています。内容を変更すると署名の検証に失敗します。発行の事実は次のページで確認できます（個人情報は表示されません）。", v, { size: 8.5, right: textRight });
  drawParagraph(inner, options.verifyUrl, v, { size: 8.5, color: MUTED, right: textRight });
  if (demo) font.draw(page, `電子公印の証明書：${sealer.info.commonName}（デモ用。実在の大阪市の公印ではありません）`, { x: left, y: mm(12), size: 7.5, color: MUTED });

  finishDocument(canvas, {
    title: `${title}${demo ? "（デモ）" : ""}`,
    author: "大阪市",
    subject: `${title} 検証コード ${formatCode(options.verificationCode)}`,
    lang: "ja-JP",
    createdAt: options.issuedAt,
  });
  addSignaturePlaceholder(canvas.doc, {
    reason: `${title}の交付（大阪市の電子公印）${demo ? " — デモ" : ""}`,
    location: "大阪市",
    name: sealer.info.subject,
    contactInfo: options.verifyUrl,
    signingTime: options.issuedAt,
    certificateBytes: (await sealer.certificateChain()).reduce((n, der) => n + der.length, 0),
  });
  return signPlaceholder(await saveDocument(canvas), sealer);
}
