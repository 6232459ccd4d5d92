/**
 * Fastify schemas of the back-office API and the token endpoint. They validate requests, shape the
 * JSON responses and are published in /openapi.json (tag `back-office`), together with the
 * security schemes and the outgoing webhook (OpenAPI 3.1 `webhooks`), which `documentBackOffice`
 * adds to the document.
 */
import type { SwaggerTransform } from "@fastify/swagger";
import { EVENT_TYPES } from "./tables.ts";

export const TAG = "back-office";
export const BEARER = "backOfficeBearer";
const SECURITY = [{ [BEARER]: [] as string[] }];

const STATUSES = ["received", "reviewing", "correction_requested", "approved", "rejected", "withdrawn"] as const;

const localizedText = {
  type: "object",
  properties: { ja: { type: "string" }, en: { type: "string" } },
  required: ["ja"],
} as const;

export const apiError = {
  type: "object",
  description: "An error: a stable code (e.g. `application.not_found`, `staff.stale_revision`) and a message in the requested language.",
  properties: {
    error: { type: "string" },
    message: { type: "string" },
    details: { type: "object", additionalProperties: true },
  },
  required: ["error", "message"],
} as const;

const applicationSummary = {
  type: "object",
  properties: {
    id: { type: "string", format: "uuid" },
    reference: { type: "string", description: "受付番号, e.g. 20261126-000042" },
    departmentCode: { type: "string" },
    procedure: { type: "string", description: "The procedure's slug, e.g. residence-certificate" },
    procedureTitle: localizedText,
    applicantName: { type: "string" },
    status: { type: "string", enum: STATUSES },
    revision: { type: "integer", description: "Increases with every change; send it back with a status change to detect conflicts" },
    submittedAt: { type: "string", format: "date-time" },
    updatedAt: { type: "string", format: "date-time" },
    decidedAt: { type: ["string", "null"], format: "date-time" },
    url: { type: "string", description: "This application in the API" },
  },
  required: ["id", "reference", "departmentCode", "procedure", "procedureTitle", "applicantName", "status", "revision", "submittedAt", "updatedAt", "decidedAt", "url"],
} as const;

const idParams = {
  type: "object",
  properties: { id: { type: "string", description: "Application id (UUID)" } },
  required: ["id"],
} as const;

const common = { tags: [TAG], security: SECURITY } as const;
const errors = { 401: apiError, 403: apiError, 404: apiError, 429: apiError } as const;

export const listApplicationsSchema = {
  ...common,
  summary: "Pull applications (new ones first to last)",
  description:
    "Applications of the departments the token may read (`applications:read:<department>`), oldest submission first, " +
    "`limit` at a time. Keep `nextCursor` and send it as `cursor` next time to get only what came after; `hasMore` says whether to ask again now. " +
    "`department` narrows to one department (it must be in the token's scopes), `status` to one status, `since` to submissions at or after an instant.",
  querystring: {
    type: "object",
    properties: {
      department: { type: "string", maxLength: 63 },
      status: { type: "string", enum: STATUSES },
      since: { type: "string", maxLength: 40, description: "RFC 3339 instant, e.g. 2026-11-26T00:00:00+09:00" },
      cursor: { type: "string", maxLength: 200 },
      limit: { type: "integer", minimum: 1, maximum: 100, default: 50 },
    },
  },
  response: {
    200: {
      type: "object",
      properties: {
        items: { type: "array", items: applicationSummary },
        nextCursor: { type: ["string", "null"], description: "Position after the last item (null when nothing was ever returned)" },
        hasMore: { type: "boolean" },
      },
      required: ["items", "nextCursor", "hasMore"],
    },
    422: apiError,
    ...errors,
  },
} as const;

export const getApplicationSchema = {
  ...common,
  summary: "One application: answers, files and the resident's timeline",
  params: idParams,
  response: {
    200: {
      type: "object",
      properties: {
        ...applicationSummary.properties,
        answers: { type: "object", additionalProperties: true, description: "Answers keyed by question id, as the form defines them" },
        files: {
          type: "array",
          items: {
            type: "object",
            properties: {
              id: { type: "string", format: "uuid" },
              questionId: { type: "string" },
              name: { type: "string" },
              kind: { type: "string", enum: ["pdf", "jpeg", "png"] },
              size: { type: "integer" },
              sha256: { type: "string" },
              url: { type: "string" },
            },
            required: ["id", "questionId", "name", "kind", "size", "sha256", "url"],
          },
        },
        correction: {
          type: ["object", "null"],
          properties: { questions: { type: "array", items: { type: "string" } }, message: { type: ["string", "null"] } },
        },
        timeline: {
          type: "array",
          description: "What the resident sees, oldest first",
          items: {
            type: "object",
            properties: {
              at: { type: "string", format: "date-time" },
              type: { type: "string" },
              fromStatus: { type: ["string", "null"] },
              toStatus: { type: ["string", "null"] },
              message: { type: ["string", "null"] },
            },
            required: ["at", "type", "fromStatus", "toStatus", "message"],
          },
        },
      },
      required: [...applicationSummary.required, "answers", "files", "correction", "timeline"],
    },
    ...errors,
  },
} as const;

export const changeStatusSchema = {
  ...common,
  summary: "Change an application's status (shown on the resident's timeline, e-mailed to them)",
  description:
    "Needs `applications:write:<department>`. The same moves as staff: received → reviewing | rejected; reviewing → approved | rejected; " +
    "correction_requested → reviewing | rejected. A `reason` is required to reject and to move back; the resident reads it. " +
    "With `revision`, the change is refused with 409 if the application changed since (read it again).",
  params: idParams,
  body: {
    type: "object",
    properties: {
      status: { type: "string", enum: ["reviewing", "approved", "rejected"] },
      reason: { type: "string", maxLength: 2000 },
      revision: { type: "integer", minimum: 1 },
    },
    required: ["status"],
    additionalProperties: false,
  },
  response: {
    200: {
      type: "object",
      properties: {
        id: { type: "string", format: "uuid" },
        fromStatus: { type: "string", enum: STATUSES },
        status: { type: "string", enum: STATUSES },
        revision: { type: "integer" },
      },
      required: ["id", "fromStatus", "status", "revision"],
    },
    409: apiError,
    422: apiError,
    ...errors,
  },
} as const;

export const getFileSchema = {
  ...common,
  summary: "Download a file attached to an application",
  params: {
    type: "object",
    properties: { id: { type: "string" }, fileId: { type: "string" } },
    required: ["id", "fileId"],
  },
  produces: ["application/pdf", "image/jpeg", "image/png"],
  response: {
    200: { description: "The file's bytes", type: "string", format: "binary" },
    ...errors,
  },
} as const;

const oauthError = {
  type: "object",
  properties: {
    error: { type: "string", enum: ["invalid_request", "invalid_client", "invalid_grant", "unauthorized_client", "unsupported_grant_type", "invalid_scope"] },
    error_description: { type: "string" },
  },
  required: ["error"],
} as const;

export const tokenSchema = {
  tags: [TAG],
  summary: "Get an access token (OAuth 2.0 client credentials, RFC 6749 §4.4)",
  description:
    "Authenticate with HTTP Basic (client_id:client_secret) or with client_id and client_secret in the body. " +
    "`scope` (space-separated) narrows the token to some of the client's scopes; without it the token has all of them.",
  consumes: ["application/x-www-form-urlencoded"],
  body: {
    type: "object",
    properties: {
      grant_type: { type: "string", enum: ["client_credentials"] },
      scope: { type: "string", description: "e.g. applications:read:welfare applications:write:welfare" },
      client_id: { type: "string" },
      client_secret: { type: "string" },
    },
    required: ["grant_type"],
  },
  response: {
    200: {
      type: "object",
      properties: {
        access_token: { type: "string" },
        token_type: { type: "string", enum: ["Bearer"] },
        expires_in: { type: "integer" },
        scope: { type: "string" },
      },
      required: ["access_token", "token_type", "expires_in", "scope"],
    },
    400: oauthError,
    401: oauthError,
    429: oauthError,
  },
} as const;

const eventPayload = {
  type: "object",
  properties: {
    id: { type: "string", format: "uuid", description: "The event id; equal to the webhook-id header" },
    type: { type: "string", enum: EVENT_TYPES },
    timestamp: { type: "string", format: "date-time", description: "When the event happened" },
    data: {
      type: "object",
      properties: {
        application: {
          type: "object",
          properties: {
            id: { type: "string", format: "uuid" },
            reference: { type: "string" },
            departmentCode: { type: "string" },
            procedure: { type: "string" },
            status: { type: "string", enum: STATUSES },
            revision: { type: "integer" },
          },
          required: ["id", "reference", "departmentCode", "procedure", "status", "revision"],
        },
        fromStatus: { type: ["string", "null"] },
        toStatus: { type: ["string", "null"] },
        actor: { type: "string", enum: ["resident", "staff", "client", "system"] },
        clientId: { type: "string", description: "The back-office client that made the change (actor = client)" },
        questions: { type: "array", items: { type: "string" }, description: "Question ids flagged for correction" },
      },
      required: ["application", "fromStatus", "toStatus", "actor"],
    },
  },
  required: ["id", "type", "timestamp", "data"],
} as const;

const header = (name: string, description: string) => ({ name, in: "header", required: true, description, schema: { type: "string" } });

/**
 * Adds what routes cannot declare themselves to the OpenAPI document: the bearer and OAuth 2.0
 * security schemes and the outgoing webhook. Used as the swaggerTransform of the back-office routes.
 */
export function documentBackOffice(baseUrl: string): SwaggerTransform {
  return (input) => {
    const { schema, url } = input;
    if (!("openapiObject" in input)) return { schema, url };
    const doc = input.openapiObject as Record<string, any>;
    doc.components ??= {};
    doc.components.securitySchemes ??= {};
    doc.components.securitySchemes[BEARER] = {
      type: "http",
      scheme: "bearer",
      description: "An access token from POST /oauth/token (opaque, valid for `expires_in` seconds).",
    };
    doc.components.securitySchemes.backOfficeOAuth = {
      type: "oauth2",
      description: "How back-office systems get the bearer token. Scopes name a department: replace <department> with its code.",
      flows: {
        clientCredentials: {
          tokenUrl: `${baseUrl}/oauth/token`,
          scopes: {
            "applications:read:<department>": "List and read the department's applications and their files",
            "applications:write:<department>": "Change the status of the department's applications",
          },
        },
      },
    };
    doc.webhooks ??= {};
    doc.webhooks.applicationEvent = {
      post: {
        tags: [TAG],
        summary: "Application event (sent by Machi to a subscribed back-office system)",
        description:
          "Signed as Standard Webhooks: webhook-signature is `v1,` + base64(HMAC-SHA256(secret, `<webhook-id>.<webhook-timestamp>.<body>`)). " +
          "Retried with backoff for about a day when the answer is not 2xx; the same webhook-id on every retry and replay.",
        parameters: [
          header("webhook-id", "Event id, for deduplication"),
          header("webhook-timestamp", "Seconds since the Unix epoch when this attempt was sent"),
          header("webhook-signature", "v1,<base64 signature> (several, space-separated, during a secret rotation)"),
        ],
        requestBody: { required: true, content: { "application/json": { schema: eventPayload } } },
        responses: { "200": { description: "Any 2xx answer means received" } },
      },
    };
    return { schema, url };
  };
}
