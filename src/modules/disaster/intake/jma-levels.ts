/**
 * One number per JMA item, for the city's alert rules ("震度5弱以上", "警報以上"), computed from what
 * is in force in the areas that concern Osaka City (not the message's maximum elsewhere):
 *
 *   震度 (seismic kinds)            震度1 → 1 … 震度4 → 4, 5弱 → 5, 5強 → 6, 6弱 → 7, 6強 → 8, 7 → 9
 *   津波 (tsunami kinds)            津波予報 → 0, 津波注意報 → 1, 津波警報 → 2, 大津波警報 → 3
 *   気象 (weather-warning…)         注意報 → 1, 警報 → 2, 特別警報 → 3
 *   土砂災害警戒情報                 4 (警戒レベル4相当)
 *   記録的短時間大雨情報, 竜巻注意情報 2;  指定河川洪水予報: 氾濫注意 1, 警戒 3, 危険 4, 発生 5
 *   anything else that concerns the city: 1
 *
 * Lifted items (解除) count 0. The wards are those named; a city-level or containing area means all 24.
 */
import type { JmaSummary } from "../jma/parse-jma.ts";
import type { OsakaCityConcern } from "../jma/osaka-city.ts";
import { WARDS, wardOfJmaArea } from "../wards.ts";

const INTENSITY: Record<string, number> = { 震度1: 1, 震度2: 2, 震度3: 3, 震度4: 4, 震度5弱: 5, 震度5強: 6, 震度6弱: 7, 震度6強: 8, 震度7: 9 };

export function levelOfText(kind: string, text: string): number {
  const normalised = text.normalize("NFKC");
  if (kind === "seismic-intensity-flash" || kind === "earthquake-info" || kind === "hypocenter") {
    return INTENSITY[normalised.replace(/\s/g, "")] ?? 0;
  }
  if (kind === "tsunami-warning" || kind === "tsunami-info") {
    if (/解除/.test(normalised) && !/発表/.test(normalised)) return 0;
    if (normalised.includes("大津波警報")) return 3;
    if (normalised.includes("津波警報")) return 2;
    if (normalised.includes("津波注意報")) return 1;
    return 0;
  }
  if (kind === "landslide-alert") return /解除/.test(normalised) ? 0 : 4;
  if (kind === "flood-forecast" || kind === "river-level-info") {
    if (normalised.includes("氾濫発生")) return 5;
    if (normalised.includes("氾濫危険")) return 4;
    if (normalised.includes("氾濫警戒")) return 3;
    if (normalised.includes("氾濫注意")) return 1;
    return 0;
  }
  if (kind === "heavy-rain-record" || kind === "tornado-alert") return 2;
  if (normalised.includes("特別警報")) return 3;
  if (normalised.includes("警報")) return 2;
  if (normalised.includes("注意報")) return 1;
  return 0;
}

export type CityImpact = { level: number; wards: string[]; levelLabel: string };

/** The level and wards of an item for Osaka City (level 0 and no wards when it does not concern the city). */
export function cityImpact(summary: JmaSummary, concern: OsakaCityConcern): CityImpact {
  if (!concern.concerns) return { level: 0, wards: [], levelLabel: "" };
  let level = 0;
  let levelLabel = "";
  const wards = new Set<string>();
  for (const { area, reason } of concern.matches) {
    if (reason === "ward") {
      const ward = wardOfJmaArea(area);
      if (ward) wards.add(ward.code);
    } else {
      for (const ward of WARDS) wards.add(ward.code);
    }
    for (const text of area.levels) {
      const value = levelOfText(summary.kind, text);
      if (value > level) {
        level = value;
        levelLabel = text;
      }
    }
  }
  // A message that concerns the city but names nothing we can rank (e.g. 竜巻注意情報 for 大阪府) still matters.
  if (level === 0 && concern.matches.some((m) => m.area.levels.length > 0) && summary.kind !== "tsunami-warning" && summary.kind !== "tsunami-info") {
    level = summary.kind === "heavy-rain-record" || summary.kind === "tornado-alert" ? 2 : 1;
    levelLabel = concern.matches.find((m) => m.area.levels.length > 0)?.area.levels[0] ?? "";
  }
  return { level, wards: WARDS.map((w) => w.code).filter((code) => wards.has(code)), levelLabel };
}
