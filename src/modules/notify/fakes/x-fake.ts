/**
 * A local fake of the X API v2 "Create Post" endpoint, faithful to its documented contract:
 *  - POST /2/tweets with an OAuth 2.0 user access token (Bearer), else 401;
 *  - { text } of at most 280 by twitter-text's weighted length (CJK counts 2, URLs 23), else 400;
 *  - a text identical to a recent post → 403 "You are not allowed to create a Tweet with duplicate content.";
 *  - 200 requests per 15 minutes per user (documented limit), with x-rate-limit-limit,
 *    x-rate-limit-remaining and x-rate-limit-reset (epoch seconds) on every answer; 429 beyond;
 *  - 201 { data: { id, text, edit_history_tweet_ids } }.
 */
import { randomInt } from "node:crypto";
import { weightedLength, X_MAX_WEIGHTED_LENGTH, X_POSTS_PER_15_MINUTES } from "../channels/x.ts";
import { FixedWindow, json, listen, type FakeServer } from "./common.ts";

export type XFakeOptions = { userAccessToken: string; postsPer15Minutes?: number; port?: number };

export type XFake = FakeServer & {
  posts: Array<{ id: string; text: string }>;
  stats: { created: number; duplicates: number; rateLimited: number; badRequests: number };
  failNext(n: number, status: number): void;
};

export async function startXFake(options: XFakeOptions): Promise<XFake> {
  const window = new FixedWindow(options.postsPer15Minutes ?? X_POSTS_PER_15_MINUTES, 15 * 60 * 1000);
  const posts: XFake["posts"] = [];
  const stats = { created: 0, duplicates: 0, rateLimited: 0, badRequests: 0 };
  const failures: number[] = [];
  const server = await listen((req, res, raw) => {
    if (req.method === "GET" && req.url === "/_fake/stats") return json(res, 200, stats);
    if (req.method !== "POST" || req.url !== "/2/tweets") return json(res, 404, { title: "Not Found Error", type: "about:blank", status: 404, detail: "Not Found" });
    if (req.headers.authorization !== `Bearer ${options.userAccessToken}`) {
      return json(res, 401, { title: "Unauthorized", type: "about:blank", status: 401, detail: "Unauthorized" });
    }
    const limit = window.check();
    const headers = {
      "x-rate-limit-limit": String(window.limit),
      "x-rate-limit-remaining": String(limit.remaining),
      "x-rate-limit-reset": String(Math.ceil(limit.resetAt / 1000)),
    };
    if (!limit.allowed) {
      stats.rateLimited++;
      return json(res, 429, { title: "Too Many Requests", detail: "Too Many Requests", type: "about:blank", status: 429 }, headers);
    }
    const failure = failures.shift();
    if (failure) return json(res, failure, { title: "Service Unavailable", type: "about:blank", status: failure, detail: "Service Unavailable" }, headers);
    let body: { text?: unknown };
    try {
      body = JSON.parse(raw.toString("utf8"));
    } catch {
      body = {};
    }
    if (typeof body.text !== "string" || body.text.trim() === "" || weightedLength(body.text) > X_MAX_WEIGHTED_LENGTH) {
      stats.badRequests++;
      return json(
        res,
        400,
        {
          errors: [{ parameters: { text: [String(body.text ?? "")] }, message: typeof body.text === "string" && body.text.trim() !== "" ? "Your Tweet text is too long." : "The `text` field is required." }],
          title: "Invalid Request",
          detail: "One or more parameters to your request was invalid.",
          type: "https://api.twitter.com/2/problems/invalid-request",
        },
        headers,
      );
    }
    if (posts.some((p) => p.text === body.text)) {
      stats.duplicates++;
      return json(res, 403, { detail: "You are not allowed to create a Tweet with duplicate content.", type: "about:blank", title: "Forbidden", status: 403 }, headers);
    }
    const id = `${Date.now()}${String(randomInt(1_000_000)).padStart(6, "0")}`;
    posts.push({ id, text: body.text });
    stats.created++;
    return json(res, 201, { data: { id, text: body.text, edit_history_tweet_ids: [id] } }, headers);
  }, options.port);
  return { ...server, posts, stats, failNext: (n, status) => failures.push(...Array<number>(n).fill(status)) };
}
