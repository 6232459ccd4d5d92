/** The few facts of a (validated) CAP 1.2 alert that the city needs: who, which, when, what, where. */
import { parseXmlSafely } from "../xml/safe-parse.ts";
import { all, child, children, textAt } from "../xml/xml-tree.ts";
import { WARDS } from "../wards.ts";

export type CapFacts = {
  identifier: string;
  sender: string;
  sent: string;
  status: string;
  msgType: string;
  headline: string;
  event: string;
  areas: string[];
  /** Osaka City wards named by geocode (全国地方公共団体コード, 5 or 6 digits) or by areaDesc; all 24 for the city. */
  wards: string[];
};

export function readCap(xml: string): CapFacts {
  const root = parseXmlSafely(xml);
  const info = child(root, "info");
  const areas = all(root, "info", "area");
  const codes = areas.flatMap((area) => children(area, "geocode").map((g) => textAt(g, "value") ?? ""));
  const descriptions = areas.map((area) => textAt(area, "areaDesc") ?? "");
  const wards = new Set<string>();
  const cityWide = codes.some((c) => c === "271004" || c === "27100") || descriptions.some((d) => /^大阪市$|大阪市全域|大阪市内全域/.test(d.trim()));
  for (const ward of WARDS) {
    if (cityWide || codes.includes(ward.code) || codes.includes(ward.code5) || descriptions.some((d) => d.includes(`大阪市${ward.ja}`))) wards.add(ward.code);
  }
  return {
    identifier: textAt(root, "identifier") ?? "",
    sender: textAt(root, "sender") ?? "",
    sent: textAt(root, "sent") ?? "",
    status: textAt(root, "status") ?? "",
    msgType: textAt(root, "msgType") ?? "",
    headline: (textAt(info, "headline") ?? textAt(info, "event") ?? "").slice(0, 300),
    event: (textAt(info, "event") ?? "").slice(0, 300),
    areas: descriptions.filter(Boolean).slice(0, 50),
    wards: WARDS.map((w) => w.code).filter((c) => wards.has(c)),
  };
}
