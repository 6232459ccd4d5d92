/**
 * OAuth 2.0 error responses of the token endpoint (RFC 6749 §5.2): a JSON object with `error`
 * (a code from the RFC) and `error_description` (for the developer, in English), status 400, or
 * 401 for a client that failed to authenticate.
 */
export type OAuthErrorCode = "invalid_request" | "invalid_client" | "invalid_grant" | "unauthorized_client" | "unsupported_grant_type" | "invalid_scope";

export class OAuthError extends Error {
  readonly code: OAuthErrorCode;
  readonly description: string;
  /** The client authenticated (or tried to) with HTTP Basic: a 401 must say WWW-Authenticate: Basic. */
  readonly basic: boolean;
  constructor(code: OAuthErrorCode, description: string, options: { basic?: boolean } = {}) {
    super(`${code}: ${description}`);
    this.code = code;
    this.description = description;
    this.basic = options.basic ?? false;
  }
  get status(): number {
    return this.code === "invalid_client" ? 401 : 400;
  }
  body(): { error: OAuthErrorCode; error_description: string } {
    return { error: this.code, error_description: this.description };
  }
}
