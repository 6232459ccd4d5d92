/**
 * 申請書印刷: prints a person's basic information into the boxes of a registered PDF form.
 * The form's own pages are kept as they are; the text is added on top in the embedded Japanese
 * font subset, at the positions staff placed (points from the page's lower-left corner).
 */
import { PDFDocument, popGraphicsState, pushGraphicsState, type PDFPage } from "pdf-lib";
import { formatDateJa, isoToWareki, todayInJapan } from "../../../core/text/wareki.ts";
import { formatPhone, formatPostalCode } from "../../../core/text/japanese.ts";
import { FontSubset } from "../pdf/japanese-font.ts";
import type { FormField } from "../queries.ts";
import type { CounterValues, FieldSource } from "../schema.ts";

export type PersonDetails = {
  name: { family: string; given: string };
  furigana: { family: string; given: string };
  /** ISO date or null */
  birthDate: string | null;
  /** "530-0041" or 7 digits, or null */
  postalCode: string | null;
  address: string | null;
  phone: string | null;
};

/** The text each source prints for a person (empty when unknown). */
export function valuesFor(person: PersonDetails, now: Date = new Date()): Record<FieldSource, string> {
  const today = todayInJapan(now);
  const birth = person.birthDate;
  const join = (a: string, b: string) => [a, b].filter(Boolean).join(" ");
  const postal = person.postalCode ? formatPostalCode(person.postalCode.replace(/-/g, "")) : "";
  return {
    name: join(person.name.family, person.name.given),
    name_family: person.name.family,
    name_given: person.name.given,
    furigana: join(person.furigana.family, person.furigana.given),
    postal_code: postal,
    address: person.address ?? "",
    birth_date_wareki: birth ? (isoToWareki(birth)?.label ?? "") : "",
    birth_date_seireki: birth ? formatDateJa(birth) : "",
    phone: person.phone ? (/^\d+$/.test(person.phone) ? formatPhone(person.phone) : person.phone) : "",
    today_wareki: isoToWareki(today)?.label ?? "",
    today_seireki: formatDateJa(today),
  };
}

/** The person typed at the counter, in the shape of a profile. */
export function personFromCounter(values: CounterValues): PersonDetails {
  return {
    name: { family: values.familyName, given: values.givenName },
    furigana: { family: values.familyKana, given: values.givenKana },
    birthDate: values.birthDate,
    postalCode: values.postalCode,
    address: values.address || null,
    phone: values.phone,
  };
}

/** A sample person for staff's test prints. */
export const SAMPLE_PERSON: PersonDetails = {
  name: { family: "大阪", given: "花子" },
  furigana: { family: "オオサカ", given: "ハナコ" },
  birthDate: "1988-06-14",
  postalCode: "530-8201",
  address: "大阪府大阪市北区中之島1丁目3-20 見本マンション101",
  phone: "0662088181",
};

export type FillFormOptions = {
  /** The registered form's PDF. */
  form: Uint8Array;
  fields: FormField[];
  values: Record<FieldSource, string>;
  /** Title for the document information (optional). */
  title?: string;
};

/**
 * Puts the page's own content between q … Q, so that a transformation or colour it leaves
 * behind cannot move or recolour what we print after it.
 */
function isolateContent(doc: PDFDocument, page: PDFPage): void {
  page.node.normalize();
  const start = doc.context.register(doc.context.contentStream([pushGraphicsState()]));
  const end = doc.context.register(doc.context.contentStream([popGraphicsState()]));
  page.node.wrapContentStreams(start, end);
}

/** The form with the values printed in its fields; fields whose value is empty are left blank. */
export async function fillForm(options: FillFormOptions): Promise<Uint8Array> {
  const doc = await PDFDocument.load(options.form, { updateMetadata: false });
  const pages = doc.getPages();
  const font = new FontSubset(doc);
  const isolated = new Set<PDFPage>();
  for (const field of options.fields) {
    const page = pages[field.page - 1];
    const text = options.values[field.source as FieldSource] ?? "";
    if (!page || text === "") continue;
    if (!isolated.has(page)) {
      isolateContent(doc, page);
      isolated.add(page);
    }
    // Positions are relative to the visible page (the crop box), as on the preview.
    const crop = page.getCropBox();
    const size = field.maxWidth > 0 ? font.fitSize(text, field.fontSize, field.maxWidth) : field.fontSize;
    font.draw(page, text, { x: crop.x + field.x, y: crop.y + field.y, size });
  }
  font.finish();
  if (options.title) doc.setTitle(options.title);
  return doc.save({ useObjectStreams: false });
}
