/**
 * Test helpers for the procedures module's integration tests: a test app with the demo catalogue
 * seeded, multipart form posts (file pages carry the CSRF token in the action URL, as a browser
 * sends them), and small readers of rendered pages.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { queryRows } from "../../core/db/database.ts";
import { seedDemo } from "../../demo/seed.ts";
import { createTestApp, type TestApp } from "../../testing/app.ts";
import { formToken, type Browser, type Response, type SignedInResident } from "../identity/testing.ts";

/** A fresh test app (own database) with the demo organisation, catalogue and accounts. */
export async function createSeededApp(options: { env?: Record<string, string> } = {}): Promise<TestApp> {
  const app = await createTestApp(options);
  await seedDemo(app.deps.db, { cases: false, generatedProcedures: false, payments: false, assurance: false });
  return app;
}

export type Fields = Record<string, string | string[] | undefined>;
export type FileField = { name: string; filename: string; contentType: string; bytes: Buffer };

/** A multipart/form-data body as a browser builds it. */
export function multipartBody(fields: Fields, files: FileField[]): { payload: Buffer; contentType: string } {
  const boundary = `----machi${randomBytes(8).toString("hex")}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${item}\r\n`, "utf8"));
    }
  }
  for (const file of files) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\nContent-Type: ${file.contentType}\r\n\r\n`,
        "utf8",
      ),
      file.bytes,
      Buffer.from("\r\n"),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** The action of the first method="post" form in the page's main content, HTML entities decoded. */
export function formAction(html: string): string {
  const main = html.slice(Math.max(0, html.indexOf("<main")));
  const match = /<form method="post" action="([^"]+)"/.exec(main);
  if (!match) throw new Error("The page has no POST form");
  return match[1]!.replace(/&amp;/g, "&");
}

/**
 * Posts a page's form as multipart (with files): opens the page, takes the action URL (which
 * carries the CSRF token) and sends the fields, like a browser would.
 */
export async function submitMultipart(browser: Browser, pageUrl: string, fields: Fields, files: FileField[] = []): Promise<Response> {
  const page = await browser.get(pageUrl);
  const action = formAction(page.body);
  const { payload, contentType } = multipartBody(fields, files);
  return browser.request({ method: "POST", url: action, payload, headers: { "content-type": contentType } });
}

/** Where a redirect goes (path and query). */
export function location(response: Response): string {
  const value = response.headers.location;
  if (typeof value !== "string") throw new Error(`No redirect (status ${response.statusCode}): ${response.body.slice(0, 300)}`);
  return value;
}

/** Values of hidden inputs and text inputs by name, as rendered (entities decoded). */
export function inputValue(html: string, name: string): string | undefined {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const match = new RegExp(`<input[^>]*name="${escaped}"[^>]*value="([^"]*)"`).exec(html) ?? new RegExp(`<input[^>]*value="([^"]*)"[^>]*name="${escaped}"`).exec(html);
  return match?.[1]?.replace(/&quot;/g, '"').replace(/&amp;/g, "&").replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">");
}

/** The texts of the error summary's links with their targets. */
export function errorSummaryLinks(html: string): Array<{ href: string; text: string }> {
  const summary = /<div class="error-summary"[\s\S]*?<\/div>/.exec(html)?.[0] ?? "";
  return [...summary.matchAll(/<a href="([^"]+)">([^<]*)<\/a>/g)].map((m) => ({ href: m[1]!, text: m[2]! }));
}

export { formToken };

/** Row counts of a table (for "nothing changed" checks). */
export async function countRows(app: TestApp, table: "drafts" | "applications" | "files" | "application_events" | "outbox"): Promise<number> {
  const [row] = await queryRows<{ n: number }>(app.deps.db, sql`SELECT count(*)::int AS n FROM ${sql.raw(table)}`);
  return row!.n;
}

/** Small valid files. */
export const SAMPLE = {
  pdf: Buffer.from("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n", "latin1"),
  png: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]),
  jpeg: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]),
};

// ---------------------------------------------------------------------------------------------
// Journeys through 住民票の写し交付請求 (demo catalogue)

export async function startResidence(resident: SignedInResident): Promise<string> {
  const started = await resident.browser.submit("/procedures/residence-certificate", {}, "/procedures/residence-certificate/start");
  assert.equal(started.statusCode, 303);
  const resume = location(started);
  const match = /^\/drafts\/([0-9a-f-]{36})$/.exec(resume);
  assert.ok(match, resume);
  return match[1]!;
}

/** Answers a page like a person: opens it, fills in, presses 「次へ進む」. */
export async function answer(browser: Browser, draftId: string, pageId: string, fields: Fields, query = "") {
  return browser.submit(`/drafts/${draftId}/pages/${pageId}${query}`, { _action: "continue", ...fields }, `/drafts/${draftId}/pages/${pageId}${query}`);
}

export const NAME_PAGE = {
  "requester_name.family": "大阪",
  "requester_name.given": "花子",
  "requester_furigana.family": "おおさか",
  "requester_furigana.given": "ﾊﾅｺ",
  "requester_birth_date.era": "seireki",
  "requester_birth_date.year": "１９９０",
  "requester_birth_date.month": "4",
  "requester_birth_date.day": "1",
};
export const CONTACT_PAGE = {
  "requester_address.postalCode": "530ー0041",
  "requester_address.address": "大阪市北区天神橋３丁目９－９９",
  "requester_address.building": "",
  requester_phone: "０６－６２０８－８１８１",
};

/** Goes through 住民票 as the person themselves up to check your answers. */
export async function fillResidenceAsSelf(browser: Browser, draftId: string): Promise<void> {
  const steps: Array<[string, Fields, string]> = [
    ["certificate", { certificate_type: "resident_record" }, "requester"],
    ["requester", { requester_type: "self" }, "requester_name"],
    ["requester_name", NAME_PAGE, "requester_contact"],
    ["requester_contact", CONTACT_PAGE, "scope"],
    ["scope", { scope: "all" }, "contents"],
    ["contents", {}, "copies"],
    ["copies", { copies: "２" }, "purpose"],
    ["purpose", { purpose: "employment", submit_to: "" }, "delivery"],
    ["delivery", { delivery: "registered" }, "identity"],
  ];
  for (const [pageId, fields, next] of steps) {
    const response = await answer(browser, draftId, pageId, fields);
    assert.equal(response.statusCode, 303, `${pageId}: ${response.body.slice(0, 2000)}`);
    assert.equal(location(response), `/drafts/${draftId}/pages/${next}`, pageId);
  }
  const upload = await submitMultipart(browser, `/drafts/${draftId}/pages/identity`, { _action: "continue" }, [
    { name: "identity_document", filename: "免許証.pdf", contentType: "application/pdf", bytes: SAMPLE.pdf },
  ]);
  assert.equal(upload.statusCode, 303, upload.body.slice(0, 3000));
  assert.equal(location(upload), `/drafts/${draftId}/check`);
}

/** Starts, fills in and submits 住民票 as the person themselves; returns the draft and application ids. */
export async function submitResidence(resident: SignedInResident): Promise<{ draftId: string; applicationId: string }> {
  const draftId = await startResidence(resident);
  await fillResidenceAsSelf(resident.browser, draftId);
  await resident.browser.get(`/drafts/${draftId}/check`);
  const submitted = await resident.browser.post(`/drafts/${draftId}/submit`, { declaration: "yes" });
  const match = /^\/applications\/([0-9a-f-]{36})\/receipt$/.exec(location(submitted));
  assert.ok(match, location(submitted));
  return { draftId, applicationId: match[1]! };
}

function decode(text: string): string {
  return text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/**
 * What a browser would send for the main form of a page as it is shown: text and hidden inputs,
 * checked radios and checkboxes, selected options, textareas (not files, not buttons).
 */
export function formFields(html: string): Record<string, string[]> {
  const main = html.slice(Math.max(0, html.indexOf("<main")));
  const form = /<form method="post"[\s\S]*?<\/form>/.exec(main)?.[0] ?? "";
  const fields: Record<string, string[]> = {};
  const add = (name: string, value: string) => (fields[name] ??= []).push(value);
  const attr = (tag: string, name: string) => {
    const match = new RegExp(`\\s${name}(?:="([^"]*)")?(?=[\\s>])`).exec(tag);
    return match ? decode(match[1] ?? "") : undefined;
  };
  for (const [tag] of form.matchAll(/<input\b[^>]*>/g)) {
    const name = attr(tag, "name");
    const type = attr(tag, "type") ?? "text";
    if (!name || type === "file" || type === "submit") continue;
    if ((type === "checkbox" || type === "radio") && attr(tag, "checked") === undefined) continue;
    add(name, attr(tag, "value") ?? "");
  }
  for (const [, open, options] of form.matchAll(/(<select\b[^>]*>)([\s\S]*?)<\/select>/g)) {
    const name = attr(open!, "name");
    const selected = [...options!.matchAll(/<option\b[^>]*>/g)].map((m) => m[0]).find((o) => attr(o, "selected") !== undefined);
    if (name) add(name, selected ? (attr(selected, "value") ?? "") : "");
  }
  for (const [, open, text] of form.matchAll(/(<textarea\b[^>]*>)\n?([\s\S]*?)<\/textarea>/g)) {
    const name = attr(open!, "name");
    if (name) add(name, decode(text!));
  }
  return fields;
}
