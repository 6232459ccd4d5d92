/**
 * Zoom Meetings API adapter, written to Zoom's documentation:
 * - Server-to-Server OAuth: `POST {oauthBase}/oauth/token?grant_type=account_credentials&account_id=…`
 *   with HTTP Basic client_id:client_secret → `{ access_token, token_type: "bearer", expires_in: 3600, scope }`.
 *   There is no refresh token: a new token is requested shortly before expiry, or when an API
 *   call answers 401 (code 124 "Invalid access token", e.g. revoked or expired early).
 * - Create: `POST {apiBase}/users/{userId}/meetings` with `{ topic, type: 2, start_time, timezone,
 *   duration, agenda, settings }` → 201 `{ id, join_url, start_url, password, … }`.
 * - Cancel: `DELETE {apiBase}/meetings/{meetingId}` → 204; 404 (code 3001) counts as gone.
 * - Errors are JSON `{ code, message }` (validation: `{ code: 300, message, errors: [{ field, message }] }`).
 * - Rate limits: 429 with `X-RateLimit-Type` "QPS" (per second: wait briefly and retry, at most
 *   twice) or "Daily-limit" (`Retry-After` gives the reset time: give up now, the outbox job
 *   retries later). 5xx are retryable too.
 */
import { MeetingProviderError, type Meeting, type MeetingProvider, type MeetingRequest } from "./provider.ts";

export type ZoomSettings = {
  accountId: string;
  clientId: string;
  clientSecret: string;
  apiBase: string;
  oauthBase: string;
  userId: string;
  /** For tests: how long to wait before retrying a per-second limit (default from Retry-After, else 1 s). */
  qpsWaitMs?: number;
  fetch?: typeof fetch;
  now?: () => number;
};

type Token = { value: string; expiresAt: number };

const TIMEOUT_MS = 10_000;

function tokyoLocal(instant: Date): string {
  return new Date(instant.getTime() + 9 * 3600 * 1000).toISOString().slice(0, 19);
}

export function zoomProvider(settings: ZoomSettings): MeetingProvider {
  const doFetch = settings.fetch ?? fetch;
  const now = settings.now ?? Date.now;
  let token: Token | null = null;
  let pending: Promise<Token> | null = null;

  async function requestToken(): Promise<Token> {
    const url = `${settings.oauthBase.replace(/\/$/, "")}/oauth/token?grant_type=account_credentials&account_id=${encodeURIComponent(settings.accountId)}`;
    const basic = Buffer.from(`${settings.clientId}:${settings.clientSecret}`).toString("base64");
    const response = await doFetch(url, { method: "POST", headers: { authorization: `Basic ${basic}` }, signal: AbortSignal.timeout(TIMEOUT_MS) });
    const body = (await response.json().catch(() => ({}))) as { access_token?: string; expires_in?: number; reason?: string; error?: string };
    if (!response.ok || !body.access_token) {
      throw new MeetingProviderError(`Zoom OAuth refused the credentials: ${response.status} ${body.error ?? ""} ${body.reason ?? ""}`.trim(), {
        retryable: response.status >= 500 || response.status === 429,
        status: response.status,
        code: body.error,
      });
    }
    // Renew a minute early so that a token never expires between our check and Zoom's.
    return { value: body.access_token, expiresAt: now() + Math.max(0, (body.expires_in ?? 3600) - 60) * 1000 };
  }

  async function accessToken(force = false): Promise<string> {
    if (!force && token && token.expiresAt > now()) return token.value;
    // One request for concurrent callers.
    pending ??= requestToken().finally(() => (pending = null));
    token = await pending;
    return token.value;
  }

  async function call(method: string, path: string, body?: unknown): Promise<Response> {
    let refreshed = false;
    for (let attempt = 0; ; attempt++) {
      const response = await doFetch(`${settings.apiBase.replace(/\/$/, "")}${path}`, {
        method,
        headers: { authorization: `Bearer ${await accessToken()}`, ...(body ? { "content-type": "application/json" } : {}) },
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      if (response.status === 401 && !refreshed) {
        // Expired or revoked early: one new token, one more try.
        await response.body?.cancel();
        refreshed = true;
        await accessToken(true);
        continue;
      }
      if (response.status === 429) {
        const type = response.headers.get("x-ratelimit-type") ?? "";
        const retryAfter = response.headers.get("retry-after");
        const error = (await response.json().catch(() => ({}))) as { code?: number; message?: string };
        if (/qps/i.test(type) && attempt < 2) {
          const seconds = retryAfter && /^\d+$/.test(retryAfter) ? Number(retryAfter) : 1;
          await new Promise((resolve) => setTimeout(resolve, settings.qpsWaitMs ?? seconds * 1000));
          continue;
        }
        throw new MeetingProviderError(`Zoom rate limit (${type || "unknown"}): ${error.message ?? ""}`.trim(), { retryable: true, status: 429, code: error.code });
      }
      return response;
    }
  }

  async function failure(response: Response, what: string): Promise<MeetingProviderError> {
    const error = (await response.json().catch(() => ({}))) as { code?: number; message?: string; errors?: Array<{ field: string; message: string }> };
    const fields = error.errors?.map((e) => `${e.field}: ${e.message}`).join("; ");
    return new MeetingProviderError(`Zoom ${what} failed: ${response.status} ${error.code ?? ""} ${error.message ?? ""}${fields ? ` (${fields})` : ""}`.trim(), {
      retryable: response.status >= 500,
      status: response.status,
      code: error.code,
    });
  }

  return {
    name: "zoom",
    async createMeeting(request: MeetingRequest): Promise<Meeting> {
      const response = await call("POST", `/users/${encodeURIComponent(settings.userId)}/meetings`, {
        topic: request.topic.slice(0, 200),
        type: 2,
        start_time: tokyoLocal(request.startsAt),
        timezone: "Asia/Tokyo",
        duration: request.durationMinutes,
        agenda: request.agenda.slice(0, 2000),
        settings: { join_before_host: false, waiting_room: true, mute_upon_entry: true, approval_type: 2 },
      });
      if (response.status !== 201 && response.status !== 200) throw await failure(response, "create meeting");
      const meeting = (await response.json()) as { id: number | string; join_url: string; start_url: string };
      return { provider: "zoom", meetingId: String(meeting.id), joinUrl: meeting.join_url, hostUrl: meeting.start_url, roomId: null };
    },
    async cancelMeeting(meetingId: string): Promise<void> {
      const response = await call("DELETE", `/meetings/${encodeURIComponent(meetingId)}`);
      if (response.status === 204 || response.status === 200 || response.status === 404) {
        await response.body?.cancel();
        return;
      }
      throw await failure(response, "delete meeting");
    },
  };
}

export type MeetingSettingsEnv = Record<string, string | undefined>;

/** The provider the environment asks for; problems are reported, not guessed around. */
export function zoomSettingsFromEnv(env: MeetingSettingsEnv): ZoomSettings | null {
  if (!env.ZOOM_ACCOUNT_ID || !env.ZOOM_CLIENT_ID || !env.ZOOM_CLIENT_SECRET) return null;
  return {
    accountId: env.ZOOM_ACCOUNT_ID,
    clientId: env.ZOOM_CLIENT_ID,
    clientSecret: env.ZOOM_CLIENT_SECRET,
    apiBase: env.ZOOM_API_BASE || "https://api.zoom.us/v2",
    oauthBase: env.ZOOM_OAUTH_BASE || "https://zoom.us",
    userId: env.ZOOM_USER_ID || "me",
  };
}
