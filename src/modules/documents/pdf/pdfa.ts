/**
 * What makes our issued documents PDF/A-2b-like: XMP metadata that says so (pdfaid part 2,
 * conformance B) and agrees with the Info dictionary, an sRGB OutputIntent with an embedded ICC
 * profile, a file identifier, a document language. Fonts are embedded by FontSubset; we draw no
 * transparency, no JavaScript, no encryption, nothing external. See docs/decisions/0011 for what
 * has and has not been checked (no veraPDF here).
 */
import { randomBytes } from "node:crypto";
import { PDFHexString, PDFName, PDFString, type PDFDocument } from "pdf-lib";
import { deflatedStream } from "./japanese-font.ts";

export type PdfAMetadata = {
  title: string;
  /** dc:creator and /Author, e.g. 「大阪市」. */
  author: string;
  /** dc:description and /Subject. */
  subject: string;
  /** BCP 47 language of the text, e.g. "ja-JP". */
  lang: string;
  createdAt: Date;
};

const CREATOR_TOOL = "Machi (digital city hall)";
const PRODUCER = "Machi documents with pdf-lib";

function xmlEscape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export function xmpMetadata(meta: PdfAMetadata & { date: string }): string {
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
   <pdfaid:part>2</pdfaid:part>
   <pdfaid:conformance>B</pdfaid:conformance>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xmlEscape(meta.title)}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>${xmlEscape(meta.author)}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">${xmlEscape(meta.subject)}</rdf:li></rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>${xmlEscape(meta.lang)}</rdf:li></rdf:Bag></dc:language>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
   <xmp:CreateDate>${meta.date}</xmp:CreateDate>
   <xmp:ModifyDate>${meta.date}</xmp:ModifyDate>
   <xmp:MetadataDate>${meta.date}</xmp:MetadataDate>
   <xmp:CreatorTool>${CREATOR_TOOL}</xmp:CreatorTool>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
   <pdf:Producer>${PRODUCER}</pdf:Producer>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
}

// ---------------------------------------------------------------------------------------------
// sRGB ICC profile (v2), built from the IEC 61966-2-1 primaries adapted to D50, so that no
// binary profile has to be shipped.

function s15Fixed16(value: number): number {
  return Math.round(value * 65536) | 0;
}

function xyzTag(x: number, y: number, z: number): Uint8Array {
  const out = new Uint8Array(20);
  const view = new DataView(out.buffer);
  out.set([0x58, 0x59, 0x5a, 0x20]); // 'XYZ '
  view.setInt32(8, s15Fixed16(x));
  view.setInt32(12, s15Fixed16(y));
  view.setInt32(16, s15Fixed16(z));
  return out;
}

function curveTag(entries: number): Uint8Array {
  const out = new Uint8Array(12 + entries * 2);
  const view = new DataView(out.buffer);
  out.set([0x63, 0x75, 0x72, 0x76]); // 'curv'
  view.setUint32(8, entries);
  for (let i = 0; i < entries; i++) {
    const v = i / (entries - 1);
    const linear = v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    view.setUint16(12 + i * 2, Math.round(linear * 65535));
  }
  return out;
}

function descTag(text: string): Uint8Array {
  // textDescriptionType: ASCII part, empty Unicode part, empty ScriptCode part (67 bytes).
  const ascii = new TextEncoder().encode(`${text}\0`);
  const out = new Uint8Array(12 + ascii.length + 4 + 4 + 2 + 1 + 67);
  const view = new DataView(out.buffer);
  out.set([0x64, 0x65, 0x73, 0x63]); // 'desc'
  view.setUint32(8, ascii.length);
  out.set(ascii, 12);
  return out;
}

function textTag(text: string): Uint8Array {
  const ascii = new TextEncoder().encode(`${text}\0`);
  const out = new Uint8Array(8 + ascii.length);
  out.set([0x74, 0x65, 0x78, 0x74]); // 'text'
  out.set(ascii, 8);
  return out;
}

let srgbProfile: Uint8Array | null = null;

export function srgbIccProfile(): Uint8Array {
  if (srgbProfile) return srgbProfile;
  const trc = curveTag(1024);
  const tags: Array<[string, Uint8Array]> = [
    ["desc", descTag("sRGB IEC61966-2.1")],
    ["cprt", textTag("No copyright, use freely")],
    ["wtpt", xyzTag(0.9642, 1.0, 0.8249)],
    ["rXYZ", xyzTag(0.4361, 0.2225, 0.0139)],
    ["gXYZ", xyzTag(0.3851, 0.7169, 0.0971)],
    ["bXYZ", xyzTag(0.1431, 0.0606, 0.7141)],
    ["rTRC", trc],
    ["gTRC", trc],
    ["bTRC", trc],
  ];
  const tableSize = 4 + tags.length * 12;
  const offsets = new Map<Uint8Array, number>();
  let offset = 128 + tableSize;
  for (const [, data] of tags) {
    if (offsets.has(data)) continue;
    offsets.set(data, offset);
    offset += data.length + ((4 - (data.length % 4)) % 4);
  }
  const out = new Uint8Array(offset);
  const view = new DataView(out.buffer);
  view.setUint32(0, offset);
  view.setUint32(8, 0x02100000); // version 2.1
  out.set(new TextEncoder().encode("mntrRGB XYZ "), 12);
  [2026, 1, 1, 0, 0, 0].forEach((n, i) => view.setUint16(24 + i * 2, n));
  out.set(new TextEncoder().encode("acsp"), 36);
  view.setInt32(68, s15Fixed16(0.9642));
  view.setInt32(72, s15Fixed16(1.0));
  view.setInt32(76, s15Fixed16(0.8249));
  view.setUint32(128, tags.length);
  tags.forEach(([signature, data], i) => {
    out.set(new TextEncoder().encode(signature), 132 + i * 12);
    view.setUint32(136 + i * 12, offsets.get(data)!);
    view.setUint32(140 + i * 12, data.length);
  });
  for (const [data, at] of offsets) out.set(data, at);
  srgbProfile = out;
  return out;
}

/** Writes the PDF/A parts into a document (call before saving). */
export function applyPdfA(doc: PDFDocument, meta: PdfAMetadata): void {
  const context = doc.context;
  // Info and XMP must say the same, to the second.
  const created = new Date(Math.floor(meta.createdAt.getTime() / 1000) * 1000);
  const date = created.toISOString().replace(/\.\d{3}Z$/, "Z");
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setAuthor(meta.author);
  doc.setSubject(meta.subject);
  doc.setCreator(CREATOR_TOOL);
  doc.setProducer(PRODUCER);
  doc.setCreationDate(created);
  doc.setModificationDate(created);
  doc.setLanguage(meta.lang);

  const xmp = context.stream(new TextEncoder().encode(xmpMetadata({ ...meta, date })), { Type: "Metadata", Subtype: "XML" });
  doc.catalog.set(PDFName.of("Metadata"), context.register(xmp));

  const icc = deflatedStream(doc, srgbIccProfile(), { N: 3 });
  const intent = context.obj({
    Type: "OutputIntent",
    S: "GTS_PDFA1",
    OutputConditionIdentifier: PDFString.of("sRGB IEC61966-2.1"),
    Info: PDFString.of("sRGB IEC61966-2.1"),
    RegistryName: PDFString.of("http://www.color.org"),
    DestOutputProfile: context.register(icc),
  });
  doc.catalog.set(PDFName.of("OutputIntents"), context.obj([context.register(intent)]));

  const id = randomBytes(16).toString("hex");
  context.trailerInfo.ID = context.obj([PDFHexString.of(id), PDFHexString.of(id)]);
}
