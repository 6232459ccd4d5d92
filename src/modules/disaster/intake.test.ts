/**
 * JMA PULL intake against a local fake JMA server (node:http) serving the real sample messages from
 * shared/fixtures/disaster/jma/ and hostile items: every hostile or broken item is recorded as
 * rejected and the feed goes on; entries are deduplicated by id; city rules decide auto vs draft.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { sql } from "drizzle-orm";
import { queryRows } from "../../core/db/database.ts";
import { addAlertRule } from "./commands/manage-alert-rules.ts";
import { pollJmaFeeds, type PollLog } from "./commands/poll-jma-feeds.ts";
import { createDisasterTestApp, signedInStaff, type DisasterTestApp } from "./testing/app.ts";
import { DISASTER_FIXTURES } from "./testing/fixtures.ts";

const jma = (name: string) => readFileSync(path.join(DISASTER_FIXTURES, "jma", name));

const HOSTILE: Record<string, string | Buffer> = {
  "xxe.xml": `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><Report>&x;</Report>`,
  "bomb.xml": `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><Report>&lol2;</Report>`,
  "garbage.xml": Buffer.from([0x00, 0xff, 0x13, 0x37, 0x3c, 0x3c, 0x3e]),
  "not-jma.xml": `<?xml version="1.0"?><html><body>hello</body></html>`,
  "huge.xml": `<?xml version="1.0"?><Report>${"x".repeat(1_100_000)}</Report>`,
};

function atom(entries: Array<{ id: string; href: string; title?: string }>): string {
  return `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>高頻度（随時）</title><id>urn:feed</id><updated>2026-11-26T00:00:00Z</updated>
${entries.map((e) => `<entry><title>${e.title ?? "title"}</title><id>${e.id}</id><updated>2026-11-26T00:00:00Z</updated><link type="application/xml" href="${e.href}"/></entry>`).join("\n")}</feed>`;
}

let app: DisasterTestApp;
let server: Server;
let base = "";
let feeds: Record<string, string> = {};
const logged: string[] = [];
const log: PollLog = { info: () => {}, warn: (fields, message) => logged.push(`${message} ${JSON.stringify(fields)}`) };

before(async () => {
  app = await createDisasterTestApp();
  server = createServer((request, response) => {
    const url = request.url ?? "/";
    if (url.startsWith("/feed/")) {
      const name = url.slice("/feed/".length);
      if (name === "broken.xml") return void response.writeHead(500).end("oops");
      if (name === "garbage.xml") return void response.writeHead(200, { "content-type": "application/atom+xml" }).end("<feed><entry>");
      const body = feeds[name];
      if (!body) return void response.writeHead(404).end();
      return void response.writeHead(200, { "content-type": "application/atom+xml" }).end(body);
    }
    const name = url.slice("/data/".length);
    if (HOSTILE[name] !== undefined) return void response.writeHead(200, { "content-type": "application/xml" }).end(HOSTILE[name]);
    let body: Buffer;
    try {
      body = jma(name);
    } catch {
      return void response.writeHead(404).end("not found");
    }
    response.writeHead(200, { "content-type": "application/xml" }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await app?.stop();
});

const poll = (names: string[]) => pollJmaFeeds({ db: app.deps.db, feedUrls: names.map((n) => `${base}/feed/${n}`), log, maxEntryBytes: 1_000_000, timeoutMs: 5000 });

describe("JMA intake (PULL)", () => {
  it("records real messages, rejects hostile items and keeps going, drafts alerts for what concerns the city", async () => {
    feeds["eqvol.xml"] = atom([
      { id: "urn:jma:quake-1", href: `${base}/data/32-35_07_06_240613_VXSE53.xml` },
      { id: "urn:jma:xxe", href: `${base}/data/xxe.xml` },
      { id: "urn:jma:bomb", href: `${base}/data/bomb.xml` },
      { id: "urn:jma:garbage", href: `${base}/data/garbage.xml` },
      { id: "urn:jma:missing", href: `${base}/data/404.xml` },
      { id: "urn:jma:huge", href: `${base}/data/huge.xml` },
      { id: "urn:jma:not-jma", href: `${base}/data/not-jma.xml` },
      { id: "urn:jma:elsewhere", href: "http://169.254.169.254/latest/meta-data" },
      { id: "urn:jma:drill", href: `${base}/data/32-39_12_02_250206_VTSE41.xml` },
    ]);
    feeds["extra.xml"] = atom([
      { id: "urn:jma:rain", href: `${base}/data/18_01_01_100806_VPOA50.xml` },
      { id: "urn:jma:other-pref", href: `${base}/data/15_08_01_130412_VPWW53.xml` },
    ]);
    const report = await poll(["eqvol.xml", "broken.xml", "garbage.xml", "extra.xml"]);
    assert.deepEqual(report.feeds.map((f) => f.ok), [true, false, false, true]);
    assert.equal(report.recorded, 4, JSON.stringify(report));
    assert.equal(report.rejected, 7);
    assert.equal(report.drafted, 2, "the 震度2 quake and the 記録的短時間大雨情報 become drafts; the drill does not");
    assert.equal(report.issued, 0);
    const rows = await queryRows<{ entry_id: string; status: string; reason: string | null }>(app.deps.db, sql`SELECT entry_id, status, reason FROM disaster_jma_entries ORDER BY entry_id`);
    const reason = (id: string) => rows.find((r) => r.entry_id === id)?.reason ?? "";
    assert.match(reason("urn:jma:xxe"), /doctype_forbidden/);
    assert.match(reason("urn:jma:bomb"), /doctype_forbidden/);
    assert.match(reason("urn:jma:garbage"), /not_well_formed|not valid/);
    assert.match(reason("urn:jma:missing"), /HTTP 404/);
    assert.match(reason("urn:jma:huge"), /too_large|larger than/);
    assert.match(reason("urn:jma:elsewhere"), /not on the feed's server/);
    assert.ok(logged.some((line) => line.includes("JMA feed skipped") && line.includes("broken.xml")));
    assert.ok(logged.some((line) => line.includes("JMA entry rejected") && line.includes("urn:jma:xxe")));
    const quake = await queryRows<{ wards: string[]; level: number; concerns_city: boolean }>(app.deps.db, sql`SELECT wards, level, concerns_city FROM disaster_jma_entries WHERE entry_id = 'urn:jma:quake-1'`);
    assert.deepEqual(quake[0], { wards: ["271047", "271136", "271144", "271284"], level: 2, concerns_city: true });
  });

  it("never fetches an entry twice", async () => {
    const again = await poll(["eqvol.xml", "extra.xml"]);
    assert.equal(again.recorded + again.rejected + again.failed, 0);
    assert.equal(again.alreadySeen, 11);
    const [{ n }] = (await queryRows<{ n: number }>(app.deps.db, sql`SELECT count(*)::int AS n FROM disaster_alerts`)) as [{ n: number }];
    assert.equal(n, 2);
  });

  it("sends automatically when a city rule matches (once), and the drafts wait for an operator", async () => {
    const { id } = await signedInStaff(app, "crisis");
    const [actorRow] = await queryRows<{ email: string }>(app.deps.db, sql`SELECT email FROM users WHERE id = ${id}`);
    const actor = { id, kind: "staff" as const, email: actorRow!.email, displayName: "危機 管理", roles: [{ departmentCode: "crisis-management", role: "manager" as const }], sessionTokenHash: "" };
    await addAlertRule({ db: app.deps.db, actor, rule: { jmaKind: "earthquake-info", minLevel: 2, wards: ["271284"], template: "jma.earthquake", mode: "auto", note: "test" } });
    feeds["eqvol.xml"] = atom([{ id: "urn:jma:quake-2", href: `${base}/data/32-35_07_06_240613_VXSE53.xml` }]);
    const report = await poll(["eqvol.xml"]);
    assert.equal(report.issued, 1);
    assert.equal(await app.runJobs(), 1);
    assert.equal(app.issuer.issued.length, 1);
    const [sent] = app.issuer.issued;
    assert.equal(sent!.alert.kind, "jma");
    assert.equal(sent!.alert.level, 2);
    assert.match(sent!.alert.title.ja, /地震情報：此花区、西淀川区、東淀川区、中央区で震度2/);
    assert.match(sent!.alert.title.en ?? "", /Earthquake: seismic intensity 2 in Konohana, Nishiyodogawa, Higashiyodogawa, Chuo Wards/);
    assert.equal(await app.runJobs(), 0, "nothing left to send");
    const drafts = await queryRows<{ status: string }>(app.deps.db, sql`SELECT status FROM disaster_alerts WHERE status = 'draft'`);
    assert.equal(drafts.length, 2);
  });
});
