/**
 * SQL of the documents module. Its own tables: issued_documents, pdf_forms, pdf_form_previews,
 * pdf_form_fields.
 *
 * Exception, to be replaced: `findApplicationForDocuments` reads the procedures module's
 * applications/procedures tables (and identity's departments) directly, because procedures does
 * not export a reader yet. When it does (e.g. `getApplicationSummary(db, id)` in its index.ts),
 * this one query is the only place to change.
 */
import { sql } from "drizzle-orm";
import type { LocalizedText } from "../../core/i18n/index.ts";
import { queryRows, type Db } from "../../core/db/database.ts";
import type { DocumentKind, PageSize } from "./tables.ts";

// ---------------------------------------------------------------------------------------------
// Applications (read-only, from the procedures module's tables; see above)

export type ApplicationForDocuments = {
  id: string;
  reference: string;
  userId: string;
  departmentCode: string;
  departmentName: LocalizedText;
  applicantName: string;
  status: string;
  submittedAt: Date;
  answers: Record<string, unknown>;
  procedureSlug: string;
  procedureTitle: LocalizedText;
};

export async function findApplicationForDocuments(db: Db, applicationId: string): Promise<ApplicationForDocuments | null> {
  const [row] = await queryRows<Omit<ApplicationForDocuments, "departmentName" | "submittedAt"> & { nameJa: string; nameEn: string; submittedAt: string | Date }>(
    db,
    sql`SELECT a.id, a.reference, a.user_id AS "userId", a.department_code AS "departmentCode", a.applicant_name AS "applicantName",
          a.status, a.submitted_at AS "submittedAt", a.answers, p.slug AS "procedureSlug", p.title AS "procedureTitle",
          d.name_ja AS "nameJa", d.name_en AS "nameEn"
        FROM applications a
        JOIN procedures p ON p.id = a.procedure_id
        JOIN identity_departments d ON d.code = a.department_code
        WHERE a.id = ${applicationId}::uuid`,
  );
  if (!row) return null;
  const { nameJa, nameEn, ...rest } = row;
  return { ...rest, submittedAt: new Date(row.submittedAt), departmentName: { ja: nameJa, en: nameEn } };
}

// ---------------------------------------------------------------------------------------------
// Issued documents

export type IssuedDocument = {
  id: string;
  verificationCode: string;
  kind: DocumentKind;
  applicationId: string | null;
  userId: string | null;
  departmentCode: string;
  issuedAt: Date;
  sha256: string;
  size: number;
  demo: boolean;
  revokedAt: Date | null;
};

const ISSUED_COLUMNS = sql`id, verification_code AS "verificationCode", kind, application_id AS "applicationId", user_id AS "userId",
  department_code AS "departmentCode", issued_at AS "issuedAt", sha256, size, demo, revoked_at AS "revokedAt"`;

function issued(row: IssuedDocument): IssuedDocument {
  return { ...row, issuedAt: new Date(row.issuedAt), revokedAt: row.revokedAt ? new Date(row.revokedAt) : null };
}

export async function findIssuedForApplication(db: Db, applicationId: string, kind: DocumentKind): Promise<IssuedDocument | null> {
  const [row] = await queryRows<IssuedDocument>(db, sql`SELECT ${ISSUED_COLUMNS} FROM issued_documents WHERE application_id = ${applicationId}::uuid AND kind = ${kind}`);
  return row ? issued(row) : null;
}

export async function listIssuedForApplication(db: Db, applicationId: string): Promise<IssuedDocument[]> {
  const rows = await queryRows<IssuedDocument>(db, sql`SELECT ${ISSUED_COLUMNS} FROM issued_documents WHERE application_id = ${applicationId}::uuid ORDER BY issued_at`);
  return rows.map(issued);
}

export async function listIssuedForUser(db: Db, userId: string): Promise<IssuedDocument[]> {
  const rows = await queryRows<IssuedDocument>(db, sql`SELECT ${ISSUED_COLUMNS} FROM issued_documents WHERE user_id = ${userId}::uuid ORDER BY issued_at DESC LIMIT 200`);
  return rows.map(issued);
}

export async function findIssuedByCode(db: Db, code: string): Promise<IssuedDocument | null> {
  const [row] = await queryRows<IssuedDocument>(db, sql`SELECT ${ISSUED_COLUMNS} FROM issued_documents WHERE verification_code = ${code}`);
  return row ? issued(row) : null;
}

export async function findIssuedWithBytes(db: Db, id: string): Promise<(IssuedDocument & { bytes: Buffer }) | null> {
  const [row] = await queryRows<IssuedDocument & { bytes: Buffer }>(db, sql`SELECT ${ISSUED_COLUMNS}, bytes FROM issued_documents WHERE id = ${id}::uuid`);
  return row ? { ...issued(row), bytes: row.bytes } : null;
}

export type NewIssuedDocument = {
  verificationCode: string;
  kind: DocumentKind;
  applicationId: string | null;
  userId: string | null;
  departmentCode: string;
  issuedBy: string | null;
  issuedAt: Date;
  sha256: string;
  bytes: Uint8Array;
  sealFingerprint: string;
  demo: boolean;
};

/** Inserts the document; null when the application already has one of this kind (a concurrent issue won). */
export async function insertIssuedDocument(tx: Db, doc: NewIssuedDocument): Promise<IssuedDocument | null> {
  const [row] = await queryRows<IssuedDocument>(
    tx,
    sql`INSERT INTO issued_documents (verification_code, kind, application_id, user_id, department_code, issued_by, issued_at, sha256, size, bytes, seal_fingerprint, demo)
        VALUES (${doc.verificationCode}, ${doc.kind}, ${doc.applicationId}::uuid, ${doc.userId}::uuid, ${doc.departmentCode}, ${doc.issuedBy}::uuid,
          ${doc.issuedAt.toISOString()}::timestamptz, ${doc.sha256}, ${doc.bytes.length}, ${Buffer.from(doc.bytes)}, ${doc.sealFingerprint}, ${doc.demo})
        ON CONFLICT (application_id, kind) WHERE application_id IS NOT NULL DO NOTHING
        RETURNING ${ISSUED_COLUMNS}`,
  );
  return row ? issued(row) : null;
}

// ---------------------------------------------------------------------------------------------
// PDF forms

export type PdfForm = {
  id: string;
  departmentCode: string;
  departmentName: LocalizedText;
  title: string;
  fileName: string;
  pages: PageSize[];
  published: boolean;
  fieldCount: number;
  updatedAt: Date;
};

const FORM_COLUMNS = sql`f.id, f.department_code AS "departmentCode", f.title, f.file_name AS "fileName", f.pages, f.published, f.updated_at AS "updatedAt",
  json_build_object('ja', d.name_ja, 'en', d.name_en) AS "departmentName",
  (SELECT count(*)::int FROM pdf_form_fields x WHERE x.form_id = f.id) AS "fieldCount"`;

export async function listFormsOfDepartments(db: Db, departmentCodes: string[]): Promise<PdfForm[]> {
  if (departmentCodes.length === 0) return [];
  return queryRows<PdfForm>(
    db,
    sql`SELECT ${FORM_COLUMNS} FROM pdf_forms f JOIN identity_departments d ON d.code = f.department_code
        WHERE f.department_code IN (${sql.join(departmentCodes.map((c) => sql`${c}`), sql`, `)}) ORDER BY f.created_at DESC`,
  );
}

export async function listPublishedForms(db: Db): Promise<PdfForm[]> {
  return queryRows<PdfForm>(db, sql`SELECT ${FORM_COLUMNS} FROM pdf_forms f JOIN identity_departments d ON d.code = f.department_code WHERE f.published ORDER BY d.code, f.title`);
}

export async function findForm(db: Db, id: string): Promise<PdfForm | null> {
  const [row] = await queryRows<PdfForm>(db, sql`SELECT ${FORM_COLUMNS} FROM pdf_forms f JOIN identity_departments d ON d.code = f.department_code WHERE f.id = ${id}::uuid`);
  return row ?? null;
}

export async function formBytes(db: Db, id: string): Promise<Buffer | null> {
  const [row] = await queryRows<{ bytes: Buffer }>(db, sql`SELECT bytes FROM pdf_forms WHERE id = ${id}::uuid`);
  return row?.bytes ?? null;
}

export type NewPdfForm = { departmentCode: string; title: string; fileName: string; bytes: Uint8Array; sha256: string; pages: PageSize[]; createdBy: string };

export async function insertForm(tx: Db, form: NewPdfForm): Promise<string> {
  const [row] = await queryRows<{ id: string }>(
    tx,
    sql`INSERT INTO pdf_forms (department_code, title, file_name, bytes, sha256, pages, created_by)
        VALUES (${form.departmentCode}, ${form.title}, ${form.fileName}, ${Buffer.from(form.bytes)}, ${form.sha256}, ${JSON.stringify(form.pages)}::jsonb, ${form.createdBy}::uuid)
        RETURNING id`,
  );
  return row!.id;
}

export async function insertPreview(tx: Db, preview: { formId: string; page: number; png: Uint8Array; widthPx: number; heightPx: number }): Promise<void> {
  await tx.execute(
    sql`INSERT INTO pdf_form_previews (form_id, page, png, width_px, height_px)
        VALUES (${preview.formId}::uuid, ${preview.page}, ${Buffer.from(preview.png)}, ${preview.widthPx}, ${preview.heightPx})`,
  );
}

export async function listPreviewPages(db: Db, formId: string): Promise<Array<{ page: number; widthPx: number; heightPx: number }>> {
  return queryRows(db, sql`SELECT page, width_px AS "widthPx", height_px AS "heightPx" FROM pdf_form_previews WHERE form_id = ${formId}::uuid ORDER BY page`);
}

export async function findPreview(db: Db, formId: string, page: number): Promise<Buffer | null> {
  const [row] = await queryRows<{ png: Buffer }>(db, sql`SELECT png FROM pdf_form_previews WHERE form_id = ${formId}::uuid AND page = ${page}`);
  return row?.png ?? null;
}

export async function setFormPublished(tx: Db, formId: string, published: boolean): Promise<void> {
  await tx.execute(sql`UPDATE pdf_forms SET published = ${published}, updated_at = now() WHERE id = ${formId}::uuid`);
}

export type FormField = { id: string; page: number; x: number; y: number; fontSize: number; maxWidth: number; source: string };

export async function listFields(db: Db, formId: string): Promise<FormField[]> {
  return queryRows<FormField>(
    db,
    sql`SELECT id, page, x, y, font_size AS "fontSize", max_width AS "maxWidth", source FROM pdf_form_fields WHERE form_id = ${formId}::uuid ORDER BY created_at, id`,
  );
}

export type FieldValues = Omit<FormField, "id">;

export async function insertField(tx: Db, formId: string, field: FieldValues): Promise<string> {
  const [row] = await queryRows<{ id: string }>(
    tx,
    sql`INSERT INTO pdf_form_fields (form_id, page, x, y, font_size, max_width, source)
        VALUES (${formId}::uuid, ${field.page}, ${field.x}, ${field.y}, ${field.fontSize}, ${field.maxWidth}, ${field.source}) RETURNING id`,
  );
  await touchForm(tx, formId);
  return row!.id;
}

/** Updates a field of the form; false when the form has no such field. */
export async function updateField(tx: Db, formId: string, fieldId: string, field: FieldValues): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`UPDATE pdf_form_fields SET page = ${field.page}, x = ${field.x}, y = ${field.y}, font_size = ${field.fontSize}, max_width = ${field.maxWidth}, source = ${field.source}
        WHERE id = ${fieldId}::uuid AND form_id = ${formId}::uuid RETURNING id`,
  );
  if (rows.length > 0) await touchForm(tx, formId);
  return rows.length > 0;
}

export async function deleteField(tx: Db, formId: string, fieldId: string): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(tx, sql`DELETE FROM pdf_form_fields WHERE id = ${fieldId}::uuid AND form_id = ${formId}::uuid RETURNING id`);
  if (rows.length > 0) await touchForm(tx, formId);
  return rows.length > 0;
}

async function touchForm(tx: Db, formId: string): Promise<void> {
  await tx.execute(sql`UPDATE pdf_forms SET updated_at = now() WHERE id = ${formId}::uuid`);
}
