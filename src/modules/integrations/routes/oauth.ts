/**
 * POST /oauth/token — the OAuth 2.0 token endpoint for back-office systems (client credentials
 * grant). Errors are RFC 6749 §5.2 JSON (`error`, `error_description`), whatever went wrong,
 * including a body that could not be parsed. Rate-limited per client address.
 */
import type { FastifyError, FastifyInstance, FastifyReply } from "fastify";
import type { AppDeps } from "../../../core/app-deps.ts";
import { documentBackOffice, tokenSchema } from "../api-schema.ts";
import { issueAccessToken } from "../commands/issue-access-token.ts";
import { integrationsContext } from "../context.ts";
import { OAuthError } from "../oauth/errors.ts";
import { parseTokenRequest } from "../oauth/token-request.ts";

function sendOAuthError(reply: FastifyReply, error: OAuthError): FastifyReply {
  if (error.code === "invalid_client" && error.basic) reply.header("www-authenticate", 'Basic realm="machi"');
  return reply.code(error.status).header("cache-control", "no-store").header("pragma", "no-cache").send(error.body());
}

export function registerOAuthRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { settings } = integrationsContext(deps);
  app.post(
    "/oauth/token",
    {
      schema: tokenSchema,
      // Validation is ours (parseTokenRequest), so that every refusal is an RFC 6749 error.
      attachValidation: true,
      config: {
        skipCsrf: true,
        swaggerTransform: documentBackOffice(deps.config.baseUrl),
        rateLimit: { max: settings.tokenRateLimit, timeWindow: "1 minute" },
      },
      errorHandler: (error: FastifyError, request, reply) => {
        if (error instanceof OAuthError) return sendOAuthError(reply, error);
        if (error.statusCode === 429) {
          return reply.code(429).header("cache-control", "no-store").send({ error: "invalid_request", error_description: "Too many token requests; try again in a minute." });
        }
        if (error.statusCode && error.statusCode < 500) return sendOAuthError(reply, new OAuthError("invalid_request", "The request could not be read."));
        request.log.error({ err: error }, "token endpoint failed");
        return (reply as FastifyReply).code(500).send({ error: "server_error", error_description: "Internal error" });
      },
    },
    async (request, reply) => {
      const tokenRequest = parseTokenRequest({ contentType: request.headers["content-type"], authorization: request.headers.authorization, body: request.body });
      const token = await issueAccessToken({ db: deps.db, settings, request: tokenRequest });
      return reply.header("cache-control", "no-store").header("pragma", "no-cache").send(token);
    },
  );
}
