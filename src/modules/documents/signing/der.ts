/**
 * Just enough ASN.1 DER to build a CMS SignedData and read the issuer and serial number of an
 * X.509 certificate. Encoders return complete TLVs; `readTlv` walks an encoding without copying.
 */

export type Der = Uint8Array;

function lengthBytes(length: number): number[] {
  if (length < 0x80) return [length];
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
  return [0x80 | bytes.length, ...bytes];
}

/** A TLV with the given tag byte around the content. */
export function tlv(tag: number, ...contents: Der[]): Der {
  const length = contents.reduce((sum, c) => sum + c.length, 0);
  const header = [tag, ...lengthBytes(length)];
  const out = new Uint8Array(header.length + length);
  out.set(header, 0);
  let offset = header.length;
  for (const content of contents) {
    out.set(content, offset);
    offset += content.length;
  }
  return out;
}

export const sequence = (...items: Der[]): Der => tlv(0x30, ...items);

function compareBytes(a: Der, b: Der): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** SET OF: DER wants the members sorted by their encodings. */
export const set = (...items: Der[]): Der => tlv(0x31, ...[...items].sort(compareBytes));

export const octetString = (bytes: Uint8Array): Der => tlv(0x04, bytes);
export const nullValue = (): Der => new Uint8Array([0x05, 0x00]);

/** Context-specific constructed tag [n] (EXPLICIT, or IMPLICIT for a constructed type). */
export const contextTag = (n: number, ...contents: Der[]): Der => tlv(0xa0 | n, ...contents);

/** INTEGER from a small non-negative number. */
export function integer(value: number): Der {
  const bytes: number[] = [];
  let n = value;
  do {
    bytes.unshift(n & 0xff);
    n = Math.floor(n / 256);
  } while (n > 0);
  if (bytes[0]! & 0x80) bytes.unshift(0);
  return tlv(0x02, new Uint8Array(bytes));
}

export function objectIdentifier(dotted: string): Der {
  const parts = dotted.split(".").map(Number);
  const bytes: number[] = [parts[0]! * 40 + parts[1]!];
  for (const part of parts.slice(2)) {
    const chunk: number[] = [];
    let n = part;
    do {
      chunk.unshift(n & 0x7f);
      n = Math.floor(n / 128);
    } while (n > 0);
    for (let i = 0; i < chunk.length - 1; i++) chunk[i]! |= 0x80;
    bytes.push(...chunk);
  }
  return tlv(0x06, new Uint8Array(bytes));
}

export type Tlv = {
  tag: number;
  /** Offset of the tag byte. */
  start: number;
  /** Offset of the content. */
  contentStart: number;
  /** Offset just after the content. */
  end: number;
};

/** Reads the TLV that starts at `offset`. Only definite lengths (DER). */
export function readTlv(bytes: Uint8Array, offset: number): Tlv {
  const tag = bytes[offset];
  let length = bytes[offset + 1];
  if (tag === undefined || length === undefined) throw new Error("DER: truncated");
  let contentStart = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4) throw new Error("DER: unsupported length");
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[contentStart + i]!;
    contentStart += count;
  }
  const end = contentStart + length;
  if (end > bytes.length) throw new Error("DER: truncated");
  return { tag, start: offset, contentStart, end };
}

/** The TLVs directly inside a constructed TLV. */
export function children(bytes: Uint8Array, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let offset = parent.contentStart; offset < parent.end; ) {
    const child = readTlv(bytes, offset);
    out.push(child);
    offset = child.end;
  }
  return out;
}

/** The encoded issuer Name and serialNumber INTEGER of a DER certificate, as they appear in it. */
export function issuerAndSerial(certificate: Uint8Array): { issuer: Der; serial: Der } {
  const cert = readTlv(certificate, 0);
  const tbs = children(certificate, cert)[0]!;
  const fields = children(certificate, tbs);
  // version [0] is optional (absent for v1 certificates)
  const base = fields[0]!.tag === 0xa0 ? 1 : 0;
  const serial = fields[base]!;
  const issuer = fields[base + 2]!;
  return { issuer: certificate.slice(issuer.start, issuer.end), serial: certificate.slice(serial.start, serial.end) };
}
