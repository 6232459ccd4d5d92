import { test } from "node:test";
import assert from "node:assert/strict";
import { assigneeFor, defaultCaseApp, dueAt, effectiveStage, nextStages, planStageMove, slaState, type CaseAppConfig } from "./config.ts";

const APP: CaseAppConfig = {
  ...defaultCaseApp(),
  stages: [
    { id: "received", label: { ja: "受付" }, base: "received" },
    { id: "check", label: { ja: "書類確認" }, base: "reviewing" },
    { id: "visit", label: { ja: "現地調査" }, base: "reviewing" },
    { id: "fix", label: { ja: "補正" }, base: "correction_requested" },
    { id: "done", label: { ja: "完了" }, base: "approved" },
    { id: "no", label: { ja: "却下" }, base: "rejected" },
  ],
  transitions: [
    { from: "received", to: "check" },
    { from: "check", to: "visit" },
    { from: "check", to: "fix" },
    { from: "visit", to: "done" },
    { from: "visit", to: "no" },
    { from: "fix", to: "no" },
  ],
  sla: { days: 10, warnDays: 2 },
  assignment: [{ question: "ward", equals: "kita", assignTo: "u-kita" }, { assignTo: "u-default" }],
};

test("a case is at its stored stage while that stage's status is its status, else at the first stage of the status", () => {
  assert.equal(effectiveStage(APP, "reviewing", "visit")?.id, "visit");
  assert.equal(effectiveStage(APP, "reviewing", null)?.id, "check");
  // The resident answered a correction from "fix": back to reviewing, at its first stage.
  assert.equal(effectiveStage(APP, "reviewing", "fix")?.id, "check");
  // A stage removed from the app since.
  assert.equal(effectiveStage(APP, "reviewing", "gone")?.id, "check");
  assert.equal(effectiveStage(APP, "withdrawn", "visit"), null);
});

test("stage moves: only the app's moves, corrections by their own form, status changes flagged", () => {
  assert.deepEqual(nextStages(APP, effectiveStage(APP, "reviewing", null)).map((s) => s.id), ["visit"]);
  assert.deepEqual(planStageMove(APP, "reviewing", null, "visit"), { ok: true, to: APP.stages[2], statusChanges: false });
  assert.deepEqual(planStageMove(APP, "reviewing", "visit", "done"), { ok: true, to: APP.stages[4], statusChanges: true });
  assert.deepEqual(planStageMove(APP, "reviewing", null, "done"), { ok: false, reason: "move_not_allowed" });
  assert.deepEqual(planStageMove(APP, "reviewing", null, "fix"), { ok: false, reason: "move_not_allowed" });
  assert.deepEqual(planStageMove(APP, "reviewing", null, "nope"), { ok: false, reason: "stage_unknown" });
});

test("SLA: due date, due soon, overdue; none for decided cases", () => {
  const submitted = new Date("2026-04-01T00:00:00Z");
  assert.equal(dueAt(APP, submitted)?.toISOString(), "2026-04-11T00:00:00.000Z");
  assert.equal(slaState(APP, submitted, "reviewing", new Date("2026-04-05T00:00:00Z")), "ok");
  assert.equal(slaState(APP, submitted, "reviewing", new Date("2026-04-09T12:00:00Z")), "soon");
  assert.equal(slaState(APP, submitted, "reviewing", new Date("2026-04-12T00:00:00Z")), "overdue");
  assert.equal(slaState(APP, submitted, "approved", new Date("2026-04-12T00:00:00Z")), null);
  assert.equal(dueAt({ ...APP, sla: null }, submitted), null);
});

test("assignment: the first matching rule", () => {
  assert.equal(assigneeFor(APP, { ward: "kita" }), "u-kita");
  assert.equal(assigneeFor(APP, { ward: "naka" }), "u-default");
  assert.equal(assigneeFor({ ...APP, assignment: [] }, { ward: "kita" }), null);
  assert.equal(assigneeFor({ ...APP, assignment: [{ question: "topics", equals: "dog", assignTo: "u" }] }, { topics: ["cat", "dog"] }), "u");
});
