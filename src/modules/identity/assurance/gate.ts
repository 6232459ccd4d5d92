/**
 * The assurance of a request and the check procedures make before starting and submitting:
 *
 *   const decision = await checkProcedureAssurance({ deps, actor, procedureSlug, stage: "submit", signed });
 *   if (!decision.allowed) return sendAssuranceRequired(reply, deps, decision, `/drafts/${id}/check`);
 */
import type { FastifyReply } from "fastify";
import type { AppDeps } from "../../../core/app-deps.ts";
import type { Db } from "../../../core/db/database.ts";
import type { Actor } from "../../../core/http/actor.ts";
import { layout } from "../../../core/ui/layout.ts";
import { identityContext } from "../context.ts";
import { assuranceRequiredPage } from "../views/assurance.ts";
import { effectiveLevel } from "./levels.ts";
import { decideProcedureAssurance, type AssuranceDecision, type RequestAssurance } from "./policy.ts";
import { findRequirementAndSessionAssurance, findSessionAssurance, type SessionAssuranceRow } from "./queries.ts";

const NOBODY: RequestAssurance = { level: 1, accountLevel: 1, sessionLevel: 1, sessionMethod: "password", hasPasskey: false };

/** The level this request counts at (min of the account's and the sign-in's) and how it got there. */
export async function assuranceForRequest(db: Db, actor: Actor | null | undefined): Promise<RequestAssurance> {
  if (!actor) return NOBODY;
  return requestAssurance(await findSessionAssurance(db, actor.sessionTokenHash));
}

function requestAssurance(row: SessionAssuranceRow | null): RequestAssurance {
  return row ? { level: effectiveLevel(row.accountLevel, row.sessionLevel), ...row } : NOBODY;
}

export type CheckProcedureAssuranceOptions = {
  deps: AppDeps;
  actor: Actor;
  /** The procedure's catalogue id (slug). */
  procedureSlug: string;
  stage: "start" | "submit";
  /** A valid signature over the application's current data is on file (signatures module). */
  signed?: boolean;
};

export async function checkProcedureAssurance(options: CheckProcedureAssuranceOptions): Promise<AssuranceDecision> {
  const { deps } = options;
  const { requirement, session } = await findRequirementAndSessionAssurance(deps.db, options.procedureSlug, options.actor.sessionTokenHash);
  return decideProcedureAssurance({
    requirement,
    assurance: requestAssurance(session),
    stage: options.stage,
    signed: options.signed ?? false,
    nationalIdAvailable: identityContext(deps).nationalProvider() !== undefined,
  });
}

/** Sends the page explaining how to raise the level (403), with links back to `next`. */
export function sendAssuranceRequired(reply: FastifyReply, deps: AppDeps, decision: Extract<AssuranceDecision, { allowed: false }>, next?: string): FastifyReply {
  const ctx = reply.pageContext();
  const page = assuranceRequiredPage(ctx, { decision, next, national: identityContext(deps).nationalProvider() });
  return reply.code(403).header("cache-control", "no-store").type("text/html; charset=utf-8").send(layout(ctx, page).value);
}
