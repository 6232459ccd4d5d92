/**
 * Configuration comes only from environment variables, validated once at start.
 * Every bad value gets its own message so an operator can fix them all in one go.
 */
import { randomBytes } from "node:crypto";
import path from "node:path";

export type Config = {
  port: number;
  host: string;
  /** postgres://… for PostgreSQL; undefined means the embedded PGlite database in dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
  baseUrl: string;
  /** smtp://user:pass@host:port; undefined means mail is logged, not sent (demo mode). */
  smtpUrl: string | undefined;
  mailFrom: string;
  sessionSecret: string;
  /** True when SESSION_SECRET was not given and a random one is used (sessions end on restart). */
  sessionSecretGenerated: boolean;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  /** Seed Japanese demo data into an empty database on start. */
  seedDemo: boolean;
  /** Run background workers (outbox delivery) in this process. */
  workers: boolean;
  /** HTTP worker processes (node:cluster) sharing the port; PostgreSQL only (PGlite is single-process). */
  webConcurrency: number;
  /** Maximum upload size in bytes. */
  maxUploadBytes: number;
  nodeEnv: "production" | "development" | "test";
};

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.problems = problems;
  }
}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const nodeEnv = oneOf(env, "NODE_ENV", ["production", "development", "test"] as const, "development", problems);
  const port = integer(env, "PORT", 3000, 0, 65535, problems);
  const databaseUrl = optionalUrl(env, "DATABASE_URL", ["postgres:", "postgresql:"], problems);
  const smtpUrl = optionalUrl(env, "SMTP_URL", ["smtp:", "smtps:"], problems);
  const baseUrl = optionalUrl(env, "BASE_URL", ["http:", "https:"], problems) ?? `http://localhost:${port}`;
  const secret = env.SESSION_SECRET;
  if (secret !== undefined && secret.length < 32) {
    problems.push("SESSION_SECRET must be at least 32 characters long (e.g. `openssl rand -hex 32`).");
  }
  if (secret === undefined && nodeEnv === "production") {
    problems.push("SESSION_SECRET is required when NODE_ENV=production.");
  }
  const logLevel = oneOf(env, "LOG_LEVEL", ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const, "info", problems);
  const maxUploadBytes = integer(env, "MAX_UPLOAD_BYTES", 10 * 1024 * 1024, 1024, 100 * 1024 * 1024, problems);
  const seedDemo = boolean(env, "SEED_DEMO", databaseUrl === undefined, problems);
  const workers = boolean(env, "WORKERS", true, problems);
  const webConcurrency = integer(env, "WEB_CONCURRENCY", 1, 1, 64, problems);
  if (webConcurrency > 1 && databaseUrl === undefined) {
    problems.push("WEB_CONCURRENCY above 1 needs DATABASE_URL: the embedded database belongs to one process.");
  }
  const mailFrom = env.MAIL_FROM ?? "Machi 大阪市オンライン申請 <no-reply@machi.example.jp>";
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port,
    host: env.HOST ?? "0.0.0.0",
    databaseUrl,
    dataDir: path.resolve(env.DATA_DIR ?? "data"),
    baseUrl: baseUrl.replace(/\/$/, ""),
    smtpUrl,
    mailFrom,
    sessionSecret: secret ?? randomBytes(32).toString("hex"),
    sessionSecretGenerated: secret === undefined,
    logLevel,
    seedDemo,
    workers,
    webConcurrency,
    maxUploadBytes,
    nodeEnv,
  };
}

function integer(env: Env, name: string, fallback: number, min: number, max: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    problems.push(`${name} must be a whole number from ${min} to ${max}; got "${raw}".`);
    return fallback;
  }
  return value;
}

function optionalUrl(env: Env, name: string, protocols: string[], problems: string[]): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === "") return undefined;
  try {
    const url = new URL(raw);
    if (!protocols.includes(url.protocol)) {
      problems.push(`${name} must start with ${protocols.map((p) => `${p}//`).join(" or ")}; got "${url.protocol}//…".`);
    }
  } catch {
    problems.push(`${name} is not a valid URL (expected e.g. ${protocols[0]}//host:port/…).`);
  }
  return raw;
}

function oneOf<T extends string>(env: Env, name: string, values: readonly T[], fallback: T, problems: string[]): T {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  if (!(values as readonly string[]).includes(raw)) {
    problems.push(`${name} must be one of ${values.join(", ")}; got "${raw}".`);
    return fallback;
  }
  return raw as T;
}

function boolean(env: Env, name: string, fallback: boolean, problems: string[]): boolean {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  if (["1", "true", "yes"].includes(raw)) return true;
  if (["0", "false", "no"].includes(raw)) return false;
  problems.push(`${name} must be true or false; got "${raw}".`);
  return fallback;
}
