/**
 * 手続き判定 pages for residents (no account, no JavaScript; answers travel in the URL query):
 *
 *   GET  /navigator                         life events
 *   GET  /navigator/:event                  start page
 *   GET  /navigator/:event/q/:question      one question       POST same → 303 next question or result (422 with errors)
 *   GET  /navigator/:event/result           the checklist (a permalink: ?<answers>)
 *   POST /navigator/:event/send             e-mail the checklist to oneself (rate limited) → 303 result?…&sent=1
 */
import { createHash } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AppDeps } from "../../../core/app-deps.ts";
import { AppError } from "../../../core/http/errors.ts";
import { mergePageAnswers, parsePage, type FieldError, type FormBody } from "../../procedures/forms/index.ts";
import { computeResult } from "../commands/compute-result.ts";
import { sendChecklist } from "../commands/send-checklist.ts";
import type { CityConfig } from "../config.ts";
import type { NavigatorAnswers, NavigatorDefinition } from "../definition.ts";
import {
  answersQuery,
  firstQuestionId,
  firstUnanswered,
  formOf,
  mayVisit,
  nextQuestionId,
  previousQuestionId,
  progressOf,
  questionPath,
  readAnswers,
  resultPath,
  withQuery,
} from "../journey.ts";
import { publishedDefinition, publishedDefinitions } from "../published.ts";
import { isPlausibleEmail } from "../schema.ts";
import { m } from "../views/format.ts";
import { eventsPage, questionPage, resultPage, startPage } from "../views/resident.ts";

const HIDDEN = { schema: { hide: true } } as const;
const MINUTE = 60_000;

/** Sending to oneself: per client address, and per e-mail address (a hash of it is the key). */
export const SEND_LIMITS = { perIp: { max: 5, timeWindow: 15 * MINUTE }, perAddress: { max: 3, timeWindow: 60 * MINUTE } } as const;

function queryOf(request: FastifyRequest): Record<string, unknown> {
  return (request.query ?? {}) as Record<string, unknown>;
}

/** The ?lang= of the request, kept on redirects so the language does not switch back. */
function langParam(request: FastifyRequest): Record<string, string> {
  const lang = queryOf(request).lang;
  return lang === "ja" || lang === "en" ? { lang } : {};
}

async function publishedOr404(deps: AppDeps, event: string): Promise<{ definition: NavigatorDefinition; version: number }> {
  const row = /^[a-z][a-z0-9-]{0,40}$/.test(event) ? await publishedDefinition(deps.db, event) : null;
  if (!row) throw new AppError("not_found", "navigator.event_not_found");
  return { definition: row.definition, version: row.version };
}

export function registerResidentRoutes(app: FastifyInstance, deps: AppDeps, city: CityConfig): void {
  const limiter = app.createRateLimit({
    max: SEND_LIMITS.perAddress.max,
    timeWindow: SEND_LIMITS.perAddress.timeWindow,
    keyGenerator: (request: FastifyRequest) => (request as FastifyRequest & { navigatorMailKey?: string }).navigatorMailKey ?? "none",
  });

  app.get("/navigator", HIDDEN, async (_request, reply) => {
    const rows = await publishedDefinitions(deps.db);
    const events = rows.map((r) => ({ event: r.event, title: r.definition.title, summary: r.definition.summary }));
    return reply.page(eventsPage(reply.pageContext(), { events, city }));
  });

  app.get("/navigator/:event", HIDDEN, async (request, reply) => {
    const { event } = request.params as { event: string };
    const { definition } = await publishedOr404(deps, event);
    const first = firstQuestionId(definition);
    const firstHref = withQuery(first ? questionPath(definition, first) : resultPath(definition), new URLSearchParams(langParam(request)).toString());
    return reply.page(startPage(reply.pageContext(), { definition, firstHref, questionCount: definition.questions.length, city }));
  });

  type QuestionRequest = FastifyRequest<{ Params: { event: string; question: string } }>;

  async function loadQuestion(request: QuestionRequest) {
    const { definition } = await publishedOr404(deps, request.params.event);
    const page = formOf(definition).pages.find((p) => p.id === request.params.question);
    if (!page) throw new AppError("not_found", "navigator.question_not_found");
    const { answers } = readAnswers(definition, queryOf(request));
    return { definition, page, answers };
  }

  function questionUrl(request: FastifyRequest, definition: NavigatorDefinition, questionId: string, answers: NavigatorAnswers, extra: Record<string, string> = {}): string {
    return withQuery(questionPath(definition, questionId), answersQuery(definition, answers, { ...extra, ...langParam(request) }));
  }

  function resultUrl(request: FastifyRequest, definition: NavigatorDefinition, answers: NavigatorAnswers, extra: Record<string, string> = {}): string {
    return withQuery(resultPath(definition), answersQuery(definition, answers, { ...langParam(request), ...extra }));
  }

  function renderQuestion(request: QuestionRequest, reply: FastifyReply, loaded: Awaited<ReturnType<typeof loadQuestion>>, state: { raw?: FormBody; errors: FieldError[] }) {
    const { definition, page, answers } = loaded;
    const previous = previousQuestionId(definition, answers, page.id);
    const returning: Record<string, string> = queryOf(request).return === "result" ? { return: "result" } : {};
    return reply.page(
      questionPage(reply.pageContext(), {
        definition,
        page,
        state: { answers, ...(state.raw ? { raw: state.raw } : {}) },
        errors: state.errors,
        action: questionUrl(request, definition, page.id, answers, returning),
        backHref: previous ? questionUrl(request, definition, previous, answers) : withQuery(`/navigator/${definition.event}`, new URLSearchParams(langParam(request)).toString()),
        progress: progressOf(definition, answers, page.id),
        city,
      }),
      state.errors.length > 0 ? 422 : 200,
    );
  }

  app.get<{ Params: { event: string; question: string } }>("/navigator/:event/q/:question", HIDDEN, async (request, reply) => {
    const loaded = await loadQuestion(request);
    if (!mayVisit(loaded.definition, loaded.answers, loaded.page.id)) {
      const next = firstUnanswered(loaded.definition, loaded.answers);
      return reply.redirect(next ? questionUrl(request, loaded.definition, next, loaded.answers) : resultUrl(request, loaded.definition, loaded.answers), 303);
    }
    return renderQuestion(request, reply, loaded, { errors: [] });
  });

  app.post<{ Params: { event: string; question: string } }>("/navigator/:event/q/:question", HIDDEN, async (request, reply) => {
    const loaded = await loadQuestion(request);
    const { definition, page, answers } = loaded;
    if (!mayVisit(definition, answers, page.id)) {
      const next = firstUnanswered(definition, answers);
      return reply.redirect(next ? questionUrl(request, definition, next, answers) : resultUrl(request, definition, answers), 303);
    }
    const parsed = parsePage(formOf(definition), page.id, (request.body ?? {}) as FormBody, answers, request.locale);
    if (parsed.errors.length > 0) return renderQuestion(request, reply, loaded, { raw: parsed.raw, errors: parsed.errors });
    const merged = mergePageAnswers(formOf(definition), page.id, answers, parsed.answers) as NavigatorAnswers;
    const unanswered = firstUnanswered(definition, merged);
    if (queryOf(request).return === "result" && unanswered === null) return reply.redirect(resultUrl(request, definition, merged), 303);
    const next = nextQuestionId(definition, merged, page.id);
    return reply.redirect(next ? questionUrl(request, definition, next, merged) : resultUrl(request, definition, merged), 303);
  });

  async function renderResult(request: FastifyRequest, reply: FastifyReply, send: { email: string; errors: FieldError[]; sent: boolean }, status?: number) {
    const { event } = request.params as { event: string };
    const result = await computeResult({ db: deps.db, event, input: queryOf(request) });
    const { definition, checklist } = result;
    if (result.nextQuestion) return reply.redirect(questionUrl(request, definition, result.nextQuestion, checklist.answers), 303);
    const answered = definition.questions.filter((q) => checklist.answers[q.id] !== undefined);
    const last = answered.at(-1);
    return reply.page(
      resultPage(reply.pageContext(), {
        definition,
        version: result.version,
        checklist,
        changeHref: (questionId) => questionUrl(request, definition, questionId, checklist.answers, { return: "result" }),
        backHref: last ? questionUrl(request, definition, last.id, checklist.answers) : `/navigator/${definition.event}`,
        permalink: `${deps.config.baseUrl}${withQuery(resultPath(definition), answersQuery(definition, checklist.answers))}`,
        sendAction: withQuery(`/navigator/${definition.event}/send`, answersQuery(definition, checklist.answers, langParam(request))),
        send,
        city,
      }),
      status ?? (send.errors.length > 0 ? 422 : 200),
    );
  }

  app.get("/navigator/:event/result", HIDDEN, async (request, reply) => {
    return renderResult(request, reply, { email: "", errors: [], sent: queryOf(request).sent === "1" });
  });

  app.post("/navigator/:event/send", { ...HIDDEN, config: { rateLimit: SEND_LIMITS.perIp } }, async (request, reply) => {
    const { event } = request.params as { event: string };
    const body = (request.body ?? {}) as FormBody;
    const raw = body.email;
    const email = (Array.isArray(raw) ? raw[0] ?? "" : raw ?? "").normalize("NFKC").trim();
    const fail = (key: string) => renderResult(request, reply, { email, errors: [{ field: "email", message: m(request.locale, key) }], sent: false });
    if (email === "") return fail("send.error.required");
    if (email.length > 254 || !isPlausibleEmail(email)) return fail("send.error.format");
    (request as FastifyRequest & { navigatorMailKey?: string }).navigatorMailKey = `navigator-mail:${createHash("sha256").update(email.toLowerCase()).digest("base64url")}`;
    const limit = await limiter(request);
    if (!limit.isAllowed && limit.isExceeded) {
      return renderResult(request, reply, { email, errors: [{ field: "email", message: m(request.locale, "send.error.tooMany") }], sent: false }, 429);
    }
    const result = await computeResult({ db: deps.db, event, input: queryOf(request) });
    if (result.nextQuestion) throw new AppError("invalid_input", "navigator.incomplete_answers");
    const permalink = `${deps.config.baseUrl}${withQuery(resultPath(result.definition), answersQuery(result.definition, result.checklist.answers))}`;
    try {
      await sendChecklist({
      mailer: deps.mailer,
      to: email,
      definition: result.definition,
      checklist: result.checklist,
      locale: request.locale,
      permalink,
      baseUrl: deps.config.baseUrl,
      cityName: city.name[request.locale] ?? city.name.ja,
      });
    } catch (error) {
      request.log.warn({ err: error }, "navigator: the checklist e-mail could not be sent");
      return renderResult(request, reply, { email, errors: [{ field: "email", message: m(request.locale, "send.error.failed") }] , sent: false }, 503);
    }
    return reply.redirect(resultUrl(request, result.definition, result.checklist.answers, { sent: "1" }), 303);
  });
}
