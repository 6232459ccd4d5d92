/**
 * CAP 1.2 (OASIS Common Alerting Protocol) for an issued alert: one <info> block per alert
 * language, each with the pre-written text, the CAP profile of the template (category,
 * responseType, urgency, certainty) and the alert's area — the ward names in that language, the
 * polygon or circle, and a geocode per ward (全国地方公共団体コード, valueName "JIS X 0402").
 * Valid against CAP-v1.2.xsd and the CAP rules (tests run validateCap and xmllint).
 */
import type { AlertAreas } from "../areas/geo.ts";
import { wardListText } from "../areas/wards.ts";
import { ALERT_LANGUAGES } from "../languages.ts";
import type { Links } from "../links.ts";
import { ALERT_TEMPLATES, isTemplateKey } from "../templates/alerts.ts";
import { CHROME } from "../templates/chrome.ts";
import { renderAlert, type TemplateParams } from "../templates/render.ts";
import { element, escapeXml, japanTime } from "./xml.ts";

export type AlertSeverity = "extreme" | "severe" | "moderate" | "minor";

export type StoredCapOptions = {
  status?: "Actual" | "Exercise" | "Test";
  msgType?: "Alert" | "Update" | "Cancel";
  /** Earlier alerts this one updates or cancels, resolved when issued. */
  references?: Array<{ identifier: string; sent: string }>;
  expires?: string;
  incidents?: string;
};

export type CapAlert = {
  id: string;
  severity: AlertSeverity;
  templateKey: string;
  params: TemplateParams;
  areas: AlertAreas;
  cap: StoredCapOptions;
  issuedAt: string;
};

const CAP_SEVERITY: Record<AlertSeverity, string> = { extreme: "Extreme", severe: "Severe", moderate: "Moderate", minor: "Minor" };

/** The CAP <sender>: an address-like id without spaces or commas (CAP §3.2.1). */
export function capSender(links: Links): string {
  return `notify@${new URL(links.baseUrl).hostname}`;
}

function polygonText(polygon: NonNullable<AlertAreas["polygon"]>): string {
  const points = polygon.map(([lat, lon]) => `${lat},${lon}`);
  if (points[0] !== points.at(-1)) points.push(points[0]!);
  return points.join(" ");
}

export function capXml(alert: CapAlert, links: Links): string {
  if (!isTemplateKey(alert.templateKey)) throw new Error(`Unknown template ${alert.templateKey}`);
  const profile = ALERT_TEMPLATES[alert.templateKey].cap;
  const sender = capSender(links);
  const wards = alert.areas.wards ?? [];
  const msgType = alert.cap.msgType ?? "Alert";
  const references = alert.cap.references ?? [];
  const infos = ALERT_LANGUAGES.map((language) => {
    const text = renderAlert({ templateKey: alert.templateKey, language, params: alert.params, wards, issuedAt: alert.issuedAt });
    const areaDesc = wards.length > 0 ? wardListText(wards, language) : text.title;
    const geocodes = wards.map((code) => `<geocode><valueName>JIS X 0402</valueName><value>${escapeXml(code)}</value></geocode>`).join("");
    return `<info>
${element("language", language)}
${element("category", profile.category)}
${element("event", text.title)}
${element("responseType", profile.responseType)}
${element("urgency", profile.urgency)}
${element("severity", CAP_SEVERITY[alert.severity] ?? profile.severity)}
${element("certainty", profile.certainty)}
${alert.cap.expires ? element("expires", japanTime(alert.cap.expires)) : ""}
${element("senderName", CHROME[language].sender)}
${element("headline", text.title)}
${element("description", text.body)}
${element("web", links.alertUrl(alert.id, language))}
<area>
${element("areaDesc", areaDesc)}
${alert.areas.polygon ? element("polygon", polygonText(alert.areas.polygon)) : ""}
${alert.areas.circle ? element("circle", `${alert.areas.circle.lat},${alert.areas.circle.lon} ${alert.areas.circle.radiusM / 1000}`) : ""}
${geocodes}
</area>
</info>`;
  }).join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
${element("identifier", alert.id)}
${element("sender", sender)}
${element("sent", japanTime(alert.issuedAt))}
${element("status", alert.cap.status ?? "Actual")}
${element("msgType", msgType)}
<scope>Public</scope>
${references.length > 0 ? element("references", references.map((r) => `${sender},${r.identifier},${japanTime(r.sent)}`).join(" ")) : ""}
${alert.cap.incidents ? element("incidents", alert.cap.incidents) : ""}
${infos}
</alert>
`.replace(/\n{2,}/g, "\n");
}
