/**
 * The 24 wards of Osaka City: 全国地方公共団体コード (6 digits with check digit), the name in each of
 * the eleven alert languages (pre-written, never translated at send time), and an approximate
 * geometry — the ward's centre (near the ward office) and its land area — used to decide whether
 * a circle or polygon alert touches a ward, and which ward a point lies in.
 *
 * The geometry is an approximation (each ward as a disc of its own area around its centre): the
 * repository has no ward boundary polygons yet. Replace with 国土数値情報「行政区域」 polygons when
 * they are imported; the matching code only uses `wardsTouching` and `nearestWard`.
 *
 * Korean and Nepali names are transliterations of the Japanese readings; Chinese names are the
 * kanji in each script. To be reviewed with the translators (see README.md).
 */
import type { AlertLanguage } from "../languages.ts";

export type Ward = {
  /** 全国地方公共団体コード, e.g. "271276" (北区). */
  code: string;
  /** Reading in hiragana (やさしい日本語 shows it after the kanji). */
  reading: string;
  names: Record<Exclude<AlertLanguage, "ja-x-easy">, string>;
  lat: number;
  lon: number;
  /** Land area in km² (大阪市 ward statistics, rounded). */
  areaKm2: number;
};

type Row = [code: string, ja: string, reading: string, romaji: string, ko: string, ne: string, zhHant: string, zhHans: string, lat: number, lon: number, area: number];

const ROWS: Row[] = [
  ["271021", "都島区", "みやこじまく", "Miyakojima", "미야코지마구", "मियाकोजिमा", "都島區", "都岛区", 34.7096, 135.5283, 6.08],
  ["271039", "福島区", "ふくしまく", "Fukushima", "후쿠시마구", "फुकुशिमा", "福島區", "福岛区", 34.6920, 135.4782, 4.67],
  ["271047", "此花区", "このはなく", "Konohana", "고노하나구", "कोनोहाना", "此花區", "此花区", 34.6830, 135.4410, 19.25],
  ["271063", "西区", "にしく", "Nishi", "니시구", "निशि", "西區", "西区", 34.6760, 135.4860, 5.21],
  ["271071", "港区", "みなとく", "Minato", "미나토구", "मिनातो", "港區", "港区", 34.6630, 135.4620, 7.86],
  ["271080", "大正区", "たいしょうく", "Taisho", "다이쇼구", "ताइशो", "大正區", "大正区", 34.6400, 135.4720, 9.43],
  ["271098", "天王寺区", "てんのうじく", "Tennoji", "덴노지구", "तेन्नोजी", "天王寺區", "天王寺区", 34.6650, 135.5190, 4.84],
  ["271110", "浪速区", "なにわく", "Naniwa", "나니와구", "नानिवा", "浪速區", "浪速区", 34.6590, 135.4960, 4.39],
  ["271136", "西淀川区", "にしよどがわく", "Nishiyodogawa", "니시요도가와구", "निशियोदोगावा", "西淀川區", "西淀川区", 34.7110, 135.4520, 14.22],
  ["271144", "東淀川区", "ひがしよどがわく", "Higashiyodogawa", "히가시요도가와구", "हिगाशियोदोगावा", "東淀川區", "东淀川区", 34.7410, 135.5290, 13.27],
  ["271152", "東成区", "ひがしなりく", "Higashinari", "히가시나리구", "हिगाशिनारी", "東成區", "东成区", 34.6700, 135.5380, 4.54],
  ["271161", "生野区", "いくのく", "Ikuno", "이쿠노구", "इकुनो", "生野區", "生野区", 34.6530, 135.5340, 8.37],
  ["271179", "旭区", "あさひく", "Asahi", "아사히구", "आसाही", "旭區", "旭区", 34.7220, 135.5440, 6.32],
  ["271187", "城東区", "じょうとうく", "Joto", "조토구", "जोतो", "城東區", "城东区", 34.6990, 135.5450, 8.38],
  ["271195", "阿倍野区", "あべのく", "Abeno", "아베노구", "आबेनो", "阿倍野區", "阿倍野区", 34.6340, 135.5130, 5.98],
  ["271209", "住吉区", "すみよしく", "Sumiyoshi", "스미요시구", "सुमियोशी", "住吉區", "住吉区", 34.6040, 135.5000, 9.40],
  ["271217", "東住吉区", "ひがしすみよしく", "Higashisumiyoshi", "히가시스미요시구", "हिगाशिसुमियोशी", "東住吉區", "东住吉区", 34.6210, 135.5270, 9.75],
  ["271225", "西成区", "にしなりく", "Nishinari", "니시나리구", "निशिनारी", "西成區", "西成区", 34.6360, 135.4930, 7.37],
  ["271233", "淀川区", "よどがわく", "Yodogawa", "요도가와구", "योदोगावा", "淀川區", "淀川区", 34.7250, 135.4840, 12.64],
  ["271241", "鶴見区", "つるみく", "Tsurumi", "쓰루미구", "त्सुरुमी", "鶴見區", "鹤见区", 34.7050, 135.5740, 8.17],
  ["271250", "住之江区", "すみのえく", "Suminoe", "스미노에구", "सुमिनोए", "住之江區", "住之江区", 34.6100, 135.4620, 20.61],
  ["271268", "平野区", "ひらのく", "Hirano", "히라노구", "हिरानो", "平野區", "平野区", 34.6200, 135.5580, 15.28],
  ["271276", "北区", "きたく", "Kita", "기타구", "किता", "北區", "北区", 34.7060, 135.5100, 10.34],
  ["271284", "中央区", "ちゅうおうく", "Chuo", "주오구", "चुओ", "中央區", "中央区", 34.6810, 135.5150, 8.87],
];

export const WARDS: readonly Ward[] = ROWS.map(([code, ja, reading, romaji, ko, ne, zhHant, zhHans, lat, lon, areaKm2]) => ({
  code,
  reading,
  names: {
    ja,
    en: `${romaji} Ward`,
    "zh-Hans": zhHans,
    "zh-Hant": zhHant,
    ko,
    vi: `quận ${romaji}`,
    ne: `${ne} वार्ड`,
    tl: `Ward ng ${romaji}`,
    pt: `distrito de ${romaji}`,
    es: `distrito de ${romaji}`,
  },
  lat,
  lon,
  areaKm2,
}));

export const WARD_CODES: readonly string[] = WARDS.map((w) => w.code);
const BY_CODE = new Map(WARDS.map((w) => [w.code, w]));

export function wardByCode(code: string): Ward | undefined {
  return BY_CODE.get(code);
}

export function isWardCode(code: unknown): code is string {
  return typeof code === "string" && BY_CODE.has(code);
}

/** The ward's name in a language; やさしい日本語 adds the reading: 「北区（きたく）」. */
export function wardName(ward: Ward, language: AlertLanguage): string {
  if (language === "ja-x-easy") return `${ward.names.ja}（${ward.reading}）`;
  return ward.names[language];
}

/** "All of Osaka City" in each language, used when an alert covers all 24 wards. */
export const WHOLE_CITY: Record<AlertLanguage, string> = {
  ja: "大阪市全域",
  "ja-x-easy": "大阪市（おおさかし）の ぜんぶ",
  en: "all of Osaka City",
  "zh-Hans": "大阪市全境",
  "zh-Hant": "大阪市全境",
  ko: "오사카시 전역",
  vi: "toàn thành phố Osaka",
  ne: "सम्पूर्ण ओसाका सहर",
  tl: "buong Lungsod ng Osaka",
  pt: "toda a cidade de Osaka",
  es: "toda la ciudad de Osaka",
};

const LIST_SEPARATOR: Record<AlertLanguage, string> = {
  ja: "、",
  "ja-x-easy": "、",
  en: ", ",
  "zh-Hans": "、",
  "zh-Hant": "、",
  ko: ", ",
  vi: ", ",
  ne: ", ",
  tl: ", ",
  pt: ", ",
  es: ", ",
};

/** Ward names joined the way each language lists them; all 24 wards read as the whole city. */
export function wardListText(codes: readonly string[], language: AlertLanguage): string {
  const unique = [...new Set(codes)];
  if (WARD_CODES.every((code) => unique.includes(code))) return WHOLE_CITY[language];
  return WARD_CODES.filter((code) => unique.includes(code))
    .map((code) => wardName(BY_CODE.get(code)!, language))
    .join(LIST_SEPARATOR[language]);
}

/** The radius in metres of a disc with the ward's area (the approximation described above). */
export function wardRadiusMetres(ward: Ward): number {
  return Math.sqrt((ward.areaKm2 * 1_000_000) / Math.PI);
}
