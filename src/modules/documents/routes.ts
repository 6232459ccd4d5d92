/**
 * HTTP of the documents module. Each handler: authenticate → parse → load → authorise (another
 * resident's or department's thing is a 404) → command → PDF, page, or 303 redirect.
 *
 * Receipts and issued documents
 *   GET  /applications/:applicationId/receipt.pdf      owner resident, or staff of the department
 *   GET  /documents/:documentId.pdf                     owner resident, or staff of the department
 *   GET  /my/documents                                  the resident's issued certificates
 *   GET  /staff/documents/applications/:applicationId   documents of a case (staff)
 *   POST /staff/documents/applications/:applicationId/issue
 * Verification (public, no personal data)
 *   GET  /verify (?code=)   GET /verify/:code   POST /verify/:code (PDF upload, compared by SHA-256)
 *   GET  /api/documents/verify/:code (JSON, in /openapi.json)
 * 申請書印刷 (pre-printed forms)
 *   GET  /forms   GET /forms/:formId/prefilled.pdf (resident)   GET /forms/:formId/blank.pdf
 *   GET  /staff/documents                 POST /staff/documents/forms (multipart upload)
 *   GET  /staff/documents/forms/:formId   GET /staff/documents/forms/:formId/pages/:page.png
 *   POST /staff/documents/forms/:formId/fields   POST …/fields/:fieldId   POST …/fields/:fieldId/delete
 *   POST /staff/documents/forms/:formId/publish  GET …/sample.pdf   GET|POST …/fill
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AppDeps } from "../../core/app-deps.ts";
import { appendAudit } from "../../core/audit/audit.ts";
import type { Actor } from "../../core/http/actor.ts";
import { AppError, isAppError } from "../../core/http/errors.ts";
import { getResidentProfile, listDepartments, requireResident, requireStaff, staffDepartmentCodes } from "../identity/index.ts";
import { documentKindFor, issueDocumentForApplication } from "./commands/issue-document.ts";
import { fillForm, personFromCounter, SAMPLE_PERSON, valuesFor, type PersonDetails } from "./commands/fill-form.ts";
import { looksLikePdf, registerForm } from "./commands/register-form.ts";
import { renderReceiptPdf } from "./commands/render-receipt.ts";
import { sameDocument, verifyCode } from "./commands/verify-document.ts";
import { documentsContext } from "./context.ts";
import { findFontFile } from "./pdf/japanese-font.ts";
import { managedFormOrNotFound, readableOrNotFound, isDepartmentStaff } from "./policy.ts";
import {
  deleteField,
  findApplicationForDocuments,
  findForm,
  findIssuedWithBytes,
  findPreview,
  formBytes,
  insertField,
  listFields,
  listFormsOfDepartments,
  listIssuedForApplication,
  listIssuedForUser,
  listPreviewPages,
  listPublishedForms,
  setFormPublished,
  updateField,
  type PdfForm,
} from "./queries.ts";
import { asBody, isUuid, parseCounterForm, parseFieldForm, parseUploadFields, type FieldProblem } from "./schema.ts";
import { errorsOf, m, sendPage } from "./views/components.ts";
import { formsPage, myDocumentsPage } from "./views/resident.ts";
import { builderPage, caseDocumentsPage, counterFillPage, staffFormsPage, type FieldDraft } from "./views/staff.ts";
import { verifyResultPage, verifyStartPage } from "./views/verify.ts";

const HIDDEN = { schema: { hide: true } } as const;
const VERIFY_LIMIT = { rateLimit: { max: 60, timeWindow: "1 minute" } };

/** Sends PDF bytes as a download with a safe ASCII and a UTF-8 file name. */
function sendPdf(reply: FastifyReply, bytes: Uint8Array, fileName: string, asciiName: string): FastifyReply {
  return reply
    .header("content-type", "application/pdf")
    .header("cache-control", "private, no-store")
    .header("x-content-type-options", "nosniff")
    .header("content-disposition", `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .send(Buffer.from(bytes));
}

/** Staff pages: nobody signed in goes to the staff sign-in; a resident gets 403. */
async function staffOnly(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
  if (!request.actor && request.method === "GET") return reply.redirect(`/staff/sign-in?next=${encodeURIComponent(request.url)}`, 303);
  requireStaff(request);
  return undefined;
}

function uuidParam(request: FastifyRequest, name: string, reason: string): string {
  const value = (request.params as Record<string, string>)[name];
  if (!isUuid(value)) throw new AppError("not_found", reason);
  return value;
}

type Upload = { fields: Record<string, string>; file: { name: string; bytes: Buffer; truncated: boolean } | null };

/** A multipart body with at most one file. */
async function readUpload(request: FastifyRequest, maxBytes: number): Promise<Upload> {
  const fields: Record<string, string> = {};
  let file: Upload["file"] = null;
  if (!request.isMultipart()) return { fields, file };
  const options = { limits: { fileSize: maxBytes, files: 1, fields: 20 }, throwFileSizeLimit: false };
  for await (const part of request.parts(options as Parameters<FastifyRequest["parts"]>[0])) {
    if (part.type === "file") {
      const bytes = await part.toBuffer();
      if (part.filename || bytes.length > 0) file = { name: part.filename, bytes, truncated: part.file.truncated };
    } else {
      fields[part.fieldname] = String(part.value ?? "");
    }
  }
  return { fields, file };
}

function personFromProfile(profile: Awaited<ReturnType<typeof getResidentProfile>>): PersonDetails {
  return {
    name: profile.name,
    furigana: profile.furigana,
    birthDate: profile.birthDate,
    postalCode: profile.postalCode,
    address: profile.address,
    phone: profile.phone,
  };
}

export function documentsRoutes(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.db;
  const context = documentsContext(deps, (message) => app.log.warn(message));
  try {
    findFontFile();
  } catch (error) {
    // PDFs cannot be made until the font is installed; everything else works. Say so at start.
    app.log.warn(`documents: ${(error as Error).message}`);
  }

  // -------------------------------------------------------------------------------------------
  // Receipts and issued documents

  app.get("/applications/:applicationId/receipt.pdf", HIDDEN, async (request, reply) => {
    if (!request.actor) throw new AppError("unauthenticated");
    const id = uuidParam(request, "applicationId", "application.not_found");
    const application = readableOrNotFound(request.actor, await findApplicationForDocuments(db, id), "application.not_found");
    const pdf = await renderReceiptPdf({
      application,
      procedureTitle: application.procedureTitle,
      departmentName: application.departmentName,
      locale: request.locale,
      applicationUrl: `${deps.config.baseUrl}/my/applications/${application.id}`,
    });
    return sendPdf(reply, pdf, `受付票_${application.reference}.pdf`, `receipt-${application.reference}.pdf`);
  });

  app.get("/documents/:documentId.pdf", HIDDEN, async (request, reply) => {
    if (!request.actor) throw new AppError("unauthenticated");
    const id = uuidParam(request, "documentId", "document.not_found");
    const doc = readableOrNotFound(request.actor, await findIssuedWithBytes(db, id), "document.not_found");
    return sendPdf(reply, doc.bytes, `${m("ja", `kind.${doc.kind}`)}_${doc.verificationCode}.pdf`, `${doc.kind}-${doc.verificationCode}.pdf`);
  });

  app.get("/my/documents", HIDDEN, async (request, reply) => {
    const resident = requireResident(request);
    const documents = await listIssuedForUser(db, resident.id);
    return sendPage(reply, (ctx) => myDocumentsPage(ctx, documents));
  });

  async function renderCaseDocuments(request: FastifyRequest, reply: FastifyReply, staff: Actor, applicationId: string, extra: { done?: string; error?: string; status?: number } = {}) {
    const application = await findApplicationForDocuments(db, applicationId);
    if (!application || !isDepartmentStaff(staff, application.departmentCode)) throw new AppError("not_found", "application.not_found");
    const issued = await listIssuedForApplication(db, application.id);
    return sendPage(
      reply,
      (ctx) => caseDocumentsPage(ctx, { application, issued, issuable: documentKindFor(application) !== null, ...(extra.done ? { done: extra.done } : {}), ...(extra.error ? { error: extra.error } : {}) }),
      extra.status ?? 200,
    );
  }

  app.get("/staff/documents/applications/:applicationId", { ...HIDDEN, preHandler: staffOnly }, async (request, reply) => {
    const staff = requireStaff(request);
    const id = uuidParam(request, "applicationId", "application.not_found");
    const done = (request.query as { done?: string }).done === "issued" ? "issued" : undefined;
    return renderCaseDocuments(request, reply, staff, id, done ? { done } : {});
  });

  app.post("/staff/documents/applications/:applicationId/issue", { ...HIDDEN, preHandler: staffOnly }, async (request, reply) => {
    const staff = requireStaff(request);
    const id = uuidParam(request, "applicationId", "application.not_found");
    try {
      await issueDocumentForApplication({ db, sealer: await context.sealer(), baseUrl: deps.config.baseUrl, applicationId: id, actor: staff });
    } catch (error) {
      if (isAppError(error) && error.code === "invalid_input" && error.reason?.startsWith("documents.")) {
        const key = error.reason === "documents.not_approved" ? "case.notApproved" : "case.notIssuable";
        return renderCaseDocuments(request, reply, staff, id, { error: m(request.locale, key), status: 422 });
      }
      throw error;
    }
    return reply.redirect(`/staff/documents/applications/${id}?done=issued`, 303);
  });

  // -------------------------------------------------------------------------------------------
  // Verification

  app.get("/verify", { ...HIDDEN, config: VERIFY_LIMIT }, async (request, reply) => {
    const code = (request.query as { code?: unknown }).code;
    if (typeof code !== "string") return sendPage(reply, (ctx) => verifyStartPage(ctx, {}));
    const verification = await verifyCode(db, code);
    if (!verification) return sendPage(reply, (ctx) => verifyStartPage(ctx, { code, errors: { code: m(request.locale, "verify.errorCode") } }), 422);
    return reply.redirect(`/verify/${verification.code}`, 303);
  });

  app.get("/verify/:code", { ...HIDDEN, config: VERIFY_LIMIT }, async (request, reply) => {
    const { code } = request.params as { code: string };
    const verification = await verifyCode(db, code);
    if (!verification) return sendPage(reply, (ctx) => verifyStartPage(ctx, { code, errors: { code: m(request.locale, "verify.errorCode") } }), 404);
    if (verification.code !== code) return reply.redirect(`/verify/${verification.code}`, 301);
    return sendPage(reply, (ctx) => verifyResultPage(ctx, { verification }), verification.found ? 200 : 404);
  });

  app.post("/verify/:code", { ...HIDDEN, config: VERIFY_LIMIT }, async (request, reply) => {
    const { code } = request.params as { code: string };
    const verification = await verifyCode(db, code);
    if (!verification || !verification.found) throw new AppError("not_found", "document.not_found");
    const upload = await readUpload(request, deps.config.maxUploadBytes);
    const locale = request.locale;
    if (!upload.file || upload.file.bytes.length === 0) {
      return sendPage(reply, (ctx) => verifyResultPage(ctx, { verification, errors: { file: m(locale, "verify.fileMissing") } }), 422);
    }
    if (!looksLikePdf(upload.file.bytes)) {
      return sendPage(reply, (ctx) => verifyResultPage(ctx, { verification, errors: { file: m(locale, "verify.fileNotPdf") } }), 422);
    }
    const matches = !upload.file.truncated && sameDocument(verification, upload.file.bytes);
    return sendPage(reply, (ctx) => verifyResultPage(ctx, { verification, fileResult: matches ? "matches" : "differs" }));
  });

  app.get(
    "/api/documents/verify/:code",
    {
      config: VERIFY_LIMIT,
      schema: {
        summary: "Check a verification code printed on an issued document",
        description: "Says whether a document with this code was issued, its kind, issue time and SHA-256. No personal data.",
        tags: ["documents"],
        params: { type: "object", properties: { code: { type: "string" } }, required: ["code"] },
        response: {
          200: {
            type: "object",
            properties: {
              code: { type: "string" },
              found: { type: "boolean" },
              kind: { type: "string" },
              issuedAt: { type: "string", format: "date-time" },
              revoked: { type: "boolean" },
              demo: { type: "boolean" },
              sha256: { type: "string" },
            },
            required: ["code", "found"],
          },
        },
      },
    },
    async (request) => {
      const { code } = request.params as { code: string };
      const verification = await verifyCode(db, code);
      if (!verification) throw new AppError("invalid_input", "documents.bad_code");
      if (!verification.found) return { code: verification.code, found: false };
      return {
        code: verification.code,
        found: true,
        kind: verification.kind,
        issuedAt: verification.issuedAt.toISOString(),
        revoked: verification.revokedAt !== null,
        demo: verification.demo,
        sha256: verification.sha256,
      };
    },
  );

  // -------------------------------------------------------------------------------------------
  // 申請書印刷: residents

  async function publishedForm(request: FastifyRequest): Promise<PdfForm> {
    const id = uuidParam(request, "formId", "documents.form_not_found");
    const form = await findForm(db, id);
    if (!form || !form.published) throw new AppError("not_found", "documents.form_not_found");
    return form;
  }

  app.get("/forms", HIDDEN, async (_request, reply) => {
    const forms = await listPublishedForms(db);
    return sendPage(reply, (ctx) => formsPage(ctx, forms));
  });

  app.get("/forms/:formId/prefilled.pdf", HIDDEN, async (request, reply) => {
    const resident = requireResident(request);
    const form = await publishedForm(request);
    const [bytes, fields, profile] = await Promise.all([formBytes(db, form.id), listFields(db, form.id), getResidentProfile(db, resident.id)]);
    const pdf = await fillForm({ form: bytes!, fields, values: valuesFor(personFromProfile(profile)), title: form.title });
    return sendPdf(reply, pdf, `${form.title}.pdf`, `form-${form.id.slice(0, 8)}.pdf`);
  });

  app.get("/forms/:formId/blank.pdf", HIDDEN, async (request, reply) => {
    const form = await publishedForm(request);
    const bytes = await formBytes(db, form.id);
    return sendPdf(reply, bytes!, `${form.title}.pdf`, `form-${form.id.slice(0, 8)}.pdf`);
  });

  // -------------------------------------------------------------------------------------------
  // 申請書印刷: staff

  const STAFF = { ...HIDDEN, preHandler: staffOnly };

  async function departmentChoices(staff: Actor, locale: "ja" | "en") {
    const codes = staffDepartmentCodes(staff);
    const all = await listDepartments(db);
    return all.filter((d) => codes.includes(d.code)).map((d) => ({ code: d.code, name: locale === "ja" ? d.nameJa : d.nameEn }));
  }

  async function renderFormsList(request: FastifyRequest, reply: FastifyReply, extra: { values?: Record<string, string>; errors?: Record<string, string>; status?: number } = {}) {
    const staff = requireStaff(request);
    const [forms, departments] = await Promise.all([listFormsOfDepartments(db, staffDepartmentCodes(staff)), departmentChoices(staff, request.locale)]);
    return sendPage(
      reply,
      (ctx) => staffFormsPage(ctx, { forms, departments, maxBytes: deps.config.maxUploadBytes, ...(extra.values ? { values: extra.values } : {}), ...(extra.errors ? { errors: extra.errors } : {}) }),
      extra.status ?? 200,
    );
  }

  app.get("/staff/documents", STAFF, async (request, reply) => renderFormsList(request, reply));

  app.post("/staff/documents/forms", STAFF, async (request, reply) => {
    const staff = requireStaff(request);
    const locale = request.locale;
    const upload = await readUpload(request, deps.config.maxUploadBytes);
    const parsed = parseUploadFields(upload.fields, staffDepartmentCodes(staff));
    const problems: FieldProblem[] = parsed.ok ? [] : [...parsed.problems];
    if (!upload.file || upload.file.bytes.length === 0) problems.push({ field: "file", key: "staff.errors.file" });
    else if (upload.file.truncated) problems.push({ field: "file", key: "staff.errors.tooBig", params: { max: `${Math.floor(deps.config.maxUploadBytes / 1048576)}MB` } });
    if (!parsed.ok || problems.length > 0) return renderFormsList(request, reply, { values: upload.fields, errors: errorsOf(locale, problems), status: 422 });
    const result = await registerForm({ db, actor: staff, ...parsed.data, fileName: upload.file!.name, bytes: upload.file!.bytes });
    if ("problem" in result) return renderFormsList(request, reply, { values: upload.fields, errors: errorsOf(locale, [result.problem]), status: 422 });
    return reply.redirect(`/staff/documents/forms/${result.id}?done=uploaded`, 303);
  });

  async function managedForm(request: FastifyRequest): Promise<{ staff: Actor; form: PdfForm }> {
    const staff = requireStaff(request);
    const id = uuidParam(request, "formId", "documents.form_not_found");
    return { staff, form: managedFormOrNotFound(staff, await findForm(db, id)) };
  }

  const DONE = new Set(["uploaded", "added", "saved", "deleted", "published", "unpublished"]);

  async function renderBuilder(
    reply: FastifyReply,
    form: PdfForm,
    extra: { done?: string; add?: { values: FieldDraft; errors: Record<string, string> }; edit?: { fieldId: string; values: FieldDraft; errors: Record<string, string> }; status?: number } = {},
  ) {
    const [fields, previews] = await Promise.all([listFields(db, form.id), listPreviewPages(db, form.id)]);
    const { status, ...view } = extra;
    return sendPage(reply, (ctx) => builderPage(ctx, { form, fields, previews, ...view }), status ?? 200);
  }

  app.get("/staff/documents/forms/:formId", STAFF, async (request, reply) => {
    const { form } = await managedForm(request);
    const done = (request.query as { done?: string }).done;
    return renderBuilder(reply, form, done && DONE.has(done) ? { done } : {});
  });

  app.get("/staff/documents/forms/:formId/pages/:page.png", STAFF, async (request, reply) => {
    const { form } = await managedForm(request);
    const page = Number((request.params as { page: string }).page);
    const png = Number.isInteger(page) ? await findPreview(db, form.id, page) : null;
    if (!png) throw new AppError("not_found", "documents.preview_not_found");
    return reply.header("content-type", "image/png").header("cache-control", "private, max-age=300").send(png);
  });

  function draftOf(body: Record<string, unknown>): FieldDraft {
    const text = (name: string) => (typeof body[name] === "string" ? (body[name] as string) : "");
    return { page: text("page"), x: text("x"), y: text("y"), fontSize: text("fontSize"), maxWidth: text("maxWidth"), source: text("source") };
  }

  async function audit(staff: Actor, form: PdfForm, action: string, data: Record<string, unknown>) {
    await db.transaction((tx) =>
      appendAudit(tx, { actorId: staff.id, actorLabel: `staff:${staff.email}`, action, objectType: "pdf_form", objectId: form.id, departmentCode: form.departmentCode, data }),
    );
  }

  app.post("/staff/documents/forms/:formId/fields", STAFF, async (request, reply) => {
    const { staff, form } = await managedForm(request);
    const body = asBody(request.body);
    const parsed = parseFieldForm(body, form.pages, "add-");
    if (!parsed.ok) return renderBuilder(reply, form, { add: { values: draftOf(body), errors: errorsOf(request.locale, parsed.problems) }, status: 422 });
    await db.transaction(async (tx) => {
      const fieldId = await insertField(tx, form.id, parsed.data);
      await appendAudit(tx, { actorId: staff.id, actorLabel: `staff:${staff.email}`, action: "documents.form_field_added", objectType: "pdf_form", objectId: form.id, departmentCode: form.departmentCode, data: { fieldId, ...parsed.data } });
    });
    return reply.redirect(`/staff/documents/forms/${form.id}?done=added#add`, 303);
  });

  app.post("/staff/documents/forms/:formId/fields/:fieldId", STAFF, async (request, reply) => {
    const { staff, form } = await managedForm(request);
    const fieldId = uuidParam(request, "fieldId", "documents.field_not_found");
    const fields = await listFields(db, form.id);
    const index = fields.findIndex((f) => f.id === fieldId);
    if (index < 0) throw new AppError("not_found", "documents.field_not_found");
    const body = asBody(request.body);
    const parsed = parseFieldForm(body, form.pages, `f${index + 1}-`);
    if (!parsed.ok) return renderBuilder(reply, form, { edit: { fieldId, values: draftOf(body), errors: errorsOf(request.locale, parsed.problems) }, status: 422 });
    if (!(await updateField(db, form.id, fieldId, parsed.data))) throw new AppError("not_found", "documents.field_not_found");
    await audit(staff, form, "documents.form_field_changed", { fieldId, ...parsed.data });
    return reply.redirect(`/staff/documents/forms/${form.id}?done=saved`, 303);
  });

  app.post("/staff/documents/forms/:formId/fields/:fieldId/delete", STAFF, async (request, reply) => {
    const { staff, form } = await managedForm(request);
    const fieldId = uuidParam(request, "fieldId", "documents.field_not_found");
    if (!(await deleteField(db, form.id, fieldId))) throw new AppError("not_found", "documents.field_not_found");
    await audit(staff, form, "documents.form_field_deleted", { fieldId });
    return reply.redirect(`/staff/documents/forms/${form.id}?done=deleted`, 303);
  });

  app.post("/staff/documents/forms/:formId/publish", STAFF, async (request, reply) => {
    const { staff, form } = await managedForm(request);
    const published = asBody(request.body).published === "true";
    await setFormPublished(db, form.id, published);
    await audit(staff, form, published ? "documents.form_published" : "documents.form_unpublished", {});
    return reply.redirect(`/staff/documents/forms/${form.id}?done=${published ? "published" : "unpublished"}`, 303);
  });

  app.get("/staff/documents/forms/:formId/sample.pdf", STAFF, async (request, reply) => {
    const { form } = await managedForm(request);
    const [bytes, fields] = await Promise.all([formBytes(db, form.id), listFields(db, form.id)]);
    const pdf = await fillForm({ form: bytes!, fields, values: valuesFor(SAMPLE_PERSON), title: form.title });
    return sendPdf(reply, pdf, `${form.title}_見本.pdf`, `form-${form.id.slice(0, 8)}-sample.pdf`);
  });

  app.get("/staff/documents/forms/:formId/fill", STAFF, async (request, reply) => {
    const { form } = await managedForm(request);
    return sendPage(reply, (ctx) => counterFillPage(ctx, { form }));
  });

  app.post("/staff/documents/forms/:formId/fill", STAFF, async (request, reply) => {
    const { staff, form } = await managedForm(request);
    const locale = request.locale;
    const parsed = parseCounterForm(request.body, (field) => m(locale, `fill.${field}`));
    if (!parsed.ok) return sendPage(reply, (ctx) => counterFillPage(ctx, { form, values: parsed.raw, errors: errorsOf(locale, parsed.problems) }), 422);
    const [bytes, fields] = await Promise.all([formBytes(db, form.id), listFields(db, form.id)]);
    const pdf = await fillForm({ form: bytes!, fields, values: valuesFor(personFromCounter(parsed.data)), title: form.title });
    // Who printed which form at the counter is recorded; what was typed (personal data) is not.
    await audit(staff, form, "documents.form_printed_at_counter", {});
    return sendPdf(reply, pdf, `${form.title}.pdf`, `form-${form.id.slice(0, 8)}.pdf`);
  });
}
