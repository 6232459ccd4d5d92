/**
 * The embedded database (PGlite) runs the same SQL: migration, event fan-out, claiming with
 * FOR UPDATE SKIP LOCKED, batched outcomes, tokens and the API's keyset and jsonpath queries.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { openDatabase, type Database } from "../../core/db/database.ts";
import { migrate } from "../../core/db/migrate.ts";
import type { Actor } from "../../core/http/actor.ts";
import { createUser } from "../identity/index.ts";
import { recordEvent } from "../procedures/history.ts";
import { createCase, createFile, createResident, seedOrganisation, WARD } from "../procedures/staff/testing.ts";
import { createSubscription } from "./commands/create-subscription.ts";
import { loadIntegrationSettings } from "./config.ts";
import { newAccessToken, sha256Hex } from "./oauth/credentials.ts";
import { eventsOfApplication, findApplicationFile, findLiveToken, insertClient, insertToken, listApplicationsForApi, listDeliveries } from "./queries.ts";
import { deliverDueWebhooks } from "./webhooks/deliver.ts";

let dataDir: string;
let database: Database;
let server: http.Server;
let received = 0;

before(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "machi-integrations-"));
  database = await openDatabase({ databaseUrl: undefined, dataDir });
  await migrate(database);
  server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      received++;
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
});
after(async () => {
  server.close();
  await database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test("events, deliveries, tokens and API queries work on PGlite", async () => {
  const db = database.db;
  const { wardProcedure } = await seedOrganisation(db);
  const residentId = await createResident(db);
  const file = await createFile(db, residentId);
  const { id } = await createCase(db, { userId: residentId, procedureId: wardProcedure, reference: "PG0001", answers: { id_doc: { ...file } } });
  const managerId = await createUser({ db, kind: "staff", email: "pg-manager@example.jp", password: "pg-password-123", familyName: "管理", givenName: "者", familyKana: "", givenKana: "", roles: [{ departmentCode: WARD, role: "manager" }] });
  const manager: Actor = { id: managerId, kind: "staff", email: "pg-manager@example.jp", displayName: "管理 者", roles: [{ departmentCode: WARD, role: "manager" }], sessionTokenHash: "" };
  const settings = loadIntegrationSettings({ nodeEnv: "test", sessionSecret: "pglite-secret-pglite-secret-pglite-secret" }, {});
  const { id: subscriptionId } = await createSubscription({
    db,
    actor: manager,
    settings,
    input: { departmentCode: WARD, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, eventTypes: ["application.status_changed"], description: "" },
  });

  await db.transaction(async (tx) => {
    await recordEvent(tx, { applicationId: id, actorId: null, type: "status_changed", fromStatus: "received", toStatus: "reviewing" });
  });
  const [event] = await eventsOfApplication(db, id);
  assert.equal(event?.type, "application.status_changed");
  assert.ok(event.occurredAt instanceof Date);
  const results = await deliverDueWebhooks({ db, settings });
  assert.deepEqual(results.map((r) => r.status), ["succeeded"]);
  assert.equal(received, 1);
  const [delivery] = await listDeliveries(db, subscriptionId, { limit: 10 });
  assert.equal(delivery?.status, "succeeded");
  assert.equal(delivery.applicationReference, "PG0001");

  await db.transaction(async (tx) => {
    await insertClient(tx, { clientId: "mc_000000000000000000000001", name: "x", secretHash: sha256Hex("s"), scopes: [`applications:read:${WARD}`], departmentCodes: [WARD], createdBy: managerId });
  });
  const token = newAccessToken();
  await db.transaction(async (tx) => {
    await insertToken(tx, { tokenHash: sha256Hex(token), clientId: "mc_000000000000000000000001", scopes: [`applications:read:${WARD}`], ttlSeconds: 60 });
  });
  assert.deepEqual(await findLiveToken(db, sha256Hex(token)), { clientId: "mc_000000000000000000000001", scopes: [`applications:read:${WARD}`] });

  const [first] = await listApplicationsForApi(db, { departmentCodes: [WARD], limit: 10 });
  assert.equal(first?.reference, "PG0001");
  assert.deepEqual(await listApplicationsForApi(db, { departmentCodes: [WARD], after: first.cursor, limit: 10 }), []);
  assert.equal((await findApplicationFile(db, id, file.fileId))?.name, file.name);
});
