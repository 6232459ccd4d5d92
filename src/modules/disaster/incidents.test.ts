/**
 * Incidents through the staff pages: opening, 配備体制, chronology, tasks, and evacuation information
 * issued exactly once on the second, explicit confirmation; who may do what.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sql } from "drizzle-orm";
import { queryRows } from "../../core/db/database.ts";
import { signUpResident, Browser } from "../identity/testing.ts";
import { createDisasterTestApp, signedInStaff, type DisasterTestApp } from "./testing/app.ts";

let app: DisasterTestApp;
let crisis: Browser;
let incidentId = "";

before(async () => {
  app = await createDisasterTestApp();
  crisis = (await signedInStaff(app, "crisis")).browser;
});
after(async () => app?.stop());

const location = (r: { headers: Record<string, unknown>; statusCode: number; body: string }) => {
  assert.equal(r.statusCode, 303, r.body.slice(0, 1500));
  return String(r.headers.location);
};

describe("incidents and evacuation information", () => {
  it("keeps residents and nobody out of the staff pages", async () => {
    const nobody = await new Browser(app).get("/staff/disaster");
    assert.equal(nobody.statusCode, 303);
    assert.match(String(nobody.headers.location), /^\/staff\/sign-in\?next=/);
    const resident = await signUpResident(app);
    for (const url of ["/staff/disaster", "/staff/disaster/incidents", "/staff/disaster/reports", "/staff/disaster/map", "/staff/disaster/settings", "/field"]) {
      assert.equal((await resident.browser.get(url)).statusCode, 403, url);
    }
    assert.equal((await resident.browser.post("/staff/disaster/incidents/new", { title: "x", hazard: "flood", deploymentLevel: "alert" })).statusCode, 403);
  });

  it("lets the 危機管理室 open an incident, change 配備体制, add notes and tasks, all in the chronology", async () => {
    const page = await crisis.get("/staff/disaster/incidents/new");
    assert.equal(page.statusCode, 200);
    const invalid = await crisis.post("/staff/disaster/incidents/new", { title: "", hazard: "typhoon", deploymentLevel: "alert" });
    assert.equal(invalid.statusCode, 422);
    assert.match(invalid.body, /件名を200文字以内で入力してください/);
    const opened = await crisis.post("/staff/disaster/incidents/new", { title: "台風第10号", hazard: "typhoon", deploymentLevel: "alert", wards: ["271276"] });
    incidentId = /\/staff\/disaster\/incidents\/([0-9a-f-]{36})/.exec(location(opened))![1]!;
    const shown = await crisis.get(`/staff/disaster/incidents/${incidentId}`);
    assert.match(shown.body, /警戒配備/);
    const revision = /name="revision" value="(\d+)"/.exec(shown.body)![1]!;
    location(await crisis.post(`/staff/disaster/incidents/${incidentId}/level`, { revision, level: "first" }));
    const stale = await crisis.post(`/staff/disaster/incidents/${incidentId}/level`, { revision, level: "second" });
    assert.equal(stale.statusCode, 409, "a form from before the change is refused");
    location(await crisis.post(`/staff/disaster/incidents/${incidentId}/notes`, { note: "淀川の水位上昇を確認" }));
    location(await crisis.post(`/staff/disaster/incidents/${incidentId}/tasks`, { task: "北区の避難所を開設", assignee: "" }));
    const page2 = await crisis.get(`/staff/disaster/incidents/${incidentId}`);
    for (const text of ["第1配備", "配備体制を変更しました：警戒配備 → 第1配備", "淀川の水位上昇を確認", "タスクを追加：北区の避難所を開設", "災害対応を開始しました：台風第10号"]) {
      assert.ok(page2.body.includes(text), text);
    }
    const taskAction = /action="(\/staff\/disaster\/incidents\/[^"]+\/tasks\/[^"]+\/done)"/.exec(page2.body)![1]!;
    location(await crisis.post(taskAction, {}));
    assert.match((await crisis.get(`/staff/disaster/incidents/${incidentId}?lang=en`)).body, /Task done: 北区の避難所を開設/);
  });

  it("issues 避難指示 once: form → preview in every language → explicit confirmation; a second confirm sends nothing", async () => {
    const form = await crisis.get(`/staff/disaster/incidents/${incidentId}/evacuation`);
    assert.equal(form.statusCode, 200);
    const empty = await crisis.post(`/staff/disaster/incidents/${incidentId}/evacuation`, { reason: "flood" });
    assert.equal(empty.statusCode, 422);
    assert.match(empty.body, /避難情報を発令する区を1つ以上選んでください/);
    assert.match(empty.body, /警戒レベルを選んでください/);
    const drafted = await crisis.post(`/staff/disaster/incidents/${incidentId}/evacuation`, { wards: ["271276", "271284"], level: "4", reason: "flood" });
    const alertUrl = location(drafted);
    assert.equal(app.issuer.issued.length, 0);
    const preview = await crisis.get(alertUrl);
    assert.match(preview.body, /【警戒レベル4】避難指示（北区、中央区）/);
    assert.match(preview.body, /\[Alert level 4\] Evacuation order \(Kita, Chuo Wards\)/);
    const unticked = await crisis.post(`${alertUrl}/confirm`, {});
    assert.equal(unticked.statusCode, 422, "the confirmation box must be ticked");
    const [first, second] = await Promise.all([crisis.post(`${alertUrl}/confirm`, { confirmed: "yes" }), crisis.post(`${alertUrl}/confirm`, { confirmed: "yes" })]);
    assert.deepEqual([first.statusCode, second.statusCode].sort(), [303, 409]);
    await app.runJobs();
    await app.runJobs();
    assert.equal(app.issuer.issued.length, 1);
    const sent = app.issuer.issued[0]!.alert;
    assert.deepEqual({ kind: sent.kind, level: sent.level, wards: sent.wards }, { kind: "evacuation", level: 4, wards: ["271276", "271284"] });
    assert.match(String(sent.params.body_en), /Everyone in a dangerous place must evacuate now/);
    const audit = await queryRows<{ action: string }>(app.deps.db, sql`SELECT action FROM audit_log WHERE action LIKE 'disaster.%' ORDER BY seq`);
    assert.deepEqual(audit.map((a) => a.action).filter((a) => a.includes("evacuation") || a.includes("issued")), ["disaster.evacuation_drafted", "disaster.alert_issued"]);
    const page = await crisis.get(`/staff/disaster/incidents/${incidentId}`);
    assert.match(page.body, /配信しました：【警戒レベル4】避難指示（北区、中央区）/);
    // The public shelter list shows what is in force.
    assert.match((await new Browser(app).get("/shelters")).body, /発令中の避難情報[\s\S]*警戒レベル4 避難指示/);
    const cap = await app.http.inject({ url: `/disaster/alerts/${alertUrl.split("/").pop()}/cap.xml` });
    assert.equal(cap.statusCode, 200);
    const { validateCap } = await import("./cap/validate-cap.ts");
    assert.deepEqual((await validateCap(cap.body)).problems, []);
  });

  it("lets a ward manager issue only for their own ward, and other staff not at all", async () => {
    const kita = (await signedInStaff(app, "kita-manager")).browser;
    const other = await kita.post(`/staff/disaster/incidents/${incidentId}/evacuation`, { wards: ["271284"], level: "3", reason: "flood" });
    assert.equal(other.statusCode, 422);
    assert.match(other.body, /あなたが発令できない区があります/);
    const own = await kita.post(`/staff/disaster/incidents/${incidentId}/evacuation`, { wards: ["271276"], level: "0", reason: "flood" });
    assert.match(location(own), /^\/staff\/disaster\/alerts\//);
    const clerk = (await signedInStaff(app, "welfare-clerk")).browser;
    assert.equal((await clerk.get(`/staff/disaster/incidents/${incidentId}`)).statusCode, 200, "every member of staff can read the desk");
    assert.equal((await clerk.get(`/staff/disaster/incidents/${incidentId}/evacuation`)).statusCode, 403);
    assert.equal((await clerk.post(`/staff/disaster/incidents/${incidentId}/evacuation`, { wards: ["271276"], level: "4", reason: "flood" })).statusCode, 403);
    const alertUrl = location(own);
    assert.equal((await clerk.post(`${alertUrl}/confirm`, { confirmed: "yes" })).statusCode, 403);
    assert.equal((await clerk.post("/staff/disaster/incidents/new", { title: "x", hazard: "flood", deploymentLevel: "alert" })).statusCode, 403);
  });
});
