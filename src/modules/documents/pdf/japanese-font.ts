/**
 * Japanese text in PDFs: Noto Sans CJK JP (Debian's fonts-noto-cjk, or DOCUMENTS_FONT_PATH)
 * embedded as a TrueType subset (only the glyphs a document uses) with a ToUnicode map, so
 * that the text is selectable and `pdftotext` extracts exactly what was written.
 *
 * The font file is read and parsed once per process; each glyph's outline is converted once
 * and cached, so a document only pays for assembling its subset.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import { deflateSync } from "node:zlib";
import fontkit from "@pdf-lib/fontkit";
import {
  beginText,
  endText,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFString,
  popGraphicsState,
  pushGraphicsState,
  rgb,
  setFillingRgbColor,
  setFontAndSize,
  setTextMatrix,
  showText,
  type PDFDocument,
  type PDFPage,
  type PDFRef,
  type RGB,
} from "pdf-lib";
import { buildTrueType, contoursFromPath, glyphRecord, type PathCommand, type TrueTypeGlyph } from "./truetype.ts";

/** Where Noto Sans CJK is installed on common systems (Debian/Ubuntu first). */
export const FONT_CANDIDATES = [
  "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
  "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
  "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
  "/usr/share/fonts/opentype/noto-cjk/NotoSansCJK-Regular.ttc",
  "/usr/local/share/fonts/NotoSansCJK-Regular.ttc",
];
const POSTSCRIPT_NAME = "NotoSansCJKjp-Regular";
/** Characters that may not begin a line (禁則処理, the common subset). */
const NO_LINE_START = "、。，．・：；？！ー）」』】〕〉》’”ぁぃぅぇぉっゃゅょァィゥェォッャュョ,.:;!?)]";

type FontkitGlyph = { id: number; advanceWidth: number; path: { commands: PathCommand[] } };
type FontkitFont = {
  unitsPerEm: number;
  ascent: number;
  descent: number;
  lineGap: number;
  capHeight: number;
  postscriptName: string | null;
  glyphForCodePoint(codePoint: number): FontkitGlyph;
  getGlyph(id: number): FontkitGlyph;
};

export class FontNotFoundError extends Error {}

/** The font file to use: DOCUMENTS_FONT_PATH, or the first installed candidate. */
export function findFontFile(env: Record<string, string | undefined> = process.env): string {
  const configured = env.DOCUMENTS_FONT_PATH;
  if (configured) {
    if (!fs.existsSync(configured)) throw new FontNotFoundError(`DOCUMENTS_FONT_PATH=${configured} does not exist.`);
    return configured;
  }
  const found = FONT_CANDIDATES.find((candidate) => fs.existsSync(candidate));
  if (!found) {
    throw new FontNotFoundError(
      `No Japanese font found. Install Noto Sans CJK (Debian: apt-get install fonts-noto-cjk) or set DOCUMENTS_FONT_PATH to a .ttc/.otf/.ttf file. Looked in: ${FONT_CANDIDATES.join(", ")}`,
    );
  }
  return found;
}

/** A parsed font with its converted glyphs (shared by every document of the process). */
export class JapaneseFont {
  readonly #font: FontkitFont;
  readonly #glyphs = new Map<number, TrueTypeGlyph>();
  /** fontkit's cmap lookup is slow on a 65,000-glyph font: remember each answer. */
  readonly #ids = new Map<number, number>();
  readonly name: string;

  constructor(font: FontkitFont) {
    this.#font = font;
    this.name = (font.postscriptName ?? POSTSCRIPT_NAME).replace(/[^A-Za-z0-9-]/g, "");
  }

  get unitsPerEm(): number {
    return this.#font.unitsPerEm;
  }

  get metrics() {
    const f = this.#font;
    return { unitsPerEm: f.unitsPerEm, ascent: f.ascent, descent: f.descent, lineGap: f.lineGap, capHeight: f.capHeight };
  }

  /** The font's glyph id for a code point (0 when the font lacks it). */
  glyphId(codePoint: number): number {
    let id = this.#ids.get(codePoint);
    if (id === undefined) {
      id = this.#font.glyphForCodePoint(codePoint).id;
      this.#ids.set(codePoint, id);
    }
    return id;
  }

  glyph(id: number): TrueTypeGlyph {
    let glyph = this.#glyphs.get(id);
    if (!glyph) {
      const source = this.#font.getGlyph(id);
      glyph = glyphRecord(contoursFromPath(source.path.commands), Math.round(source.advanceWidth));
      this.#glyphs.set(id, glyph);
    }
    return glyph;
  }
}

let shared: JapaneseFont | null = null;

/**
 * The process-wide Japanese font (read and parsed on first use).
 * Throws FontNotFoundError with installation advice when no font is installed.
 */
export function japaneseFont(): JapaneseFont {
  if (!shared) {
    const file = findFontFile();
    const bytes = fs.readFileSync(file);
    const opened = (fontkit as unknown as { create(bytes: Uint8Array, name?: string): FontkitFont & { fonts?: unknown } }).create(
      bytes,
      file.toLowerCase().endsWith(".ttc") ? POSTSCRIPT_NAME : undefined,
    );
    if (!opened || typeof opened.glyphForCodePoint !== "function") throw new FontNotFoundError(`${file} has no face named ${POSTSCRIPT_NAME}.`);
    shared = new JapaneseFont(opened);
  }
  return shared;
}

export type TextOptions = {
  x: number;
  y: number;
  size: number;
  color?: RGB;
};

/** Text drawn in one document with the Japanese font; call `finish()` before saving. */
export class FontSubset {
  readonly #doc: PDFDocument;
  readonly #font: JapaneseFont;
  readonly ref: PDFRef;
  /** Original glyph id → glyph id in the subset (= CID). 0 is .notdef. */
  readonly #gids = new Map<number, number>([[0, 0]]);
  readonly #order: number[] = [0];
  /** CID → the text it stands for (for ToUnicode). */
  readonly #unicode = new Map<number, string>();
  readonly #pages = new Map<PDFPage, PDFName>();
  #finished = false;

  constructor(doc: PDFDocument, font: JapaneseFont = japaneseFont()) {
    this.#doc = doc;
    this.#font = font;
    this.ref = doc.context.nextRef();
  }

  /** Text normalised for printing: NFC, control characters dropped. */
  static clean(text: string): string {
    return text.normalize("NFC").replace(/[\u0000-\u001f\u007f]/g, " ");
  }

  #cids(text: string): number[] {
    const cids: number[] = [];
    for (const char of FontSubset.clean(text)) {
      let source = this.#font.glyphId(char.codePointAt(0)!);
      if (source === 0) source = this.#font.glyphId(0x3013); // 〓 (geta mark) for a character the font lacks
      let cid = this.#gids.get(source);
      if (cid === undefined) {
        cid = this.#order.length;
        this.#gids.set(source, cid);
        this.#order.push(source);
      }
      if (cid !== 0 && !this.#unicode.has(cid)) this.#unicode.set(cid, char);
      cids.push(cid);
    }
    return cids;
  }

  /** Width of the text in points at a font size. */
  widthOf(text: string, size: number): number {
    let units = 0;
    for (const char of FontSubset.clean(text)) {
      const id = this.#font.glyphId(char.codePointAt(0)!) || this.#font.glyphId(0x3013);
      units += this.#font.glyph(id).advanceWidth;
    }
    return (units * size) / this.#font.unitsPerEm;
  }

  /** The largest size ≤ `size` at which the text fits in `maxWidth` points. */
  fitSize(text: string, size: number, maxWidth: number, minSize = 4): number {
    const width = this.widthOf(text, size);
    if (width <= maxWidth || width === 0) return size;
    return Math.max(minSize, Math.floor(((size * maxWidth) / width) * 10) / 10);
  }

  /**
   * Breaks text into lines no wider than `maxWidth`: Japanese between any two characters (but
   * never before closing punctuation such as 。、」), Latin words at spaces when possible.
   */
  wrap(text: string, size: number, maxWidth: number): string[] {
    const lines: string[] = [];
    for (const paragraph of FontSubset.clean(text).split(/\r?\n/)) {
      let line = "";
      for (const char of paragraph) {
        const candidate = line + char;
        if (line === "" || this.widthOf(candidate, size) <= maxWidth || NO_LINE_START.includes(char)) {
          line = candidate;
          continue;
        }
        const space = line.lastIndexOf(" ");
        if (/[A-Za-z0-9]/.test(char) && space > 0) {
          lines.push(line.slice(0, space));
          line = line.slice(space + 1) + char;
        } else {
          lines.push(line);
          line = char === " " ? "" : char;
        }
      }
      lines.push(line);
    }
    return lines;
  }

  /** Draws one line of text with its baseline starting at (x, y). */
  draw(page: PDFPage, text: string, options: TextOptions): void {
    if (this.#finished) throw new Error("FontSubset already finished");
    const cids = this.#cids(text);
    if (cids.length === 0) return;
    let name = this.#pages.get(page);
    if (!name) {
      name = page.node.newFontDictionary("JP", this.ref);
      this.#pages.set(page, name);
    }
    const hex = cids.map((cid) => cid.toString(16).padStart(4, "0")).join("");
    const color = options.color ?? rgb(0, 0, 0);
    page.pushOperators(
      pushGraphicsState(),
      setFillingRgbColor(color.red, color.green, color.blue),
      beginText(),
      setFontAndSize(name, options.size),
      setTextMatrix(1, 0, 0, 1, options.x, options.y),
      showText(PDFHexString.of(hex)),
      endText(),
      popGraphicsState(),
    );
  }

  /** Draws text centred on x. */
  drawCentered(page: PDFPage, text: string, options: TextOptions): void {
    this.draw(page, text, { ...options, x: options.x - this.widthOf(text, options.size) / 2 });
  }

  /** Writes the font program and dictionaries into the document (once, after the last draw). */
  finish(): void {
    if (this.#finished) return;
    this.#finished = true;
    const context = this.#doc.context;
    const glyphs = this.#order.map((id) => this.#font.glyph(id));
    const codePoints = new Map<number, number>();
    for (const [cid, char] of this.#unicode) codePoints.set(char.codePointAt(0)!, cid);
    const metrics = this.#font.metrics;
    const program = buildTrueType(glyphs, metrics, codePoints);
    const scale = 1000 / metrics.unitsPerEm;

    // Subset tag: six capital letters derived from the glyphs used (PDF 32000 9.6.4).
    const digest = createHash("sha256").update(this.#order.join(",")).digest();
    const tag = [...digest.subarray(0, 6)].map((b) => String.fromCharCode(65 + (b % 26))).join("");
    const baseFont = `${tag}+${this.#font.name}`;

    const fontFile = deflatedStream(this.#doc, program, { Length1: program.length });
    const fontFileRef = context.register(fontFile);
    const bbox = glyphs.reduce(
      (box, g) => (g.contours === 0 ? box : { xMin: Math.min(box.xMin, g.bbox.xMin), yMin: Math.min(box.yMin, g.bbox.yMin), xMax: Math.max(box.xMax, g.bbox.xMax), yMax: Math.max(box.yMax, g.bbox.yMax) }),
      { xMin: 0, yMin: metrics.descent, xMax: metrics.unitsPerEm, yMax: metrics.ascent },
    );
    const descriptor = context.obj({
      Type: "FontDescriptor",
      FontName: baseFont,
      Flags: 4, // symbolic
      FontBBox: [bbox.xMin * scale, bbox.yMin * scale, bbox.xMax * scale, bbox.yMax * scale].map(Math.round),
      ItalicAngle: 0,
      Ascent: Math.round(metrics.ascent * scale),
      Descent: Math.round(metrics.descent * scale),
      CapHeight: Math.round(metrics.capHeight * scale),
      StemV: 80,
      FontFile2: fontFileRef,
    });
    const widths: Array<PDFNumber | ReturnType<typeof context.obj>> = [];
    glyphs.forEach((g, cid) => {
      widths.push(PDFNumber.of(cid), context.obj([Math.round(g.advanceWidth * scale)]));
    });
    const cidFont = context.obj({
      Type: "Font",
      Subtype: "CIDFontType2",
      BaseFont: baseFont,
      CIDSystemInfo: { Registry: PDFString.of("Adobe"), Ordering: PDFString.of("Identity"), Supplement: 0 },
      FontDescriptor: context.register(descriptor),
      W: context.obj(widths),
      CIDToGIDMap: "Identity",
    });
    const toUnicode = deflatedStream(this.#doc, new TextEncoder().encode(toUnicodeCMap(this.#unicode)));
    const type0 = context.obj({
      Type: "Font",
      Subtype: "Type0",
      BaseFont: baseFont,
      Encoding: "Identity-H",
      DescendantFonts: [context.register(cidFont)],
      ToUnicode: context.register(toUnicode),
    });
    context.assign(this.ref, type0 as PDFDict);
  }
}

/** A FlateDecode stream compressed with Node's zlib (pdf-lib's own deflate is pure JavaScript and slow). */
export function deflatedStream(doc: PDFDocument, bytes: Uint8Array, dict: Record<string, number | string> = {}) {
  return doc.context.stream(deflateSync(bytes), { ...dict, Filter: "FlateDecode" });
}

function utf16Hex(text: string): string {
  let hex = "";
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, "0");
  return hex.toUpperCase();
}

/** The ToUnicode CMap: each CID to the text it shows. */
export function toUnicodeCMap(unicode: Map<number, string>): string {
  const entries = [...unicode].sort(([a], [b]) => a - b);
  const chunks: string[] = [];
  for (let i = 0; i < entries.length; i += 100) {
    const part = entries.slice(i, i + 100);
    chunks.push(`${part.length} beginbfchar\n${part.map(([cid, text]) => `<${cid.toString(16).padStart(4, "0").toUpperCase()}> <${utf16Hex(text)}>`).join("\n")}\nendbfchar`);
  }
  return `/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000> <FFFF>
endcodespacerange
${chunks.join("\n")}
endcmap
CMapName currentdict /CMapName get exch defineresource pop
end
end
`;
}
