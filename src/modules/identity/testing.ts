/**
 * Test helpers for any module's integration tests: a browser-like client for `app.http.inject`
 * (cookies kept, CSRF token taken from the rendered form, as a browser would), residents that
 * sign up through the real form, staff that sign in through the real form, and a local SMTP
 * server that receives what the app sends.
 *
 * @example
 * const resident = await signUpResident(app);
 * const page = await resident.browser.get("/my/profile");
 * const saved = await resident.browser.post("/my/profile/edit", { familyName: "大阪", … });
 * // or with plain inject: app.http.inject({ url: "/my/profile", headers: resident.browser.headers() })
 *
 * @example
 * const staff = await createStaff(app, { roles: [{ departmentCode: "271021", role: "clerk" }] });
 * const browser = await signInStaff(app, staff.email, staff.password);
 */
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import type { AppDeps } from "../../core/app-deps.ts";
import type { StaffRole } from "../../core/http/actor.ts";
import { createUser } from "./commands/create-user.ts";
import { findUserByEmail } from "./queries.ts";
import { TestAuthenticator } from "./passkeys/test-authenticator.ts";
import { normalizeEmail } from "./schema.ts";

/** What the helpers need of a test app (createTestApp's result fits). */
export type AppLike = { http: FastifyInstance; deps: AppDeps };

export type Response = LightMyRequestResponse;

/** Cookies as a browser keeps them: set by Set-Cookie, removed when expired or cleared. */
export class CookieJar {
  readonly #cookies = new Map<string, string>();

  /** Takes in the Set-Cookie headers of a response. */
  update(response: Response): void {
    for (const cookie of response.cookies as Array<{ name: string; value: string; expires?: Date; maxAge?: number }>) {
      const expired = (cookie.expires !== undefined && cookie.expires.getTime() <= Date.now()) || cookie.maxAge === 0 || cookie.value === "";
      if (expired) this.#cookies.delete(cookie.name);
      else this.#cookies.set(cookie.name, cookie.value);
    }
  }

  /** The Cookie request header ("" when empty). */
  header(): string {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  get(name: string): string | undefined {
    return this.#cookies.get(name);
  }

  has(name: string): boolean {
    return this.#cookies.has(name);
  }

  delete(name: string): void {
    this.#cookies.delete(name);
  }
}

/**
 * The CSRF token of the first form in a page (`<input type="hidden" name="_csrf" value="…">`).
 * Throws when the page has none, so a test fails where the form went missing.
 */
export function formToken(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error("The page has no form with a CSRF token");
  return match[1]!;
}

/** A made-up client address (10.x.x.x), so that per-IP rate limits of one test do not hit another. */
export function randomClientIp(): string {
  const [a, b, c] = randomBytes(3);
  return `10.${a}.${b}.${c! || 1}`;
}

type Fields = Record<string, string | string[] | undefined>;

function encodeForm(fields: Fields): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) params.append(name, item);
  }
  return params.toString();
}

/**
 * A browser for `app.http.inject`: keeps cookies, remembers the CSRF token of the last page
 * with a form, and posts forms with it. Each browser has its own client IP.
 */
export class Browser {
  readonly app: AppLike;
  readonly jar = new CookieJar();
  readonly remoteAddress: string;
  /** The CSRF token of the last page that had one. */
  csrfToken: string | undefined;

  constructor(app: AppLike, options: { remoteAddress?: string } = {}) {
    this.app = app;
    this.remoteAddress = options.remoteAddress ?? randomClientIp();
  }

  /** Headers to use with a plain `app.http.inject` (the cookies of this browser). */
  headers(): Record<string, string> {
    const cookie = this.jar.header();
    return cookie ? { cookie } : {};
  }

  /** Any request; cookies are sent and kept. Redirects are not followed. */
  async request(options: InjectOptions & { url: string }): Promise<Response> {
    const response = await this.app.http.inject({
      remoteAddress: this.remoteAddress,
      ...options,
      headers: { ...this.headers(), ...(options.headers ?? {}) },
    });
    this.jar.update(response);
    const token = /name="_csrf" value="([^"]+)"/.exec(response.body);
    if (token) this.csrfToken = token[1];
    return response;
  }

  get(url: string): Promise<Response> {
    return this.request({ method: "GET", url });
  }

  /**
   * Posts a form (application/x-www-form-urlencoded) with the CSRF token of the last page
   * (or of the sign-in page when no page was loaded yet). Pass `_csrf` yourself to override,
   * or `{ csrf: false }` to post without one.
   */
  async post(url: string, fields: Fields = {}, options: { csrf?: boolean } = {}): Promise<Response> {
    if (options.csrf !== false && fields._csrf === undefined && !this.csrfToken) await this.get("/auth/sign-in");
    const body = options.csrf === false || fields._csrf !== undefined ? fields : { _csrf: this.csrfToken, ...fields };
    return this.request({
      method: "POST",
      url,
      payload: encodeForm(body),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
  }

  /** Opens a page and submits its form to `action` (default: the page's own URL), like a person would. */
  async submit(pageUrl: string, fields: Fields, action: string = pageUrl.split("?")[0]!): Promise<Response> {
    const page = await this.get(pageUrl);
    return this.post(action, { _csrf: formToken(page.body), ...fields });
  }
}

export type ResidentInput = {
  email: string;
  password: string;
  familyName: string;
  givenName: string;
  familyKana: string;
  givenKana: string;
};

export type SignedInResident = {
  /** The resident's browser, signed in. */
  browser: Browser;
  userId: string;
  email: string;
  password: string;
  /** Cookie headers for a plain `app.http.inject`. */
  headers(): Record<string, string>;
};

/** A fresh e-mail address for a test account. */
export function uniqueEmail(prefix = "resident"): string {
  return `${prefix}-${randomBytes(5).toString("hex")}@example.jp`;
}

/**
 * Creates a resident through the sign-up form (so they are signed in) and returns their
 * browser. Every field has a default; the e-mail is unique unless given.
 */
export async function signUpResident(app: AppLike, input: Partial<ResidentInput> = {}): Promise<SignedInResident> {
  const values: ResidentInput = {
    email: input.email ?? uniqueEmail(),
    password: input.password ?? "correct-horse-battery",
    familyName: input.familyName ?? "大阪",
    givenName: input.givenName ?? "花子",
    familyKana: input.familyKana ?? "オオサカ",
    givenKana: input.givenKana ?? "ハナコ",
  };
  const browser = new Browser(app);
  const response = await browser.submit("/auth/sign-up", values);
  if (response.statusCode !== 303) throw new Error(`Sign-up failed with ${response.statusCode}`);
  const user = await findUserByEmail(app.deps.db, "resident", normalizeEmail(values.email));
  if (!user) throw new Error("Sign-up did not create the resident");
  return { browser, userId: user.id, email: values.email, password: values.password, headers: () => browser.headers() };
}

/** Signs a resident in through /auth/sign-in; throws unless it succeeds. */
export async function signInResident(app: AppLike, email: string, password: string): Promise<Browser> {
  const browser = new Browser(app);
  const response = await browser.submit("/auth/sign-in", { email, password });
  if (response.statusCode !== 303) throw new Error(`Resident sign-in failed with ${response.statusCode}`);
  return browser;
}

/** Signs a staff member in through /staff/sign-in; throws unless it succeeds. */
export async function signInStaff(app: AppLike, email: string, password: string): Promise<Browser> {
  const browser = new Browser(app);
  const response = await browser.submit("/staff/sign-in", { email, password });
  if (response.statusCode !== 303) throw new Error(`Staff sign-in failed with ${response.statusCode}`);
  return browser;
}

/**
 * Creates a staff account directly (as the operator CLI does). The departments must exist
 * (e.g. seeded with upsertDepartments).
 */
export async function createStaff(
  app: AppLike,
  options: { roles: StaffRole[]; email?: string; password?: string; familyName?: string; givenName?: string },
): Promise<{ id: string; email: string; password: string }> {
  const email = options.email ?? uniqueEmail("staff");
  const password = options.password ?? "staff-password-123";
  const id = await createUser({
    db: app.deps.db,
    kind: "staff",
    email,
    password,
    familyName: options.familyName ?? "天満",
    givenName: options.givenName ?? "職員",
    familyKana: "",
    givenKana: "",
    roles: options.roles,
  });
  return { id, email, password };
}

/** The first http(s) link in a text (an e-mail body). */
export function firstLink(text: string): string {
  const match = /https?:\/\/[^\s<>"]+/.exec(text);
  if (!match) throw new Error("No link in the text");
  return match[0];
}

export type SmtpSink = {
  /** SMTP_URL for createTestApp's env: `smtp://127.0.0.1:<port>?tls=off`. */
  url: string;
  /** Every message received, parsed, oldest first. */
  messages: ParsedMail[];
  /**
   * Waits for a message to this address, received after the first `since` messages (default
   * all) and with a subject matching `subject` (default any).
   */
  waitFor(to: string, options?: { timeoutMs?: number; since?: number; subject?: RegExp }): Promise<ParsedMail>;
  close(): Promise<void>;
};

/**
 * A real SMTP server on 127.0.0.1 (random port, no TLS, no auth) that keeps what it receives.
 * Pass `url` as SMTP_URL to createTestApp to test real SMTP exchanges.
 */
export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: ParsedMail[] = [];
  const waiters = new Set<() => void>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          messages.push(mail);
          for (const wake of waiters) wake();
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;

  const addressedTo = (mail: ParsedMail, to: string) => {
    const lists = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [];
    return lists.some((list) => list.value.some((address) => address.address?.toLowerCase() === to.toLowerCase()));
  };

  return {
    url: `smtp://127.0.0.1:${port}?tls=off`,
    messages,
    waitFor(to, options = {}) {
      const since = options.since ?? 0;
      const find = () => messages.slice(since).find((mail) => addressedTo(mail, to) && (!options.subject || options.subject.test(mail.subject ?? "")));
      const found = find();
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`No e-mail to ${to} within ${options.timeoutMs ?? 5000} ms`));
        }, options.timeoutMs ?? 5000);
        const check = () => {
          const mail = find();
          if (!mail) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(mail);
        };
        waiters.add(check);
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// ── Passkeys ─────────────────────────────────────────────────────────────────────────────

export { TestAuthenticator };

/** Posts JSON the way public/identity/passkeys.js does (CSRF token of the last page in x-csrf-token). */
export async function postJson(browser: Browser, url: string, body: unknown): Promise<Response> {
  return browser.request({
    method: "POST",
    url,
    payload: JSON.stringify(body),
    headers: { "content-type": "application/json", accept: "application/json", "x-csrf-token": browser.csrfToken ?? "" },
  });
}

/**
 * Adds a passkey to the signed-in account of `browser` with a test authenticator, through the
 * same endpoints the page's script uses; returns the verify response (200 with a redirect).
 */
export async function addPasskey(
  browser: Browser,
  authenticator: TestAuthenticator,
  options: { area?: "resident" | "staff"; label?: string } = {},
): Promise<Response> {
  const staff = options.area === "staff";
  await browser.get(staff ? "/staff/account" : "/my/profile");
  const base = staff ? "/staff/account/passkeys" : "/my/passkeys";
  const started = await postJson(browser, `${base}/options`, {});
  if (started.statusCode !== 200) throw new Error(`passkey options failed with ${started.statusCode}: ${started.body}`);
  const response = authenticator.register(started.json().options);
  return postJson(browser, `${base}/verify`, { response, label: options.label ?? "テスト端末" });
}

/** Signs in with a passkey in `browser` (a new one by default); returns the verify response and the browser. */
export async function signInWithPasskey(
  app: AppLike,
  authenticator: TestAuthenticator,
  options: { area?: "resident" | "staff"; browser?: Browser; next?: string } = {},
): Promise<{ browser: Browser; response: Response }> {
  const browser = options.browser ?? new Browser(app);
  const area = options.area ?? "resident";
  await browser.get(area === "staff" ? "/staff/sign-in" : "/auth/sign-in");
  const started = await postJson(browser, "/auth/passkey/options", { area });
  if (started.statusCode !== 200) throw new Error(`passkey options failed with ${started.statusCode}: ${started.body}`);
  const assertion = authenticator.authenticate(started.json().options);
  const response = await postJson(browser, "/auth/passkey/verify", { area, response: assertion, next: options.next ?? "" });
  return { browser, response };
}

/**
 * A resident at assurance level 2: signed up, a passkey added and signed in again with it (the
 * way a person reaches level 2). For procedures that require level 2 (e.g. 住民票の写し once the
 * identity demo requirements are seeded).
 */
export async function signUpResidentAtLevel2(app: AppLike, input: Partial<ResidentInput> = {}): Promise<SignedInResident & { authenticator: TestAuthenticator }> {
  const resident = await signUpResident(app, input);
  const authenticator = new TestAuthenticator({ origin: new URL(app.deps.config.baseUrl).origin });
  const added = await addPasskey(resident.browser, authenticator);
  if (added.statusCode !== 200) throw new Error(`adding a passkey failed with ${added.statusCode}: ${added.body}`);
  return { ...resident, authenticator };
}
