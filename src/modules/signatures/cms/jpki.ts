/**
 * The 基本4情報 (name, birth date, gender, address) of a JPKI 署名用電子証明書.
 *
 * JPKI puts them in the subjectAltName as otherName entries under the arc 1.2.392.200149.8.5.5
 * (J-LIS 証明書プロファイル):
 *
 *   .1  氏名 (name)                     .2  氏名代替文字 (name, substitute characters)
 *   .3  性別 (gender: "1" 男, "2" 女, "3" 不明)
 *   .4  生年月日 (birth date: era digit then Gregorian YYYYMMDD, e.g. "319800415" = 昭和, 1980-04-15)
 *   .5  住所 (address)                  .6  住所代替文字 (address, substitute characters)
 *
 * The value inside otherName's [0] is a character string (UTF8String in the profile; other string
 * types and OCTET STRING holding UTF-8 are read too). Parsed by hand with asn1js: pkijs leaves
 * otherName values undecoded.
 */
import * as asn1js from "asn1js";
import type { Certificate } from "pkijs";
import { decodeBer, EXTENSION, extension } from "./certificate.ts";

export const JPKI_OID = {
  name: "1.2.392.200149.8.5.5.1",
  nameSubstitute: "1.2.392.200149.8.5.5.2",
  gender: "1.2.392.200149.8.5.5.3",
  birthDate: "1.2.392.200149.8.5.5.4",
  address: "1.2.392.200149.8.5.5.5",
  addressSubstitute: "1.2.392.200149.8.5.5.6",
} as const;

export type JpkiIdentity = {
  name?: string;
  nameSubstitute?: string;
  address?: string;
  addressSubstitute?: string;
  /** ISO date "1980-04-15" when the value is a valid JPKI or plain YYYYMMDD date; otherwise the raw text. */
  birthDate?: string;
  /** "1" 男, "2" 女, "3" 不明 (as in the 住民基本台帳), raw code. */
  gender?: string;
};

/** Reads the JPKI otherName entries of the subjectAltName; an empty object when there are none or it is unreadable. */
export function readJpkiIdentity(cert: Certificate): JpkiIdentity {
  const ext = extension(cert, EXTENSION.subjectAltName);
  if (!ext) return {};
  const parsed = decodeBer(ext.extnValue.valueBlock.valueHexView);
  if (parsed.offset === -1 || !(parsed.result instanceof asn1js.Sequence)) return {};
  const identity: JpkiIdentity = {};
  for (const generalName of parsed.result.valueBlock.value) {
    const entry = otherName(generalName);
    if (!entry) continue;
    switch (entry.oid) {
      case JPKI_OID.name:
        identity.name = entry.text;
        break;
      case JPKI_OID.nameSubstitute:
        identity.nameSubstitute = entry.text;
        break;
      case JPKI_OID.address:
        identity.address = entry.text;
        break;
      case JPKI_OID.addressSubstitute:
        identity.addressSubstitute = entry.text;
        break;
      case JPKI_OID.birthDate:
        identity.birthDate = jpkiDate(entry.text);
        break;
      case JPKI_OID.gender:
        identity.gender = entry.text;
        break;
    }
  }
  return identity;
}

/** otherName ::= [0] IMPLICIT SEQUENCE { type-id OBJECT IDENTIFIER, value [0] EXPLICIT ANY } */
function otherName(block: asn1js.AsnType): { oid: string; text: string } | undefined {
  if (block.idBlock.tagClass !== 3 || block.idBlock.tagNumber !== 0 || !(block instanceof asn1js.Constructed)) return undefined;
  const [typeId, wrapped] = block.valueBlock.value;
  if (!(typeId instanceof asn1js.ObjectIdentifier) || !(wrapped instanceof asn1js.Constructed)) return undefined;
  if (wrapped.idBlock.tagClass !== 3 || wrapped.idBlock.tagNumber !== 0) return undefined;
  const inner = wrapped.valueBlock.value[0];
  const text = inner ? stringValue(inner) : undefined;
  return text === undefined ? undefined : { oid: typeId.valueBlock.toString(), text };
}

function stringValue(block: asn1js.AsnType): string | undefined {
  if (block instanceof asn1js.OctetString) return new TextDecoder("utf-8", { fatal: false }).decode(block.getValue());
  const value = (block as { valueBlock?: { value?: unknown } }).valueBlock?.value;
  return typeof value === "string" ? value : undefined;
}

/** "319800415" (era + YYYYMMDD) or "19800415" → "1980-04-15"; anything else unchanged. */
export function jpkiDate(raw: string): string {
  const match = /^[0-9]?([0-9]{4})([0-9]{2})([0-9]{2})$/.exec(raw.trim());
  if (!match) return raw;
  const [, year, month, day] = match as unknown as [string, string, string, string];
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  const iso = `${year}-${month}-${day}`;
  return date.toISOString().startsWith(iso) ? iso : raw;
}
