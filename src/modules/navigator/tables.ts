/** Drizzle definitions of the navigator's tables (migrations/0090_navigator.sql is the source of truth). */
import { boolean, date, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { LocalizedText } from "../../core/i18n/index.ts";
import type { NavigatorDefinition } from "./definition.ts";
import type { Audience, Body, Eligibility, ProgrammeKind, ProgrammeStatus } from "./programmes/programme.ts";

export type DefinitionStatus = "draft" | "published" | "retired";

export const navigatorDefinitions = pgTable("navigator_definitions", {
  id: uuid("id").primaryKey().defaultRandom(),
  event: text("event").notNull(),
  version: integer("version").notNull(),
  status: text("status").$type<DefinitionStatus>().notNull(),
  departmentCode: text("department_code").notNull(),
  definition: jsonb("definition").$type<NavigatorDefinition>().notNull(),
  revision: integer("revision").notNull().default(1),
  basedOn: integer("based_on"),
  createdBy: uuid("created_by"),
  createdAt: timestamp("created_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
  updatedBy: uuid("updated_by"),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
  publishedBy: uuid("published_by"),
  publishedAt: timestamp("published_at", { withTimezone: true, mode: "string" }),
});

export const supportProgrammes = pgTable("support_programmes", {
  id: text("id").primaryKey(),
  body: text("body").$type<Body>().notNull(),
  bodyName: jsonb("body_name").$type<LocalizedText>().notNull(),
  audiences: text("audiences").array().$type<Audience[]>().notNull(),
  kind: text("kind").$type<ProgrammeKind>().notNull(),
  title: jsonb("title").$type<LocalizedText>().notNull(),
  summary: jsonb("summary").$type<LocalizedText>().notNull(),
  amount: jsonb("amount").$type<LocalizedText | null>(),
  eligibility: jsonb("eligibility").$type<Eligibility>().notNull(),
  opensOn: date("opens_on", { mode: "string" }),
  deadline: date("deadline", { mode: "string" }),
  status: text("status").$type<ProgrammeStatus>().notNull(),
  url: text("url").notNull(),
  contact: jsonb("contact").$type<LocalizedText>().notNull(),
  demo: boolean("demo").notNull().default(false),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
});
