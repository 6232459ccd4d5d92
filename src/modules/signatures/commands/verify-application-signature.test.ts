import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { sql } from "drizzle-orm";
import { queryRows } from "../../../core/db/database.ts";
import { seedDemo } from "../../../demo/seed.ts";
import { createTestDatabase, type TestDatabase } from "../../../testing/database.ts";
import { canonicalApplicationBytes } from "../canonical.ts";
import { signatureVerificationsFor } from "../queries.ts";
import { createTestPki, TEST_SIGNER_IDENTITY, type TestPki } from "../testing/test-pki.ts";
import { verifyApplicationSignature, type SignatureTrust } from "./verify-application-signature.ts";

let database: TestDatabase;
let pki: TestPki;
let trust: SignatureTrust;
let applicationId: string;
const data = { procedure: "juminhyo", version: 1, answers: { 氏名: "大阪 太郎", 通数: 1 } };

before(async () => {
  pki = createTestPki();
  trust = { trustAnchors: readFileSync(pki.root.cert), crls: [pki.crl] };
  database = await createTestDatabase();
  await seedDemo(database.db, { generatedProcedures: false, payments: false, assurance: false });
  // An application as the procedures module would have stored it (its tables, test set-up only).
  const [row] = await queryRows<{ id: string }>(
    database.db,
    sql`WITH person AS (SELECT id FROM users WHERE kind = 'resident' LIMIT 1),
             proc AS (SELECT id, current_version_id, department_code FROM procedures WHERE current_version_id IS NOT NULL LIMIT 1),
             draft AS (INSERT INTO drafts (user_id, procedure_version_id) SELECT person.id, proc.current_version_id FROM person, proc RETURNING id)
        INSERT INTO applications (reference, draft_id, user_id, procedure_id, procedure_version_id, department_code, answers, status)
        SELECT 'SIG-TEST-1', draft.id, person.id, proc.id, proc.current_version_id, proc.department_code, '{}'::jsonb, 'received'
          FROM draft, person, proc
        RETURNING id`,
  );
  assert.ok(row, "test application created");
  applicationId = row.id;
});
after(async () => {
  await database?.drop();
  pki?.dispose();
});

describe("verifyApplicationSignature", () => {
  it("records a valid signature with the signer's 基本4情報 for staff", async () => {
    const signature = pki.sign({ signer: pki.signer, content: canonicalApplicationBytes(data) });
    const receivedAt = new Date();
    const { id, verification } = await verifyApplicationSignature({ db: database.db, applicationId, data, signature, trust, receivedAt });
    assert.equal(verification.valid, true, verification.valid ? "" : verification.detail);
    const [record] = await signatureVerificationsFor(database.db, applicationId);
    assert.equal(record?.id, id);
    assert.equal(record?.valid, true);
    assert.equal(record?.reason, null);
    assert.equal(record?.signer?.name, TEST_SIGNER_IDENTITY.name);
    assert.equal(record?.signer?.address, TEST_SIGNER_IDENTITY.address);
    assert.equal(record?.signer?.birthDate, TEST_SIGNER_IDENTITY.birthDate);
    assert.equal(record?.revocation, "crl");
    assert.equal(record?.validatedAt?.toISOString(), receivedAt.toISOString(), "judged at receipt, not at the device's signingTime");
    const [stored] = await queryRows<{ signature: Buffer }>(database.db, sql`SELECT signature FROM signature_verifications WHERE id = ${id}`);
    assert.deepEqual(Buffer.from(stored!.signature), Buffer.from(signature), "the CMS is kept as evidence");
  });

  it("records a refused signature with its reason and the claimed signer", async () => {
    const signature = pki.sign({ signer: pki.revoked, content: canonicalApplicationBytes(data) });
    const { verification } = await verifyApplicationSignature({ db: database.db, applicationId, data, signature, trust, receivedAt: new Date() });
    assert.equal(verification.valid ? undefined : verification.reason, "revoked");
    const [latest] = await signatureVerificationsFor(database.db, applicationId);
    assert.equal(latest?.valid, false);
    assert.equal(latest?.reason, "revoked");
    assert.match(latest?.detail ?? "", /keyCompromise/);
    assert.equal(latest?.signer?.commonName, "Revoked Signer");
  });

  it("refuses a signature over other data than the application's", async () => {
    const signature = pki.sign({ signer: pki.signer, content: canonicalApplicationBytes({ ...data, answers: { ...data.answers, 通数: 9 } }) });
    const { verification } = await verifyApplicationSignature({ db: database.db, applicationId, data, signature, trust, receivedAt: new Date() });
    assert.equal(verification.valid ? undefined : verification.reason, "content_mismatch");
    assert.equal((await signatureVerificationsFor(database.db, applicationId)).length, 3, "every attempt is kept");
  });
});
