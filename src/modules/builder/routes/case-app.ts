/**
 * The case app editor of a procedure (managers of its department; others see it read-only).
 *
 *   GET  /staff/builder/procedures/:id/case-app      the editor (the saved case app, or the default)
 *   POST /staff/builder/procedures/:id/case-app      save (422 with every problem's path; nothing saved)
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AppDeps } from "../../../core/app-deps.ts";
import { AppError } from "../../../core/http/errors.ts";
import { departmentStaff, requireStaff } from "../../identity/index.ts";
import { defaultCaseApp, type CaseAppConfig } from "../case-app/config.ts";
import { caseAppQuestions, saveCaseApp } from "../commands/save-case-app.ts";
import { problemsOf } from "../commands/support.ts";
import type { Problem } from "../definition/metadata.ts";
import { authorOrNotFound, canConfigureCaseApp, isUuid } from "../policy.ts";
import { findCaseApp, findDraft, type DraftRow } from "../queries.ts";
import { bodyOf, parseCaseAppForm, parseRevision, text } from "../schema.ts";
import { caseAppPage } from "../views/case-app.ts";
import { sendPage } from "../views/common.ts";
import { isAppError } from "../../../core/http/errors.ts";
import { guarded } from "./procedures.ts";

export function registerCaseAppRoutes(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.db;

  async function load(request: FastifyRequest): Promise<DraftRow> {
    const staff = requireStaff(request);
    const { id } = request.params as { id: string };
    if (!isUuid(id)) throw new AppError("not_found", "builder.procedure_not_found");
    return authorOrNotFound(staff, await findDraft(db, id), "builder.procedure_not_found");
  }

  async function render(request: FastifyRequest, reply: FastifyReply, draft: DraftRow, shown: CaseAppConfig | null, problems: Problem[], status: number, extra: { done?: string; conflict?: boolean } = {}) {
    const staff = requireStaff(request);
    const [saved, questions, colleagues] = await Promise.all([findCaseApp(db, draft.procedureId), caseAppQuestions(db, draft.procedureId), departmentStaff(db, draft.departmentCode)]);
    return sendPage(
      reply,
      (ctx) =>
        caseAppPage(ctx, {
          procedureId: draft.procedureId,
          procedureTitle: draft.metadata.title,
          revision: saved?.revision ?? 0,
          config: shown ?? saved?.config ?? defaultCaseApp(),
          saved: saved !== null,
          questions,
          staff: colleagues,
          problems,
          canEdit: canConfigureCaseApp(staff, draft.departmentCode),
          ...extra,
        }),
      status,
    );
  }

  app.get("/staff/builder/procedures/:id/case-app", guarded, async (request, reply) => {
    const draft = await load(request);
    const done = text(bodyOf(request.query), "done");
    return render(request, reply, draft, null, [], 200, done ? { done } : {});
  });

  app.post("/staff/builder/procedures/:id/case-app", guarded, async (request, reply) => {
    const draft = await load(request);
    const staff = requireStaff(request);
    const body = bodyOf(request.body);
    const config = parseCaseAppForm(body, countRows(body, "stage_id_"), countRows(body, "rule_assignee_"));
    const revision = parseRevision(body);
    if (revision === null) return render(request, reply, draft, config, [], 409, { conflict: true });
    try {
      await saveCaseApp({ db, actor: staff, procedureId: draft.procedureId, config, revision, locale: request.locale });
    } catch (error) {
      const problems = problemsOf(error);
      if (problems) return render(request, reply, draft, config, problems, 422);
      if (isAppError(error) && error.code === "conflict") return render(request, reply, draft, config, [], 409, { conflict: true });
      throw error;
    }
    return reply.redirect(`/staff/builder/procedures/${draft.procedureId}/case-app?done=case_app_saved`, 303);
  });
}

/** How many numbered rows a form sent (stage_id_0, stage_id_1, …): the highest index + 1, at most 100. */
function countRows(body: Record<string, unknown>, prefix: string): number {
  let max = -1;
  for (const key of Object.keys(body)) {
    if (!key.startsWith(prefix)) continue;
    const n = Number(key.slice(prefix.length));
    if (Number.isInteger(n) && n >= 0 && n < 100) max = Math.max(max, n);
  }
  return max + 1;
}
