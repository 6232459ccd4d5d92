/**
 * Field reports from a phone (installable PWA):
 *
 *   GET  /field                 the report form (staff and registered 自主防災組織 members)
 *   POST /field/reports         multipart (photo) or urlencoded; `Accept: application/json` answers JSON
 *                               (the service worker's replay); the CSRF token rides in the action URL
 *   GET  /field/reports/:id     "report sent" (the reporter, or staff)
 *   GET  /field/sw.js           the service worker, served under /field/ so that its scope is /field/
 */
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AppDeps } from "../../../core/app-deps.ts";
import type { Actor } from "../../../core/http/actor.ts";
import { AppError, isAppError } from "../../../core/http/errors.ts";
import { REPORT_CATEGORIES, REPORT_SEVERITIES, submitFieldReport, type ReportCategory, type ReportSeverity } from "../commands/submit-field-report.ts";
import { canSendFieldReport } from "../policy.ts";
import { findFieldReport, isCommunityMember } from "../queries.ts";
import { m } from "../views/common.ts";
import { fieldPage, fieldSentPage, type FieldFormValues } from "../views/field.ts";
import { isWardCode } from "../wards.ts";
import { decimal, sendPage } from "./support.ts";

const PUBLIC_DISASTER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../../public/disaster");

async function fieldActor(deps: AppDeps, request: FastifyRequest): Promise<Actor> {
  const actor = request.actor;
  if (!actor) throw new AppError("unauthenticated");
  const member = actor.kind === "resident" ? await isCommunityMember(deps.db, actor.id) : false;
  if (!canSendFieldReport(actor, member)) throw new AppError("forbidden", "disaster.field_not_allowed");
  return actor;
}

function newKey(): string {
  return randomBytes(16).toString("base64url");
}

type Parsed = { values: FieldFormValues; photo: Buffer | null; photoTooLarge: boolean };

async function readReportBody(request: FastifyRequest, maxBytes: number): Promise<Parsed> {
  const fields: Record<string, string> = {};
  let photo: Buffer | null = null;
  let photoTooLarge = false;
  if (request.isMultipart()) {
    const options = { limits: { files: 1, fileSize: maxBytes, fields: 30 }, throwFileSizeLimit: false };
    for await (const part of request.parts(options as Parameters<FastifyRequest["parts"]>[0])) {
      if (part.type === "file") {
        const bytes = await part.toBuffer();
        if (part.file.truncated) photoTooLarge = true;
        else if (part.fieldname === "photo" && bytes.length > 0) photo = bytes;
      } else fields[part.fieldname] = String(part.value ?? "");
    }
  } else {
    for (const [name, value] of Object.entries((request.body ?? {}) as Record<string, unknown>)) if (typeof value === "string") fields[name] = value;
  }
  return {
    values: {
      category: fields.category ?? "", severity: fields.severity ?? "", description: fields.description ?? "",
      lat: fields.lat ?? "", lon: fields.lon ?? "", ward: fields.ward ?? "", key: fields.idempotencyKey ?? "",
    },
    photo,
    photoTooLarge,
  };
}

function wantsJson(request: FastifyRequest): boolean {
  return (request.headers.accept ?? "").includes("application/json");
}

export function registerFieldRoutes(app: FastifyInstance, deps: AppDeps): void {
  const hidden = { schema: { hide: true } };

  app.get("/field", hidden, async (request, reply) => {
    await fieldActor(deps, request);
    return sendPage(reply, (ctx) => fieldPage(ctx, { category: "", severity: "", description: "", lat: "", lon: "", ward: "", key: newKey() }));
  });

  app.get("/field/sw.js", hidden, async (_request, reply) => {
    const script = await readFile(path.join(PUBLIC_DISASTER, "sw.js"), "utf8");
    return reply.type("text/javascript; charset=utf-8").header("cache-control", "no-cache").header("service-worker-allowed", "/field/").send(script);
  });

  app.post("/field/reports", hidden, async (request, reply) => {
    const actor = await fieldActor(deps, request);
    const { values, photo, photoTooLarge } = await readReportBody(request, deps.config.maxUploadBytes);
    const locale = request.locale;
    const errors: Array<{ field: string; message: string }> = [];
    if (!(REPORT_CATEGORIES as readonly string[]).includes(values.category)) errors.push({ field: "category", message: m(locale, "errors.category") });
    if (!(REPORT_SEVERITIES as readonly string[]).includes(values.severity)) errors.push({ field: "severity", message: m(locale, "errors.severity") });
    if (values.description.length > 2000) errors.push({ field: "description", message: m(locale, "errors.description") });
    const lat = decimal(values.lat);
    const lon = decimal(values.lon);
    const bothOrNone = (lat === null) === (lon === null);
    if (!bothOrNone || Number.isNaN(lat) || Number.isNaN(lon) || (lat !== null && (lat < -90 || lat > 90)) || (lon !== null && (lon < -180 || lon > 180))) {
      errors.push({ field: "location", message: m(locale, "errors.location") });
    }
    if (photoTooLarge) errors.push({ field: "photo", message: m(locale, "errors.photoSize") });
    if (!/^[A-Za-z0-9_-]{8,100}$/.test(values.key)) values.key = newKey();
    const fail = (status: number) =>
      wantsJson(request)
        ? reply.code(status).send({ error: "disaster.report_invalid", problems: errors })
        : sendPage(reply, (ctx) => fieldPage(ctx, values, errors), status);
    if (errors.length > 0) return fail(422);
    try {
      const result = await submitFieldReport({
        db: deps.db, actor, idempotencyKey: values.key, category: values.category as ReportCategory, severity: values.severity as ReportSeverity,
        description: values.description, lat, lon, wardCode: isWardCode(values.ward) ? values.ward : null, photo,
      });
      if (wantsJson(request)) return reply.code(result.created ? 201 : 200).send({ id: result.id, created: result.created });
      return reply.redirect(`/field/reports/${result.id}`, 303);
    } catch (error) {
      if (isAppError(error) && (error.reason === "disaster.photo.type" || error.reason === "disaster.photo.corrupt")) {
        errors.push({ field: "photo", message: m(locale, error.reason === "disaster.photo.type" ? "errors.photoType" : "errors.photoCorrupt") });
        return fail(422);
      }
      throw error;
    }
  });

  app.get("/field/reports/:id", hidden, async (request, reply: FastifyReply) => {
    const actor = await fieldActor(deps, request);
    const report = await findFieldReport(deps.db, (request.params as { id: string }).id);
    if (!report || (actor.kind !== "staff" && report.reporterId !== actor.id)) throw new AppError("not_found", "disaster.report_not_found");
    return sendPage(reply, (ctx) => fieldSentPage(ctx, report));
  });
}
