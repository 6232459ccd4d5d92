/**
 * The preview of a working copy (or of a published version) exactly as a resident sees it:
 * the same form engine and form page, the answers kept in a hidden field (nothing is saved).
 *
 *   GET  /staff/builder/procedures/:id/preview                     → the first page
 *   GET  /staff/builder/procedures/:id/preview/pages/:pageId       POST same (continue)
 *   POST /staff/builder/procedures/:id/preview/restart
 * Query: version=<versionId> (a published version), device=phone|desktop, frame=1 (inside the
 * side-by-side frames of preview.js: framing by our own pages only), a=<answers> (change links).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AppDeps } from "../../../core/app-deps.ts";
import { AppError } from "../../../core/http/errors.ts";
import { requireStaff } from "../../identity/index.ts";
import { findProcedureVersion } from "../../procedures/index.ts";
import { mergePageAnswers, nextPageId, parsePage, previousPageId, pruneAnswers, visiblePages } from "../../procedures/forms/index.ts";
import type { Answers, FormDefinition, QuestionDef } from "../../procedures/forms/definition.ts";
import { authorOrNotFound, isUuid } from "../policy.ts";
import { findDraft } from "../queries.ts";
import { bodyOf, text } from "../schema.ts";
import { sendPage } from "../views/common.ts";
import { decodeAnswers, previewBase, previewCheckPage, previewFormPage, type PreviewTarget } from "../views/preview.ts";
import { guarded } from "./procedures.ts";

/** Files cannot be attached in a preview: file questions become optional there. */
function forPreview(definition: FormDefinition): FormDefinition {
  const soften = (q: QuestionDef): QuestionDef => (q.type === "file" ? { ...q, required: false } : q.fields ? { ...q, fields: q.fields.map(soften) } : q);
  return { ...definition, pages: definition.pages.map((p) => ({ ...p, questions: p.questions.map(soften) })) };
}

function answersFrom(value: string): Answers {
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as Answers) : {};
  } catch {
    return {};
  }
}

export function registerPreviewRoutes(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.db;

  async function load(request: FastifyRequest): Promise<{ target: PreviewTarget; definition: FormDefinition }> {
    const staff = requireStaff(request);
    const { id } = request.params as { id: string };
    if (!isUuid(id)) throw new AppError("not_found", "builder.procedure_not_found");
    const draft = authorOrNotFound(staff, await findDraft(db, id), "builder.procedure_not_found");
    const query = bodyOf(request.query);
    const versionId = text(query, "version");
    let definition = draft.definition;
    if (versionId) {
      if (!isUuid(versionId)) throw new AppError("not_found", "builder.version_not_found");
      const version = await findProcedureVersion(db, id, versionId);
      if (!version) throw new AppError("not_found", "builder.version_not_found");
      definition = version.definition;
    }
    const target: PreviewTarget = {
      procedureId: id,
      procedureTitle: draft.metadata.title,
      ...(versionId ? { versionId } : {}),
      device: text(query, "device") === "desktop" ? "desktop" : "phone",
      framed: text(query, "frame") === "1",
    };
    return { target, definition: forPreview(definition) };
  }

  /** Inside preview.js's frames the page may be framed by our own builder pages (and only them). */
  function allowFraming(reply: FastifyReply, target: PreviewTarget): void {
    if (!target.framed) return;
    const csp = reply.getHeader("content-security-policy");
    if (typeof csp === "string") reply.header("content-security-policy", csp.replace("frame-ancestors 'none'", "frame-ancestors 'self'"));
    reply.header("x-frame-options", "SAMEORIGIN");
  }

  function queryOf(target: PreviewTarget): string {
    const params = new URLSearchParams();
    if (target.versionId) params.set("version", target.versionId);
    params.set("device", target.device);
    if (target.framed) params.set("frame", "1");
    return `?${params.toString()}`;
  }

  function renderPage(reply: FastifyReply, target: PreviewTarget, definition: FormDefinition, pageId: string, answers: Answers, state: { raw?: Record<string, string | string[] | undefined>; errors?: Array<{ field: string; message: string }> }, status: number) {
    const page = definition.pages.find((p) => p.id === pageId)!;
    allowFraming(reply, target);
    return sendPage(
      reply,
      (ctx) =>
        previewFormPage(ctx, {
          target,
          definition,
          page,
          answers: pruneAnswers(definition, answers),
          ...(state.raw ? { raw: state.raw } : {}),
          errors: state.errors ?? [],
          previousPageId: previousPageId(definition, pruneAnswers(definition, answers), pageId),
        }),
      status,
    );
  }

  app.get("/staff/builder/procedures/:id/preview", guarded, async (request, reply) => {
    const { target, definition } = await load(request);
    const first = visiblePages(definition, {})[0];
    if (!first) throw new AppError("not_found", "builder.page_not_found");
    return reply.redirect(`${previewBase(target)}/pages/${first.id}${queryOf(target)}`, 303);
  });

  app.get("/staff/builder/procedures/:id/preview/pages/:pageId", guarded, async (request, reply) => {
    const { target, definition } = await load(request);
    const { pageId } = request.params as { pageId: string };
    const answers = decodeAnswers(text(bodyOf(request.query), "a"));
    if (!visiblePages(definition, answers).some((p) => p.id === pageId)) throw new AppError("not_found", "builder.page_not_found");
    return renderPage(reply, target, definition, pageId, answers, {}, 200);
  });

  app.post("/staff/builder/procedures/:id/preview/pages/:pageId", guarded, async (request, reply) => {
    const { target, definition } = await load(request);
    const { pageId } = request.params as { pageId: string };
    const body = bodyOf(request.body);
    const answers = answersFrom(text(body, "_answers"));
    if (!visiblePages(definition, answers).some((p) => p.id === pageId)) throw new AppError("not_found", "builder.page_not_found");
    const parsed = parsePage(definition, pageId, body, answers, request.locale);
    if (parsed.errors.length > 0) return renderPage(reply, target, definition, pageId, answers, { raw: parsed.raw, errors: parsed.errors }, 422);
    const merged = mergePageAnswers(definition, pageId, answers, parsed.answers);
    const next = nextPageId(definition, merged, pageId);
    if (next) return renderPage(reply, target, definition, next, merged, {}, 200);
    allowFraming(reply, target);
    return sendPage(reply, (ctx) => previewCheckPage(ctx, { target, definition, answers: pruneAnswers(definition, merged) }));
  });

  app.post("/staff/builder/procedures/:id/preview/restart", guarded, async (request, reply) => {
    const { target } = await load(request);
    return reply.redirect(`${previewBase(target)}${queryOf(target)}`, 303);
  });
}
