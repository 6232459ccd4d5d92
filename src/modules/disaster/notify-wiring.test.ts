/** The default issuer hands evacuation information to the notify module (idempotent on alert id). */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { deliveryStats } from "../notify/index.ts";
import { createTestApp, type TestApp } from "../../testing/app.ts";
import { defaultAlertIssuer, notifyMappingOf } from "./alerts/default-issuer.ts";

let app: TestApp;
before(async () => { app = await createTestApp(); });
after(async () => app?.stop());

test("evacuation information reaches notify once", async () => {
  const alert = { id: "5b0f5e7a-6d2c-4f1e-9a53-3c1d2b4a5e60", kind: "evacuation" as const, level: 4, wards: ["271276"], title: { ja: "【警戒レベル4】避難指示（北区）", en: "x" }, params: { template: "evacuation.4", reason: "flood" } };
  assert.equal(notifyMappingOf(alert)?.templateKey, "evacuation.level4");
  const issuer = defaultAlertIssuer(app.deps);
  await issuer.issueAlert({ alert, actor: { id: null, label: "test" } });
  await issuer.issueAlert({ alert, actor: { id: null, label: "test" } });
  assert.ok(await deliveryStats(app.deps.db, alert.id), "notify knows the alert (by our id)");
});
