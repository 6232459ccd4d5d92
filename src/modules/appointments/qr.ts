/** The check-in QR code as an SVG data URI (allowed by the CSP's img-src data:). */
import QRCode from "qrcode";

export async function qrDataUri(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
}
