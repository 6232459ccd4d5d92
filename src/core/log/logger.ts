/**
 * Structured logs (pino) with personal data masked: cookies, authorisation headers,
 * passwords, e-mail addresses and one-time tokens in URLs never reach the log.
 */
import type { FastifyRequest } from "fastify";

const TOKEN_IN_URL = /([?&](?:token|next|email)=)[^&]*/gi;

export function maskUrl(url: string): string {
  return url.replace(TOKEN_IN_URL, "$1***");
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
