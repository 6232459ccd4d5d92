import { test } from "node:test";
import assert from "node:assert/strict";
import { assertAccessible, assertNoHorizontalScroll, newJourney, serverAndBrowser } from "./support/browser.ts";

const e2e = serverAndBrowser();

test("home page is Japanese, accessible, fits 360 px, and links to the catalogue", async () => {
  const { context, page } = await newJourney(e2e.browser);
  await page.goto(`${e2e.server.baseUrl}/`);
  assert.equal(await page.getAttribute("html", "lang"), "ja");
  await assertAccessible(page);
  await assertNoHorizontalScroll(page);
  await page.getByRole("link", { name: "手続きをさがす" }).first().click();
  assert.match(page.url(), /\/procedures$/);
  await context.close();
});

test("the accessibility check itself fails on an inaccessible page", async () => {
  const { context, page } = await newJourney(e2e.browser);
  await page.goto(`${e2e.server.baseUrl}/healthz`);
  await page.setContent(`<!doctype html><html><head><title>x</title></head><body><main><img src="/static/favicon.svg"><input type="text"></main></body></html>`);
  await assert.rejects(assertAccessible(page, "bad page"), /image-alt|label|html-has-lang/);
  await context.close();
});
