/**
 * Identity assurance and the electronic signature step, as procedures uses them
 * (docs/decisions/0013-identity-assurance.md). Kept out of routes.ts so that the handlers only
 * gain a line each:
 *
 * - start: `startGate` — a procedure needing a higher level than the request has (and accepting no
 *   signature instead) shows the page explaining how to raise it;
 * - check your answers: `signaturePanel` — sign (required, or offered instead of the level), or signed;
 * - submit: `submitGate` — the level or a valid signature over the current answers; when signed,
 *   `afterCreate` records the signature with the new application in the submit transaction.
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { AppDeps } from "../../core/app-deps.ts";
import type { Db } from "../../core/db/database.ts";
import type { Actor } from "../../core/http/actor.ts";
import type { Locale } from "../../core/i18n/index.ts";
import type { HtmlValue } from "../../core/ui/html.ts";
import { assuranceForRequest, checkProcedureAssurance, procedureRequirement, signatureStepFor, type AssuranceDecision } from "../identity/index.ts";
import {
  draftSignatureState,
  recheckDraftSignature,
  recordApplicationSignature,
  registerSignatureStep,
  signatureCheckPanel,
  signatureStepContext,
  type SignatureTrust,
} from "../signatures/index.ts";
import { applicationSigningData } from "./commands/application-signing-data.ts";
import type { DraftView } from "./queries.ts";

/** Registers /drafts/:draftId/signature[/data] with the drafts' owner check of procedures. */
export function registerProcedureSignatureStep(app: FastifyInstance, deps: AppDeps, loadDraft: (request: FastifyRequest) => Promise<DraftView>): void {
  registerSignatureStep(app, deps, {
    async loadDraft(request) {
      const draft = await loadDraft(request);
      return { id: draft.id, userId: draft.userId, submittedAt: draft.submittedAt, applicationId: draft.applicationId, data: applicationSigningData(draft) };
    },
  });
}

export async function startGate(deps: AppDeps, actor: Actor, procedureSlug: string): Promise<AssuranceDecision> {
  return checkProcedureAssurance({ deps, actor, procedureSlug, stage: "start" });
}

/** The signature panel of check your answers ("" when the procedure asks for none). */
export async function signaturePanel(deps: AppDeps, actor: Actor, draft: DraftView, locale: Locale): Promise<HtmlValue> {
  const [requirement, assurance, state] = await Promise.all([
    procedureRequirement(deps.db, draft.procedureSlug),
    assuranceForRequest(deps.db, actor),
    draftSignatureState(deps.db, { draftId: draft.id, userId: actor.id, data: applicationSigningData(draft) }),
  ]);
  return signatureCheckPanel(locale, { draftId: draft.id, step: signatureStepFor(requirement, assurance), state });
}

export type SubmitGate =
  | { allowed: true; afterCreate?: (tx: Db, applicationId: string) => Promise<void> }
  | { allowed: false; decision: Extract<AssuranceDecision, { allowed: false }> };

/**
 * Whether this submission may go ahead. A kept signature counts only when it is over the current
 * answers and still verifies (at its time of receipt); it is then recorded with the application.
 */
export async function submitGate(deps: AppDeps, actor: Actor, draft: DraftView): Promise<SubmitGate> {
  const data = applicationSigningData(draft);
  let trust: SignatureTrust | null = null;
  let signed = false;
  if ((await draftSignatureState(deps.db, { draftId: draft.id, userId: actor.id, data })).status === "valid") {
    try {
      trust = signatureStepContext(deps).trust().trust;
      signed = (await recheckDraftSignature(deps.db, { draftId: draft.id, userId: actor.id, data, trust })).status === "valid";
    } catch {
      // No trust configured: the signature cannot count (the signature page says so).
      signed = false;
    }
  }
  const decision = await checkProcedureAssurance({ deps, actor, procedureSlug: draft.procedureSlug, stage: "submit", signed });
  if (!decision.allowed) return { allowed: false, decision };
  if (!signed || !trust) return { allowed: true };
  const signatureTrust = trust;
  return {
    allowed: true,
    afterCreate: async (tx, applicationId) => {
      await recordApplicationSignature(tx, { draftId: draft.id, userId: actor.id, applicationId, data, trust: signatureTrust });
    },
  };
}
