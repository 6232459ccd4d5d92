/**
 * Photos from the field: the kind is decided by magic bytes (JPEG or PNG only), and every piece of
 * metadata is removed before the photo is stored — camera make and model, serial numbers, time,
 * software, thumbnails, XMP, IPTC, comments, PNG text chunks — because a photo of a collapsed wall
 * must not tell who took it with what. Only the location is kept, and not inside the file: the
 * GPS position is read from EXIF first and stored as the report's latitude / longitude.
 *
 * JPEG: segments between SOI and SOS are kept only when they are needed to decode the image
 * (DQT, DHT, SOFn, DRI, APP0 JFIF, APP14 Adobe colour transform); APP1 (EXIF, XMP), APP2–APP13,
 * APP15 and COM are dropped. The entropy-coded data after SOS is copied as is. EXIF orientation is
 * lost with EXIF (phones usually write upright pixels; this is the accepted cost of stripping).
 * PNG: critical chunks and colour chunks are kept; tEXt, zTXt, iTXt, eXIf, tIME and unknown
 * ancillary chunks are dropped.
 */

export type PhotoKind = "jpeg" | "png";
export type StrippedPhoto = { kind: PhotoKind; bytes: Buffer; gps: { lat: number; lon: number } | null };

export class PhotoError extends Error {
  readonly reason: "photo.type" | "photo.corrupt";
  constructor(reason: PhotoError["reason"], message: string) {
    super(message);
    this.reason = reason;
    this.name = "PhotoError";
  }
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function photoKind(bytes: Uint8Array): PhotoKind | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "jpeg";
  if (bytes.length >= 8 && Buffer.from(bytes.subarray(0, 8)).equals(PNG_SIGNATURE)) return "png";
  return null;
}

export function stripPhotoMetadata(input: Uint8Array): StrippedPhoto {
  const bytes = Buffer.from(input);
  const kind = photoKind(bytes);
  if (kind === "jpeg") return stripJpeg(bytes);
  if (kind === "png") return { kind, bytes: stripPng(bytes), gps: null };
  throw new PhotoError("photo.type", "The photo must be a JPEG or PNG image.");
}

/** Markers kept before SOS: DQT, DHT, DAC, DRI, SOF0–SOF15 (except DHT/JPG/DAC codes handled), APP0, APP14. */
function keepJpegSegment(marker: number, segment: Buffer): boolean {
  if (marker === 0xe0) return segment.subarray(4, 9).toString("latin1") === "JFIF\0";
  if (marker === 0xee) return segment.subarray(4, 9).toString("latin1") === "Adobe";
  if (marker >= 0xe1 && marker <= 0xef) return false; // APP1–APP15: EXIF, XMP, ICC*, IPTC, vendor data
  if (marker === 0xfe) return false; // COM
  return true; // DQT, DHT, SOFn, DRI, DAC…
}

function stripJpeg(bytes: Buffer): StrippedPhoto {
  const out: Buffer[] = [bytes.subarray(0, 2)];
  let gps: StrippedPhoto["gps"] = null;
  let offset = 2;
  while (offset < bytes.length) {
    if (bytes[offset] !== 0xff) throw new PhotoError("photo.corrupt", "The JPEG file is damaged (no marker where one should be).");
    // Fill bytes (0xFF 0xFF …) may precede a marker.
    while (bytes[offset + 1] === 0xff) offset++;
    const marker = bytes[offset + 1];
    if (marker === undefined) break;
    if (marker === 0xd9) {
      out.push(bytes.subarray(offset, offset + 2));
      break;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      out.push(bytes.subarray(offset, offset + 2));
      offset += 2;
      continue;
    }
    if (offset + 4 > bytes.length) throw new PhotoError("photo.corrupt", "The JPEG file ends in the middle of a segment.");
    const length = bytes.readUInt16BE(offset + 2);
    const end = offset + 2 + length;
    if (length < 2 || end > bytes.length) throw new PhotoError("photo.corrupt", "The JPEG file has a segment longer than the file.");
    const segment = bytes.subarray(offset, end);
    if (marker === 0xda) {
      // Start of scan: the rest is image data (and possibly more scans); copied unchanged.
      out.push(bytes.subarray(offset));
      return { kind: "jpeg", bytes: Buffer.concat(out), gps };
    }
    if (marker === 0xe1 && gps === null && segment.subarray(4, 10).toString("latin1") === "Exif\0\0") {
      gps = readExifGps(segment.subarray(10));
    }
    if (keepJpegSegment(marker, segment)) out.push(segment);
    offset = end;
  }
  return { kind: "jpeg", bytes: Buffer.concat(out), gps };
}

/**
 * The GPS position in an EXIF block (TIFF header onwards), or null. Every offset is checked against
 * the block, so a crafted block cannot make us read outside it.
 */
export function readExifGps(tiff: Buffer): { lat: number; lon: number } | null {
  if (tiff.length < 8) return null;
  const order = tiff.subarray(0, 2).toString("latin1");
  if (order !== "II" && order !== "MM") return null;
  const little = order === "II";
  const u16 = (at: number) => (at + 2 <= tiff.length ? (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at)) : -1);
  const u32 = (at: number) => (at + 4 <= tiff.length ? (little ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at)) : -1);
  if (u16(2) !== 42) return null;
  const entries = (ifd: number): Map<number, { type: number; count: number; valueAt: number }> => {
    const map = new Map<number, { type: number; count: number; valueAt: number }>();
    const n = u16(ifd);
    if (n < 0 || n > 500) return map;
    for (let i = 0; i < n; i++) {
      const at = ifd + 2 + i * 12;
      if (at + 12 > tiff.length) break;
      const type = u16(at + 2);
      const count = u32(at + 4);
      const size = ({ 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 7: 1, 9: 4, 10: 8 } as Record<number, number>)[type] ?? 0;
      const valueAt = size * count <= 4 ? at + 8 : u32(at + 8);
      map.set(u16(at), { type, count, valueAt });
    }
    return map;
  };
  const ifd0 = entries(u32(4));
  const gpsPointer = ifd0.get(0x8825);
  if (!gpsPointer) return null;
  const gpsIfd = entries(u32(gpsPointer.valueAt));
  const ref = (tag: number) => {
    const entry = gpsIfd.get(tag);
    return entry && entry.valueAt < tiff.length ? String.fromCharCode(tiff[entry.valueAt]!) : "";
  };
  const degrees = (tag: number): number | null => {
    const entry = gpsIfd.get(tag);
    if (!entry || entry.type !== 5 || entry.count !== 3 || entry.valueAt + 24 > tiff.length) return null;
    const parts = [0, 1, 2].map((i) => {
      const num = u32(entry.valueAt + i * 8);
      const den = u32(entry.valueAt + i * 8 + 4);
      return den === 0 ? NaN : num / den;
    });
    const value = parts[0]! + parts[1]! / 60 + parts[2]! / 3600;
    return Number.isFinite(value) ? value : null;
  };
  const lat = degrees(2);
  const lon = degrees(4);
  if (lat === null || lon === null || lat > 90 || lon > 180) return null;
  const signedLat = ref(1) === "S" ? -lat : lat;
  const signedLon = ref(3) === "W" ? -lon : lon;
  return { lat: Math.round(signedLat * 1e6) / 1e6, lon: Math.round(signedLon * 1e6) / 1e6 };
}

const PNG_KEEP = new Set(["IHDR", "PLTE", "IDAT", "IEND", "tRNS", "gAMA", "cHRM", "sRGB", "iCCP", "sBIT", "pHYs", "bKGD", "acTL", "fcTL", "fdAT"]);

function stripPng(bytes: Buffer): Buffer {
  const out: Buffer[] = [PNG_SIGNATURE];
  let offset = 8;
  while (offset + 12 <= bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.subarray(offset + 4, offset + 8).toString("latin1");
    const end = offset + 12 + length;
    if (end > bytes.length) throw new PhotoError("photo.corrupt", "The PNG file has a chunk longer than the file.");
    if (PNG_KEEP.has(type)) out.push(bytes.subarray(offset, end));
    offset = end;
    if (type === "IEND") break;
  }
  return Buffer.concat(out);
}
