/** 「自分に送る」: the checklist by e-mail through real SMTP (a local sink), validated and rate limited. */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { queryRows } from "../../core/db/database.ts";
import { Browser, startSmtpSink, type SmtpSink } from "../identity/testing.ts";
import type { TestApp } from "../../testing/app.ts";
import { createNavigatorTestApp } from "./testing.ts";
import { SEND_LIMITS } from "./routes/resident.ts";

let app: TestApp;
let sink: SmtpSink;
before(async () => {
  sink = await startSmtpSink();
  app = await createNavigatorTestApp({ env: { SMTP_URL: sink.url } });
});
after(async () => {
  await app.stop();
  await sink.close();
});

const QUERY = "death_date=2026-06-01&insurance=nhi&had=pension&had=estate";

test("the checklist is sent to the address typed, with deadlines, places and the permalink", async () => {
  const browser = new Browser(app);
  await browser.get(`/navigator/death/result?${QUERY}`);
  const response = await browser.post(`/navigator/death/send?${QUERY}`, { email: "ｍａｔｓｕ@example.jp" });
  assert.equal(response.statusCode, 303);
  assert.equal(response.headers.location, `/navigator/death/result?${QUERY}&sent=1`);
  const mail = await sink.waitFor("matsu@example.jp", { subject: /おくやみ/ });
  assert.equal(mail.subject, "【大阪市】おくやみ（家族が亡くなったとき）で必要な手続きのリスト");
  const text = mail.text ?? "";
  assert.match(text, /■ 市の窓口で行う手続き/);
  assert.match(text, /・死亡届・火葬許可の申請\n  期限: 2026年6月8日（令和8年6月8日）まで/);
  assert.match(text, /相続の放棄・限定承認/);
  assert.match(text, /http:\/\/localhost:3000\/navigator\/death\/result\?death_date=2026-06-01&insurance=nhi&had=pension&had=estate/);
  const confirmation = await browser.get(response.headers.location as string);
  assert.match(confirmation.body, /リストをメールで送りました/);
  // Nothing about it is stored: not in the outbox, not anywhere else.
  const [row] = await queryRows<{ n: number }>(app.deps.db, sql`SELECT count(*)::int AS n FROM outbox WHERE payload::text LIKE '%matsu@example.jp%'`);
  assert.equal(row?.n, 0);
});

test("a missing or malformed address: 422 with the error beside the field and the list still shown", async () => {
  const browser = new Browser(app);
  await browser.get(`/navigator/death/result?${QUERY}`);
  const empty = await browser.post(`/navigator/death/send?${QUERY}`, { email: "" });
  assert.equal(empty.statusCode, 422);
  assert.match(empty.body, /class="error-summary"[\s\S]*href="#email">メールアドレスを入力してください/);
  assert.match(empty.body, /死亡届・火葬許可の申請/);
  const wrong = await browser.post(`/navigator/death/send?${QUERY}`, { email: "not-an-address" });
  assert.equal(wrong.statusCode, 422);
  assert.match(wrong.body, /taro@example.jp」のような形/);
  assert.match(wrong.body, /value="not-an-address"/);
});

test("a cross-site post is refused (CSRF)", async () => {
  const response = await app.http.inject({
    method: "POST",
    url: `/navigator/death/send?${QUERY}`,
    payload: "email=a%40example.jp",
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
  assert.equal(response.statusCode, 403);
});

test("sending to one address is limited per hour, whoever asks", async () => {
  const address = "limit@example.jp";
  for (let i = 0; i < SEND_LIMITS.perAddress.max; i++) {
    const browser = new Browser(app);
    await browser.get(`/navigator/death/result?${QUERY}`);
    assert.equal((await browser.post(`/navigator/death/send?${QUERY}`, { email: address })).statusCode, 303);
  }
  const browser = new Browser(app);
  await browser.get(`/navigator/death/result?${QUERY}`);
  const refused = await browser.post(`/navigator/death/send?${QUERY}`, { email: address });
  assert.equal(refused.statusCode, 429);
  assert.match(refused.body, /このメールアドレスへの送信が多すぎます/);
});

test("one client is limited too", async () => {
  const browser = new Browser(app);
  await browser.get(`/navigator/death/result?${QUERY}`);
  const statuses: number[] = [];
  for (let i = 0; i <= SEND_LIMITS.perIp.max; i++) statuses.push((await browser.post(`/navigator/death/send?${QUERY}`, { email: `client${i}@example.jp` })).statusCode);
  assert.deepEqual(statuses.slice(0, SEND_LIMITS.perIp.max), Array(SEND_LIMITS.perIp.max).fill(303));
  assert.equal(statuses.at(-1), 429);
});
