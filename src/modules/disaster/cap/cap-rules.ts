/**
 * The rules of OASIS CAP 1.2 (Common Alerting Protocol, 2010) that its XML Schema cannot express.
 * Section numbers refer to the CAP 1.2 specification, §3.2 "Element definitions" and §3.3
 * "Implementation notes". Every rule is checked and every breach reported, not only the first.
 *
 * "problems" make an alert invalid. "warnings" are deviations that real, otherwise good alerts show
 * (the WMO-collected samples in shared/fixtures/disaster/cap/valid/ write UTC as "+00:00" and one
 * gives <web> without a scheme), so they are reported but do not fail validation.
 */
import { child, children, type XmlElement } from "../xml/xml-tree.ts";

export type CapProblem = {
  /** Stable rule key, e.g. "polygon.not-closed". */
  rule: string;
  message: string;
  /** Where, as a simple path: "/alert/info[1]/area[2]/polygon[1]". */
  path?: string;
  /** 1-based line, for schema errors (libxml2 reports it). */
  line?: number;
};

export type CapRuleFindings = { problems: CapProblem[]; warnings: CapProblem[] };

const MESSAGE_TYPES_NEEDING_REFERENCES = new Set(["Update", "Cancel", "Ack", "Error"]);

/** At most this many bad coordinates are listed per polygon; the rest are counted. */
const MAX_COORDINATE_PROBLEMS = 5;

/**
 * Checks a parsed CAP document (root element, namespace prefixes removed) against the beyond-schema
 * rules. Missing elements are the schema's business: rules only look at what is present.
 */
export function checkCapRules(root: XmlElement): CapRuleFindings {
  const findings: CapRuleFindings = { problems: [], warnings: [] };
  const problem = (rule: string, message: string, path?: string) =>
    findings.problems.push(path === undefined ? { rule, message } : { rule, message, path });
  const warning = (rule: string, message: string, path?: string) =>
    findings.warnings.push(path === undefined ? { rule, message } : { rule, message, path });

  if (root.name !== "alert") {
    problem("alert.root", `The root element must be the CAP <alert>, not <${root.name}>.`, `/${root.name}`);
    return findings;
  }

  const value = (name: string) => child(root, name)?.text.trim();
  const identifier = value("identifier");
  const sender = value("sender");
  const sent = value("sent");
  const msgType = value("msgType");
  const scope = value("scope");

  // §3.2.1 identifier, sender: "MUST NOT include spaces, commas or restricted characters (< and &)".
  for (const [name, text] of [["identifier", identifier], ["sender", sender]] as const) {
    if (text === undefined) continue;
    const bad = identifierProblem(text);
    if (bad !== undefined) problem(`${name}.format`, `<${name}> ${bad}`, `/alert/${name}`);
  }

  // §3.2.1 sent; §3.3.2 dateTime data type.
  const sentInstant = sent === undefined ? undefined : checkDateTime(sent, "/alert/sent", "sent", problem, warning);

  // §3.2.1 msgType: Update, Cancel, Ack and Error act on "the earlier message(s) identified in <references>".
  const references = value("references");
  if (msgType !== undefined && MESSAGE_TYPES_NEEDING_REFERENCES.has(msgType) && !references) {
    problem("references.required", `<msgType>${msgType}</msgType> requires <references> naming the earlier message(s).`, "/alert/references");
  }
  if (msgType === "Error" && !value("note")) {
    warning("note.recommended", "<msgType>Error</msgType> SHOULD explain the rejection in <note>.", "/alert/note");
  }
  if (references) checkReferences(references, { identifier, sender }, problem);

  // §3.2.1 scope / restriction / addresses.
  if (scope === "Restricted" && !value("restriction")) {
    problem("restriction.required", "<scope>Restricted</scope> requires a <restriction> text.", "/alert/restriction");
  }
  if (scope === "Private" && !value("addresses")) {
    problem("addresses.required", "<scope>Private</scope> requires <addresses>.", "/alert/addresses");
  }
  // §3.2.1 addresses, incidents: space-delimited; multi-word entries in double quotes.
  for (const name of ["addresses", "incidents"]) {
    const text = value(name);
    if (text !== undefined && (text.match(/"/g)?.length ?? 0) % 2 !== 0) {
      problem(`${name}.format`, `<${name}> has an unbalanced double quote (multi-word entries must be enclosed in double quotes).`, `/alert/${name}`);
    }
  }

  children(root, "info").forEach((info, i) => checkInfo(info, `/alert/info[${i + 1}]`, sentInstant, problem, warning));
  return findings;
}

type Report = (rule: string, message: string, path?: string) => void;

function checkInfo(info: XmlElement, path: string, sentInstant: number | undefined, problem: Report, warning: Report): void {
  const instants: Record<string, number | undefined> = {};
  for (const name of ["effective", "onset", "expires"]) {
    const text = child(info, name)?.text.trim();
    if (text !== undefined) instants[name] = checkDateTime(text, `${path}/${name}`, name, problem, warning);
  }
  const expires = instants.expires;
  if (expires !== undefined) {
    const compare: Array<[string, number | undefined]> = [["sent", sentInstant], ["effective", instants.effective], ["onset", instants.onset]];
    for (const [name, instant] of compare) {
      if (instant !== undefined && expires < instant) {
        problem(`expires.before-${name}`, `<expires> is earlier than <${name}>: the alert would expire before it ${name === "sent" ? "was sent" : name === "onset" ? "begins" : "takes effect"}.`, `${path}/expires`);
      }
    }
  }

  // §3.2.2 web: "A full, absolute URI". A warning: real alerts (dz) give a bare host name.
  const web = child(info, "web")?.text.trim();
  if (web !== undefined && !isAbsoluteUri(web)) {
    warning("web.absolute-uri", `<web> should be a full absolute URI (got "${web}").`, `${path}/web`);
  }

  children(info, "resource").forEach((resource, i) => checkResource(resource, `${path}/resource[${i + 1}]`, problem));
  children(info, "area").forEach((area, i) => checkArea(area, `${path}/area[${i + 1}]`, problem));
}

function checkResource(resource: XmlElement, path: string, problem: Report): void {
  const mimeType = child(resource, "mimeType")?.text.trim();
  if (mimeType !== undefined && !/^[\w!#$&^.+-]+\/[\w!#$&^.+-]+(\s*;.*)?$/.test(mimeType)) {
    problem("resource.mime-type", `<mimeType> "${mimeType}" is not a MIME content type (RFC 2046), e.g. "image/png".`, `${path}/mimeType`);
  }
  const uri = child(resource, "uri")?.text.trim();
  const hasDerefUri = child(resource, "derefUri") !== undefined;
  // §3.2.3 uri: a full absolute URI, or a relative URI naming the content of <derefUri>.
  if (uri !== undefined && !hasDerefUri && !isAbsoluteUri(uri)) {
    problem("resource.uri", `<uri> must be a full absolute URI unless <derefUri> is present (got "${uri}").`, `${path}/uri`);
  }
  const digest = child(resource, "digest")?.text.trim();
  // §3.2.3 digest: "the digital digest ('hash') computed from the resource file ... using SHA-1".
  if (digest !== undefined && !/^[0-9a-fA-F]{40}$/.test(digest)) {
    problem("resource.digest", "<digest> must be a SHA-1 hash: 40 hexadecimal digits.", `${path}/digest`);
  }
}

function checkArea(area: XmlElement, path: string, problem: Report): void {
  children(area, "polygon").forEach((polygon, i) => checkPolygon(polygon.text, `${path}/polygon[${i + 1}]`, problem));
  children(area, "circle").forEach((circle, i) => checkCircle(circle.text, `${path}/circle[${i + 1}]`, problem));
  // §3.2.4 ceiling: "MUST NOT be used except in combination with the <altitude> element".
  const altitude = child(area, "altitude")?.text.trim();
  const ceiling = child(area, "ceiling")?.text.trim();
  if (ceiling !== undefined && altitude === undefined) {
    problem("ceiling.requires-altitude", "<ceiling> must not be used without <altitude>.", `${path}/ceiling`);
  } else if (ceiling !== undefined && altitude !== undefined && Number(ceiling) < Number(altitude)) {
    problem("ceiling.below-altitude", `<ceiling> (${ceiling}) is below <altitude> (${altitude}).`, `${path}/ceiling`);
  }
}

/**
 * §3.2.4 polygon: "a whitespace-delimited list of [WGS 84] coordinate pairs. A minimum of 4
 * coordinate pairs MUST be present and the first and last pairs of coordinates MUST be the same."
 */
export function checkPolygon(text: string, path: string, problem: Report): void {
  const pairs = text.trim() === "" ? [] : text.trim().split(/\s+/);
  let bad = 0;
  const points: Array<[number, number] | undefined> = pairs.map((pair, i) => {
    const point = parsePoint(pair);
    if (typeof point === "string") {
      bad++;
      if (bad <= MAX_COORDINATE_PROBLEMS) problem("polygon.coordinate", `Pair ${i + 1} "${shorten(pair)}": ${point}`, path);
      return undefined;
    }
    return point;
  });
  if (bad > MAX_COORDINATE_PROBLEMS) {
    problem("polygon.coordinate", `${bad - MAX_COORDINATE_PROBLEMS} more bad coordinate pairs in this polygon.`, path);
  }
  if (pairs.length < 4) {
    problem("polygon.too-few-points", `A polygon needs at least 4 coordinate pairs (first = last); this one has ${pairs.length}.`, path);
  }
  const first = points[0];
  const last = points[points.length - 1];
  if (pairs.length >= 2 && first !== undefined && last !== undefined && (first[0] !== last[0] || first[1] !== last[1])) {
    problem("polygon.not-closed", `The polygon is not closed: the first pair "${pairs[0]}" must equal the last pair "${pairs[pairs.length - 1]}".`, path);
  }
}

/** §3.2.4 circle: "a central point given as a [WGS 84] coordinate pair followed by a space character and a radius value in kilometers". */
export function checkCircle(text: string, path: string, problem: Report): void {
  const parts = text.trim().split(/\s+/);
  if (parts.length !== 2) {
    problem("circle.format", `A circle is "lat,lon radius" (radius in km); got "${shorten(text.trim())}".`, path);
    return;
  }
  const point = parsePoint(parts[0] as string);
  if (typeof point === "string") problem("circle.format", `Centre "${parts[0]}": ${point}`, path);
  const radius = parts[1] as string;
  if (!/^\d+(\.\d+)?$/.test(radius)) {
    problem("circle.format", `Radius "${radius}" must be a non-negative number of kilometres.`, path);
  }
}

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** "lat,lon" in WGS 84 decimal degrees → [lat, lon], or a reason it is not. */
function parsePoint(pair: string): [number, number] | string {
  const parts = pair.split(",");
  if (parts.length !== 2 || !DECIMAL.test(parts[0] as string) || !DECIMAL.test(parts[1] as string)) {
    return 'not a "latitude,longitude" pair of decimal degrees.';
  }
  const lat = Number(parts[0]);
  const lon = Number(parts[1]);
  if (lat < -90 || lat > 90) return `latitude ${lat} is outside -90..90.`;
  if (lon < -180 || lon > 180) return `longitude ${lon} is outside -180..180.`;
  return [lat, lon];
}

/**
 * §3.2.1 references: "The extended message identifier(s) (in the form sender,identifier,sent) of an
 * earlier CAP message or messages referenced by this one", separated by whitespace.
 */
function checkReferences(text: string, own: { identifier: string | undefined; sender: string | undefined }, problem: Report): void {
  const path = "/alert/references";
  for (const [i, reference] of text.trim().split(/\s+/).entries()) {
    const parts = reference.split(",");
    const label = `Reference ${i + 1} "${shorten(reference)}"`;
    if (parts.length !== 3 || parts.some((part) => part === "")) {
      problem("references.format", `${label} must be "sender,identifier,sent" (three comma-separated parts, no spaces).`, path);
      continue;
    }
    const [refSender, refIdentifier, refSent] = parts as [string, string, string];
    if (/[<&]/.test(refSender) || /[<&]/.test(refIdentifier)) {
      problem("references.format", `${label} has a restricted character (< or &).`, path);
    }
    const sentProblem = dateTimeProblem(refSent);
    if (sentProblem !== undefined) problem("references.format", `${label}: its sent time ${sentProblem}`, path);
    if (refSender === own.sender && refIdentifier === own.identifier) {
      problem("references.self", `${label} refers to this alert itself.`, path);
    }
  }
}

function identifierProblem(text: string): string | undefined {
  if (text === "") return "must not be empty.";
  if (/\s/.test(text)) return "must not contain spaces.";
  if (text.includes(",")) return "must not contain commas.";
  if (/[<&]/.test(text)) return "must not contain the restricted characters < or &.";
  return undefined;
}

const CAP_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})([+-])(\d{2}):(\d{2})$/;

/**
 * §3.3.2: dateTime "in the format 2002-05-24T16:49:00-07:00"; "Alphabetic timezone designators such
 * as 'Z' MUST NOT be used. The timezone for UTC MUST be represented as '-00:00'."
 * Returns the instant (ms) when the text is a usable CAP dateTime.
 */
function checkDateTime(text: string, path: string, name: string, problem: Report, warning: Report): number | undefined {
  const bad = dateTimeProblem(text);
  if (bad !== undefined) {
    problem("datetime.format", `<${name}> ${bad}`, path);
    return undefined;
  }
  if (text.endsWith("+00:00")) {
    warning("datetime.utc-offset", `<${name}> writes UTC as "+00:00"; CAP 1.2 §3.3.2 says "-00:00".`, path);
  }
  return Date.parse(text);
}

function dateTimeProblem(text: string): string | undefined {
  if (/Z$/i.test(text)) return `"${text}" uses "Z": CAP 1.2 requires a numeric offset ("-00:00" for UTC).`;
  const m = CAP_DATE_TIME.exec(text);
  if (m === null) return `"${shorten(text)}" is not a CAP dateTime like 2002-05-24T16:49:00-07:00 (with an explicit offset, no fractions).`;
  const [year, month, day, hour, minute, second, , offsetHours, offsetMinutes] = m.slice(1).map(Number) as number[];
  const daysInMonth = new Date(Date.UTC(year as number, month as number, 0)).getUTCDate();
  const ok =
    (month as number) >= 1 && (month as number) <= 12 &&
    (day as number) >= 1 && (day as number) <= daysInMonth &&
    (hour as number) <= 23 && (minute as number) <= 59 && (second as number) <= 59 &&
    (offsetHours as number) <= 14 && (offsetMinutes as number) <= 59;
  return ok ? undefined : `"${text}" is not a real date and time.`;
}

function isAbsoluteUri(text: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/.test(text);
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
