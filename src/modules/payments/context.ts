/**
 * The providers of one app, built once from its configuration and shared by its routes, jobs
 * and commands. Which provider takes which method: a real provider when one is configured for
 * it (Stripe: card, konbini), else the sandbox when it is on (card, konbini, Pay-easy).
 */
import type { AppDeps } from "../../core/app-deps.ts";
import { paymentsConfig } from "./config.ts";
import type { PaymentMethod, PaymentProvider, ProviderName } from "./providers/provider.ts";
import { SandboxProvider } from "./providers/sandbox.ts";
import { StripeProvider } from "./providers/stripe.ts";

export type PaymentsContext = {
  providers: Map<ProviderName, PaymentProvider>;
  sandbox: SandboxProvider | null;
  problems: string[];
  /** The provider that takes a method, or null when none does. */
  providerFor(method: PaymentMethod): PaymentProvider | null;
  /** Methods residents can choose, in the order shown. */
  methods(): PaymentMethod[];
  provider(name: string): PaymentProvider | null;
};

const ORDER: PaymentMethod[] = ["card", "konbini", "payeasy"];

export function buildPaymentsContext(providers: PaymentProvider[], problems: string[] = []): PaymentsContext {
  const map = new Map<ProviderName, PaymentProvider>(providers.map((p) => [p.name, p]));
  const real = providers.filter((p) => !p.test);
  const test = providers.filter((p) => p.test);
  const providerFor = (method: PaymentMethod) => real.find((p) => p.methods.includes(method)) ?? test.find((p) => p.methods.includes(method)) ?? null;
  const sandbox = providers.find((p): p is SandboxProvider => p instanceof SandboxProvider) ?? null;
  return {
    providers: map,
    sandbox,
    problems,
    providerFor,
    methods: () => ORDER.filter((method) => providerFor(method) !== null),
    provider: (name) => map.get(name as ProviderName) ?? null,
  };
}

const contexts = new WeakMap<AppDeps, PaymentsContext>();

/**
 * The app's payments context. `override` (tests) replaces the providers built from the environment.
 *
 * @example const { providerFor } = paymentsContext(deps); providerFor("card")?.createCharge(…)
 */
export function paymentsContext(deps: AppDeps, env: Record<string, string | undefined> = process.env, override?: (deps: AppDeps) => PaymentProvider[]): PaymentsContext {
  let context = contexts.get(deps);
  if (!context) {
    if (override) {
      context = buildPaymentsContext(override(deps));
    } else {
      const config = paymentsConfig(env, { nodeEnv: deps.config.nodeEnv, sessionSecret: deps.config.sessionSecret });
      const providers: PaymentProvider[] = [];
      if (config.stripe) providers.push(new StripeProvider(config.stripe));
      if (config.sandbox) providers.push(new SandboxProvider({ db: deps.db, baseUrl: () => deps.config.baseUrl, webhookSecret: config.sandbox.webhookSecret }));
      context = buildPaymentsContext(providers, config.problems);
    }
    contexts.set(deps, context);
  }
  return context;
}
