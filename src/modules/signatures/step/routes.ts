/**
 * HTTP of the signature step, registered by the procedures module (which owns drafts and decides
 * who may open one) with a loader for the draft being signed:
 *
 *   GET  /drafts/:draftId/signature        the signature page
 *   GET  /drafts/:draftId/signature/data   the canonical application data to sign (JSON file)
 *   POST /drafts/:draftId/signature        upload the CMS (multipart, field "signature") → 303 to check your answers, or 422
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AppDeps } from "../../../core/app-deps.ts";
import { t } from "../../../core/i18n/index.ts";
import { layout, type PageContext, type PageOptions } from "../../../core/ui/layout.ts";
import { canonicalApplicationBytes } from "../canonical.ts";
import { draftSignatureState, MAX_SIGNATURE_BYTES, uploadDraftSignature } from "./commands.ts";
import { signatureStepContext } from "./context.ts";
import type { SignatureTrustConfig } from "./trust.ts";
import { signaturePage, type SignaturePageView } from "./views.ts";

/** A draft as the signature step needs it; the loader has checked that it is the resident's own. */
export type SigningDraft = {
  id: string;
  userId: string;
  /** Submitted drafts are no longer signed: their page leads to the application. */
  submittedAt: Date | null;
  applicationId: string | null;
  /** The plain data that is signed (its canonical JSON is the signed content). */
  data: unknown;
};

export type SignatureStepOptions = {
  /** Loads the draft of `:draftId` for the signed-in resident (throws not_found / unauthenticated). */
  loadDraft: (request: FastifyRequest) => Promise<SigningDraft>;
};

const HIDDEN = { schema: { hide: true } } as const;
const UPLOAD_LIMIT = { max: 20, timeWindow: 5 * 60 * 1000 };

function send(reply: FastifyReply, build: (ctx: PageContext) => PageOptions, status: number): FastifyReply {
  const ctx = reply.pageContext();
  return reply.code(status).header("cache-control", "no-store").type("text/html; charset=utf-8").send(layout(ctx, build(ctx)).value);
}

export function registerSignatureStep(app: FastifyInstance, deps: AppDeps, options: SignatureStepOptions): void {
  const db = deps.db;
  const trust = (request: FastifyRequest): SignatureTrustConfig | null => {
    try {
      return signatureStepContext(deps).trust();
    } catch (error) {
      request.log.error({ reason: error instanceof Error ? error.message : String(error) }, "signature trust is not configured");
      return null;
    }
  };
  const submitted = (reply: FastifyReply, draft: SigningDraft) =>
    draft.submittedAt ? reply.redirect(draft.applicationId ? `/my/applications/${draft.applicationId}` : "/my", 303) : null;

  async function render(reply: FastifyReply, request: FastifyRequest, draft: SigningDraft, extra: Partial<SignaturePageView>, status: number) {
    const config = trust(request);
    const state = await draftSignatureState(db, { draftId: draft.id, userId: draft.userId, data: draft.data });
    return send(reply, (ctx) => signaturePage(ctx, { draftId: draft.id, state, ...(config?.demoFile ? { demoFile: config.demoFile } : {}), ...(config ? {} : { unavailable: true }), ...extra }), status);
  }

  app.get("/drafts/:draftId/signature", HIDDEN, async (request, reply) => {
    const draft = await options.loadDraft(request);
    return submitted(reply, draft) ?? render(reply, request, draft, {}, 200);
  });

  app.get("/drafts/:draftId/signature/data", HIDDEN, async (request, reply) => {
    const draft = await options.loadDraft(request);
    const done = submitted(reply, draft);
    if (done) return done;
    const name = `申請データ-${draft.id.slice(0, 8)}.json`;
    return reply
      .header("content-type", "application/json; charset=utf-8")
      .header("content-disposition", `attachment; filename="application-data-${draft.id.slice(0, 8)}.json"; filename*=UTF-8''${encodeURIComponent(name)}`)
      .header("x-content-type-options", "nosniff")
      .header("cache-control", "private, no-store")
      .send(Buffer.from(canonicalApplicationBytes(draft.data)));
  });

  app.post("/drafts/:draftId/signature", { ...HIDDEN, config: { rateLimit: UPLOAD_LIMIT } }, async (request, reply) => {
    const draft = await options.loadDraft(request);
    const done = submitted(reply, draft);
    if (done) return done;
    const config = trust(request);
    if (!config) return render(reply, request, draft, {}, 503);

    let bytes: Uint8Array = new Uint8Array(0);
    let truncated = false;
    if (request.isMultipart()) {
      const parts = request.parts({ limits: { fileSize: MAX_SIGNATURE_BYTES, files: 1, fields: 5 }, throwFileSizeLimit: false } as Parameters<FastifyRequest["parts"]>[0]);
      for await (const part of parts) {
        if (part.type === "file" && part.fieldname === "signature") {
          bytes = await part.toBuffer();
          truncated = part.file.truncated;
        } else if (part.type === "file") {
          await part.toBuffer();
        }
      }
    }
    const receivedAt = new Date();
    const result = truncated
      ? ({ ok: false, reason: "too_large" } as const)
      : await uploadDraftSignature({ db, draftId: draft.id, userId: draft.userId, data: draft.data, bytes, trust: config.trust, receivedAt });
    if (!result.ok) {
      request.log.info({ draftId: draft.id, reason: result.reason }, "application signature refused");
      return render(reply, request, draft, { error: t(request.locale, `signatures.reason.${result.reason}`) }, 422);
    }
    request.log.info({ draftId: draft.id }, "application signature verified");
    return reply.redirect(`/drafts/${draft.id}/check#signature`, 303);
  });
}
