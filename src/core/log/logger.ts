/**
 * Structured logs (pino) with personal data masked: cookies, authorisation headers,
 * passwords, e-mail addresses and one-time tokens in URLs never reach the log.
 */
import type { FastifyRequest } from "fastify";

const TOKEN_IN_QUERY = /([?&](?:token|next|email|_csrf)=)[^&]*/gi;
/** One-time tokens in paths (/auth/link/<token>): any long random-looking segment that is not a uuid. */
const TOKEN_IN_PATH = /\/(?![0-9a-f]{8}-[0-9a-f]{4}-)[A-Za-z0-9_-]{32,}(?=[/?#]|$)/g;

export function maskUrl(url: string): string {
  return url.replace(TOKEN_IN_PATH, "/***").replace(TOKEN_IN_QUERY, "$1***");
}

export function loggerOptions(level: string) {
  return {
    level,
    redact: {
      paths: ["req.headers.cookie", "req.headers.authorization", "res.headers['set-cookie']", "*.password", "*.email", "*.token"],
      censor: "***",
    },
    serializers: {
      req(request: FastifyRequest) {
        return { method: request.method, url: maskUrl(request.url), remoteAddress: request.ip };
      },
    },
  };
}
