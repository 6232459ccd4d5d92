/**
 * Reads the JMA Atom feeds (regular.xml, extra.xml, eqvol.xml, and their _l long versions): entry id,
 * title, updated and the link to the message XML. Parsed with parseXmlSafely, so a hostile feed is
 * refused like any hostile message.
 */
import { parseXmlSafely } from "../xml/safe-parse.ts";
import { children, textAt } from "../xml/xml-tree.ts";

export type AtomEntry = { id: string; title: string; updated: string; link: string };

export class AtomFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AtomFormatError";
  }
}

export function parseAtomFeed(xml: string, options: { maxBytes?: number } = {}): AtomEntry[] {
  const root = parseXmlSafely(xml, options);
  if (root.name !== "feed") throw new AtomFormatError(`not an Atom feed (root <${root.name}>)`);
  const entries: AtomEntry[] = [];
  for (const entry of children(root, "entry")) {
    const id = textAt(entry, "id") ?? "";
    const links = children(entry, "link");
    const link = (links.find((l) => (l.attributes.type ?? "").includes("xml")) ?? links.find((l) => (l.attributes.rel ?? "alternate") === "alternate") ?? links[0])?.attributes.href ?? "";
    // An entry without an id cannot be deduplicated: it is left out (and the rest goes on).
    if (id === "" || id.length > 500) continue;
    entries.push({ id, title: (textAt(entry, "title") ?? "").slice(0, 300), updated: (textAt(entry, "updated") ?? "").slice(0, 40), link: link.slice(0, 2000) });
  }
  return entries;
}
