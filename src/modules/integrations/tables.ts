/** Drizzle definitions mirroring migrations/0100_integrations.sql. */
import { bigserial, boolean, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/** The application events back-office systems can subscribe to. */
export const EVENT_TYPES = [
  "application.submitted",
  "application.status_changed",
  "application.correction_requested",
  "application.corrected",
  "application.withdrawn",
] as const;
export type IntegrationEventType = (typeof EVENT_TYPES)[number];

export function isEventType(value: unknown): value is IntegrationEventType {
  return typeof value === "string" && (EVENT_TYPES as readonly string[]).includes(value);
}

export type DeliveryStatus = "pending" | "succeeded" | "dead";

export const integrationEvents = pgTable("integration_events", {
  id: uuid("id").primaryKey().defaultRandom(),
  type: text("type").$type<IntegrationEventType>().notNull(),
  departmentCode: text("department_code").notNull(),
  applicationId: uuid("application_id").notNull(),
  occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull().defaultNow(),
  data: jsonb("data").$type<Record<string, unknown>>().notNull(),
});

export const webhookSubscriptions = pgTable("webhook_subscriptions", {
  id: uuid("id").primaryKey().defaultRandom(),
  departmentCode: text("department_code").notNull(),
  url: text("url").notNull(),
  description: text("description").notNull().default(""),
  eventTypes: text("event_types").array().$type<IntegrationEventType[]>().notNull(),
  secretCiphertext: text("secret_ciphertext").notNull(),
  enabled: boolean("enabled").notNull().default(true),
  createdBy: uuid("created_by"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const webhookDeliveries = pgTable("webhook_deliveries", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  eventId: uuid("event_id").notNull(),
  subscriptionId: uuid("subscription_id").notNull(),
  status: text("status").$type<DeliveryStatus>().notNull().default("pending"),
  attempts: integer("attempts").notNull().default(0),
  nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
  lastAttemptAt: timestamp("last_attempt_at", { withTimezone: true }),
  lastStatusCode: integer("last_status_code"),
  lastError: text("last_error"),
  lastDurationMs: integer("last_duration_ms"),
  deliveredAt: timestamp("delivered_at", { withTimezone: true }),
  replays: integer("replays").notNull().default(0),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const oauthClients = pgTable("oauth_clients", {
  clientId: text("client_id").primaryKey(),
  name: text("name").notNull(),
  secretHash: text("secret_hash").notNull(),
  scopes: text("scopes").array().notNull(),
  departmentCodes: text("department_codes").array().notNull(),
  createdBy: uuid("created_by"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  secretRotatedAt: timestamp("secret_rotated_at", { withTimezone: true }),
  lastTokenAt: timestamp("last_token_at", { withTimezone: true }),
  revokedAt: timestamp("revoked_at", { withTimezone: true }),
});

export const oauthTokens = pgTable("oauth_tokens", {
  tokenHash: text("token_hash").primaryKey(),
  clientId: text("client_id").notNull(),
  scopes: text("scopes").array().notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
});
