/**
 * The public Atom feed (RFC 4287) of issued alerts, newest first, each entry linking to its CAP
 * 1.2 document (type application/cap+xml) — the way alerting authorities publish CAP feeds
 * (e.g. the WMO Register of Alerting Authorities, Google Public Alerts).
 */
import type { Links } from "../links.ts";
import { element, escapeXml } from "./xml.ts";

export type FeedEntry = { id: string; title: string; summary: string; issuedAt: string; category: string };

export function alertsFeed(entries: FeedEntry[], links: Links, now: Date = new Date()): string {
  const self = `${links.baseUrl}/alerts/feed.atom`;
  const updated = entries[0]?.issuedAt ?? now.toISOString();
  const items = entries
    .map(
      (entry) => `<entry>
${element("id", `urn:uuid:${entry.id}`)}
${element("title", entry.title)}
${element("updated", new Date(entry.issuedAt).toISOString())}
${element("published", new Date(entry.issuedAt).toISOString())}
<link rel="alternate" type="application/cap+xml" href="${escapeXml(`${links.baseUrl}/alerts/${entry.id}.cap`)}"/>
<link rel="related" type="text/html" href="${escapeXml(`${links.baseUrl}/alerts/${entry.id}`)}"/>
${element("summary", entry.summary)}
<category term="${escapeXml(entry.category)}"/>
</entry>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ja">
<title>大阪市 防災情報 / Osaka City alerts (CAP 1.2)</title>
${element("id", self)}
${element("updated", new Date(updated).toISOString())}
<link rel="self" type="application/atom+xml" href="${escapeXml(self)}"/>
<author><name>大阪市 (Osaka City)</name></author>
${items}
</feed>
`;
}
