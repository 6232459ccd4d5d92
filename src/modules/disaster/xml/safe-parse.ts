/**
 * XML intake that cannot be turned against us.
 *
 * Rule (see docs/decisions/0002-xml-validation.md): a document that contains a `<!DOCTYPE` or an
 * `<!ENTITY` declaration anywhere is refused before any parser sees it. CAP 1.2 and JMA 防災情報XML
 * never need one, and refusing them removes the whole family of DTD attacks at once: external
 * entities (XXE: reading local files, SSRF), parameter entities and entity-expansion bombs
 * ("billion laughs"). Input size is capped, nesting depth is capped by the parser (100 levels),
 * and only the five predefined XML entities and numeric character references are decoded.
 *
 * @example
 *   const root = parseXmlSafely(text);           // throws XmlInputError on hostile or broken input
 *   textAt(root, "Head", "Title");               // "大阪府記録的短時間大雨情報"
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { AppError } from "../../../core/http/errors.ts";
import type { XmlElement } from "./xml-tree.ts";

/** 10 MiB: the largest JMA messages (大雨危険度通知) are about 4 MB; CAP alerts rarely exceed 1 MB. */
export const DEFAULT_MAX_XML_BYTES = 10 * 1024 * 1024;

export type XmlInputReason =
  | "xml.too_large"
  | "xml.doctype_forbidden"
  | "xml.entity_forbidden"
  | "xml.not_well_formed";

/** Raised for input we refuse to read. `reason` is stable; `message` is a plain sentence for people and logs. */
export class XmlInputError extends AppError {
  override readonly reason: XmlInputReason;
  /** 1-based line of the problem, when the parser knows it. */
  readonly line: number | undefined;
  constructor(reason: XmlInputReason, message: string, line?: number) {
    super(reason === "xml.too_large" ? "payload_too_large" : "invalid_input", reason, { message });
    this.reason = reason;
    this.message = message;
    this.line = line;
    this.name = "XmlInputError";
  }
}

export type SafeXmlOptions = {
  /** Refuse documents larger than this many UTF-8 bytes. Default DEFAULT_MAX_XML_BYTES. */
  maxBytes?: number;
};

/**
 * Checks the refusal rules (size, DOCTYPE, ENTITY) without parsing. Throws XmlInputError.
 * Returns the text without a leading byte-order mark.
 */
export function assertSafeXml(xml: string, options: SafeXmlOptions = {}): string {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_XML_BYTES;
  const text = xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml;
  // A UTF-16 code unit is at most 3 UTF-8 bytes: skip the exact count when it cannot matter.
  if (text.length * 3 > maxBytes && Buffer.byteLength(text, "utf8") > maxBytes) {
    throw new XmlInputError("xml.too_large", `XML document is larger than the limit of ${maxBytes} bytes.`);
  }
  const doctype = /<!DOCTYPE/i.exec(text);
  if (doctype !== null) {
    throw new XmlInputError(
      "xml.doctype_forbidden",
      "XML with a DOCTYPE declaration is refused: CAP and JMA XML never use one, and DTDs enable external-entity (XXE) and entity-expansion attacks.",
      lineOf(text, doctype.index),
    );
  }
  const entity = /<!ENTITY/i.exec(text);
  if (entity !== null) {
    throw new XmlInputError(
      "xml.entity_forbidden",
      "XML with an ENTITY declaration is refused: CAP and JMA XML never declare entities.",
      lineOf(text, entity.index),
    );
  }
  return text;
}

const parser = new XMLParser({
  preserveOrder: true,
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  // Entities are decoded by us (decodeEntities) so that only the XML predefined ones are accepted.
  processEntities: false,
  htmlEntities: false,
  cdataPropName: "#cdata",
  ignoreDeclaration: true,
  ignorePiTags: true,
});

/**
 * Parses a CAP or JMA XML document into an XmlElement tree (the root element), after the refusal
 * rules of assertSafeXml. Throws XmlInputError for hostile, oversized or malformed input.
 */
export function parseXmlSafely(xml: string, options: SafeXmlOptions = {}): XmlElement {
  const text = assertSafeXml(xml, options);
  if (text.trim() === "") throw new XmlInputError("xml.not_well_formed", "XML document is empty.");
  const check = XMLValidator.validate(text);
  if (check !== true) {
    throw new XmlInputError("xml.not_well_formed", `XML is not well-formed: ${check.err.msg}`, check.err.line);
  }
  let nodes: unknown;
  try {
    nodes = parser.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new XmlInputError("xml.not_well_formed", `XML could not be parsed: ${reason}`);
  }
  const roots = toElements(nodes, true);
  if (roots.length !== 1) {
    throw new XmlInputError("xml.not_well_formed", `XML must have exactly one root element (found ${roots.length}).`);
  }
  return roots[0] as XmlElement;
}

type OrderedNode = Record<string, unknown>;

function toElements(value: unknown, topLevel: boolean): XmlElement[] {
  const elements: XmlElement[] = [];
  for (const node of Array.isArray(value) ? (value as OrderedNode[]) : []) {
    for (const key of Object.keys(node)) {
      if (key === ":@") continue;
      if (key === "#text" || key === "#cdata") {
        if (topLevel && String(node[key]).trim() !== "") {
          throw new XmlInputError("xml.not_well_formed", "XML has text outside the root element.");
        }
        continue;
      }
      elements.push(toElement(key, node[key], node[":@"]));
    }
  }
  return elements;
}

function toElement(name: string, content: unknown, rawAttributes: unknown): XmlElement {
  const attributes: Record<string, string> = Object.create(null) as Record<string, string>;
  if (rawAttributes !== null && typeof rawAttributes === "object") {
    for (const [key, value] of Object.entries(rawAttributes as Record<string, unknown>)) {
      if (key === "xmlns" || key.startsWith("xmlns:")) continue;
      attributes[key] = decodeEntities(String(value));
    }
  }
  let text = "";
  const parts = Array.isArray(content) ? (content as OrderedNode[]) : [];
  for (const part of parts) {
    if ("#text" in part) text += decodeEntities(String(part["#text"]));
    else if ("#cdata" in part) text += cdataText(part["#cdata"]);
  }
  return { name, attributes, children: toElements(parts, false), text };
}

function cdataText(value: unknown): string {
  if (!Array.isArray(value)) return String(value ?? "");
  return (value as OrderedNode[]).map((part) => String(part["#text"] ?? "")).join("");
}

const PREDEFINED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** Decodes the five predefined entities and numeric references; anything else is a well-formedness error. */
export function decodeEntities(raw: string): string {
  if (!raw.includes("&")) return raw;
  return raw.replace(/&([^;&\s<]{0,32});|&/g, (match, body: string | undefined) => {
    if (body === undefined) throw new XmlInputError("xml.not_well_formed", "XML has a bare '&' (write &amp;).");
    const named = PREDEFINED[body];
    if (named !== undefined) return named;
    const numeric = /^#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}))$/.exec(body);
    if (numeric !== null) {
      const codePoint = numeric[1] !== undefined ? parseInt(numeric[1], 16) : parseInt(numeric[2] as string, 10);
      if (isXmlChar(codePoint)) return String.fromCodePoint(codePoint);
    }
    throw new XmlInputError("xml.not_well_formed", `XML refers to an undeclared or invalid entity ${match}.`);
  });
}

function isXmlChar(c: number): boolean {
  return c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);
}

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
