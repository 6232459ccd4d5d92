/**
 * Browser journeys: Debian's Chromium driven by playwright-core (never a downloaded browser),
 * the whole app served on a random port against a fresh PostgreSQL database with demo data,
 * and an axe-core accessibility check (WCAG 2.2 A/AA rules) on every page visited.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import assert from "node:assert/strict";
import { after, before } from "node:test";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { buildApp, type App } from "../../../src/app.ts";
import { loadConfig } from "../../../src/core/config/config.ts";
import { seedDemo } from "../../../src/demo/seed.ts";
import { createTestDatabase, type TestDatabase } from "../../../src/testing/database.ts";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export type E2eServer = { baseUrl: string; app: App; database: TestDatabase; stop(): Promise<void> };

export async function startServer(env: Record<string, string> = {}): Promise<E2eServer> {
  const database = await createTestDatabase();
  await seedDemo(database.db, { generatedProcedures: false, payments: false, assurance: false });
  const config = loadConfig({
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    DATABASE_URL: database.url,
    SESSION_SECRET: "e2e-secret-e2e-secret-e2e-secret-012345",
    PORT: "0",
    WORKERS: "true",
    ...env,
  });
  const app = await buildApp(config, database);
  await app.http.listen({ port: 0, host: "127.0.0.1" });
  const address = app.http.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const baseUrl = `http://127.0.0.1:${port}`;
  // The app builds absolute links (e-mails) from BASE_URL; keep it equal to where we listen.
  app.deps.config.baseUrl = baseUrl;
  return {
    baseUrl,
    app,
    database,
    async stop() {
      await app.close();
      await database.drop();
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

export type JourneyOptions = { javaScriptEnabled?: boolean; width?: number; locale?: string };

/** A fresh browser context: by default without JavaScript, 360 px wide (a small phone). */
export async function newJourney(browser: Browser, options: JourneyOptions = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    javaScriptEnabled: options.javaScriptEnabled ?? false,
    viewport: { width: options.width ?? 360, height: 740 },
    locale: options.locale ?? "ja-JP",
  });
  const page = await context.newPage();
  return { context, page };
}

export type AxeViolation = { id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> };

/**
 * Checks the page with axe-core against WCAG 2.x A/AA rules and fails on any violation.
 * Journeys run with JavaScript off, so axe runs on a copy of the rendered DOM in a separate
 * checker page (JavaScript on, same stylesheet through <base>), never weakening the app's CSP.
 */
export async function assertAccessible(page: Page, label = page.url()): Promise<void> {
  const browser = page.context().browser()!;
  const checkerContext = await browser.newContext({ javaScriptEnabled: true, bypassCSP: true, viewport: page.viewportSize() ?? undefined });
  try {
    const checker = await checkerContext.newPage();
    // Same origin as the app, so the stylesheet loads (Cross-Origin-Resource-Policy: same-origin).
    await checker.goto(`${new URL(page.url()).origin}/healthz`);
    await checker.setContent(await page.content(), { waitUntil: "load" });
    await checker.evaluate(axeSource);
    const violations = (await checker.evaluate(`axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } })
      .then(r => r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => ({ target: n.target })) })))`)) as AxeViolation[];
    assert.deepEqual(
      violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
      [],
      `accessibility violations on ${label}`,
    );
  } finally {
    await checkerContext.close();
  }
}

/** Asserts the page has no horizontal scroll at its current width. */
export async function assertNoHorizontalScroll(page: Page): Promise<void> {
  // Layout metrics come from the DevTools protocol, which works with the page's JavaScript off.
  const session = await page.context().newCDPSession(page);
  try {
    const metrics = await session.send("Page.getLayoutMetrics");
    const overflow = metrics.cssContentSize.width - metrics.cssLayoutViewport.clientWidth;
    assert.ok(overflow <= 1, `page ${page.url()} scrolls horizontally by ${overflow}px`);
  } finally {
    await session.detach();
  }
}

/** What every page of a journey passes: the axe check and no horizontal scroll at the journey's width. */
export async function checkPage(page: Page, label: string): Promise<void> {
  await assertAccessible(page, label);
  await assertNoHorizontalScroll(page);
}

/**
 * One server (fresh database, demo data) and one browser for the tests of a file: started before
 * them, stopped after them.
 *
 * @example const e2e = serverAndBrowser(); test("…", async () => { const { page } = await newJourney(e2e.browser); await page.goto(e2e.server.baseUrl); });
 */
export function serverAndBrowser(env: Record<string, string> = {}): { readonly server: E2eServer; readonly browser: Browser } {
  let server: E2eServer | undefined;
  let browser: Browser | undefined;
  before(async () => {
    server = await startServer(env);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });
  return {
    get server() {
      if (!server) throw new Error("the e2e server starts in before()");
      return server;
    },
    get browser() {
      if (!browser) throw new Error("the browser starts in before()");
      return browser;
    },
  };
}
