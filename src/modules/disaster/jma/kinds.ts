/**
 * Stable English keys for JMA 防災情報XML message types, decided by Control/Title (the info type
 * name, which JMA keeps fixed per message type; Head/Title varies per area and event).
 */

export type JmaKind =
  | "weather-warning"
  | "special-warning-notice"
  | "landslide-alert"
  | "flood-forecast"
  | "river-level-info"
  | "heavy-rain-record"
  | "tornado-alert"
  | "weather-info"
  | "seismic-intensity-flash"
  | "hypocenter"
  | "earthquake-info"
  | "tsunami-warning"
  | "tsunami-info"
  | "volcano-warning"
  | "eruption-flash"
  | "typhoon-info"
  | "unknown";

type KindRule = { kind: JmaKind; matches: (controlTitle: string) => boolean; example: string };

const is = (title: string) => (t: string) => t === title;
const startsWith = (prefix: string) => (t: string) => t.startsWith(prefix);

/** Checked in order. `example` is the Control/Title of a fixture (or the JMA name) the rule was written for. */
const KIND_RULES: KindRule[] = [
  { kind: "special-warning-notice", matches: is("気象特別警報報知"), example: "気象特別警報報知 (VPNO50)" },
  { kind: "weather-warning", matches: startsWith("気象特別警報・警報・注意報"), example: "気象特別警報・警報・注意報 (VPWW53)" },
  // VPWW54 「気象警報・注意報（Ｈ２７）」 and the R06 split formats VPWW55–57 「気象警報・注意報（Ｒ０６）（大雨）」…
  { kind: "weather-warning", matches: startsWith("気象警報・注意報"), example: "気象警報・注意報（Ｈ２７）, 気象警報・注意報（Ｒ０６）（大雨）" },
  { kind: "landslide-alert", matches: is("土砂災害警戒情報"), example: "土砂災害警戒情報 (VXWW50)" },
  { kind: "flood-forecast", matches: is("指定河川洪水予報"), example: "指定河川洪水予報 (VXKOii)" },
  { kind: "river-level-info", matches: is("水位周知河川に関する情報"), example: "水位周知河川に関する情報 (VXSUii)" },
  { kind: "heavy-rain-record", matches: is("記録的短時間大雨情報"), example: "記録的短時間大雨情報 (VPOA50)" },
  { kind: "tornado-alert", matches: startsWith("竜巻注意情報"), example: "竜巻注意情報, 竜巻注意情報（目撃情報付き） (VPHW50/51)" },
  { kind: "weather-info", matches: (t) => t === "地方気象情報" || t === "府県気象情報" || t === "全般気象情報", example: "地方気象情報 (VPCJ50)" },
  { kind: "seismic-intensity-flash", matches: is("震度速報"), example: "震度速報 (VXSE51)" },
  { kind: "hypocenter", matches: is("震源に関する情報"), example: "震源に関する情報 (VXSE52)" },
  { kind: "earthquake-info", matches: is("震源・震度に関する情報"), example: "震源・震度に関する情報 (VXSE53)" },
  // Control/Title of the tsunami messages carries a trailing "a" in the current samples: 「津波警報・注意報・予報a」.
  { kind: "tsunami-warning", matches: startsWith("津波警報・注意報・予報"), example: "津波警報・注意報・予報a (VTSE41)" },
  { kind: "tsunami-info", matches: startsWith("津波情報"), example: "津波情報a (VTSE51)" },
  { kind: "volcano-warning", matches: is("噴火警報・予報"), example: "噴火警報・予報 (VFVO50)" },
  { kind: "eruption-flash", matches: is("噴火速報"), example: "噴火速報 (VFVO56)" },
  { kind: "typhoon-info", matches: startsWith("全般台風情報"), example: "全般台風情報 (VPTI50)" },
  { kind: "typhoon-info", matches: startsWith("台風解析・予報情報"), example: "台風解析・予報情報（５日予報）（Ｈ３０） (VPTW60)" },
];

/** The kind for a Control/Title, or "unknown" (the summary keeps the Control/Title for those). */
export function jmaKindOf(controlTitle: string): JmaKind {
  const title = controlTitle.trim();
  return KIND_RULES.find((rule) => rule.matches(title))?.kind ?? "unknown";
}
