/**
 * PAdES baseline B-B signatures on pdf-lib documents: a signature dictionary with SubFilter
 * ETSI.CAdES.detached and a placeholder, written with the document; then @signpdf fills in the
 * byte range and the CMS from our Sealer.
 *
 * The placeholder is written here rather than with @signpdf/placeholder-pdf-lib because that one
 * writes Reason/Location/Name as PDFDocEncoding strings, which cannot hold Japanese; here they are
 * UTF-16 text strings. Everything else follows it (invisible widget with an appearance stream,
 * which PDF/A wants; SigFlags 3).
 */
import { PDFArray, PDFDict, PDFHexString, PDFInvalidObject, PDFName, PDFNumber, PDFString, type PDFDocument } from "pdf-lib";
import { SignPdf } from "@signpdf/signpdf";
import { DEFAULT_BYTE_RANGE_PLACEHOLDER, Signer, SUBFILTER_ETSI_CADES_DETACHED } from "@signpdf/utils";
import type { Sealer } from "./sealer.ts";

/** Room for the CMS (bytes) besides the certificates: signature, attributes, structure. */
const CMS_OVERHEAD = 3072;

export type SignatureFields = {
  /** Why the document is signed, e.g. 「大阪市が交付した証明書であることを示すため」. */
  reason: string;
  /** Where, e.g. 「大阪市役所」. */
  location: string;
  /** Who, e.g. the seal's name. */
  name: string;
  contactInfo: string;
  /** The signing time, written as /M (PAdES: not inside the CMS). */
  signingTime: Date;
  /** Bytes of the seal's certificate chain (the CMS includes it). */
  certificateBytes: number;
};

/** Adds an empty signature (placeholder) to the document; save it, then call `signPlaceholder`. */
export function addSignaturePlaceholder(doc: PDFDocument, fields: SignatureFields): void {
  const context = doc.context;
  const page = doc.getPages()[0]!;
  const byteRange = PDFArray.withContext(context);
  byteRange.push(PDFNumber.of(0));
  for (let i = 0; i < 3; i++) byteRange.push(PDFName.of(DEFAULT_BYTE_RANGE_PLACEHOLDER));
  const signature = context.obj({
    Type: "Sig",
    Filter: "Adobe.PPKLite",
    SubFilter: SUBFILTER_ETSI_CADES_DETACHED,
    ByteRange: byteRange,
    Contents: PDFHexString.of("0".repeat((fields.certificateBytes + CMS_OVERHEAD) * 2)),
    Reason: PDFHexString.fromText(fields.reason),
    M: PDFString.fromDate(fields.signingTime),
    ContactInfo: PDFHexString.fromText(fields.contactInfo),
    Name: PDFHexString.fromText(fields.name),
    Location: PDFHexString.fromText(fields.location),
    Prop_Build: { Filter: { Name: "Adobe.PPKLite" }, App: { Name: "Machi" } },
  });
  // Written as raw bytes so that pdf-lib never puts it in an object stream (@signpdf finds it by text).
  const bytes = new Uint8Array(signature.sizeInBytes());
  signature.copyBytesInto(bytes, 0);
  const signatureRef = context.register(PDFInvalidObject.of(bytes));

  const appearance = context.formXObject([], { BBox: [0, 0, 0, 0], Resources: {} });
  const widget = context.obj({
    Type: "Annot",
    Subtype: "Widget",
    FT: "Sig",
    Rect: [0, 0, 0, 0],
    V: signatureRef,
    T: PDFHexString.fromText("電子公印"),
    F: 4, // Print
    P: page.ref,
    AP: { N: context.register(appearance) },
  });
  const widgetRef = context.register(widget);
  const annots = page.node.lookupMaybe(PDFName.of("Annots"), PDFArray) ?? context.obj([]);
  annots.push(widgetRef);
  page.node.set(PDFName.of("Annots"), annots);

  let acroForm = doc.catalog.lookupMaybe(PDFName.of("AcroForm"), PDFDict);
  if (!acroForm) {
    acroForm = context.obj({ Fields: [] });
    doc.catalog.set(PDFName.of("AcroForm"), context.register(acroForm));
  }
  acroForm.set(PDFName.of("SigFlags"), PDFNumber.of(3));
  const fieldsArray = acroForm.lookupMaybe(PDFName.of("Fields"), PDFArray) ?? context.obj([]);
  fieldsArray.push(widgetRef);
  acroForm.set(PDFName.of("Fields"), fieldsArray);
}

/** @signpdf's Signer over our Sealer. */
class SealerSigner extends Signer {
  readonly #sealer: Sealer;
  constructor(sealer: Sealer) {
    super();
    this.#sealer = sealer;
  }
  override async sign(pdfBuffer: Buffer): Promise<Buffer> {
    return Buffer.from(await this.#sealer.sign(pdfBuffer));
  }
}

/** Signs a saved PDF that has a placeholder: fills the ByteRange and the CMS. */
export async function signPlaceholder(pdf: Uint8Array, sealer: Sealer): Promise<Buffer> {
  return new SignPdf().sign(Buffer.from(pdf), new SealerSigner(sealer));
}
