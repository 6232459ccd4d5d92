/**
 * Documents in a real browser: staff register a paper form and place fields (without JavaScript by
 * numbers, with JavaScript by clicking on the page preview), a resident downloads it prefilled,
 * staff issue a sealed 住民票の写し, and anybody checks it on /verify — with an accessibility check
 * on every page and no horizontal scroll at 360 px.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { sql } from "drizzle-orm";
import type { Page } from "playwright-core";
import { queryRows } from "../../../src/core/db/database.ts";
import { DEMO_RESIDENTS, DEMO_STAFF } from "../../../src/modules/procedures/demo/catalogue.ts";
import { createApplication, makePaperForm, pdfSig, pdfText, setApplicationStatus } from "../../../src/modules/documents/testing.ts";
import { checkPage, newJourney, serverAndBrowser } from "../support/browser.ts";

const e2e = serverAndBrowser();

const clerk = DEMO_STAFF.find((s) => s.departmentCode === "ward-counter")!;
const resident = DEMO_RESIDENTS[0]!; // 松本 陽子, with a full profile

async function signIn(page: Page, path: "/staff/sign-in" | "/auth/sign-in", account: { email: string; password: string }) {
  await page.goto(`${e2e.server.baseUrl}${path}`);
  await page.locator("#email").fill(account.email);
  await page.locator("#password").fill(account.password);
  await page.getByRole("button", { name: "ログインする" }).click();
}

let formUrl = "";

test("staff register a form and place fields with numbers, without JavaScript", async () => {
  const { context, page } = await newJourney(e2e.browser, { javaScriptEnabled: false });
  await signIn(page, "/staff/sign-in", clerk);
  await page.goto(`${e2e.server.baseUrl}/staff/documents`);
  await checkPage(page, "staff forms");
  await page.locator("main form button.button").click();
  assert.ok((await page.locator(".error-summary li").count()) >= 2);
  await checkPage(page, "staff forms errors");
  await page.locator("#title").fill("住民票の写し等交付請求書");
  await page.locator("#file").setInputFiles({ name: "請求書.pdf", mimeType: "application/pdf", buffer: Buffer.from(await makePaperForm(1)) });
  await page.locator("main form button.button").click();
  assert.match(page.url(), /\/staff\/documents\/forms\/[0-9a-f-]{36}\?done=uploaded$/);
  formUrl = page.url().replace(/\?.*$/, "");
  await checkPage(page, "builder");
  await page.locator("#add-x").fill("abc");
  await page.locator("#add-y").fill("");
  await page.locator("#add-field button.button").click();
  assert.ok((await page.locator(".error-summary li").count()) >= 2);
  await checkPage(page, "builder errors");
  await page.locator("#add-source").selectOption("name");
  await page.locator("#add-page").fill("1");
  await page.locator("#add-x").fill("145");
  await page.locator("#add-y").fill("708");
  await page.locator("#add-fontSize").fill("14");
  await page.locator("#add-field button.button").click();
  assert.match(page.url(), /done=added/);
  await page.goto(`${formUrl}/fill`);
  await checkPage(page, "counter fill");
  await context.close();
});

test("with JavaScript, a click on the page preview fills in the position", async () => {
  const { context, page } = await newJourney(e2e.browser, { javaScriptEnabled: true, width: 1280 });
  await signIn(page, "/staff/sign-in", clerk);
  await page.goto(formUrl);
  const svg = page.locator("svg.documents-page").first();
  const box = (await svg.boundingBox())!;
  // Click where the "Address" box starts: x = 145 pt, baseline y = 608 pt (from the bottom of an A4 page).
  await svg.click({ position: { x: (145 / 595.28) * box.width, y: ((841.89 - 608) / 841.89) * box.height } });
  const x = Number(await page.locator("#add-x").inputValue());
  const y = Number(await page.locator("#add-y").inputValue());
  assert.ok(Math.abs(x - 145) < 2, `x ${x}`);
  assert.ok(Math.abs(y - 608) < 2, `y ${y}`);
  await page.locator("#add-source").selectOption("address");
  await page.locator("#add-maxWidth").fill("390");
  await page.locator("#add-field button.button").click();
  assert.match(page.url(), /done=added/);
  assert.equal(await page.locator("g.documents-page__field").count(), 2);
  await page.getByRole("button", { name: "公開する" }).click();
  assert.match(page.url(), /done=published/);
  await context.close();
});

test("a resident downloads the form with their details printed", async () => {
  const { context, page } = await newJourney(e2e.browser);
  await signIn(page, "/auth/sign-in", resident);
  for (const locale of ["ja", "en"]) {
    await page.goto(`${e2e.server.baseUrl}/forms?lang=${locale}`);
    await checkPage(page, `forms ${locale}`);
  }
  const href = await page.locator("a[href$='/prefilled.pdf']").first().getAttribute("href");
  const response = await page.request.get(`${e2e.server.baseUrl}${href}`);
  assert.equal(response.headers()["content-type"], "application/pdf");
  const text = pdfText(await response.body());
  assert.ok(text.includes(`${resident.name.family} ${resident.name.given}`), text);
  assert.ok(text.includes("天神橋"), text);
  await context.close();
});

test("staff issue a sealed 住民票の写し; the resident downloads it; /verify checks it", async () => {
  const [user] = await queryRows<{ id: string }>(e2e.server.database.db, sql`SELECT id FROM users WHERE kind = 'resident' AND email = ${resident.email}`);
  const application = await createApplication(e2e.server.database.db, { userId: user!.id, applicantName: "松本 陽子" });
  await setApplicationStatus(e2e.server.database.db, application.id, "approved");

  const staff = await newJourney(e2e.browser);
  await signIn(staff.page, "/staff/sign-in", clerk);
  await staff.page.goto(`${e2e.server.baseUrl}/staff/documents/applications/${application.id}`);
  await checkPage(staff.page, "case documents");
  await staff.page.locator("main form button.button").click();
  assert.match(staff.page.url(), /done=issued/);
  await checkPage(staff.page, "case documents issued");
  await staff.context.close();

  const { context, page } = await newJourney(e2e.browser);
  await signIn(page, "/auth/sign-in", resident);
  await page.goto(`${e2e.server.baseUrl}/my/documents`);
  await checkPage(page, "my documents");
  const href = (await page.locator("a[href$='.pdf']").first().getAttribute("href"))!;
  const pdf = await (await page.request.get(`${e2e.server.baseUrl}${href}`)).body();
  assert.match(pdfSig(pdf), /Signature is Valid\./);
  const code = /検証コード\s*([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(pdfText(pdf))![1]!;
  await verifyAsVisitor(code, pdf);
  await context.close();
});

async function verifyAsVisitor(code: string, pdf: Buffer) {
  for (const locale of ["ja", "en"]) {
    const { context, page } = await newJourney(e2e.browser, { locale: locale === "ja" ? "ja-JP" : "en-GB" });
    await page.goto(`${e2e.server.baseUrl}/verify?lang=${locale}`);
    await checkPage(page, `verify ${locale}`);
    await page.locator("#code").fill("12");
    await page.locator("main form button.button").click();
    await checkPage(page, `verify error ${locale}`);
    await page.locator("#code").fill(code.toLowerCase());
    await page.locator("main form button.button").click();
    assert.match(page.url(), /\/verify\/[0-9A-Z]{16}$/);
    await checkPage(page, `verify result ${locale}`);
    assert.ok(!(await page.content()).includes("松本"));
    await page.locator("#file").setInputFiles({ name: "住民票.pdf", mimeType: "application/pdf", buffer: pdf });
    await page.locator("main form button.button").click();
    assert.equal(await page.locator(".panel--success").first().isVisible(), true);
    await checkPage(page, `verify file ${locale}`);
    await context.close();
  }
}
