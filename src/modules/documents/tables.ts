import { boolean, customType, integer, jsonb, pgTable, real, text, timestamp, uuid } from "drizzle-orm/pg-core";

const bytea = customType<{ data: Buffer }>({ dataType: () => "bytea" });

export type DocumentKind = "residence_certificate";

export const issuedDocuments = pgTable("issued_documents", {
  id: uuid("id").primaryKey().defaultRandom(),
  verificationCode: text("verification_code").notNull().unique(),
  kind: text("kind").$type<DocumentKind>().notNull(),
  applicationId: uuid("application_id"),
  userId: uuid("user_id"),
  departmentCode: text("department_code").notNull(),
  issuedBy: uuid("issued_by"),
  issuedAt: timestamp("issued_at", { withTimezone: true }).notNull().defaultNow(),
  sha256: text("sha256").notNull(),
  size: integer("size").notNull(),
  bytes: bytea("bytes").notNull(),
  sealFingerprint: text("seal_fingerprint").notNull(),
  demo: boolean("demo").notNull(),
  revokedAt: timestamp("revoked_at", { withTimezone: true }),
});

export type PageSize = { width: number; height: number };

export const pdfForms = pgTable("pdf_forms", {
  id: uuid("id").primaryKey().defaultRandom(),
  departmentCode: text("department_code").notNull(),
  title: text("title").notNull(),
  fileName: text("file_name").notNull(),
  bytes: bytea("bytes").notNull(),
  sha256: text("sha256").notNull(),
  pages: jsonb("pages").$type<PageSize[]>().notNull(),
  published: boolean("published").notNull().default(false),
  createdBy: uuid("created_by"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const pdfFormPreviews = pgTable("pdf_form_previews", {
  formId: uuid("form_id").notNull(),
  page: integer("page").notNull(),
  png: bytea("png").notNull(),
  widthPx: integer("width_px").notNull(),
  heightPx: integer("height_px").notNull(),
});

export const pdfFormFields = pgTable("pdf_form_fields", {
  id: uuid("id").primaryKey().defaultRandom(),
  formId: uuid("form_id").notNull(),
  page: integer("page").notNull(),
  x: real("x").notNull(),
  y: real("y").notNull(),
  fontSize: real("font_size").notNull(),
  maxWidth: real("max_width").notNull().default(0),
  source: text("source").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
