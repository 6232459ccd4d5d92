/**
 * The Zoom adapter against a local fake that behaves as Zoom documents it: S2S OAuth tokens
 * (reused until they expire, renewed when revoked), meeting creation and deletion, 429 for the
 * per-second and daily limits, and Zoom's error JSON. Never contacts the internet.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { MeetingProviderError } from "./provider.ts";
import { startFakeZoom, type FakeZoom } from "./zoom-fake.ts";
import { zoomProvider, zoomSettingsFromEnv, type ZoomSettings } from "./zoom.ts";

let fake: FakeZoom;
before(async () => {
  fake = await startFakeZoom({ tokenSeconds: 3600 });
});
after(async () => {
  await fake.close();
});

function settings(extra: Partial<ZoomSettings> = {}): ZoomSettings {
  return { ...fake.credentials, apiBase: fake.apiBase, oauthBase: fake.oauthBase, userId: "me", qpsWaitMs: 10, ...extra };
}

const request = { consultationId: "c1", topic: "Machi C260601-000001", startsAt: new Date("2026-06-01T01:00:00Z"), durationMinutes: 30, agenda: "C260601-000001" };

test("creates a meeting with one token, reused for the next call; Tokyo local start time with its zone", async () => {
  const provider = zoomProvider(settings());
  const tokensBefore = fake.stats.tokens;
  const first = await provider.createMeeting(request);
  const second = await provider.createMeeting({ ...request, consultationId: "c2" });
  assert.equal(fake.stats.tokens - tokensBefore, 1, "one token for both calls");
  assert.equal(first.provider, "zoom");
  assert.match(first.joinUrl, /^https:\/\/zoom\.example\/j\/\d{11}\?pwd=/);
  assert.match(first.hostUrl, /^https:\/\/zoom\.example\/s\/\d{11}/);
  assert.notEqual(first.meetingId, second.meetingId);
  const stored = fake.meetings.get(first.meetingId)!;
  assert.equal(stored.start_time, "2026-06-01T10:00:00");
  assert.equal(stored.timezone, "Asia/Tokyo");
  assert.equal(stored.duration, 30);
});

test("an expired token is renewed before the call (clock past expires_in)", async () => {
  let clock = Date.now();
  const provider = zoomProvider(settings({ now: () => clock }));
  await provider.createMeeting(request);
  const tokens = fake.stats.tokens;
  clock += 3600 * 1000;
  await provider.createMeeting(request);
  assert.equal(fake.stats.tokens, tokens + 1);
});

test("a token revoked early (401, code 124) is replaced once and the call succeeds", async () => {
  const provider = zoomProvider(settings());
  await provider.createMeeting(request);
  fake.revokeTokens();
  const unauthorized = fake.stats.unauthorized;
  const meeting = await provider.createMeeting(request);
  assert.ok(meeting.joinUrl);
  assert.equal(fake.stats.unauthorized, unauthorized + 1);
});

test("429 per second is waited out and retried; a daily limit is a retryable error for the job queue", async () => {
  const provider = zoomProvider(settings());
  fake.rateLimitNext(2, "QPS");
  const meeting = await provider.createMeeting(request);
  assert.ok(meeting.meetingId);
  fake.rateLimitNext(1, "Daily-limit");
  await assert.rejects(provider.createMeeting(request), (error: unknown) => {
    assert.ok(error instanceof MeetingProviderError);
    assert.equal(error.status, 429);
    assert.equal(error.retryable, true);
    assert.match(error.message, /Daily-limit/);
    return true;
  });
});

test("bad credentials and validation errors surface Zoom's error JSON and are not retried", async () => {
  await assert.rejects(zoomProvider(settings({ clientSecret: "wrong" })).createMeeting(request), (error: unknown) => {
    assert.ok(error instanceof MeetingProviderError);
    assert.equal(error.code, "invalid_client");
    assert.equal(error.retryable, false);
    return true;
  });
  await assert.rejects(zoomProvider(settings()).createMeeting({ ...request, durationMinutes: 0 }), (error: unknown) => {
    assert.ok(error instanceof MeetingProviderError);
    assert.equal(error.status, 400);
    assert.equal(error.code, 300);
    assert.match(error.message, /Validation Failed.*duration: Invalid field/);
    assert.equal(error.retryable, false);
    return true;
  });
});

test("cancel deletes the meeting (204); a meeting already gone (404, code 3001) counts as cancelled", async () => {
  const provider = zoomProvider(settings());
  const meeting = await provider.createMeeting(request);
  await provider.cancelMeeting(meeting.meetingId);
  assert.equal(fake.meetings.get(meeting.meetingId)!.deleted, true);
  await provider.cancelMeeting(meeting.meetingId);
});

test("settings come from the environment; without credentials there is no Zoom provider", () => {
  assert.equal(zoomSettingsFromEnv({}), null);
  const fromEnv = zoomSettingsFromEnv({ ZOOM_ACCOUNT_ID: "a", ZOOM_CLIENT_ID: "b", ZOOM_CLIENT_SECRET: "c" });
  assert.deepEqual(fromEnv, { accountId: "a", clientId: "b", clientSecret: "c", apiBase: "https://api.zoom.us/v2", oauthBase: "https://zoom.us", userId: "me" });
});
