/**
 * The payments module's Module: routes and the job handlers. Providers come from the environment
 * (config.ts), or from `providers` (tests: a sandbox with a fixed secret, Stripe against the fake).
 */
import type { AppDeps, Module } from "../../core/app-deps.ts";
import { cancelOpenAttempt } from "./commands/pay-fee.ts";
import { refundPayment } from "./commands/refund-payment.ts";
import { CANCEL_ATTEMPT_TOPIC, REFUND_DUPLICATE_TOPIC } from "./commands/support.ts";
import { paymentsContext } from "./context.ts";
import type { PaymentProvider } from "./providers/provider.ts";
import { findAttempt } from "./queries.ts";
import { paymentsRoutes } from "./routes.ts";
import "./messages.ts";

export type PaymentsModuleOptions = {
  env?: Record<string, string | undefined>;
  /** Replaces the providers built from the environment. */
  providers?: (deps: AppDeps) => PaymentProvider[];
};

export function createPaymentsModule(options: PaymentsModuleOptions = {}): Module {
  const contextOf = (deps: AppDeps) => paymentsContext(deps, options.env ?? process.env, options.providers);
  return {
    name: "payments",
    async routes(app, deps) {
      const context = contextOf(deps);
      for (const problem of context.problems) app.log.warn(`payments: ${problem}`);
      app.log.info(`payments: providers ${[...context.providers.keys()].join(", ") || "none"}; methods ${context.methods().join(", ") || "none"}`);
      await paymentsRoutes(app, deps, context);
    },
    jobs(deps) {
      return {
        /** A charge succeeded although the fee was already paid: give that money back. */
        async [REFUND_DUPLICATE_TOPIC](payload) {
          const attemptId = typeof payload.attemptId === "string" ? payload.attemptId : "";
          const attempt = await findAttempt(deps.db, attemptId);
          if (!attempt || !attempt.duplicate || attempt.status !== "succeeded") return;
          await refundPayment({
            db: deps.db,
            context: contextOf(deps),
            actor: null,
            paymentId: attempt.paymentId,
            attemptId: attempt.id,
            amountYen: attempt.amountYen,
            reason: "二重のお支払いのため自動で返金",
            refundKey: `duplicate-${attempt.id}`,
          });
        },
        /** The application was withdrawn or rejected: close the attempt in progress at its provider. */
        async [CANCEL_ATTEMPT_TOPIC](payload) {
          const paymentId = typeof payload.paymentId === "string" ? payload.paymentId : "";
          if (!paymentId) return;
          await cancelOpenAttempt({ db: deps.db, context: contextOf(deps), paymentId, baseUrl: deps.config.baseUrl, actor: null });
        },
      };
    },
  };
}

export const paymentsModule: Module = createPaymentsModule();
