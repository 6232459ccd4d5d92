/**
 * A local fake of the parts of Zoom's API that the adapter uses, faithful to the documented
 * behaviour: Server-to-Server OAuth tokens (Basic client credentials, account_credentials grant,
 * expiry), `POST /v2/users/:userId/meetings` (validation errors as `{ code: 300, message, errors }`),
 * `DELETE /v2/meetings/:id` (404 code 3001), 401 code 124 for an invalid or expired token, and
 * 429 for the per-second ("QPS") and daily limits with X-RateLimit-* headers. For tests only.
 */
import { randomBytes, randomInt } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type FakeZoomOptions = {
  accountId?: string;
  clientId?: string;
  clientSecret?: string;
  /** Lifetime of issued tokens (Zoom: 3600). */
  tokenSeconds?: number;
  /** Meeting creations allowed per second (Zoom "Medium" on a Pro plan: 20). */
  perSecond?: number;
  /** Meeting creations allowed per day before the daily limit answers 429. */
  perDay?: number;
};

export type FakeMeeting = { id: number; topic: string; start_time: string; timezone: string; duration: number; agenda: string; join_url: string; start_url: string; deleted: boolean };

export type FakeZoom = {
  /** API base for the adapter (…/v2) and OAuth base. */
  apiBase: string;
  oauthBase: string;
  credentials: { accountId: string; clientId: string; clientSecret: string };
  meetings: Map<string, FakeMeeting>;
  stats: { tokens: number; created: number; deleted: number; unauthorized: number; rateLimited: number; validationErrors: number };
  /** Makes every issued token invalid (as when an app's credentials are rotated). */
  revokeTokens(): void;
  /** The next `count` meeting creations answer 429 of this type. */
  rateLimitNext(count: number, type: "QPS" | "Daily-limit"): void;
  close(): Promise<void>;
};

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json;charset=UTF-8", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

export async function startFakeZoom(options: FakeZoomOptions = {}): Promise<FakeZoom> {
  const credentials = { accountId: options.accountId ?? "acct-test", clientId: options.clientId ?? "client-test", clientSecret: options.clientSecret ?? "secret-test" };
  const tokens = new Map<string, number>();
  const meetings = new Map<string, FakeMeeting>();
  const stats = { tokens: 0, created: 0, deleted: 0, unauthorized: 0, rateLimited: 0, validationErrors: 0 };
  const forced: Array<"QPS" | "Daily-limit"> = [];
  let windowStart = 0;
  let windowCount = 0;
  let dayCount = 0;

  function authorised(req: IncomingMessage, res: ServerResponse): boolean {
    const match = /^Bearer (.+)$/.exec(req.headers.authorization ?? "");
    const expiresAt = match ? tokens.get(match[1]!) : undefined;
    if (expiresAt === undefined || expiresAt <= Date.now()) {
      stats.unauthorized++;
      json(res, 401, { code: 124, message: expiresAt === undefined ? "Invalid access token." : "Access token is expired." });
      return false;
    }
    return true;
  }

  function rateLimited(res: ServerResponse): boolean {
    const now = Date.now();
    if (now - windowStart >= 1000) {
      windowStart = now;
      windowCount = 0;
    }
    const forcedType = forced.shift();
    const overQps = options.perSecond !== undefined && windowCount >= options.perSecond;
    const overDay = options.perDay !== undefined && dayCount >= options.perDay;
    const type = forcedType ?? (overDay ? "Daily-limit" : overQps ? "QPS" : null);
    if (!type) {
      windowCount++;
      dayCount++;
      return false;
    }
    stats.rateLimited++;
    const headers: Record<string, string> = { "x-ratelimit-category": "Medium", "x-ratelimit-type": type, "x-ratelimit-limit": String(type === "QPS" ? (options.perSecond ?? 20) : (options.perDay ?? 0)), "x-ratelimit-remaining": "0" };
    if (type === "Daily-limit") headers["retry-after"] = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + 1)).toISOString();
    json(res, 429, { code: 429, message: type === "QPS" ? "You have reached the maximum per-second rate limit for this API. Try again later." : "You have reached the maximum daily rate limit for this API. Refer to the response header for details on when you can make another request." }, headers);
    return true;
  }

  async function handle(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
    const url = new URL(req.url ?? "/", "http://fake");
    if (req.method === "POST" && url.pathname === "/oauth/token") {
      const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? "");
      const [id, secret] = basic ? Buffer.from(basic[1]!, "base64").toString().split(":") : [];
      if (url.searchParams.get("grant_type") !== "account_credentials") return json(res, 400, { reason: "unsupported grant type", error: "unsupported_grant_type" });
      if (id !== credentials.clientId || secret !== credentials.clientSecret) return json(res, 400, { reason: "Invalid client_id or client_secret", error: "invalid_client" });
      if (url.searchParams.get("account_id") !== credentials.accountId) return json(res, 400, { reason: "Invalid account_id", error: "invalid_request" });
      const token = randomBytes(24).toString("base64url");
      const seconds = options.tokenSeconds ?? 3600;
      tokens.set(token, Date.now() + seconds * 1000);
      stats.tokens++;
      return json(res, 200, { access_token: token, token_type: "bearer", expires_in: seconds, scope: "meeting:write:meeting:admin meeting:delete:meeting:admin", api_url: "https://api.zoom.us" });
    }
    const create = /^\/v2\/users\/([^/]+)\/meetings$/.exec(url.pathname);
    if (req.method === "POST" && create) {
      if (!authorised(req, res) || rateLimited(res)) return;
      let input: Record<string, unknown>;
      try {
        input = JSON.parse(body.toString("utf8")) as Record<string, unknown>;
      } catch {
        stats.validationErrors++;
        return json(res, 400, { code: 300, message: "Request Body should be a valid JSON object." });
      }
      const errors: Array<{ field: string; message: string }> = [];
      if (typeof input.topic !== "string" || input.topic.length > 200) errors.push({ field: "topic", message: "Invalid field." });
      if (![1, 2, 3, 8, 10].includes(input.type as number)) errors.push({ field: "type", message: "Invalid field." });
      if (input.type === 2 && (typeof input.start_time !== "string" || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z?$/.test(input.start_time))) errors.push({ field: "start_time", message: "Invalid field." });
      if (input.duration !== undefined && !(Number.isInteger(input.duration) && (input.duration as number) > 0)) errors.push({ field: "duration", message: "Invalid field." });
      if (errors.length > 0) {
        stats.validationErrors++;
        return json(res, 400, { code: 300, message: "Validation Failed.", errors });
      }
      const id = randomInt(10_000_000_000, 99_999_999_999);
      const pwd = randomBytes(8).toString("base64url");
      const meeting: FakeMeeting = {
        id,
        topic: input.topic as string,
        start_time: String(input.start_time),
        timezone: String(input.timezone ?? "UTC"),
        duration: Number(input.duration ?? 60),
        agenda: String(input.agenda ?? ""),
        join_url: `https://zoom.example/j/${id}?pwd=${pwd}`,
        start_url: `https://zoom.example/s/${id}?zak=${randomBytes(16).toString("base64url")}`,
        deleted: false,
      };
      meetings.set(String(id), meeting);
      stats.created++;
      const { deleted: _deleted, ...shown } = meeting;
      return json(res, 201, { uuid: randomBytes(12).toString("base64"), host_id: create[1], ...shown, password: pwd, created_at: new Date().toISOString(), settings: input.settings ?? {} });
    }
    const remove = /^\/v2\/meetings\/(\d+)$/.exec(url.pathname);
    if (req.method === "DELETE" && remove) {
      if (!authorised(req, res)) return;
      const meeting = meetings.get(remove[1]!);
      if (!meeting || meeting.deleted) return json(res, 404, { code: 3001, message: `Meeting does not exist: ${remove[1]}.` });
      meeting.deleted = true;
      stats.deleted++;
      res.writeHead(204).end();
      return;
    }
    json(res, 404, { code: 404, message: "Not found" });
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => void handle(req, res, Buffer.concat(chunks)).catch((error: unknown) => json(res, 500, { code: 500, message: String(error) })));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    apiBase: `${base}/v2`,
    oauthBase: base,
    credentials,
    meetings,
    stats,
    revokeTokens: () => tokens.clear(),
    rateLimitNext: (count, type) => {
      for (let i = 0; i < count; i++) forced.push(type);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
