/**
 * The back-office API (JSON, bearer tokens from /oauth/token, described in /openapi.json under the
 * tag `back-office`). Each handler: rate limit → bearer token → validate (schema) → command →
 * JSON. Another department's application answers 404, like an unknown id.
 *
 *   GET  /api/v1/applications                      pull applications (keyset pagination)
 *   GET  /api/v1/applications/:id                  one application: answers, files, timeline
 *   POST /api/v1/applications/:id/status           change its status (write scope)
 *   GET  /api/v1/applications/:id/files/:fileId    a file's bytes
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { AppDeps } from "../../../core/app-deps.ts";
import { AppError } from "../../../core/http/errors.ts";
import { systemChangeStatus } from "../../procedures/commands/system-change-status.ts";
import type { ApplicationStatus } from "../../procedures/index.ts";
import { changeStatusSchema, documentBackOffice, getApplicationSchema, getFileSchema, listApplicationsSchema } from "../api-schema.ts";
import { pullApplications, readApplication, readApplicationFile } from "../commands/pull-applications.ts";
import { integrationsContext } from "../context.ts";
import { bearerAuth, bearerToken, insufficientScope, requestClient } from "../oauth/bearer.ts";
import { sha256Hex } from "../oauth/credentials.ts";
import { canReadDepartment, canWriteDepartment } from "../policy.ts";
import { applicationDepartment, type ApiApplicationSummary } from "../queries.ts";
import { isUuid } from "../schema.ts";

const FILE_TYPES: Record<string, string> = { pdf: "application/pdf", jpeg: "image/jpeg", png: "image/png" };

/** attachment; filename="ascii fallback"; filename*=UTF-8''percent-encoded (RFC 6266 / 5987). */
function attachment(name: string): string {
  const fallback = name.replace(/[^\x20-\x7E]|["\\%;]/g, "_");
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

export function registerApiRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  const { settings } = integrationsContext(deps);
  const base = deps.config.baseUrl;
  const applicationUrl = (id: string) => `${base}/api/v1/applications/${id}`;
  const config = {
    skipCsrf: true,
    swaggerTransform: documentBackOffice(base),
    rateLimit: {
      max: settings.apiRateLimit,
      timeWindow: "1 minute",
      // Per token (clients behind one proxy do not share a budget); the address when there is none.
      keyGenerator: (request: FastifyRequest) => {
        const token = bearerToken(request);
        return token ? `token:${sha256Hex(token).slice(0, 32)}` : `ip:${request.ip}`;
      },
    },
  };
  const preHandler = bearerAuth(db);

  const summary = (a: ApiApplicationSummary) => ({
    id: a.id,
    reference: a.reference,
    departmentCode: a.departmentCode,
    procedure: a.procedure,
    procedureTitle: a.procedureTitle,
    applicantName: a.applicantName,
    status: a.status,
    revision: a.revision,
    submittedAt: a.submittedAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    decidedAt: a.decidedAt?.toISOString() ?? null,
    url: applicationUrl(a.id),
  });

  app.get("/api/v1/applications", { schema: listApplicationsSchema, config, preHandler }, async (request) => {
    const query = request.query as { department?: string; status?: string; since?: string; cursor?: string; limit?: number };
    const page = await pullApplications({
      db,
      client: requestClient(request),
      ...(query.department !== undefined ? { department: query.department } : {}),
      ...(query.status !== undefined ? { status: query.status } : {}),
      ...(query.since !== undefined ? { since: query.since } : {}),
      ...(query.cursor !== undefined ? { cursor: query.cursor } : {}),
      limit: query.limit ?? 50,
    });
    return { items: page.items.map(summary), nextCursor: page.nextCursor, hasMore: page.hasMore };
  });

  app.get("/api/v1/applications/:id", { schema: getApplicationSchema, config, preHandler }, async (request) => {
    const { id } = request.params as { id: string };
    const a = await readApplication({ db, client: requestClient(request), applicationId: id });
    return {
      ...summary(a),
      answers: a.answers,
      files: a.files.map((f) => ({ id: f.id, questionId: f.questionId, name: f.name, kind: f.kind, size: f.size, sha256: f.sha256, url: `${applicationUrl(a.id)}/files/${f.id}` })),
      correction: a.status === "correction_requested" ? { questions: a.correctionQuestions, message: a.correctionMessage } : null,
      timeline: a.timeline.map((e) => ({ at: e.at.toISOString(), type: e.type, fromStatus: e.fromStatus, toStatus: e.toStatus, message: e.message })),
    };
  });

  app.post("/api/v1/applications/:id/status", { schema: changeStatusSchema, config, preHandler }, async (request, reply) => {
    const client = requestClient(request);
    const { id } = request.params as { id: string };
    const body = request.body as { status: ApplicationStatus; reason?: string; revision?: number };
    const department = isUuid(id) ? await applicationDepartment(db, id) : null;
    if (!department || (!canReadDepartment(client.scopes, department) && !canWriteDepartment(client.scopes, department))) {
      throw new AppError("not_found", "application.not_found");
    }
    if (!canWriteDepartment(client.scopes, department)) throw insufficientScope(reply, `applications:write:${department}`);
    const result = await systemChangeStatus({
      db,
      client: { clientId: client.clientId, departmentCodes: [department] },
      applicationId: id,
      to: body.status,
      ...(body.reason !== undefined ? { reason: body.reason } : {}),
      ...(body.revision !== undefined ? { revision: body.revision } : {}),
      baseUrl: base,
    });
    deps.wakeWorker();
    return { id, fromStatus: result.from, status: result.to, revision: result.revision };
  });

  app.get("/api/v1/applications/:id/files/:fileId", { schema: getFileSchema, config, preHandler }, async (request, reply) => {
    const { id, fileId } = request.params as { id: string; fileId: string };
    const file = await readApplicationFile({ db, client: requestClient(request), applicationId: id, fileId });
    return reply
      .header("content-type", FILE_TYPES[file.kind] ?? "application/octet-stream")
      .header("content-disposition", attachment(file.name))
      .header("x-content-type-options", "nosniff")
      .header("cache-control", "no-store")
      .send(Buffer.isBuffer(file.bytes) ? file.bytes : Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength));
  });
}
