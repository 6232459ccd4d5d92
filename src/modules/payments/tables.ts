/**
 * Drizzle definitions mirroring migrations/0060_payments.sql (the SQL is the source of truth;
 * queries.ts uses raw SQL for locking and ON CONFLICT). Types of the rows live here.
 */
import { bigserial, boolean, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { LocalizedText } from "../../core/i18n/index.ts";
import type { ChargeStatus, PaymentMethod, PaymentSlip, ProviderName } from "./providers/provider.ts";

export type PaymentTiming = "at_submission" | "after_approval";
export type PaymentStatus = "pending" | "requires_action" | "succeeded" | "failed" | "canceled" | "refunded" | "partially_refunded";
export type AttemptStatus = "creating" | ChargeStatus;
export type RefundStatus = "pending" | "succeeded" | "failed";

/** One line of a fee: 「住民票の写し 300円 × 2通」. */
export type FeeLine = { label: LocalizedText; unitYen: number; quantity: number; unit?: "copy" | "item" | null; amountYen: number };
export type FeeBreakdown = { amountYen: number; lines: FeeLine[] };

export const paymentSettings = pgTable("payment_settings", {
  procedureId: uuid("procedure_id").primaryKey(),
  timing: text("timing").$type<PaymentTiming>().notNull(),
  updatedBy: uuid("updated_by"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const payments = pgTable("payments", {
  id: uuid("id").primaryKey().defaultRandom(),
  applicationId: uuid("application_id").notNull(),
  purpose: text("purpose").$type<"fee">().notNull().default("fee"),
  userId: uuid("user_id").notNull(),
  departmentCode: text("department_code").notNull(),
  procedureId: uuid("procedure_id").notNull(),
  timing: text("timing").$type<PaymentTiming>().notNull(),
  amountYen: integer("amount_yen").notNull(),
  breakdown: jsonb("breakdown").$type<FeeBreakdown>().notNull(),
  description: text("description").notNull(),
  status: text("status").$type<PaymentStatus>().notNull().default("pending"),
  attemptCount: integer("attempt_count").notNull().default(0),
  paidAttemptId: uuid("paid_attempt_id"),
  paidAt: timestamp("paid_at", { withTimezone: true }),
  receiptNumber: text("receipt_number").unique(),
  refundedYen: integer("refunded_yen").notNull().default(0),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const paymentAttempts = pgTable("payment_attempts", {
  id: uuid("id").primaryKey().defaultRandom(),
  paymentId: uuid("payment_id").notNull(),
  attemptNo: integer("attempt_no").notNull(),
  idempotencyKey: text("idempotency_key").notNull().unique(),
  provider: text("provider").$type<ProviderName>().notNull(),
  method: text("method").$type<PaymentMethod>().notNull(),
  amountYen: integer("amount_yen").notNull(),
  status: text("status").$type<AttemptStatus>().notNull().default("creating"),
  providerChargeId: text("provider_charge_id"),
  providerPaymentRef: text("provider_payment_ref"),
  redirectUrl: text("redirect_url"),
  failureCode: text("failure_code"),
  slip: jsonb("slip").$type<PaymentSlip>(),
  duplicate: boolean("duplicate").notNull().default(false),
  succeededAt: timestamp("succeeded_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const paymentRefunds = pgTable("payment_refunds", {
  id: uuid("id").primaryKey().defaultRandom(),
  paymentId: uuid("payment_id").notNull(),
  attemptId: uuid("attempt_id").notNull(),
  amountYen: integer("amount_yen").notNull(),
  reason: text("reason").notNull(),
  idempotencyKey: text("idempotency_key").notNull().unique(),
  provider: text("provider").$type<ProviderName>().notNull(),
  status: text("status").$type<RefundStatus>().notNull().default("pending"),
  providerRefundId: text("provider_refund_id"),
  failureCode: text("failure_code"),
  requestedBy: uuid("requested_by"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  succeededAt: timestamp("succeeded_at", { withTimezone: true }),
});

export const paymentEvents = pgTable("payment_events", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  paymentId: uuid("payment_id").notNull(),
  attemptId: uuid("attempt_id"),
  refundId: uuid("refund_id"),
  at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  actorId: uuid("actor_id"),
  type: text("type").notNull(),
  fromStatus: text("from_status"),
  toStatus: text("to_status"),
  data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
});

export const paymentWebhookEvents = pgTable("payment_webhook_events", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  provider: text("provider").notNull(),
  eventId: text("event_id").notNull(),
  type: text("type").notNull(),
  receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  outcome: text("outcome").$type<"applied" | "unmatched" | "ignored">().notNull(),
  payload: jsonb("payload").notNull(),
});

export const paymentSandboxCharges = pgTable("payment_sandbox_charges", {
  id: text("id").primaryKey(),
  amountYen: integer("amount_yen").notNull(),
  method: text("method").$type<PaymentMethod>().notNull(),
  status: text("status").$type<ChargeStatus>().notNull(),
  step: text("step").$type<"card_form" | "three_d_secure">(),
  cardLast4: text("card_last4"),
  failureCode: text("failure_code"),
  returnUrl: text("return_url").notNull(),
  cancelUrl: text("cancel_url").notNull(),
  description: text("description").notNull(),
  metadata: jsonb("metadata").$type<Record<string, string>>().notNull().default({}),
  slip: jsonb("slip").$type<PaymentSlip>(),
  refundedYen: integer("refunded_yen").notNull().default(0),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  succeededAt: timestamp("succeeded_at", { withTimezone: true }),
});
