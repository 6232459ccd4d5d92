/**
 * Vector drawing shared by our documents: QR codes (no images), the red round 公印 (official
 * seal) drawn from circles and text, and ruled boxes. Everything is opaque DeviceRGB, which
 * PDF/A-2b accepts with the sRGB OutputIntent.
 */
import QRCode from "qrcode";
import { fill, popGraphicsState, pushGraphicsState, rectangle, rgb, setFillingRgbColor, type PDFPage, type RGB } from "pdf-lib";
import type { FontSubset } from "./japanese-font.ts";

export const A4 = { width: 595.28, height: 841.89 } as const;
export const INK = rgb(0.1, 0.1, 0.1);
export const MUTED = rgb(0.35, 0.35, 0.35);
export const SEAL_RED = rgb(0.8, 0.1, 0.12);
/** Millimetres to points. */
export const mm = (value: number): number => (value * 72) / 25.4;

/**
 * A QR code (error correction M) as filled squares, its lower-left corner at (x, y), `size`
 * points wide including the quiet zone of 4 modules.
 */
export function drawQrCode(page: PDFPage, text: string, options: { x: number; y: number; size: number; color?: RGB }): void {
  const modules = QRCode.create(text, { errorCorrectionLevel: "M" }).modules;
  const count = modules.size;
  const unit = options.size / (count + 8);
  const color = options.color ?? rgb(0, 0, 0);
  const operators = [pushGraphicsState(), setFillingRgbColor(color.red, color.green, color.blue)];
  for (let row = 0; row < count; row++) {
    // Runs of dark modules in a row become one rectangle.
    for (let col = 0; col < count; ) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      let end = col;
      while (end < count && modules.get(row, end)) end++;
      const x = options.x + (4 + col) * unit;
      const y = options.y + options.size - (4 + row + 1) * unit;
      operators.push(rectangle(x, y, (end - col) * unit, unit));
      col = end;
    }
  }
  operators.push(fill(), popGraphicsState());
  page.pushOperators(...operators);
}

/**
 * The round official seal: a double red ring, two lines of three characters in the middle
 * (e.g. 「大阪市」「長之印」) and an optional small note under them (e.g. 「デモ」).
 */
export function drawRoundSeal(page: PDFPage, font: FontSubset, options: { cx: number; cy: number; radius: number; lines: [string, string]; note?: string }): void {
  const { cx, cy, radius: r } = options;
  page.drawCircle({ x: cx, y: cy, size: r, borderColor: SEAL_RED, borderWidth: r * 0.07 });
  page.drawCircle({ x: cx, y: cy, size: r * 0.86, borderColor: SEAL_RED, borderWidth: r * 0.025 });
  const shift = options.note ? r * 0.1 : 0;
  const [first, second] = options.lines;
  font.drawCentered(page, first, { x: cx, y: cy + r * 0.06 + shift, size: font.fitSize(first, r * 0.4, r * 1.25), color: SEAL_RED });
  font.drawCentered(page, second, { x: cx, y: cy - r * 0.4 + shift, size: font.fitSize(second, r * 0.4, r * 1.25), color: SEAL_RED });
  if (options.note) font.drawCentered(page, options.note, { x: cx, y: cy - r * 0.62, size: r * 0.2, color: SEAL_RED });
}

/** A thin rectangle outline. */
export function drawBox(page: PDFPage, box: { x: number; y: number; width: number; height: number }, color: RGB = MUTED, thickness = 0.6): void {
  page.drawRectangle({ ...box, borderColor: color, borderWidth: thickness });
}

/** A horizontal rule. */
export function drawRule(page: PDFPage, x1: number, x2: number, y: number, color: RGB = MUTED, thickness = 0.6): void {
  page.drawLine({ start: { x: x1, y }, end: { x: x2, y }, color, thickness });
}
