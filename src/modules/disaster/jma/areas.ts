/**
 * Area extraction from JMA 防災情報XML bodies. Three shapes cover every message type we know:
 *  - "info blocks": <Warning>, <VolcanoInfo> (Body) and <Information> (Head/Headline), each a list of
 *    <Item> with one or more <Kind> and an <Area> or <Areas><Area>…;
 *  - seismic intensity: Body/Intensity/Observation/Pref/Area/City with <MaxInt>;
 *  - tsunami forecasts: Body/Tsunami/Forecast/Item with <Area> and <Category>.
 */
import { all, at, child, children, textAt, type XmlElement } from "../xml/xml-tree.ts";

export type JmaArea = {
  name: string;
  /** The message's own code for the area ("" when it gives none). Code lists differ per `kind`. */
  code: string;
  /**
   * Which area system the name and code belong to: "prefecture", "issuing-area", "primary-subdivision",
   * "municipality-group", "municipality" (市町村等, 7 digits), "forecast-area", "river", "river-section",
   * "inundation-municipality", "volcano", "seismic-prefecture", "seismic-area", "epicenter",
   * "tsunami-forecast-area", or the message's own Japanese type when unknown.
   */
  kind: string;
  /** What is in force for the area: warning/advisory names, 震度 ("震度5弱"), tsunami category, volcanic alert level… */
  levels: string[];
  /** What this message lifts (解除) for the area, when anything. */
  lifted?: string[];
  /** Tsunami: expected first arrival (time or JMA condition text such as 津波到達中と推測). */
  arrival?: string;
  /** Tsunami: expected maximum height as JMA describes it ("１０ｍ超", "巨大"…). */
  maxHeight?: string;
};

/** Area systems named in the （…） suffix of an Information/Warning/VolcanoInfo `type`. */
const KIND_BY_TYPE_SUFFIX: Record<string, string> = {
  府県予報区等: "prefecture",
  発表細分: "issuing-area",
  一次細分区域等: "primary-subdivision",
  市町村等をまとめた地域等: "municipality-group",
  市町村等: "municipality",
  対象火山: "volcano",
  対象市町村等: "municipality",
  対象市町村の防災対応等: "municipality",
  予報区域: "river-section",
  発表区間: "river-section",
  河川: "river",
  浸水想定地区: "inundation-area",
};

/** Area systems by `codeType` attribute. */
const KIND_BY_CODE_TYPE: Record<string, string> = {
  火山名: "volcano",
  "気象・地震・火山情報／市町村等": "municipality",
  "気象情報／府県予報区・細分区域等": "forecast-area",
  河川: "river",
  津波予報区: "tsunami-forecast-area",
  "地震情報／細分区域": "seismic-area",
  "地震情報／都道府県等": "seismic-prefecture",
  水位観測所: "water-level-station",
};

/** Blocks that only regroup the areas of the other blocks (per warning kind): skipped. */
const REPEATING_BLOCK_SUFFIXES = new Set(["警報注意報種別毎"]);

/** Kind statuses that mean "nothing in force" (the area is listed only for completeness). */
const NOTHING = new Set(["なし", "発表警報・注意報はなし"]);

/**
 * Areas of info blocks. `newStateKinds`: for volcanic messages <Kind> is the new state even when its
 * condition is 解除 (then <LastKind> is what was lifted); for weather messages a 解除 <Kind> names the
 * warning being lifted.
 */
export function infoBlockAreas(blocks: XmlElement[], options: { newStateKinds?: boolean } = {}): JmaArea[] {
  const areas: JmaArea[] = [];
  for (const block of blocks) {
    const blockType = block.attributes.type ?? "";
    if (REPEATING_BLOCK_SUFFIXES.has(typeSuffix(blockType) ?? "")) continue;
    const blockKind = kindFromType(blockType);
    for (const item of children(block, "Item")) {
      const levels: string[] = [];
      const lifted: string[] = [];
      for (const kind of children(item, "Kind")) {
        const name = textAt(kind, "Name") ?? "";
        const status = textAt(kind, "Status") || textAt(kind, "Condition") || "";
        if (name === "" || NOTHING.has(name) || NOTHING.has(status)) continue;
        if (options.newStateKinds) {
          levels.push(name);
          if (status === "解除") lifted.push(...children(item, "LastKind").map((k) => textAt(k, "Name") ?? "").filter(Boolean));
        } else if (status === "解除") {
          // 土砂災害警戒情報 names the lifting itself "解除": say what was lifted instead.
          lifted.push(name === "解除" && blockType !== "" ? blockType : name);
        } else {
          levels.push(name);
        }
      }
      if (levels.length === 0 && lifted.length === 0) continue;
      const areaGroups = children(item, "Areas");
      const listed: Array<{ area: XmlElement; codeType: string | undefined }> = [
        ...children(item, "Area").map((area) => ({ area, codeType: area.attributes.codeType })),
        ...areaGroups.flatMap((group) =>
          children(group, "Area").map((area) => ({ area, codeType: area.attributes.codeType ?? group.attributes.codeType })),
        ),
      ];
      for (const { area, codeType } of listed) {
        const name = textAt(area, "Name") ?? "";
        const code = textAt(area, "Code") ?? "";
        if (name === "" && code === "") continue;
        const kind = blockKind ?? kindFromCodeType(codeType) ?? kindFromCode(code);
        const entry: JmaArea = { name, code, kind, levels: [...levels] };
        if (lifted.length > 0) entry.lifted = [...lifted];
        areas.push(entry);
      }
    }
  }
  return mergeAreas(areas);
}

/**
 * Municipalities in 浸水想定地区 lists of flood messages (<Area> with <City>/<CityCode>), with the given
 * levels (the message's main flood level, e.g. 氾濫警戒情報).
 */
export function inundationAreas(body: XmlElement | undefined, levels: string[]): JmaArea[] {
  const areas: JmaArea[] = [];
  for (const item of all(body, "Warning", "Item")) {
    for (const area of all(item, "Areas", "Area")) {
      const name = textAt(area, "City");
      const code = textAt(area, "CityCode");
      if (!name || code === undefined) continue;
      areas.push({ name, code, kind: "inundation-municipality", levels: [...levels] });
    }
  }
  return mergeAreas(areas);
}

/** Pref / Area / City of Body/Intensity/Observation, each with its maximum 震度. Stations are left out. */
export function intensityAreas(body: XmlElement | undefined): JmaArea[] {
  const areas: JmaArea[] = [];
  const push = (element: XmlElement, kind: string) => {
    const maxInt = textAt(element, "MaxInt");
    const condition = textAt(element, "Condition");
    const level = maxInt ? intensityLabel(maxInt) : condition;
    areas.push({
      name: textAt(element, "Name") ?? "",
      code: textAt(element, "Code") ?? "",
      kind,
      levels: level ? [level] : [],
    });
  };
  for (const pref of all(body, "Intensity", "Observation", "Pref")) {
    push(pref, "seismic-prefecture");
    for (const area of children(pref, "Area")) {
      push(area, "seismic-area");
      for (const city of children(area, "City")) push(city, "municipality");
    }
  }
  return mergeAreas(areas);
}

/** Tsunami forecast areas (津波予報区) with their category, arrival and maximum height. */
export function tsunamiAreas(body: XmlElement | undefined): JmaArea[] {
  const areas: JmaArea[] = [];
  for (const item of all(body, "Tsunami", "Forecast", "Item")) {
    const kindName = textAt(item, "Category", "Kind", "Name") ?? "";
    const lastName = textAt(item, "Category", "LastKind", "Name") ?? "";
    const entry: JmaArea = { name: textAt(item, "Area", "Name") ?? "", code: textAt(item, "Area", "Code") ?? "", kind: "tsunami-forecast-area", levels: [] };
    if (kindName.includes("解除")) {
      entry.lifted = [lastName && lastName !== "津波なし" ? lastName : kindName];
    } else if (kindName !== "" && kindName !== "津波なし") {
      entry.levels.push(kindName);
    }
    const firstHeight = child(item, "FirstHeight");
    const arrival = textAt(firstHeight, "ArrivalTime") || textAt(firstHeight, "Condition");
    if (arrival) entry.arrival = arrival;
    const height = at(item, "MaxHeight", "TsunamiHeight");
    const heightText = height?.attributes.description || (height && height.text.trim() !== "NaN" ? `${height.text.trim()}${height.attributes.unit ?? ""}` : "");
    if (heightText) entry.maxHeight = heightText;
    if (entry.levels.length > 0 || entry.lifted !== undefined) areas.push(entry);
  }
  return mergeAreas(areas);
}

/** "5-" → "震度5弱", "6+" → "震度6強", "3" → "震度3". Unknown codes are kept as they are. */
export function intensityLabel(code: string): string {
  const m = /^([1-7])([+-]?)$/.exec(code.trim());
  if (m === null) return code.trim();
  return `震度${m[1]}${m[2] === "-" ? "弱" : m[2] === "+" ? "強" : ""}`;
}

/** Same kind + code + name listed several times (per warning kind, per station…) → one area, levels merged. */
export function mergeAreas(areas: JmaArea[]): JmaArea[] {
  const byKey = new Map<string, JmaArea>();
  for (const area of areas) {
    const key = `${area.kind}\u0000${area.code}\u0000${area.name}`;
    const existing = byKey.get(key);
    if (existing === undefined) {
      byKey.set(key, { ...area, levels: [...area.levels], ...(area.lifted ? { lifted: [...area.lifted] } : {}) });
      continue;
    }
    for (const level of area.levels) if (!existing.levels.includes(level)) existing.levels.push(level);
    for (const level of area.lifted ?? []) {
      existing.lifted ??= [];
      if (!existing.lifted.includes(level)) existing.lifted.push(level);
    }
    existing.arrival ??= area.arrival;
    existing.maxHeight ??= area.maxHeight;
  }
  return [...byKey.values()];
}

function typeSuffix(type: string): string | undefined {
  return /（([^（）]+)）\s*$/.exec(type)?.[1];
}

function kindFromType(type: string): string | undefined {
  const suffix = typeSuffix(type);
  return suffix === undefined ? undefined : KIND_BY_TYPE_SUFFIX[suffix];
}

function kindFromCodeType(codeType: string | undefined): string | undefined {
  if (codeType === undefined) return undefined;
  return KIND_BY_CODE_TYPE[codeType] ?? (codeType.includes("（予報区域）") || codeType.includes("（発表区間）") ? "river-section" : undefined);
}

function kindFromCode(code: string): string {
  if (/^\d{7}$/.test(code)) return "municipality";
  if (/^\d{6}$/.test(code)) return "forecast-area";
  return "area";
}
