/**
 * CAP 1.2 out: an issued alert as an OASIS CAP 1.2 document (one <info> per language, one <area> per
 * ward with its 全国地方公共団体コード as geocode). Notify publishes the Atom feed; this is the document
 * each feed entry and L-Alert hand-over can point to.
 */
import { escapeHtml } from "../../../core/ui/html.ts";
import { alertTexts, type AlertContent } from "../alerts/texts.ts";
import { WARDS } from "../wards.ts";

export const CAP_SENDER = "disaster@city.osaka.lg.jp";

/** CAP dateTime: no "Z", explicit offset; Japan Standard Time. */
export function capDateTime(date: Date | string): string {
  const jst = new Date(new Date(date).getTime() + 9 * 3600 * 1000);
  return `${jst.toISOString().slice(0, 19)}+09:00`;
}

function severityOf(content: AlertContent): { urgency: string; severity: string; certainty: string; category: string } {
  if (content.kind === "evacuation") {
    const severity = content.level >= 5 ? "Extreme" : content.level === 4 ? "Severe" : content.level === 3 ? "Moderate" : "Minor";
    return { urgency: content.level === 0 ? "Past" : "Immediate", severity, certainty: content.level === 0 ? "Observed" : "Likely", category: "Safety" };
  }
  return { urgency: "Expected", severity: content.level >= 3 ? "Severe" : "Moderate", certainty: "Likely", category: content.template === "jma.earthquake" ? "Geo" : "Met" };
}

export function buildCap(alert: AlertContent & { id: string; decidedAt: Date | null; createdAt: Date }, options: { web: string }): string {
  const texts = alertTexts(alert);
  const x = (s: string) => escapeHtml(s);
  const sent = capDateTime(alert.decidedAt ?? alert.createdAt);
  const { urgency, severity, certainty, category } = severityOf(alert);
  const areas = WARDS.filter((w) => alert.wards.includes(w.code))
    .map((w) => `    <area>\n      <areaDesc>大阪市${x(w.ja)}</areaDesc>\n      <geocode><valueName>LGCode</valueName><value>${w.code}</value></geocode>\n    </area>`)
    .join("\n");
  const info = (lang: string, text: { title: string; body: string }) => `  <info>
    <language>${lang}</language>
    <category>${category}</category>
    <event>${x(text.title)}</event>
    <urgency>${urgency}</urgency>
    <severity>${severity}</severity>
    <certainty>${certainty}</certainty>
    <senderName>${lang === "ja-JP" ? "大阪市" : "Osaka City"}</senderName>
    <headline>${x(text.title)}</headline>
    <description>${x(text.body)}</description>
    <web>${x(options.web)}</web>
${areas}
  </info>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>urn:uuid:${alert.id}</identifier>
  <sender>${CAP_SENDER}</sender>
  <sent>${sent}</sent>
  <status>Actual</status>
  <msgType>Alert</msgType>
  <scope>Public</scope>
${info("ja-JP", texts.ja)}
${info("en-US", texts.en)}
</alert>
`;
}
