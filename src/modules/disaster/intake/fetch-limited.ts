/**
 * HTTP GET with a deadline and a size limit, for feeds and messages from outside: a server that
 * sends too much or too slowly is cut off, never buffered without bound.
 */

export class FetchProblem extends Error {
  /** "http_4xx" problems are the item's fault (not retried); "http_5xx" / "network" / "timeout" may pass. */
  readonly kind: "http_4xx" | "http_5xx" | "network" | "timeout" | "too_large" | "bad_url";
  readonly status: number | undefined;
  constructor(kind: FetchProblem["kind"], message: string, status?: number) {
    super(message);
    this.kind = kind;
    this.status = status;
    this.name = "FetchProblem";
  }
  get transient(): boolean {
    return this.kind === "http_5xx" || this.kind === "network" || this.kind === "timeout";
  }
}

export type FetchLike = (url: string, init: { signal: AbortSignal; headers: Record<string, string>; redirect: "error" | "follow" | "manual" }) => Promise<Response>;

export async function fetchLimited(url: string, options: { maxBytes: number; timeoutMs: number; fetch?: FetchLike }): Promise<Uint8Array> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new FetchProblem("bad_url", `not a URL: ${url.slice(0, 200)}`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new FetchProblem("bad_url", `not an http(s) URL: ${url.slice(0, 200)}`);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error("timeout")), options.timeoutMs);
  try {
    const doFetch = options.fetch ?? (globalThis.fetch as unknown as FetchLike);
    let response: Response;
    try {
      // Redirects are refused: a feed must not send the poller somewhere else (SSRF).
      response = await doFetch(parsed.href, { signal: controller.signal, headers: { accept: "application/atom+xml, application/xml, text/xml" }, redirect: "error" });
    } catch (error) {
      if (controller.signal.aborted) throw new FetchProblem("timeout", `no answer within ${options.timeoutMs} ms`);
      throw new FetchProblem("network", `request failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (response.status >= 400 && response.status < 500) throw new FetchProblem("http_4xx", `HTTP ${response.status}`, response.status);
    if (response.status !== 200) throw new FetchProblem("http_5xx", `HTTP ${response.status}`, response.status);
    const declared = Number(response.headers.get("content-length") ?? "NaN");
    if (Number.isFinite(declared) && declared > options.maxBytes) {
      await response.body?.cancel().catch(() => {});
      throw new FetchProblem("too_large", `larger than ${options.maxBytes} bytes (Content-Length ${declared})`);
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    const reader = response.body?.getReader();
    if (reader) {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          size += value.byteLength;
          if (size > options.maxBytes) {
            await reader.cancel().catch(() => {});
            throw new FetchProblem("too_large", `larger than ${options.maxBytes} bytes`);
          }
          chunks.push(value);
        }
      } catch (error) {
        if (error instanceof FetchProblem) throw error;
        if (controller.signal.aborted) throw new FetchProblem("timeout", `no complete answer within ${options.timeoutMs} ms`);
        throw new FetchProblem("network", `reading failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return Buffer.concat(chunks);
  } finally {
    clearTimeout(timer);
  }
}
