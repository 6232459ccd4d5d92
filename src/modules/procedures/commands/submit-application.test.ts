/**
 * Submitting a draft as the caller read it: the conditional UPDATE takes it only while it is
 * unchanged and unsubmitted; otherwise the locking path decides on the draft as it is now.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { queryRows } from "../../../core/db/database.ts";
import type { Actor } from "../../../core/http/actor.ts";
import type { TestApp } from "../../../testing/app.ts";
import { signUpResident } from "../../identity/testing.ts";
import { findDraftForUser, updateDraft } from "../queries.ts";
import { createSeededApp, fillResidenceAsSelf, startResidence } from "../testing.ts";
import { submitApplication } from "./submit-application.ts";

let app: TestApp;
before(async () => {
  app = await createSeededApp();
});
after(async () => {
  await app.stop();
});

async function filledDraft(): Promise<{ actor: Actor; draftId: string }> {
  const resident = await signUpResident(app);
  const draftId = await startResidence(resident);
  await fillResidenceAsSelf(resident.browser, draftId);
  const actor: Actor = { id: resident.userId, kind: "resident", email: resident.email, displayName: resident.email, roles: [], sessionTokenHash: "" };
  return { actor, draftId };
}

function submit(actor: Actor, draftId: string, draft: Awaited<ReturnType<typeof findDraftForUser>>) {
  return submitApplication({
    db: app.deps.db,
    actor,
    draftId,
    draft: draft!,
    declaration: { pageId: "declaration", answers: { declaration: true } },
    locale: "ja",
    baseUrl: "http://localhost:3000",
  });
}

async function applicationAnswers(draftId: string): Promise<Array<{ copies: unknown }>> {
  return queryRows(app.deps.db, sql`SELECT answers -> 'copies' AS copies FROM applications WHERE draft_id = ${draftId}::uuid`);
}

test("an unchanged draft is submitted as read, with the history entry and the receipt e-mail", async () => {
  const { actor, draftId } = await filledDraft();
  const read = await findDraftForUser(app.deps.db, draftId, actor.id);
  const result = await submit(actor, draftId, read);
  assert.equal(result.status, "submitted");
  assert.ok(result.status === "submitted" && result.created);
  const [draft] = await queryRows<{ submitted: boolean }>(app.deps.db, sql`SELECT submitted_at IS NOT NULL AS submitted FROM drafts WHERE id = ${draftId}::uuid`);
  assert.equal(draft!.submitted, true);
  const events = await queryRows<{ type: string; actor_id: string; to_status: string }>(
    app.deps.db,
    sql`SELECT type, actor_id, to_status FROM application_events WHERE application_id = ${result.applicationId}::uuid`,
  );
  assert.deepEqual(events, [{ type: "submitted", actor_id: actor.id, to_status: "received" }]);
  const mails = await queryRows<{ n: number }>(app.deps.db, sql`SELECT count(*)::int AS n FROM outbox WHERE idempotency_key = ${`mail:receipt:${result.applicationId}`}`);
  assert.equal(mails[0]!.n, 1);
});

test("a draft changed since it was read is submitted with its current answers", async () => {
  const { actor, draftId } = await filledDraft();
  const read = await findDraftForUser(app.deps.db, draftId, actor.id);
  // Another tab saves a page after this read (every save sets updated_at).
  await updateDraft(app.deps.db, draftId, { answers: { ...read!.answers, copies: 3 }, pending: read!.pending, currentPage: read!.currentPage });
  const result = await submit(actor, draftId, read);
  assert.equal(result.status, "submitted");
  assert.deepEqual(await applicationAnswers(draftId), [{ copies: 3 }]);
});

test("a draft submitted since it was read answers with the same application, once", async () => {
  const { actor, draftId } = await filledDraft();
  const read = await findDraftForUser(app.deps.db, draftId, actor.id);
  const first = await submit(actor, draftId, read);
  const second = await submit(actor, draftId, read);
  assert.ok(first.status === "submitted" && second.status === "submitted");
  assert.equal(second.applicationId, first.applicationId);
  assert.equal(second.created, false);
  assert.equal((await applicationAnswers(draftId)).length, 1);
});
