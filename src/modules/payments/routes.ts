/**
 * HTTP of the payments module. Each handler: authenticate → parse → load → authorise (another
 * resident's or department's payment is a 404) → command → page or 303 redirect.
 *
 * Resident
 *   GET  /payments/:paymentId                  choose how to pay (or the attempt in progress)
 *   POST /payments/:paymentId/pay              start paying → the provider's page, the slip, or the result
 *   GET  /payments/:paymentId/return           back from the provider (?attempt=n): asks the provider, → result
 *   GET  /payments/:paymentId/done             the result
 *   GET  /payments/:paymentId/slip             the konbini / Pay-easy slip (printable)
 *   GET  /payments/:paymentId/receipt          領収書
 *   POST /payments/:paymentId/cancel-attempt   pay another way
 *   GET  /payments/for-application/:applicationId   the application's fee (created if due now) → /payments/:id
 * Sandbox provider's own pages (only when the sandbox is on)
 *   GET|POST /payments/sandbox/pay/:chargeId   test card form
 *   GET|POST /payments/sandbox/3ds/:chargeId   3-D Secure approve / deny
 *   POST /payments/sandbox/charges/:chargeId/settle   the shop / bank / card network answers (webhook)
 * Webhooks (JSON, in /openapi.json; raw body, signature checked; no CSRF, no session)
 *   POST /api/payments/webhooks/:provider      stripe | sandbox
 * Staff
 *   GET  /staff/payments                       fees of my departments
 *   GET  /staff/payments/reconciliation        daily reconciliation (?date=YYYY-MM-DD)
 *   GET  /staff/payments/reconciliation.csv    the same as CSV (UTF-8 with BOM)
 *   GET  /staff/payments/applications/:applicationId  → the application's payment
 *   GET  /staff/payments/:paymentId            one payment, refund form
 *   POST /staff/payments/:paymentId/refund     refund (full or partial)
 */
import { randomUUID } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AppDeps } from "../../core/app-deps.ts";
import { AppError, isAppError } from "../../core/http/errors.ts";
import { todayInJapan } from "../../core/text/wareki.ts";
import { localize } from "../../core/i18n/index.ts";
import { renderSummaryPdf } from "../documents/index.ts";
import { requireResident, requireStaff, staffDepartmentCodes } from "../identity/index.ts";
import { ensurePayment } from "./commands/ensure-payment.ts";
import { cancelOpenAttempt, payFee, syncAttempt, type PayOutcome } from "./commands/pay-fee.ts";
import { receiveWebhook } from "./commands/receive-webhook.ts";
import { reconcileDay, reconciliationCsv } from "./commands/reconcile-day.ts";
import { refundIdempotencyKey, refundPayment } from "./commands/refund-payment.ts";
import type { PaymentsContext } from "./context.ts";
import { managedPaymentOrNotFound, ownedPaymentOrNotFound, seesUnattributedRows } from "./policy.ts";
import type { SignedWebhook } from "./providers/sandbox.ts";
import {
  activeRefundTotal,
  findApplicationForPayment,
  findOpenAttempt,
  findPayment,
  findPaymentByApplication,
  findRefundByKey,
  listAttempts,
  listPaymentEvents,
  listPaymentsOfDepartments,
  listRefunds,
  type PaymentRow,
} from "./queries.ts";
import { asBody, cardNumberOf, isUuid, parseAttemptNo, parseDay, parsePayForm, parseRefundForm, parseSettle, parseThreeDSecure } from "./schema.ts";
import { isPaid } from "./status.ts";
import { errorsOf, m, sendPage } from "./views/components.ts";
import { payPage, receiptFacts, receiptPage, resultPage, slipPage, unavailablePage, type PaymentView } from "./views/resident.ts";
import { sandbox3dsPage, sandboxCardPage, sandboxClosedPage } from "./views/sandbox.ts";
import { reconciliationPage, staffListPage, staffPaymentPage } from "./views/staff.ts";

const HIDDEN = { schema: { hide: true } } as const;
const PAY_LIMIT = { rateLimit: { max: 60, timeWindow: 60_000 } };
const WEBHOOK_LIMIT = { rateLimit: { max: 600, timeWindow: 60_000 } };

function uuidParam(request: FastifyRequest, name: string): string {
  const value = (request.params as Record<string, string>)[name];
  if (!isUuid(value)) throw new AppError("not_found", "payments.not_found");
  return value;
}

/** Staff pages: nobody signed in goes to the staff sign-in; a resident gets 403. */
async function staffOnly(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
  if (!request.actor && request.method === "GET") return reply.redirect(`/staff/sign-in?next=${encodeURIComponent(request.url)}`, 303);
  requireStaff(request);
  return undefined;
}

/** Everything the resident's pages show about a payment. */
export async function loadPaymentView(deps: AppDeps, context: PaymentsContext, payment: PaymentRow): Promise<PaymentView> {
  const [application, attempts] = await Promise.all([findApplicationForPayment(deps.db, payment.applicationId), listAttempts(deps.db, payment.id)]);
  if (!application) throw new AppError("not_found", "payments.not_found");
  const open = attempts.find((a) => a.status === "creating" || a.status === "requires_action" || a.status === "pending") ?? null;
  const methods = context.methods();
  return {
    payment,
    application: {
      id: application.id,
      reference: application.reference,
      procedureTitle: application.procedureTitle,
      applicantName: application.applicantName,
      departmentName: application.departmentName,
      status: application.status,
    },
    open,
    last: attempts.at(-1) ?? null,
    paid: attempts.find((a) => a.id === payment.paidAttemptId) ?? null,
    methods,
    sandbox: methods.some((method) => context.providerFor(method)?.test === true),
    sandboxChargeId: open?.provider === "sandbox" ? open.providerChargeId : null,
  };
}

export async function paymentsRoutes(app: FastifyInstance, deps: AppDeps, context: PaymentsContext): Promise<void> {
  const db = deps.db;
  const baseUrl = () => deps.config.baseUrl;

  async function ownedPayment(request: FastifyRequest): Promise<PaymentRow> {
    const actor = requireResident(request);
    return ownedPaymentOrNotFound(actor, await findPayment(db, uuidParam(request, "paymentId")));
  }

  function redirectFor(reply: FastifyReply, paymentId: string, outcome: PayOutcome): FastifyReply {
    if (outcome.kind === "redirect") return reply.redirect(outcome.url, 303);
    if (outcome.kind === "slip") return reply.redirect(`/payments/${paymentId}/slip`, 303);
    if (outcome.kind === "unavailable") return sendPage(reply, (ctx) => unavailablePage(ctx, { paymentId }), 503);
    return reply.redirect(`/payments/${paymentId}/done`, 303);
  }

  // ── Resident ──────────────────────────────────────────────────────────────────────────────

  app.get("/payments/:paymentId", HIDDEN, async (request, reply) => {
    const payment = await ownedPayment(request);
    if (isPaid(payment.status)) return reply.redirect(`/payments/${payment.id}/done`, 303);
    const view = await loadPaymentView(deps, context, payment);
    return sendPage(reply, (ctx) => payPage(ctx, view, { submitted: (request.query as Record<string, unknown>).submitted === "1" }));
  });

  app.post("/payments/:paymentId/pay", { ...HIDDEN, config: PAY_LIMIT }, async (request, reply) => {
    const payment = await ownedPayment(request);
    const actor = requireResident(request);
    const open = await findOpenAttempt(db, payment.id);
    const parsed = open ? ({ ok: true, data: { method: open.method } } as const) : parsePayForm(request.body, context.methods());
    if (!parsed.ok) {
      const view = await loadPaymentView(deps, context, payment);
      const method = String(asBody(request.body).method ?? "");
      return sendPage(reply, (ctx) => payPage(ctx, view, { problems: parsed.problems, method }), 422);
    }
    let outcome: PayOutcome;
    try {
      outcome = await payFee({ db, context, actor, paymentId: payment.id, method: parsed.data.method, baseUrl: baseUrl() });
    } catch (error) {
      if (isAppError(error) && error.code === "invalid_input") {
        const view = await loadPaymentView(deps, context, payment);
        return sendPage(reply, (ctx) => payPage(ctx, view, { problems: [{ field: "method", key: "pay.error.methodUnavailable" }] }), 422);
      }
      if (isAppError(error) && error.code === "conflict") return reply.redirect(`/payments/${payment.id}`, 303);
      throw error;
    }
    deps.wakeWorker();
    return redirectFor(reply, payment.id, outcome);
  });

  app.get("/payments/:paymentId/return", HIDDEN, async (request, reply) => {
    const payment = await ownedPayment(request);
    const attemptNo = parseAttemptNo((request.query as Record<string, unknown>).attempt);
    const outcome = await syncAttempt({ db, context, paymentId: payment.id, ...(attemptNo ? { attemptNo } : {}), baseUrl: baseUrl(), actorId: requireResident(request).id });
    deps.wakeWorker();
    if (outcome.kind === "slip") return reply.redirect(`/payments/${payment.id}/slip`, 303);
    return reply.redirect(`/payments/${payment.id}/done`, 303);
  });

  app.get("/payments/:paymentId/done", HIDDEN, async (request, reply) => {
    const payment = await ownedPayment(request);
    const view = await loadPaymentView(deps, context, payment);
    if (!isPaid(payment.status)) {
      // Nothing to wait for: back to choosing (with the failure said there), or on to the provider.
      if (!view.open || view.open.status === "creating") return reply.redirect(`/payments/${payment.id}`, 303);
      if (view.open.status === "requires_action") return reply.redirect(`/payments/${payment.id}`, 303);
      if (view.open.slip) return reply.redirect(`/payments/${payment.id}/slip`, 303);
    }
    return sendPage(reply, (ctx) => resultPage(ctx, view));
  });

  app.get("/payments/:paymentId/slip", HIDDEN, async (request, reply) => {
    const payment = await ownedPayment(request);
    const view = await loadPaymentView(deps, context, payment);
    const slip = view.open?.slip;
    if (!slip) return reply.redirect(isPaid(payment.status) ? `/payments/${payment.id}/done` : `/payments/${payment.id}`, 303);
    return sendPage(reply, (ctx) => slipPage(ctx, { ...view, slip }));
  });

  app.get("/payments/:paymentId/receipt", HIDDEN, async (request, reply) => {
    const payment = await ownedPayment(request);
    const view = await loadPaymentView(deps, context, payment);
    return sendPage(reply, (ctx) => receiptPage(ctx, view), isPaid(payment.status) ? 200 : 404);
  });

  app.get("/payments/:paymentId/receipt.pdf", HIDDEN, async (request, reply) => {
    const payment = await ownedPayment(request);
    const view = await loadPaymentView(deps, context, payment);
    if (!isPaid(payment.status) || !view.paid) throw new AppError("not_found", "payments.not_found");
    const { title, rows, refunded, note } = receiptFacts(view, request.locale);
    const notes = refunded ? [refunded, note] : [note];
    const pdf = await renderSummaryPdf({ title, rows, notes, subject: localize(view.application.procedureTitle, request.locale), locale: request.locale });
    return reply
      .type("application/pdf")
      .header("content-disposition", `attachment; filename="receipt-${payment.receiptNumber}.pdf"`)
      .header("cache-control", "private, no-store")
      .send(Buffer.from(pdf));
  });

  app.post("/payments/:paymentId/cancel-attempt", { ...HIDDEN, config: PAY_LIMIT }, async (request, reply) => {
    const payment = await ownedPayment(request);
    try {
      await cancelOpenAttempt({ db, context, paymentId: payment.id, baseUrl: baseUrl(), actor: requireResident(request) });
    } catch (error) {
      if (isAppError(error) && error.code === "unavailable") return sendPage(reply, (ctx) => unavailablePage(ctx, { paymentId: payment.id }), 503);
      throw error;
    }
    deps.wakeWorker();
    const latest = (await findPayment(db, payment.id))!;
    return reply.redirect(isPaid(latest.status) ? `/payments/${payment.id}/done` : `/payments/${payment.id}`, 303);
  });

  app.get("/payments/for-application/:applicationId", HIDDEN, async (request, reply) => {
    const actor = requireResident(request);
    const applicationId = uuidParam(request, "applicationId");
    const application = await findApplicationForPayment(db, applicationId);
    if (!application || application.userId !== actor.id) throw new AppError("not_found", "payments.not_found");
    let payment = await findPaymentByApplication(db, applicationId);
    if (!payment) {
      // A fee due now whose payment was not made yet (e.g. the submission's redirect was lost).
      const timing = application.status === "approved" ? "after_approval" : "at_submission";
      payment = (await db.transaction((tx) => ensurePayment(tx, applicationId, timing)))?.payment ?? null;
    }
    if (!payment) throw new AppError("not_found", "payments.not_found");
    return reply.redirect(`/payments/${payment.id}`, 303);
  });

  // ── Sandbox provider's pages ─────────────────────────────────────────────────────────────

  const sandbox = context.sandbox;
  if (sandbox) {
    /** The sandbox charge, when the signed-in resident owns the payment it belongs to. */
    async function ownedCharge(request: FastifyRequest) {
      const actor = requireResident(request);
      const { chargeId } = request.params as { chargeId: string };
      const charge = /^sbx_ch_[0-9a-f]{20}$/.test(chargeId) ? await sandbox!.findCharge(chargeId) : null;
      const paymentId = charge?.metadata.payment_id;
      const payment = paymentId && isUuid(paymentId) ? await findPayment(db, paymentId) : null;
      ownedPaymentOrNotFound(actor, payment);
      return charge!;
    }

    /** The sandbox "sends" its webhook: through the same verification and processing as over HTTP. */
    async function deliver(webhook: SignedWebhook | null): Promise<void> {
      if (!webhook) return;
      await receiveWebhook({ db, context, provider: "sandbox", rawBody: webhook.payload, headers: webhook.headers, baseUrl: baseUrl() });
      deps.wakeWorker();
    }

    app.get("/payments/sandbox/pay/:chargeId", HIDDEN, async (request, reply) => {
      const charge = await ownedCharge(request);
      if (charge.status !== "requires_action" || charge.step !== "card_form") {
        if (charge.status === "requires_action") return reply.redirect(sandbox.threeDSecureUrl(charge.id), 303);
        return sendPage(reply, (ctx) => sandboxClosedPage(ctx, charge));
      }
      return sendPage(reply, (ctx) => sandboxCardPage(ctx, charge));
    });

    app.post("/payments/sandbox/pay/:chargeId", { ...HIDDEN, config: PAY_LIMIT }, async (request, reply) => {
      const charge = await ownedCharge(request);
      const number = cardNumberOf(request.body);
      const result = await sandbox.submitCard(charge.id, number);
      if ("error" in result) return sendPage(reply, (ctx) => sandboxCardPage(ctx, charge, { error: m(ctx.locale, "sandbox.card.error"), value: number }), 422);
      await deliver(result.webhook);
      if (result.charge.status === "requires_action" && result.charge.step === "three_d_secure") return reply.redirect(sandbox.threeDSecureUrl(charge.id), 303);
      return reply.redirect(result.charge.returnUrl, 303);
    });

    app.get("/payments/sandbox/3ds/:chargeId", HIDDEN, async (request, reply) => {
      const charge = await ownedCharge(request);
      if (charge.status !== "requires_action" || charge.step !== "three_d_secure") return sendPage(reply, (ctx) => sandboxClosedPage(ctx, charge));
      return sendPage(reply, (ctx) => sandbox3dsPage(ctx, charge));
    });

    app.post("/payments/sandbox/3ds/:chargeId", { ...HIDDEN, config: PAY_LIMIT }, async (request, reply) => {
      const charge = await ownedCharge(request);
      const approve = parseThreeDSecure(request.body);
      if (approve === null) return sendPage(reply, (ctx) => sandbox3dsPage(ctx, charge), 422);
      const result = await sandbox.authenticate(charge.id, approve);
      await deliver(result.webhook);
      return reply.redirect(result.charge.returnUrl, 303);
    });

    app.post("/payments/sandbox/charges/:chargeId/settle", { ...HIDDEN, config: PAY_LIMIT }, async (request, reply) => {
      const charge = await ownedCharge(request);
      const outcome = parseSettle(request.body);
      if (!outcome) throw new AppError("invalid_input", "payments.settle_outcome");
      const result = await sandbox.settle(charge.id, outcome);
      await deliver(result.webhook);
      return reply.redirect(`/payments/${charge.metadata.payment_id}/done`, 303);
    });
  }

  // ── Webhooks ─────────────────────────────────────────────────────────────────────────────

  await app.register(async (api) => {
    // The signature covers the exact bytes sent: keep the body raw.
    api.removeAllContentTypeParsers();
    api.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: 1024 * 1024 }, (_request, body, done) => done(null, body));
    api.post(
      "/api/payments/webhooks/:provider",
      {
        config: { skipCsrf: true, ...WEBHOOK_LIMIT },
        schema: {
          tags: ["payments"],
          summary: "Receive a payment provider's webhook",
          description:
            "Events from a payment provider (Stripe: `Stripe-Signature`; the built-in sandbox: `Machi-Sandbox-Signature`), signed with HMAC-SHA256 over `<timestamp>.<raw body>` and at most 300 s old. Each event id is applied once; a repeated delivery answers 200 with `duplicate: true`. A bad signature answers 400.",
          params: { type: "object", required: ["provider"], properties: { provider: { type: "string", enum: ["stripe", "sandbox"] } } },
          response: {
            200: {
              type: "object",
              required: ["received", "duplicate"],
              properties: { received: { type: "boolean" }, duplicate: { type: "boolean" }, outcome: { type: "string", enum: ["applied", "unmatched", "ignored"] } },
            },
            400: { type: "object", properties: { error: { type: "string" }, reason: { type: "string" } } },
            404: { type: "object", properties: { error: { type: "string" }, message: { type: "string" } } },
          },
        },
      },
      async (request, reply) => {
        const { provider } = request.params as { provider: string };
        if (!context.provider(provider)) throw new AppError("not_found", "payments.unknown_provider");
        const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.from(typeof request.body === "string" ? request.body : "");
        try {
          const result = await receiveWebhook({ db, context, provider, rawBody, headers: request.headers as Record<string, string | string[] | undefined>, baseUrl: baseUrl() });
          deps.wakeWorker();
          return reply.send({ received: true, duplicate: result.duplicate, outcome: result.outcome });
        } catch (error) {
          if (isAppError(error) && error.code === "invalid_input") {
            request.log.warn({ provider, reason: error.reason, detail: error.details?.reason }, "webhook refused");
            return reply.code(400).send({ error: error.reason ?? "invalid", reason: String(error.details?.reason ?? "") });
          }
          throw error;
        }
      },
    );
  });

  // ── Staff ────────────────────────────────────────────────────────────────────────────────

  const guarded = { preHandler: staffOnly, schema: { hide: true } };

  app.get("/staff/payments", guarded, async (request, reply) => {
    const staff = requireStaff(request);
    const payments = await listPaymentsOfDepartments(db, staffDepartmentCodes(staff));
    return sendPage(reply, (ctx) => staffListPage(ctx, { payments }));
  });

  async function reconciliationFor(request: FastifyRequest) {
    const staff = requireStaff(request);
    const input = (request.query as Record<string, unknown>).date;
    const day = input === undefined || input === "" ? todayInJapan() : parseDay(input);
    const report = day ? await reconcileDay({ db, context, day }) : { day: todayInJapan(), rows: [], mismatches: 0, failedProviders: [] };
    const codes = new Set(staffDepartmentCodes(staff));
    const visible = report.rows.filter((row) => (row.departmentCode ? codes.has(row.departmentCode) : seesUnattributedRows(staff)));
    return { report, day: day ?? report.day, input: typeof input === "string" ? input : (day ?? ""), invalid: day === null, visible, hidden: visible.length < report.rows.length };
  }

  app.get("/staff/payments/reconciliation", guarded, async (request, reply) => {
    const { report, day, input, invalid, visible, hidden } = await reconciliationFor(request);
    return sendPage(
      reply,
      (ctx) =>
        reconciliationPage(ctx, {
          day,
          dayInput: input,
          ...(invalid ? { error: m(ctx.locale, "recon.error.date") } : {}),
          rows: visible,
          mismatches: visible.filter((r) => r.mismatch !== "").length,
          hiddenRows: hidden,
          failedProviders: report.failedProviders,
        }),
      invalid ? 422 : 200,
    );
  });

  app.get("/staff/payments/reconciliation.csv", guarded, async (request, reply) => {
    const { day, invalid, visible } = await reconciliationFor(request);
    if (invalid) throw new AppError("invalid_input", "payments.reconcile_date");
    return reply
      .header("content-type", "text/csv; charset=utf-8")
      .header("content-disposition", `attachment; filename="reconciliation-${day}.csv"`)
      .header("cache-control", "private, no-store")
      .send(reconciliationCsv(visible));
  });

  app.get("/staff/payments/applications/:applicationId", guarded, async (request, reply) => {
    const staff = requireStaff(request);
    const payment = managedPaymentOrNotFound(staff, await findPaymentByApplication(db, uuidParam(request, "applicationId")));
    return reply.redirect(`/staff/payments/${payment.id}`, 303);
  });

  async function renderStaffPayment(
    reply: FastifyReply,
    payment: PaymentRow,
    state: { errors?: Record<string, string>; values?: { amount: string; reason: string }; refundKey?: string; done?: string },
    status = 200,
  ): Promise<FastifyReply> {
    const [view, attempts, refunds, events] = await Promise.all([loadPaymentView(deps, context, payment), listAttempts(db, payment.id), listRefunds(db, payment.id), listPaymentEvents(db, payment.id)]);
    const refundableYen = payment.paidAttemptId && isPaid(payment.status) ? payment.amountYen - (await activeRefundTotal(db, payment.paidAttemptId)) : 0;
    return sendPage(
      reply,
      (ctx) =>
        staffPaymentPage(
          ctx,
          { payment, application: view.application, attempts, refunds, events, refundableYen, casePath: `/staff/cases/${payment.applicationId}` },
          { refundKey: state.refundKey ?? randomUUID(), ...(state.errors ? { errors: state.errors } : {}), ...(state.values ? { values: state.values } : {}), ...(state.done ? { done: state.done } : {}) },
        ),
      status,
    );
  }

  app.get("/staff/payments/:paymentId", guarded, async (request, reply) => {
    const staff = requireStaff(request);
    const payment = managedPaymentOrNotFound(staff, await findPayment(db, uuidParam(request, "paymentId")));
    const done = (request.query as Record<string, unknown>).refunded;
    return renderStaffPayment(reply, payment, typeof done === "string" && /^\d{1,9}$/.test(done) ? { done: m(request.locale, "staff.refund.done", { amount: Number(done).toLocaleString("ja-JP") }) } : {});
  });

  app.post("/staff/payments/:paymentId/refund", guarded, async (request, reply) => {
    const staff = requireStaff(request);
    const locale = request.locale;
    const payment = managedPaymentOrNotFound(staff, await findPayment(db, uuidParam(request, "paymentId")));
    // A form sent again (double click, reload) finds its refund by its key: the same refund, not a second one.
    const sentKey = String(asBody(request.body).refund_key ?? "");
    const existing = /^[A-Za-z0-9-]{16,64}$/.test(sentKey) ? await findRefundByKey(db, refundIdempotencyKey(payment.id, sentKey)) : null;
    const max = existing ? existing.amountYen : payment.paidAttemptId && isPaid(payment.status) ? payment.amountYen - (await activeRefundTotal(db, payment.paidAttemptId)) : 0;
    const parsed = parseRefundForm(request.body, Math.max(max, 0));
    const refundKey = parsed.values.refundKey || randomUUID();
    if (!parsed.ok) {
      // The same refund key may already have been used (a double submit after success): show the result.
      return renderStaffPayment(reply, payment, { errors: errorsOf(locale, parsed.problems), values: parsed.values, refundKey }, 422);
    }
    try {
      const { refund } = await refundPayment({ db, context, actor: staff, paymentId: payment.id, amountYen: parsed.data.amountYen, reason: parsed.data.reason, refundKey: parsed.data.refundKey });
      if (refund.status === "failed") {
        const latest = (await findPayment(db, payment.id))!;
        return renderStaffPayment(reply, latest, { errors: { amount: m(locale, "staff.refund.error.provider", { code: refund.failureCode ?? "" }) }, values: parsed.values }, 422);
      }
      deps.wakeWorker();
      return reply.redirect(`/staff/payments/${payment.id}?refunded=${refund.amountYen}`, 303);
    } catch (error) {
      if (!isAppError(error)) throw error;
      const latest = (await findPayment(db, payment.id))!;
      if (error.code === "invalid_input") {
        const field = String(error.details?.field ?? "amount");
        const key = error.reason === "payments.refund_amount" ? "staff.refund.error.amount" : error.reason === "payments.refund_reason_too_long" ? "staff.refund.error.reasonLong" : "staff.refund.error.reason";
        return renderStaffPayment(reply, latest, { errors: { [field]: m(locale, key, { max: Number(error.details?.max ?? 0) }) }, values: parsed.values, refundKey }, 422);
      }
      if (error.code === "unavailable") {
        return renderStaffPayment(reply, latest, { errors: { amount: m(locale, "staff.refund.error.provider", { code: String(error.details?.code ?? "unavailable") }) }, values: parsed.values, refundKey }, 503);
      }
      if (error.code === "conflict") return renderStaffPayment(reply, latest, {}, 409);
      throw error;
    }
  });
}
