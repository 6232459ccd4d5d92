/**
 * A real OpenID Connect provider on 127.0.0.1 for tests (the `oidc-provider` package, certified
 * by the OpenID Foundation), standing in for the city IdP and the national resident IdP, which we
 * cannot reach. Its login screen is replaced by two form endpoints a test posts to directly:
 *
 *   POST /interaction/:uid/login  account=<id>&acr=<value>   → signs the account in at that acr
 *   POST /interaction/:uid/abort                              → the person cancels (access_denied)
 *
 * Consent is skipped (first-party clients), so a sign-in is: authorization URL → interaction →
 * login → back to the client's redirect URI with a code. `loginAt` drives that with plain HTTP.
 *
 *   const idp = await startTestOidcProvider({ clients: [{ clientId, clientSecret, redirectUri }], accounts });
 *   const callback = await idp.loginAt(authorizationUrl, { account: "alice", acr: idp.acr(3) });
 */
import { generateKeyPairSync } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type KoaContextWithOIDC } from "oidc-provider";

export type TestOidcClient = { clientId: string; clientSecret: string; redirectUri: string };

export type TestOidcAccount = Record<string, unknown> & { email?: string };

export type TestOidcProvider = {
  issuer: string;
  /** The acr value this provider uses for a level: `urn:machi:test:loa:<level>`. */
  acr(level: 1 | 2 | 3): string;
  /**
   * Follows an authorization URL like a browser: logs `account` in (or cancels), and returns the
   * URL the provider sends the browser back to (the client's callback with code and state).
   */
  loginAt(authorizationUrl: string, options: { account: string; acr?: string } | { cancel: true }): Promise<string>;
  close(): Promise<void>;
};

const SCOPES = "openid email profile address";

/** oidc-provider's storage, in memory (one provider per test file; gone when it closes). */
function memoryAdapter() {
  const store = new Map<string, { payload: Record<string, unknown>; expiresAt: number }>();
  const live = (key: string) => {
    const entry = store.get(key);
    if (!entry || entry.expiresAt < Date.now()) return undefined;
    return entry.payload;
  };
  return class MemoryAdapter {
    readonly name: string;
    constructor(name: string) {
      this.name = name;
    }
    key(id: string) {
      return `${this.name}:${id}`;
    }
    async upsert(id: string, payload: Record<string, unknown>, expiresIn: number) {
      store.set(this.key(id), { payload, expiresAt: Date.now() + (expiresIn || 3600) * 1000 });
      if (typeof payload.uid === "string") store.set(`${this.name}:uid:${payload.uid}`, { payload, expiresAt: Date.now() + (expiresIn || 3600) * 1000 });
      if (typeof payload.userCode === "string") store.set(`${this.name}:userCode:${payload.userCode}`, { payload, expiresAt: Date.now() + (expiresIn || 3600) * 1000 });
    }
    async find(id: string) {
      return live(this.key(id));
    }
    async findByUid(uid: string) {
      return live(`${this.name}:uid:${uid}`);
    }
    async findByUserCode(code: string) {
      return live(`${this.name}:userCode:${code}`);
    }
    async consume(id: string) {
      const payload = live(this.key(id));
      if (payload) payload.consumed = Math.floor(Date.now() / 1000);
    }
    async destroy(id: string) {
      store.delete(this.key(id));
    }
    async revokeByGrantId(grantId: string) {
      for (const [key, entry] of store) if (entry.payload.grantId === grantId) store.delete(key);
    }
  };
}

export async function startTestOidcProvider(options: { clients: TestOidcClient[]; accounts: Record<string, TestOidcAccount> }): Promise<TestOidcProvider> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const acr = (level: 1 | 2 | 3) => `urn:machi:test:loa:${level}`;
  const signingKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" });

  const provider = new Provider(issuer, {
    clients: options.clients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      redirect_uris: [c.redirectUri],
      response_types: ["code"],
      grant_types: ["authorization_code"],
      token_endpoint_auth_method: "client_secret_basic",
    })),
    jwks: { keys: [{ ...signingKey, kid: "test-signing-key", alg: "RS256", use: "sig" }] },
    cookies: { keys: ["machi-test-oidc-provider-cookie-key"] },
    acrValues: [acr(1), acr(2), acr(3)],
    claims: {
      acr: null,
      auth_time: null,
      sid: null,
      openid: ["sub"],
      email: ["email", "email_verified"],
      profile: ["name", "family_name", "given_name", "family_name#ja-Kana-JP", "given_name#ja-Kana-JP", "birthdate"],
      address: ["address"],
    },
    features: { devInteractions: { enabled: false } },
    adapter: memoryAdapter(),
    ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 3600, IdToken: 600, Interaction: 600, Session: 3600 },
    pkce: { required: () => true },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx, id) {
      const account = options.accounts[id];
      if (!account) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, ...account }) };
    },
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const client = ctx.oidc.client!;
      const session = ctx.oidc.session!;
      const existing = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      if (existing) return ctx.oidc.provider.Grant.find(existing);
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId! });
      grant.addOIDCScope(SCOPES);
      await grant.save();
      return grant;
    },
  });
  const callback = provider.callback();

  server.on("request", (req, res) => {
    const url = new URL(req.url ?? "/", issuer);
    const interaction = /^\/interaction\/([^/]+)\/(login|abort)$/.exec(url.pathname);
    if (req.method === "POST" && interaction) {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
      req.on("end", () => {
        const form = new URLSearchParams(body);
        const result =
          interaction[2] === "abort"
            ? { error: "access_denied", error_description: "the person cancelled" }
            : { login: { accountId: form.get("account") ?? "", ...(form.get("acr") ? { acr: form.get("acr")! } : {}) } };
        provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false }).catch((error: unknown) => {
          res.statusCode = 400;
          res.end(String(error));
        });
      });
      return;
    }
    void callback(req, res);
  });

  async function loginAt(authorizationUrl: string, login: { account: string; acr?: string } | { cancel: true }): Promise<string> {
    const cookies = new Map<string, string>();
    const request = async (url: string, init: RequestInit = {}) => {
      const response = await fetch(url, {
        ...init,
        redirect: "manual",
        headers: { ...(init.headers as Record<string, string> | undefined), cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
      });
      for (const line of response.headers.getSetCookie()) {
        const [pair] = line.split(";");
        const eq = pair!.indexOf("=");
        cookies.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
      }
      const location = response.headers.get("location");
      if (response.status < 300 || response.status >= 400 || !location) throw new Error(`test IdP: expected a redirect from ${url}, got ${response.status}: ${await response.text()}`);
      return new URL(location, url).href;
    };
    const interactionUrl = await request(authorizationUrl);
    if (!interactionUrl.startsWith(`${issuer}/interaction/`)) return interactionUrl; // an error straight back to the client
    const action = "cancel" in login ? "abort" : "login";
    const form = "cancel" in login ? "" : new URLSearchParams({ account: login.account, ...(login.acr ? { acr: login.acr } : {}) }).toString();
    let next = await request(`${interactionUrl}/${action}`, { method: "POST", body: form, headers: { "content-type": "application/x-www-form-urlencoded" } });
    // Resume at /auth/<uid> until the provider sends the browser back to the client.
    for (let hops = 0; next.startsWith(issuer) && hops < 5; hops++) next = await request(next);
    return next;
  }

  return {
    issuer,
    acr,
    loginAt,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
