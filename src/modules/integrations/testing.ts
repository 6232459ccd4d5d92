/**
 * Test helpers for integrations: a local webhook receiver (node:http on 127.0.0.1) that verifies
 * signatures and can be told to fail, a manager's browser, API clients registered through the
 * staff page, and tokens from the real token endpoint.
 *
 * @example
 * const receiver = await startReceiver({ secret: () => secret, failFirst: 2 });
 * // … create a subscription to receiver.url, cause an event, deliver …
 * assert.equal(receiver.received.length, 1);
 */
import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { AppLike, Browser } from "../identity/testing.ts";
import { createStaff, signInStaff } from "../identity/testing.ts";
import { verifyWebhook } from "./webhooks/signature.ts";

export type ReceivedWebhook = { id: string; timestamp: number; body: string; json: Record<string, any>; headers: http.IncomingHttpHeaders; verified: boolean; at: number };

export type Receiver = {
  url: string;
  /** Requests answered 2xx, in order of arrival. */
  received: ReceivedWebhook[];
  /** Every request, including those answered with an error. */
  requests: number;
  /** Answer the next n requests with this status (default 500). */
  failNext(n: number, status?: number): void;
  /** Wait until `count` webhooks were received. */
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
};

/**
 * A webhook receiver that checks each signature with the secret it is given (by subscription url
 * path) and answers 204, or 401 when the signature does not hold, or the planned failure.
 */
export async function startReceiver(options: { secret: () => string | undefined; path?: string } = { secret: () => undefined }): Promise<Receiver> {
  const received: ReceivedWebhook[] = [];
  let requests = 0;
  let failures = 0;
  let failStatus = 500;
  const waiters = new Set<() => void>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      requests++;
      const body = Buffer.concat(chunks).toString("utf8");
      if (failures > 0) {
        failures--;
        res.writeHead(failStatus, { "content-type": "text/plain" }).end("receiver is down for maintenance");
        return;
      }
      const secret = options.secret();
      let verified = false;
      try {
        if (secret) {
          verifyWebhook({ secret, headers: req.headers, body });
          verified = true;
        }
      } catch {
        res.writeHead(401).end("bad signature");
        return;
      }
      received.push({
        id: String(req.headers["webhook-id"]),
        timestamp: Number(req.headers["webhook-timestamp"]),
        body,
        json: JSON.parse(body) as Record<string, any>,
        headers: req.headers,
        verified,
        at: Date.now(),
      });
      for (const wake of waiters) wake();
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}${options.path ?? "/hooks/machi"}`,
    received,
    get requests() {
      return requests;
    },
    failNext(n, status = 500) {
      failures = n;
      failStatus = status;
    },
    waitFor(count, timeoutMs = 10_000) {
      if (received.length >= count) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`Only ${received.length} of ${count} webhooks arrived`));
        }, timeoutMs);
        const check = () => {
          if (received.length < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
      });
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A manager of the departments, signed in. */
export async function signInManager(app: AppLike, departments: string[]): Promise<{ id: string; browser: Browser }> {
  const staff = await createStaff(app, { roles: departments.map((departmentCode) => ({ departmentCode, role: "manager" as const })) });
  return { id: staff.id, browser: await signInStaff(app, staff.email, staff.password) };
}

/** The secret shown once on a page (the read-only input marked data-secret). */
export function shownSecret(html: string): string {
  const match = /value="([^"]+)" readonly autocomplete="off" spellcheck="false" data-secret>/.exec(html);
  assert.ok(match, "the page shows the secret");
  return match[1]!.replace(/&amp;/g, "&");
}

/** Subscribes a receiver through the staff page; returns the subscription id and its secret. */
export async function subscribe(browser: Browser, fields: { departmentCode: string; url: string; eventTypes: string[]; description?: string }): Promise<{ id: string; secret: string }> {
  await browser.get("/staff/integrations/webhooks/new");
  const response = await browser.post("/staff/integrations/webhooks", { ...fields, description: fields.description ?? "" });
  assert.equal(response.statusCode, 200, response.body.slice(0, 2000));
  const id = /\/staff\/integrations\/webhooks\/([0-9a-f-]{36})/.exec(response.body)?.[1];
  assert.ok(id);
  return { id, secret: shownSecret(response.body) };
}

/** Registers an API client through the staff page; returns its id and secret. */
export async function registerApiClient(browser: Browser, fields: { name: string; scopes: string[] }): Promise<{ clientId: string; clientSecret: string }> {
  await browser.get("/staff/integrations/clients/new");
  const response = await browser.post("/staff/integrations/clients", fields);
  assert.equal(response.statusCode, 200, response.body.slice(0, 2000));
  const clientId = /<code>(mc_[0-9a-f]{24})<\/code>/.exec(response.body)?.[1];
  assert.ok(clientId);
  return { clientId, clientSecret: shownSecret(response.body) };
}

/** Gets a token from POST /oauth/token with HTTP Basic; fails the test unless it is issued. */
export async function getToken(app: AppLike, client: { clientId: string; clientSecret: string }, scope?: string): Promise<string> {
  const response = await app.http.inject({
    method: "POST",
    url: "/oauth/token",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret)}`).toString("base64")}`,
    },
    payload: new URLSearchParams({ grant_type: "client_credentials", ...(scope ? { scope } : {}) }).toString(),
  });
  assert.equal(response.statusCode, 200, response.body);
  return response.json().access_token as string;
}
