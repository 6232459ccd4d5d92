/**
 * The 24 wards of Osaka City: 全国地方公共団体コード (6 digits with check digit, e.g. 都島区 271021),
 * names in Japanese and English, and the identity department code of each ward office
 * (`ward-kita` …, as in the demo organisation chart).
 */
import { OSAKA_CITY_WARDS } from "./jma/osaka-city.ts";
import type { Locale } from "../../core/i18n/index.ts";

export type Ward = { code: string; code5: string; ja: string; en: string; department: string };

const EN: Record<string, [en: string, slug: string]> = {
  都島区: ["Miyakojima", "miyakojima"], 福島区: ["Fukushima", "fukushima"], 此花区: ["Konohana", "konohana"],
  西区: ["Nishi", "nishi"], 港区: ["Minato", "minato"], 大正区: ["Taisho", "taisho"], 天王寺区: ["Tennoji", "tennoji"],
  浪速区: ["Naniwa", "naniwa"], 西淀川区: ["Nishiyodogawa", "nishiyodogawa"], 東淀川区: ["Higashiyodogawa", "higashiyodogawa"],
  東成区: ["Higashinari", "higashinari"], 生野区: ["Ikuno", "ikuno"], 旭区: ["Asahi", "asahi"], 城東区: ["Joto", "joto"],
  阿倍野区: ["Abeno", "abeno"], 住吉区: ["Sumiyoshi", "sumiyoshi"], 東住吉区: ["Higashisumiyoshi", "higashisumiyoshi"],
  西成区: ["Nishinari", "nishinari"], 淀川区: ["Yodogawa", "yodogawa"], 鶴見区: ["Tsurumi", "tsurumi"],
  住之江区: ["Suminoe", "suminoe"], 平野区: ["Hirano", "hirano"], 北区: ["Kita", "kita"], 中央区: ["Chuo", "chuo"],
};

/** The check digit of a 5-digit local government code (総務省 rule: 11 − (Σ digit × weight 6..2) mod 11, last digit). */
export function checkDigit(code5: string): string {
  const sum = [...code5].reduce((acc, digit, i) => acc + Number(digit) * (6 - i), 0);
  return String((11 - (sum % 11)) % 10);
}

export const WARDS: readonly Ward[] = OSAKA_CITY_WARDS.map(({ name, code5 }) => {
  const [en, slug] = EN[name]!;
  return { code: code5 + checkDigit(code5), code5, ja: name, en, department: `ward-${slug}` };
});

export const OSAKA_CITY_CODE = "271004";
const BY_CODE = new Map(WARDS.map((w) => [w.code, w]));
const BY_NAME = new Map(WARDS.map((w) => [w.ja, w]));

export function wardByCode(code: string | null | undefined): Ward | undefined {
  return code ? BY_CODE.get(code) : undefined;
}

export function isWardCode(code: unknown): code is string {
  return typeof code === "string" && BY_CODE.has(code);
}

export function wardName(code: string | null | undefined, locale: Locale): string {
  const ward = wardByCode(code);
  if (!ward) return locale === "ja" ? "区不明" : "Ward unknown";
  return locale === "ja" ? ward.ja : `${ward.en} Ward`;
}

/** Ward names joined for a message: 「北区、中央区」 / "Kita, Chuo". All 24 → 「大阪市内全域」. */
export function wardList(codes: readonly string[], locale: Locale): string {
  if (codes.length === WARDS.length) return locale === "ja" ? "大阪市内全域" : "all of Osaka City";
  const sorted = WARDS.filter((w) => codes.includes(w.code));
  return locale === "ja" ? sorted.map((w) => w.ja).join("、") : sorted.map((w) => w.en).join(", ") + (sorted.length === 1 ? " Ward" : " Wards");
}

/** The ward of an address in Osaka City: 「大阪府大阪市阿倍野区旭町3-4-46」 → 阿倍野区's code; undefined elsewhere. */
export function wardOfAddress(address: string): Ward | undefined {
  // The GSI data has typos such as 「大阪市大阪市城東区」: repeated city names count once.
  const compact = address.replace(/\s+/g, "").replace(/(大阪市)+/g, "大阪市");
  const match = /大阪市(.+?区)/.exec(compact);
  if (!match) return undefined;
  // 「大阪市東淀川区」: try the longest ward name that the text starts with.
  const rest = compact.slice(match.index + 3);
  return [...WARDS].sort((a, b) => b.ja.length - a.ja.length).find((w) => rest.startsWith(w.ja)) ?? BY_NAME.get(match[1]!);
}

/** The ward of a JMA municipality area (7-digit code 27102xx or a name like 「大阪此花区」). */
export function wardOfJmaArea(area: { name: string; code: string }): Ward | undefined {
  if (/^\d{7}$/.test(area.code)) {
    const ward = WARDS.find((w) => w.code5 === area.code.slice(0, 5));
    if (ward) return ward;
  }
  const name = area.name.replace(/^大阪市?/, "");
  return BY_NAME.get(name);
}
