/**
 * One error type with stable codes. Commands throw `AppError("application.not_found")`;
 * the HTTP layer maps the code's prefix rule to a status and renders HTML or JSON.
 * Messages shown to people come from the i18n catalogue `errors.<code>`, never from stacks or SQL.
 */
export type AppErrorCode =
  | "not_found"
  | "forbidden"
  | "unauthenticated"
  | "conflict"
  | "invalid_input"
  | "rate_limited"
  | "csrf"
  | "payload_too_large"
  | "unavailable";

const STATUS: Record<AppErrorCode, number> = {
  not_found: 404,
  forbidden: 403,
  unauthenticated: 401,
  conflict: 409,
  invalid_input: 422,
  rate_limited: 429,
  csrf: 403,
  payload_too_large: 413,
  unavailable: 503,
};

export class AppError extends Error {
  readonly code: AppErrorCode;
  /** A more specific reason for logs and JSON clients, e.g. "application.stale_revision". */
  readonly reason: string | undefined;
  readonly details: Record<string, unknown> | undefined;
  constructor(code: AppErrorCode, reason?: string, details?: Record<string, unknown>) {
    super(reason ?? code);
    this.code = code;
    this.reason = reason;
    this.details = details;
  }
  get status(): number {
    return STATUS[this.code];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
