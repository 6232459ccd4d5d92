/**
 * Logs never contain passwords, one-time tokens or full e-mail addresses. The app runs in a
 * child process with LOG_LEVEL=trace (pino writes straight to file descriptor 1, so the log
 * is read from the child's stdout); the child goes through every identity flow and reports
 * the secrets it used on stderr; the parent checks that none of them is in the log.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const PROBE = "IDENTITY_LOG_PROBE";

if (process.env[PROBE]) {
  await probe();
} else {
  test("no password, token or full e-mail address reaches the log, at LOG_LEVEL=trace", { timeout: 120_000 }, async () => {
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url)], { env: { ...process.env, [PROBE]: "1" }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    assert.equal(code, 0, `the probe failed:\n${stderr}`);
    const line = stderr.split("\n").find((l) => l.startsWith("SECRETS "));
    assert.ok(line, "the probe reported its secrets");
    const secrets = JSON.parse(line.slice("SECRETS ".length)) as string[];
    assert.ok(secrets.length >= 8);
    assert.ok(stdout.includes("signed in"), "the log was captured");
    assert.ok(stdout.includes("***@example.jp"), "addresses appear masked");
    for (const secret of secrets) assert.ok(!stdout.includes(secret), `a secret (${secret.slice(0, 3)}…) is in the log`);
  });
}

async function probe(): Promise<void> {
  const { createTestApp } = await import("../../testing/app.ts");
  const { Browser, createStaff, firstLink, signUpResident, startSmtpSink, uniqueEmail } = await import("./testing.ts");
  const { upsertDepartments } = await import("./index.ts");

  const smtp = await startSmtpSink();
  const app = await createTestApp({ env: { SMTP_URL: smtp.url, LOG_LEVEL: "trace" } });
  const secrets: string[] = [];
  const tokenOf = (text: string) => {
    const token = new URL(firstLink(text)).pathname.split("/").pop()!;
    secrets.push(token);
    return token;
  };
  try {
    const email = uniqueEmail();
    const password = "probe-password-1234";
    const newPassword = "probe-new-password-5678";
    secrets.push(email, password, newPassword);

    const resident = await signUpResident(app, { email, password });
    const verifyToken = tokenOf((await smtp.waitFor(email, { subject: /確認/ })).text ?? "");
    await new Browser(app).submit(`/auth/verify/${verifyToken}`, {});
    await resident.browser.post("/auth/sign-out");
    await new Browser(app).submit("/auth/sign-in", { email, password: "wrong-password-000" });
    await new Browser(app).submit("/auth/sign-in?next=%2Fmy%2Fprofile", { email, password, next: "/my/profile" }, "/auth/sign-in");

    await new Browser(app).submit("/auth/link", { email });
    const loginToken = tokenOf((await smtp.waitFor(email, { subject: /ログイン用リンク/ })).text ?? "");
    await new Browser(app).submit(`/auth/link/${loginToken}`, {});
    await new Browser(app).submit("/auth/link", { email: uniqueEmail("nobody") });

    await new Browser(app).submit("/auth/reset", { email });
    const resetToken = tokenOf((await smtp.waitFor(email, { subject: /パスワードの再設定/ })).text ?? "");
    const browser = new Browser(app);
    await browser.submit(`/auth/reset/${resetToken}`, { password: "short" });
    await browser.post(`/auth/reset/${resetToken}`, { password: newPassword });
    await browser.post(`/auth/reset/${resetToken}`, { password: newPassword });

    await upsertDepartments({ db: app.deps.db, items: [{ code: "271021", name: { ja: "北区役所", en: "Kita Ward Office" }, kind: "ward" }] });
    const staff = await createStaff(app, { roles: [{ departmentCode: "271021", role: "clerk" }], password: "probe-staff-password-9" });
    secrets.push(staff.email, staff.password);
    await new Browser(app).submit("/staff/sign-in", { email: staff.email, password: "wrong-password-000" });
    const staffBrowser = new Browser(app);
    await staffBrowser.submit("/staff/sign-in", { email: staff.email, password: staff.password });
    secrets.push(staffBrowser.jar.get("machi_session")!.split(".")[0]!);
    await staffBrowser.post("/auth/sign-out");
  } finally {
    await app.stop();
    await smtp.close();
  }
  process.stderr.write(`SECRETS ${JSON.stringify(secrets)}\n`);
}
