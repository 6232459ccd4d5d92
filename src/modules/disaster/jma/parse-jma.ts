/**
 * Reads one JMA 防災情報XML message into a small JSON summary: what kind of message, its own title,
 * times, headline and the areas it speaks about with what is in force there.
 *
 * @example
 *   const summary = parseJma(xml);
 *   summary.kind;   // "heavy-rain-record"
 *   summary.title;  // "大阪府記録的短時間大雨情報" (Head/Title, exactly)
 *   summary.areas;  // [{ name: "大阪府", code: "270000", kind: "issuing-area", levels: ["記録的短時間大雨情報"] }]
 */
import { AppError } from "../../../core/http/errors.ts";
import { parseXmlSafely, type SafeXmlOptions } from "../xml/safe-parse.ts";
import { all, at, child, children, descendants, textAt, type XmlElement } from "../xml/xml-tree.ts";
import { infoBlockAreas, inundationAreas, intensityAreas, intensityLabel, mergeAreas, tsunamiAreas, type JmaArea } from "./areas.ts";
import { jmaKindOf, type JmaKind } from "./kinds.ts";

export type { JmaArea } from "./areas.ts";
export type { JmaKind } from "./kinds.ts";

export type JmaEarthquake = {
  originTime?: string;
  /** 震央地名 (epicentre region) with its code, and JMA's coordinate string "+34.8+138.5-20000/". */
  hypocenter?: { name: string; code: string; coordinate?: string; description?: string };
  /** Magnitude value as given ("6.6"; "NaN" when unknown) and its description ("Ｍ６．６"). */
  magnitude?: { value: string; description?: string };
  /** Highest 震度 observed, e.g. "震度6弱". */
  maxIntensity?: string;
};

export type JmaTyphoon = {
  name?: string;
  number?: string;
  remark?: string;
  /** 熱帯擾乱種類 e.g. "台風(TS)", "熱帯低気圧(TD)". */
  class?: string;
  location?: string;
  coordinate?: string;
  pressureHpa?: string;
  maxWindMs?: string;
};

export type JmaSummary = {
  kind: JmaKind;
  /** Control/Title: the message type's name (kept for every kind, the key to "unknown" ones). */
  controlTitle: string;
  /** Head/Title, exactly as in the message. */
  title: string;
  /** Control/Status: 通常 (real), 訓練 (drill), 試験 (test). */
  status: string;
  /** Head/ReportDateTime. */
  reportTime: string;
  targetTime?: string;
  validTime?: string;
  eventId?: string;
  /** Head/InfoType: 発表, 訂正, 遅延 or 取消 (cancellation: then there are no areas). */
  infoType?: string;
  infoKind?: string;
  serial?: string;
  editorialOffice?: string;
  publishingOffice?: string;
  /** Head/Headline/Text, trimmed. */
  headline: string;
  areas: JmaArea[];
  earthquake?: JmaEarthquake;
  typhoon?: JmaTyphoon;
  /** Free text of the body, when that is all the message has (地方気象情報, 全般台風情報, cancellations). */
  text?: string;
};

const OPTIONAL_TEXT_FIELDS = ["infoType", "targetTime", "validTime", "eventId", "serial", "infoKind", "editorialOffice", "publishingOffice"] as const;

/** The document is XML but not a JMA report. */
export class JmaFormatError extends AppError {
  constructor(message: string) {
    super("invalid_input", "jma.not_a_report", { message });
    this.message = message;
    this.name = "JmaFormatError";
  }
}

/**
 * Summarises a JMA 防災情報XML message. Throws XmlInputError (hostile or malformed XML) or
 * JmaFormatError (not a <Report>); any <Report> gives a summary, kind "unknown" for types we do not know.
 */
export function parseJma(xml: string, options: SafeXmlOptions = {}): JmaSummary {
  const report = parseXmlSafely(xml, options);
  if (report.name !== "Report") {
    throw new JmaFormatError(`Not a JMA 防災情報XML message: the root element is <${report.name}>, not <Report>.`);
  }
  const control = child(report, "Control");
  const head = child(report, "Head");
  const body = child(report, "Body");
  const controlTitle = textAt(control, "Title") ?? "";
  const kind = jmaKindOf(controlTitle);

  const summary: JmaSummary = {
    kind,
    controlTitle,
    title: at(head, "Title")?.text ?? "",
    status: textAt(control, "Status") ?? "",
    infoType: textAt(head, "InfoType"),
    reportTime: textAt(head, "ReportDateTime") ?? "",
    targetTime: textAt(head, "TargetDateTime"),
    validTime: textAt(head, "ValidDateTime"),
    eventId: textAt(head, "EventID"),
    serial: textAt(head, "Serial"),
    infoKind: textAt(head, "InfoKind"),
    editorialOffice: textAt(control, "EditorialOffice"),
    publishingOffice: textAt(control, "PublishingOffice"),
    headline: textAt(head, "Headline", "Text") ?? "",
    areas: [],
  };
  for (const key of OPTIONAL_TEXT_FIELDS) if (!summary[key]) delete summary[key];

  const headlineBlocks = all(head, "Headline", "Information");
  switch (kind) {
    case "seismic-intensity-flash":
    case "hypocenter":
    case "earthquake-info":
    case "tsunami-warning":
    case "tsunami-info": {
      const earthquake = readEarthquake(body);
      if (earthquake !== undefined) summary.earthquake = earthquake;
      const epicentre: JmaArea[] = earthquake?.hypocenter
        ? [{ name: earthquake.hypocenter.name, code: earthquake.hypocenter.code, kind: "epicenter", levels: [] }]
        : [];
      const observed = kind.startsWith("tsunami") ? tsunamiAreas(body) : intensityAreas(body);
      summary.areas = mergeAreas([...observed, ...epicentre]);
      if (summary.areas.length === 0) summary.areas = infoBlockAreas(headlineBlocks);
      break;
    }
    case "flood-forecast":
    case "river-level-info": {
      const announced = infoBlockAreas(headlineBlocks);
      const levels = [...new Set(announced.flatMap((area) => area.levels))];
      summary.areas = mergeAreas([...announced, ...inundationAreas(body, levels)]);
      break;
    }
    case "volcano-warning":
    case "eruption-flash":
      summary.areas = infoBlockAreas(children(body, "VolcanoInfo"), { newStateKinds: true });
      if (summary.areas.length === 0) summary.areas = infoBlockAreas(headlineBlocks, { newStateKinds: true });
      break;
    default: {
      summary.areas = infoBlockAreas([...children(body, "Warning"), ...children(body, "VolcanoInfo")], { newStateKinds: false });
      if (summary.areas.length === 0) summary.areas = infoBlockAreas(headlineBlocks);
      if (kind === "typhoon-info") {
        const typhoon = readTyphoon(body);
        if (typhoon !== undefined) summary.typhoon = typhoon;
      }
    }
  }

  const text = bodyText(body);
  if (text) summary.text = text;
  return summary;
}

function readEarthquake(body: XmlElement | undefined): JmaEarthquake | undefined {
  const earthquake: JmaEarthquake = {};
  const quake = child(body, "Earthquake");
  if (quake !== undefined) {
    setIfPresent(earthquake, "originTime", textAt(quake, "OriginTime"));
    const area = at(quake, "Hypocenter", "Area");
    if (area !== undefined) {
      const hypocenter: NonNullable<JmaEarthquake["hypocenter"]> = { name: textAt(area, "Name") ?? "", code: textAt(area, "Code") ?? "" };
      const coordinate = child(area, "Coordinate");
      setIfPresent(hypocenter, "coordinate", coordinate?.text.trim());
      setIfPresent(hypocenter, "description", coordinate?.attributes.description);
      earthquake.hypocenter = hypocenter;
    }
    const magnitude = child(quake, "Magnitude");
    if (magnitude !== undefined) {
      earthquake.magnitude = { value: magnitude.text.trim() };
      setIfPresent(earthquake.magnitude, "description", magnitude.attributes.description);
    }
  }
  const maxInt = textAt(body, "Intensity", "Observation", "MaxInt");
  if (maxInt) earthquake.maxIntensity = intensityLabel(maxInt);
  return Object.keys(earthquake).length > 0 ? earthquake : undefined;
}

/** The current (実況) position and strength from 台風解析・予報情報. */
function readTyphoon(body: XmlElement | undefined): JmaTyphoon | undefined {
  const infos = all(body, "MeteorologicalInfos", "MeteorologicalInfo");
  const now = infos.find((info) => child(info, "DateTime")?.attributes.type === "実況") ?? infos[0];
  if (now === undefined) return undefined;
  const typhoon: JmaTyphoon = {};
  const namePart = descendants(now, "TyphoonNamePart")[0];
  setIfPresent(typhoon, "name", textAt(namePart, "Name"));
  setIfPresent(typhoon, "number", textAt(namePart, "Number"));
  setIfPresent(typhoon, "remark", textAt(namePart, "Remark"));
  setIfPresent(typhoon, "class", descendants(now, "TyphoonClass")[0]?.text.trim());
  const center = descendants(now, "CenterPart")[0];
  if (center !== undefined) {
    setIfPresent(typhoon, "location", textAt(center, "Location"));
    setIfPresent(typhoon, "coordinate", child(center, "Coordinate")?.text.trim());
    setIfPresent(typhoon, "pressureHpa", child(center, "Pressure")?.text.trim());
  }
  const wind = descendants(now, "WindPart")[0];
  const maxWind = children(wind, "WindSpeed").find((w) => w.attributes.type === "最大風速" && w.attributes.unit === "m/s");
  setIfPresent(typhoon, "maxWindMs", maxWind?.text.trim());
  return Object.keys(typhoon).length > 0 ? typhoon : undefined;
}

function bodyText(body: XmlElement | undefined): string | undefined {
  const comment = children(child(body, "Comment"), "Text").map((t) => t.text.trim()).filter(Boolean).join("\n\n");
  return comment || textAt(body, "Text") || textAt(body, "VolcanoInfoContent", "VolcanoHeadline") || undefined;
}

/** Sets optional fields only when the message has a non-empty value, so summaries carry no empty keys. */
function setIfPresent<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined && value !== "") target[key] = value;
}
