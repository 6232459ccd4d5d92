/**
 * The navigator's static files, served from the module (CSP 'self'): its stylesheet, the city's
 * colours generated from CITY_PRIMARY_COLOR, the print button script and the city's logo.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyInstance } from "fastify";
import { darken, type CityConfig } from "../config.ts";

const ASSETS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../assets");
const HIDDEN = { schema: { hide: true } } as const;

/** The city's colours as CSS custom properties (they override machi.css on the navigator's pages). */
export function brandCss(city: CityConfig): string {
  return `/* ${city.name.ja} (${city.code}) — generated from CITY_PRIMARY_COLOR */\n:root { --color-primary: ${city.primaryColor}; --color-primary-dark: ${darken(city.primaryColor)}; --color-link: ${city.primaryColor}; }\n`;
}

export function registerAssetRoutes(app: FastifyInstance, city: CityConfig): void {
  const css = fs.readFileSync(path.join(ASSETS, "navigator.css"), "utf8");
  const printJs = fs.readFileSync(path.join(ASSETS, "print.js"), "utf8");
  const brand = brandCss(city);
  const cache = "public, max-age=3600";
  app.get("/navigator/assets/navigator.css", HIDDEN, async (_r, reply) => reply.header("cache-control", cache).type("text/css; charset=utf-8").send(css));
  app.get("/navigator/assets/brand.css", HIDDEN, async (_r, reply) => reply.header("cache-control", cache).type("text/css; charset=utf-8").send(brand));
  app.get("/navigator/assets/print.js", HIDDEN, async (_r, reply) => reply.header("cache-control", cache).type("text/javascript; charset=utf-8").send(printJs));
  app.get("/navigator/assets/logo", HIDDEN, async (_r, reply) => {
    if (!city.logo) return reply.code(404).type("text/plain").send("no logo configured");
    return reply.header("cache-control", cache).type(city.logo.contentType).send(fs.readFileSync(city.logo.path));
  });
}
