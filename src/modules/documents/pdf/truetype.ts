/**
 * Builds a small TrueType font program from glyph outlines, for embedding a subset in a PDF.
 *
 * Why: Noto Sans CJK (Debian's fonts-noto-cjk) is a CID-keyed CFF font, and the CFF subsetter of
 * fontkit writes CID fonts that poppler rejects ("Embedded font file may be invalid"). So we
 * read each glyph's outline with fontkit (which interprets CFF charstrings correctly), convert
 * cubic curves to quadratic ones within a fraction of a font unit, and write plain `glyf`
 * outlines. The result is a CIDFontType2 subset any PDF reader and PDF/A validator knows.
 */

export type PathCommand = { command: string; args: number[] };

export type TrueTypeGlyph = {
  /** The `glyf` record (empty for a glyph without contours, e.g. a space). */
  record: Uint8Array;
  advanceWidth: number;
  leftSideBearing: number;
  points: number;
  contours: number;
  bbox: { xMin: number; yMin: number; xMax: number; yMax: number };
};

type Point = { x: number; y: number; onCurve: boolean };

/** Maximum distance, in font units, between a cubic curve and its quadratic approximation. */
const TOLERANCE = 0.5;

function cubicToQuadratics(p0: Point, c1: Point, c2: Point, p3: Point, out: Point[], depth = 0): void {
  // The error of the single-quadratic approximation is bounded by sqrt(3)/36 * |p3 - 3c2 + 3c1 - p0|.
  const dx = p3.x - 3 * c2.x + 3 * c1.x - p0.x;
  const dy = p3.y - 3 * c2.y + 3 * c1.y - p0.y;
  const error = (Math.sqrt(3) / 36) * Math.hypot(dx, dy);
  if (error <= TOLERANCE || depth >= 6) {
    const control = { x: (3 * (c1.x + c2.x) - p0.x - p3.x) / 4, y: (3 * (c1.y + c2.y) - p0.y - p3.y) / 4, onCurve: false };
    out.push(control, { ...p3, onCurve: true });
    return;
  }
  const mid = (a: Point, b: Point): Point => ({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2, onCurve: true });
  const p01 = mid(p0, c1), p12 = mid(c1, c2), p23 = mid(c2, p3);
  const p012 = mid(p01, p12), p123 = mid(p12, p23);
  const m = mid(p012, p123);
  cubicToQuadratics(p0, p01, p012, m, out, depth + 1);
  cubicToQuadratics(m, p123, p23, p3, out, depth + 1);
}

/** Outline commands (moveTo, lineTo, quadraticCurveTo, bezierCurveTo, closePath) → TrueType contours. */
export function contoursFromPath(commands: PathCommand[]): Point[][] {
  const contours: Point[][] = [];
  let current: Point[] = [];
  let last: Point = { x: 0, y: 0, onCurve: true };
  const finish = () => {
    if (current.length > 1) {
      const first = current[0]!;
      const end = current[current.length - 1]!;
      if (end.onCurve && Math.round(end.x) === Math.round(first.x) && Math.round(end.y) === Math.round(first.y)) current.pop();
    }
    if (current.length > 0) contours.push(current.reverse()); // CFF outlines wind the other way round
    current = [];
  };
  for (const { command, args } of commands) {
    if (command === "moveTo") {
      finish();
      last = { x: args[0]!, y: args[1]!, onCurve: true };
      current.push(last);
    } else if (command === "lineTo") {
      last = { x: args[0]!, y: args[1]!, onCurve: true };
      current.push(last);
    } else if (command === "quadraticCurveTo") {
      current.push({ x: args[0]!, y: args[1]!, onCurve: false });
      last = { x: args[2]!, y: args[3]!, onCurve: true };
      current.push(last);
    } else if (command === "bezierCurveTo") {
      const end = { x: args[4]!, y: args[5]!, onCurve: true };
      cubicToQuadratics(last, { x: args[0]!, y: args[1]!, onCurve: false }, { x: args[2]!, y: args[3]!, onCurve: false }, end, current);
      last = end;
    } else if (command === "closePath") {
      finish();
    }
  }
  finish();
  return contours;
}

/** One simple-glyph `glyf` record; coordinates as int16 deltas (no short forms: simple and valid). */
export function glyphRecord(contours: Point[][], advanceWidth: number): TrueTypeGlyph {
  const points = contours.flat().map((p) => ({ x: Math.round(p.x), y: Math.round(p.y), onCurve: p.onCurve }));
  if (points.length === 0) {
    return { record: new Uint8Array(0), advanceWidth, leftSideBearing: 0, points: 0, contours: 0, bbox: { xMin: 0, yMin: 0, xMax: 0, yMax: 0 } };
  }
  const xs = points.map((p) => p.x), ys = points.map((p) => p.y);
  const bbox = { xMin: Math.min(...xs), yMin: Math.min(...ys), xMax: Math.max(...xs), yMax: Math.max(...ys) };
  const size = 10 + 2 * contours.length + 2 + points.length * 5;
  const record = new Uint8Array(size + ((4 - (size % 4)) % 4));
  const view = new DataView(record.buffer);
  view.setInt16(0, contours.length);
  view.setInt16(2, bbox.xMin);
  view.setInt16(4, bbox.yMin);
  view.setInt16(6, bbox.xMax);
  view.setInt16(8, bbox.yMax);
  let offset = 10;
  let end = -1;
  for (const contour of contours) {
    end += contour.length;
    view.setUint16(offset, end);
    offset += 2;
  }
  view.setUint16(offset, 0); // no instructions
  offset += 2;
  for (const p of points) record[offset++] = p.onCurve ? 1 : 0;
  let previous = 0;
  for (const p of points) {
    view.setInt16(offset, p.x - previous);
    previous = p.x;
    offset += 2;
  }
  previous = 0;
  for (const p of points) {
    view.setInt16(offset, p.y - previous);
    previous = p.y;
    offset += 2;
  }
  return { record, advanceWidth, leftSideBearing: bbox.xMin, points: points.length, contours: contours.length, bbox };
}

export type FontMetrics = { unitsPerEm: number; ascent: number; descent: number; lineGap: number };

function checksum(bytes: Uint8Array): number {
  const padded = new Uint8Array(bytes.length + ((4 - (bytes.length % 4)) % 4));
  padded.set(bytes);
  const view = new DataView(padded.buffer);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + view.getUint32(i)) >>> 0;
  return sum;
}

function table(size: number, fill: (view: DataView) => void): Uint8Array {
  const bytes = new Uint8Array(size);
  fill(new DataView(bytes.buffer));
  return bytes;
}

/** A cmap (format 4) with one segment per code point: fine for the small subsets we write. */
function cmapTable(codePoints: Map<number, number>): Uint8Array {
  const entries = [...codePoints].filter(([cp]) => cp <= 0xfffe).sort(([a], [b]) => a - b);
  const segments = [...entries.map(([cp, gid]) => ({ start: cp, end: cp, delta: (gid - cp) & 0xffff })), { start: 0xffff, end: 0xffff, delta: 1 }];
  const segCount = segments.length;
  const subtableLength = 16 + segCount * 8;
  return table(12 + subtableLength, (view) => {
    view.setUint16(0, 0);
    view.setUint16(2, 1);
    view.setUint16(4, 3); // Windows
    view.setUint16(6, 1); // Unicode BMP
    view.setUint32(8, 12);
    const base = 12;
    view.setUint16(base, 4);
    view.setUint16(base + 2, subtableLength);
    view.setUint16(base + 4, 0);
    view.setUint16(base + 6, segCount * 2);
    const searchRange = 2 * 2 ** Math.floor(Math.log2(segCount));
    view.setUint16(base + 8, searchRange);
    view.setUint16(base + 10, Math.floor(Math.log2(segCount)));
    view.setUint16(base + 12, segCount * 2 - searchRange);
    let offset = base + 14;
    for (const s of segments) (view.setUint16(offset, s.end), (offset += 2));
    view.setUint16(offset, 0); // reservedPad
    offset += 2;
    for (const s of segments) (view.setUint16(offset, s.start), (offset += 2));
    for (const s of segments) (view.setUint16(offset, s.delta), (offset += 2));
    for (let i = 0; i < segCount; i++) (view.setUint16(offset, 0), (offset += 2)); // idRangeOffset
  });
}

/**
 * A complete TrueType font: glyph 0 is .notdef (glyphs[0]). `codePoints` maps Unicode to the
 * new glyph ids for the cmap (PDF readers use CIDToGIDMap and ToUnicode; the cmap is for tools).
 */
export function buildTrueType(glyphs: TrueTypeGlyph[], metrics: FontMetrics, codePoints: Map<number, number>): Uint8Array {
  const numGlyphs = glyphs.length;
  const glyf: Uint8Array[] = [];
  const offsets: number[] = [0];
  for (const g of glyphs) {
    glyf.push(g.record);
    offsets.push(offsets[offsets.length - 1]! + g.record.length);
  }
  const withContours = glyphs.filter((g) => g.contours > 0);
  const bbox = {
    xMin: Math.min(0, ...withContours.map((g) => g.bbox.xMin)),
    yMin: Math.min(0, ...withContours.map((g) => g.bbox.yMin)),
    xMax: Math.max(0, ...withContours.map((g) => g.bbox.xMax)),
    yMax: Math.max(0, ...withContours.map((g) => g.bbox.yMax)),
  };
  const tables: Record<string, Uint8Array> = {
    cmap: cmapTable(codePoints),
    glyf: concat(glyf),
    head: table(54, (v) => {
      v.setUint32(0, 0x00010000);
      v.setUint32(4, 0x00010000);
      v.setUint32(8, 0); // checkSumAdjustment, set below
      v.setUint32(12, 0x5f0f3cf5);
      v.setUint16(16, 0x000b);
      v.setUint16(18, metrics.unitsPerEm);
      // created / modified: 0 (1904-01-01), so that the same text gives the same bytes
      v.setInt16(36, bbox.xMin);
      v.setInt16(38, bbox.yMin);
      v.setInt16(40, bbox.xMax);
      v.setInt16(42, bbox.yMax);
      v.setUint16(44, 0);
      v.setUint16(46, 8);
      v.setInt16(48, 2);
      v.setInt16(50, 1); // long loca offsets
      v.setInt16(52, 0);
    }),
    hhea: table(36, (v) => {
      v.setUint32(0, 0x00010000);
      v.setInt16(4, metrics.ascent);
      v.setInt16(6, metrics.descent);
      v.setInt16(8, metrics.lineGap);
      v.setUint16(10, Math.max(0, ...glyphs.map((g) => g.advanceWidth)));
      v.setInt16(12, Math.min(0, ...withContours.map((g) => g.leftSideBearing)));
      v.setInt16(14, Math.min(0, ...withContours.map((g) => g.advanceWidth - g.bbox.xMax)));
      v.setInt16(16, Math.max(0, ...withContours.map((g) => g.bbox.xMax)));
      v.setInt16(18, 1);
      v.setUint16(34, numGlyphs);
    }),
    hmtx: table(numGlyphs * 4, (v) => {
      glyphs.forEach((g, i) => {
        v.setUint16(i * 4, g.advanceWidth);
        v.setInt16(i * 4 + 2, g.leftSideBearing);
      });
    }),
    loca: table((numGlyphs + 1) * 4, (v) => offsets.forEach((o, i) => v.setUint32(i * 4, o))),
    maxp: table(32, (v) => {
      v.setUint32(0, 0x00010000);
      v.setUint16(4, numGlyphs);
      v.setUint16(6, Math.max(0, ...glyphs.map((g) => g.points)));
      v.setUint16(8, Math.max(0, ...glyphs.map((g) => g.contours)));
      v.setUint16(14, 2); // maxZones
    }),
    post: table(32, (v) => {
      v.setUint32(0, 0x00030000); // no glyph names
    }),
  };
  const tags = Object.keys(tables).sort();
  const headerSize = 12 + 16 * tags.length;
  const entrySelector = Math.floor(Math.log2(tags.length));
  const header = table(headerSize, (v) => {
    v.setUint32(0, 0x00010000);
    v.setUint16(4, tags.length);
    v.setUint16(6, 16 * 2 ** entrySelector);
    v.setUint16(8, entrySelector);
    v.setUint16(10, tags.length * 16 - 16 * 2 ** entrySelector);
  });
  const headerView = new DataView(header.buffer);
  const bodies: Uint8Array[] = [];
  let offset = headerSize;
  tags.forEach((tag, i) => {
    const data = tables[tag]!;
    const padded = new Uint8Array(data.length + ((4 - (data.length % 4)) % 4));
    padded.set(data);
    for (let c = 0; c < 4; c++) header[12 + 16 * i + c] = tag.charCodeAt(c);
    headerView.setUint32(12 + 16 * i + 4, checksum(data));
    headerView.setUint32(12 + 16 * i + 8, offset);
    headerView.setUint32(12 + 16 * i + 12, data.length);
    bodies.push(padded);
    offset += padded.length;
  });
  const font = concat([header, ...bodies]);
  const headOffset = headerView.getUint32(12 + 16 * tags.indexOf("head") + 8);
  new DataView(font.buffer).setUint32(headOffset + 8, (0xb1b0afba - checksum(font)) >>> 0);
  return font;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
