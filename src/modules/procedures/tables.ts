import { bigserial, boolean, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { LocalizedText } from "../../core/i18n/index.ts";
import type { Answers, FormDefinition } from "./forms/definition.ts";

export type ApplicationStatus = "received" | "reviewing" | "correction_requested" | "approved" | "rejected" | "withdrawn";

/** What a procedure page tells a resident before they start. */
export type ProcedureDetails = {
  whoCanApply: LocalizedText;
  whatYouNeed: LocalizedText[];
  fee: { amountYen: number; per?: "copy" | "item"; note?: LocalizedText } | null;
  processingTime: LocalizedText;
  legalBasis?: LocalizedText;
  /** Slugs of related procedures (builder), shown as links on the procedure page. */
  related?: string[];
};

export const categories = pgTable("categories", {
  code: text("code").primaryKey(),
  name: jsonb("name").$type<LocalizedText>().notNull(),
  position: integer("position").notNull().default(0),
});

export const lifeEvents = pgTable("life_events", {
  code: text("code").primaryKey(),
  name: jsonb("name").$type<LocalizedText>().notNull(),
  position: integer("position").notNull().default(0),
});

export const procedures = pgTable("procedures", {
  id: uuid("id").primaryKey().defaultRandom(),
  slug: text("slug").notNull().unique(),
  departmentCode: text("department_code").notNull(),
  categoryCode: text("category_code").notNull(),
  lifeEvents: text("life_events").array().notNull().default([]),
  title: jsonb("title").$type<LocalizedText>().notNull(),
  reading: text("reading").notNull().default(""),
  summary: jsonb("summary").$type<LocalizedText>().notNull(),
  details: jsonb("details").$type<ProcedureDetails>().notNull(),
  keywords: text("keywords").array().notNull().default([]),
  searchText: text("search_text").notNull().default(""),
  channel: text("channel").$type<"online" | "counter" | "both">().notNull(),
  feeYen: integer("fee_yen"),
  published: boolean("published").notNull().default(true),
  currentVersionId: uuid("current_version_id"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const procedureVersions = pgTable("procedure_versions", {
  id: uuid("id").primaryKey().defaultRandom(),
  procedureId: uuid("procedure_id").notNull(),
  version: integer("version").notNull(),
  definition: jsonb("definition").$type<FormDefinition>().notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const drafts = pgTable("drafts", {
  id: uuid("id").primaryKey().defaultRandom(),
  userId: uuid("user_id").notNull(),
  procedureVersionId: uuid("procedure_version_id").notNull(),
  answers: jsonb("answers").$type<Answers>().notNull().default({}),
  pending: jsonb("pending").$type<Record<string, unknown>>().notNull().default({}),
  currentPage: text("current_page"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  submittedAt: timestamp("submitted_at", { withTimezone: true }),
});

export const applications = pgTable("applications", {
  id: uuid("id").primaryKey().defaultRandom(),
  reference: text("reference").notNull().unique(),
  draftId: uuid("draft_id").notNull().unique(),
  userId: uuid("user_id").notNull(),
  procedureId: uuid("procedure_id").notNull(),
  procedureVersionId: uuid("procedure_version_id").notNull(),
  departmentCode: text("department_code").notNull(),
  applicantName: text("applicant_name").notNull().default(""),
  answers: jsonb("answers").$type<Answers>().notNull(),
  status: text("status").$type<ApplicationStatus>().notNull(),
  assigneeId: uuid("assignee_id"),
  correctionQuestions: text("correction_questions").array().notNull().default([]),
  correctionMessage: text("correction_message"),
  revision: integer("revision").notNull().default(1),
  /** The case app's stage (builder; migrations/0111_case_stage.sql); null = first stage of the status. */
  stage: text("stage"),
  submittedAt: timestamp("submitted_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  decidedAt: timestamp("decided_at", { withTimezone: true }),
});

export const applicationEvents = pgTable("application_events", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  applicationId: uuid("application_id").notNull(),
  at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  actorId: uuid("actor_id"),
  type: text("type").notNull(),
  fromStatus: text("from_status"),
  toStatus: text("to_status"),
  message: text("message"),
  internal: boolean("internal").notNull().default(false),
  data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
});
