/**
 * Does a JMA message concern 大阪市 (Osaka City) or one of its 24 wards?
 *
 * JMA uses several area code lists and their codes overlap (seismic 細分区域 "520" is 大阪府北部 while
 * tsunami 予報区 "520" is 兵庫県北部), so an area is only ever compared within its own `kind`.
 * Code lists used (checked against the JMA samples in shared/fixtures/disaster/jma/):
 *
 *  - 市町村等 (weather warnings, landslide, volcano, seismic City, flood 浸水想定地区): 7 digits =
 *    全国地方公共団体コード without check digit + "00". 大阪市 = 2710000; wards 27102xx…27128xx
 *    (都島区 27102 … 中央区 27128; 堺市 27141… is *not* Osaka City). Stable: matched by code or name.
 *  - Ward names as JMA writes them: 「大阪此花区」 (seismic) or 「大阪市此花区」.
 *  - 府県予報区 大阪府 = 270000 (VPOA50 sample). 一次細分区域 / 市町村等をまとめた地域 are matched by
 *    name (大阪府 / 大阪市) with a code starting "27".
 *  - 地震情報／都道府県等 大阪府 = 27; 地震情報／細分区域 大阪府北部 = 520 in the samples (大阪府南部 = 521,
 *    which does not contain the city). Matched by name: these lists were renumbered before.
 *  - 津波予報区 大阪府 = 510 in the samples (530 is 和歌山県). Matched by name.
 *  - 震央地名 (epicentre): any name starting 「大阪」 (大阪府北部, 大阪府南部, 大阪湾).
 *
 * An area that merely contains the city (大阪府, 大阪府北部) decides only when the message has no
 * municipality-level areas at all: a weather warning for 大阪府 that lists municipalities concerns the
 * city only if 大阪市 itself is listed; a 震度速報 that stops at 大阪府北部 concerns it.
 */
import type { JmaArea } from "./areas.ts";
import type { JmaSummary } from "./parse-jma.ts";

export type OsakaMatchReason = "city" | "ward" | "containing-area" | "epicenter";

export type OsakaCityMatch = { area: JmaArea; reason: OsakaMatchReason };

export type OsakaCityConcern = {
  concerns: boolean;
  /** The areas that decide `concerns`: the city, its wards, the epicentre, or containing areas when nothing finer is given. */
  matches: OsakaCityMatch[];
};

/** The 24 wards of Osaka City with the first five digits of their 全国地方公共団体コード. */
export const OSAKA_CITY_WARDS: ReadonlyArray<{ name: string; code5: string }> = [
  { name: "都島区", code5: "27102" }, { name: "福島区", code5: "27103" }, { name: "此花区", code5: "27104" },
  { name: "西区", code5: "27106" }, { name: "港区", code5: "27107" }, { name: "大正区", code5: "27108" },
  { name: "天王寺区", code5: "27109" }, { name: "浪速区", code5: "27111" }, { name: "西淀川区", code5: "27113" },
  { name: "東淀川区", code5: "27114" }, { name: "東成区", code5: "27115" }, { name: "生野区", code5: "27116" },
  { name: "旭区", code5: "27117" }, { name: "城東区", code5: "27118" }, { name: "阿倍野区", code5: "27119" },
  { name: "住吉区", code5: "27120" }, { name: "東住吉区", code5: "27121" }, { name: "西成区", code5: "27122" },
  { name: "淀川区", code5: "27123" }, { name: "鶴見区", code5: "27124" }, { name: "住之江区", code5: "27125" },
  { name: "平野区", code5: "27126" }, { name: "北区", code5: "27127" }, { name: "中央区", code5: "27128" },
];

const OSAKA_CITY_CODE = "2710000";
const WARD_CODE5 = new Set(OSAKA_CITY_WARDS.map((w) => w.code5));
const WARD_NAMES = new Set(OSAKA_CITY_WARDS.flatMap((w) => [`大阪${w.name}`, `大阪市${w.name}`]));
const MUNICIPAL_KINDS = new Set(["municipality", "inundation-municipality"]);
const WEATHER_AREA_KINDS = new Set(["prefecture", "issuing-area", "primary-subdivision", "municipality-group", "forecast-area"]);

/** Whether the message concerns Osaka City, with the areas that say so. */
export function concernsOsakaCity(summary: Pick<JmaSummary, "areas">): OsakaCityConcern {
  const hasMunicipalAreas = summary.areas.some((area) => MUNICIPAL_KINDS.has(area.kind));
  const matches: OsakaCityMatch[] = [];
  for (const area of summary.areas) {
    const reason = osakaReason(area);
    if (reason === undefined) continue;
    if (reason === "containing-area" && hasMunicipalAreas) continue;
    matches.push({ area, reason });
  }
  return { concerns: matches.length > 0, matches };
}

/** Why one area concerns Osaka City, if it does (ignoring the rest of the message). */
export function osakaReason(area: JmaArea): OsakaMatchReason | undefined {
  const { name, code, kind } = area;
  if (kind === "epicenter") return name.startsWith("大阪") ? "epicenter" : undefined;
  if (MUNICIPAL_KINDS.has(kind)) {
    if (code === OSAKA_CITY_CODE || name === "大阪市") return "city";
    if ((/^\d{7}$/.test(code) && WARD_CODE5.has(code.slice(0, 5))) || WARD_NAMES.has(name)) return "ward";
    return undefined;
  }
  if (WEATHER_AREA_KINDS.has(kind)) {
    const osakaCode = code === "" || code.startsWith("27");
    if (name === "大阪市" && osakaCode) return "city";
    if ((name === "大阪府" && osakaCode) || ((kind === "prefecture" || kind === "issuing-area") && code === "270000")) return "containing-area";
    return undefined;
  }
  if (kind === "seismic-prefecture") return name === "大阪府" ? "containing-area" : undefined;
  if (kind === "seismic-area") return name === "大阪府北部" ? "containing-area" : undefined;
  if (kind === "tsunami-forecast-area") return name === "大阪府" ? "containing-area" : undefined;
  // Unknown area systems: only unambiguous names.
  if (name === "大阪市") return "city";
  if (WARD_NAMES.has(name)) return "ward";
  return undefined;
}
