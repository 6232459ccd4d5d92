/**
 * For the embedded demo (no DATABASE_URL, no SESSION_SECRET) a random session secret is kept
 * in the data directory, so that signed-in residents stay signed in across restarts of
 * `npm start`. Deployments set SESSION_SECRET; this file is never used with PostgreSQL.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export function embeddedSessionSecret(dataDir: string): string {
  const file = path.join(dataDir, "session-secret");
  try {
    const existing = fs.readFileSync(file, "utf8").trim();
    if (existing.length >= 32) return existing;
  } catch {
    // first start
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("hex");
  fs.writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
