/**
 * Which providers run, from the environment (read once at start; every bad value is reported):
 *
 *   STRIPE_SECRET_KEY       sk_live_… / sk_test_…: Stripe takes card and konbini payments
 *   STRIPE_WEBHOOK_SECRET   whsec_…: verifies POST /api/payments/webhooks/stripe (required with the key)
 *   STRIPE_API_BASE         default https://api.stripe.com (tests: the local fake)
 *   PAYMENTS_SANDBOX        true/false: the built-in sandbox (test cards, simulated shops).
 *                           Default: on unless NODE_ENV=production. With Stripe configured the
 *                           sandbox still offers Pay-easy, which Stripe does not take.
 *
 * The sandbox signs its webhooks with a key derived from SESSION_SECRET, so that every instance
 * of the app accepts what another one sent.
 */
import { createHmac } from "node:crypto";
import type { StripeOptions } from "./providers/stripe.ts";

export type PaymentsConfig = {
  sandbox: { webhookSecret: string } | null;
  stripe: StripeOptions | null;
  /** Problems to log at start (the module still starts, without the provider concerned). */
  problems: string[];
};

type Env = Record<string, string | undefined>;

export function paymentsConfig(env: Env, options: { nodeEnv: string; sessionSecret: string }): PaymentsConfig {
  const problems: string[] = [];
  let stripe: StripeOptions | null = null;
  const key = env.STRIPE_SECRET_KEY?.trim();
  if (key) {
    const webhookSecret = env.STRIPE_WEBHOOK_SECRET?.trim();
    const apiBase = env.STRIPE_API_BASE?.trim();
    if (!/^(sk|rk)_(test|live)_[A-Za-z0-9]+$/.test(key)) problems.push("STRIPE_SECRET_KEY must look like sk_test_… or sk_live_… (Stripe is off).");
    else if (!webhookSecret) problems.push("STRIPE_WEBHOOK_SECRET is required with STRIPE_SECRET_KEY (Stripe is off): copy it from the webhook endpoint in the Stripe Dashboard.");
    else if (apiBase && !/^https?:\/\/[^/]+/.test(apiBase)) problems.push(`STRIPE_API_BASE must be an http(s) URL; got "${apiBase}" (Stripe is off).`);
    else if (options.nodeEnv === "production" && key.includes("_test_")) problems.push("STRIPE_SECRET_KEY is a test key while NODE_ENV=production (Stripe is off).");
    else stripe = { secretKey: key, webhookSecret, ...(apiBase ? { apiBase } : {}) };
  }
  const rawSandbox = env.PAYMENTS_SANDBOX?.trim();
  let sandboxOn = options.nodeEnv !== "production";
  if (rawSandbox) {
    if (["1", "true", "yes"].includes(rawSandbox)) sandboxOn = true;
    else if (["0", "false", "no"].includes(rawSandbox)) sandboxOn = false;
    else problems.push(`PAYMENTS_SANDBOX must be true or false; got "${rawSandbox}".`);
  }
  if (sandboxOn && options.nodeEnv === "production") problems.push("PAYMENTS_SANDBOX is on in production: residents can 'pay' with test cards. Turn it off unless this is a training system.");
  const sandbox = sandboxOn ? { webhookSecret: createHmac("sha256", options.sessionSecret).update("machi-payments-sandbox-webhook").digest("hex") } : null;
  return { sandbox, stripe, problems };
}
