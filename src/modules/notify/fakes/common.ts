/** Small pieces shared by the local fakes: a JSON HTTP server on 127.0.0.1 and a fixed-window rate limiter. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type FakeServer = { url: string; server: Server; close(): Promise<void> };

export async function listen(handler: (req: IncomingMessage, res: ServerResponse, body: Buffer) => void | Promise<void>, port = 0): Promise<FakeServer> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      Promise.resolve(handler(req, res, Buffer.concat(chunks))).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ message: String(error) }));
      });
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

/**
 * "At most `limit` requests per window": a fixed window, as providers that state a limit
 * "per second" or "per 15 minutes" count it. `check()` says whether one more request fits and
 * how long until the window resets.
 */
export class FixedWindow {
  readonly limit: number;
  readonly windowMs: number;
  #start = 0;
  #count = 0;
  constructor(limit: number, windowMs: number) {
    this.limit = limit;
    this.windowMs = windowMs;
  }
  check(now: number = Date.now()): { allowed: boolean; remaining: number; resetAt: number } {
    if (now - this.#start >= this.windowMs) {
      this.#start = now - ((now - this.#start) % this.windowMs);
      if (now - this.#start >= this.windowMs) this.#start = now;
      this.#count = 0;
    }
    const resetAt = this.#start + this.windowMs;
    if (this.#count >= this.limit) return { allowed: false, remaining: 0, resetAt };
    this.#count++;
    return { allowed: true, remaining: this.limit - this.#count, resetAt };
  }
}
