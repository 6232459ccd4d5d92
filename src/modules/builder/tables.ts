/** Drizzle definitions of the builder's tables (migrations/0110_builder.sql). */
import { bigserial, customType, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { FormDefinition } from "../procedures/forms/definition.ts";
import type { CaseAppConfig } from "./case-app/config.ts";
import type { PageContent } from "./pages/blocks.ts";
import type { BuilderMetadata } from "./definition/metadata.ts";

const bytea = customType<{ data: Buffer }>({ dataType: () => "bytea" });

/** Where a working copy stands: editing → in_review → (scheduled →) published. */
export type DraftState = "editing" | "in_review" | "scheduled" | "published";

export const procedureDrafts = pgTable("builder_procedure_drafts", {
  procedureId: uuid("procedure_id").primaryKey(),
  departmentCode: text("department_code").notNull(),
  definition: jsonb("definition").$type<FormDefinition>().notNull(),
  metadata: jsonb("metadata").$type<BuilderMetadata>().notNull(),
  state: text("state").$type<DraftState>().notNull(),
  revision: integer("revision").notNull().default(1),
  basedOnVersionId: uuid("based_on_version_id"),
  submittedBy: uuid("submitted_by"),
  submittedAt: timestamp("submitted_at", { withTimezone: true }),
  reviewNote: text("review_note"),
  approvedBy: uuid("approved_by"),
  publishAt: timestamp("publish_at", { withTimezone: true }),
  updatedBy: uuid("updated_by"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const versionLog = pgTable("builder_version_log", {
  versionId: uuid("version_id").primaryKey(),
  procedureId: uuid("procedure_id").notNull(),
  authoredBy: uuid("authored_by"),
  approvedBy: uuid("approved_by"),
  mode: text("mode").$type<"now" | "scheduled" | "system">().notNull(),
  publishedAt: timestamp("published_at", { withTimezone: true }).notNull().defaultNow(),
});

export const caseApps = pgTable("builder_case_apps", {
  procedureId: uuid("procedure_id").primaryKey(),
  departmentCode: text("department_code").notNull(),
  config: jsonb("config").$type<CaseAppConfig>().notNull(),
  revision: integer("revision").notNull().default(1),
  updatedBy: uuid("updated_by"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const pages = pgTable("builder_pages", {
  id: uuid("id").primaryKey().defaultRandom(),
  slug: text("slug").notNull().unique(),
  kind: text("kind").$type<"notice" | "info">().notNull(),
  departmentCode: text("department_code").notNull(),
  draft: jsonb("draft").$type<PageContent>().notNull(),
  published: jsonb("published").$type<PageContent>(),
  publishedAt: timestamp("published_at", { withTimezone: true }),
  publishedBy: uuid("published_by"),
  revision: integer("revision").notNull().default(1),
  createdBy: uuid("created_by"),
  updatedBy: uuid("updated_by"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const pageHistory = pgTable("builder_page_history", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  pageId: uuid("page_id").notNull(),
  at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  actorId: uuid("actor_id"),
  action: text("action").$type<"created" | "saved" | "published" | "unpublished">().notNull(),
  revision: integer("revision").notNull(),
  content: jsonb("content").$type<PageContent>().notNull(),
});

export const assets = pgTable("builder_assets", {
  id: uuid("id").primaryKey().defaultRandom(),
  pageId: uuid("page_id").notNull(),
  kind: text("kind").$type<"png" | "jpeg">().notNull(),
  name: text("name").notNull(),
  size: integer("size").notNull(),
  sha256: text("sha256").notNull(),
  bytes: bytea("bytes").notNull(),
  uploadedBy: uuid("uploaded_by"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
