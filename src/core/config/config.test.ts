import { test } from "node:test";
import assert from "node:assert/strict";
import { ConfigError, loadConfig } from "./config.ts";

test("defaults give an embedded database with demo data", () => {
  const config = loadConfig({});
  assert.equal(config.databaseUrl, undefined);
  assert.equal(config.seedDemo, true);
  assert.equal(config.port, 3000);
  assert.equal(config.baseUrl, "http://localhost:3000");
  assert.equal(config.sessionSecretGenerated, true);
});

test("every bad value is reported at once with its own message", () => {
  assert.throws(
    () => loadConfig({ PORT: "http", DATABASE_URL: "mysql://x", SESSION_SECRET: "short", SMTP_URL: "::" }),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.equal(error.problems.length, 4);
      assert.match(error.problems.join("\n"), /PORT must be a whole number/);
      assert.match(error.problems.join("\n"), /DATABASE_URL must start with postgres:/);
      assert.match(error.problems.join("\n"), /SESSION_SECRET must be at least 32/);
      assert.match(error.problems.join("\n"), /SMTP_URL is not a valid URL/);
      return true;
    },
  );
});

test("production requires a session secret", () => {
  assert.throws(() => loadConfig({ NODE_ENV: "production" }), /SESSION_SECRET is required/);
});
