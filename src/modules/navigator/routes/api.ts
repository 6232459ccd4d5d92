/**
 * 手続き判定 as JSON (described in /openapi.json under the tag "navigator"):
 *
 *   GET  /api/navigator/events            published life events with their questions
 *   POST /api/navigator/:event/result     { answers } → the checklist (nothing is stored; no cookies, no CSRF)
 */
import type { FastifyInstance } from "fastify";
import type { AppDeps } from "../../../core/app-deps.ts";
import { AppError } from "../../../core/http/errors.ts";
import { isoToWareki, isValidIsoDate } from "../../../core/text/wareki.ts";
import { computeResult } from "../commands/compute-result.ts";
import { answersQuery, optionsOf, resultPath, withQuery } from "../journey.ts";
import { publishedDefinitions } from "../published.ts";
import { listEventsSchema, resultSchema } from "../schema.ts";

export function registerApiRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get("/api/navigator/events", { schema: listEventsSchema }, async () => {
    const rows = await publishedDefinitions(deps.db);
    return {
      events: rows.map((row) => ({
        event: row.event,
        version: row.version,
        title: row.definition.title,
        summary: row.definition.summary,
        url: `${deps.config.baseUrl}/navigator/${row.event}`,
        questions: row.definition.questions.map((q) => ({
          id: q.id,
          type: q.type,
          label: q.label,
          ...(q.hint ? { hint: q.hint } : {}),
          required: q.required !== false,
          ...(q.type === "date" ? {} : { options: optionsOf(q) }),
          ...(q.showIf ? { showIf: q.showIf } : {}),
        })),
      })),
    };
  });

  app.post("/api/navigator/:event/result", { schema: resultSchema, config: { skipCsrf: true, rateLimit: { max: 600, timeWindow: 60_000 } } }, async (request) => {
    const { event } = request.params as { event: string };
    const body = request.body as { answers: Record<string, unknown>; today?: string };
    if (body.today !== undefined && !isValidIsoDate(body.today)) throw new AppError("invalid_input", "navigator.today_invalid");
    const result = await computeResult({ db: deps.db, event, input: body.answers, reportUnknown: true, ...(body.today ? { today: body.today } : {}) });
    const { definition, checklist } = result;
    return {
      event: definition.event,
      version: result.version,
      title: definition.title,
      complete: result.nextQuestion === null,
      nextQuestion: result.nextQuestion,
      answers: checklist.answers,
      problems: result.problems,
      resultUrl: `${deps.config.baseUrl}${withQuery(resultPath(definition), answersQuery(definition, checklist.answers))}`,
      items: checklist.items.map((item) => ({
        id: item.id,
        group: item.group,
        title: item.title,
        procedure: item.procedure ? { slug: item.procedure.slug, title: item.procedure.title, url: `${deps.config.baseUrl}${item.procedure.href}`, online: item.procedure.online } : null,
        where: item.where.url?.startsWith("/") ? { ...item.where, url: `${deps.config.baseUrl}${item.where.url}` } : item.where,
        bring: item.bring,
        why: item.why,
        deadline: item.deadline
          ? {
              from: item.deadline.rule.from,
              count: item.deadline.rule.count,
              unit: item.deadline.rule.unit ?? "days",
              countFirstDay: item.deadline.rule.countFirstDay === true,
              basis: item.deadline.rule.basis,
              date: item.deadline.computed?.date ?? null,
              wareki: item.deadline.computed ? isoToWareki(item.deadline.computed.date)?.label ?? null : null,
              statutoryDate: item.deadline.computed?.statutoryDate ?? null,
              daysLeft: item.deadline.daysLeft,
            }
          : null,
        startUrl: item.startHref ? `${deps.config.baseUrl}${item.startHref}` : null,
      })),
    };
  });
}
