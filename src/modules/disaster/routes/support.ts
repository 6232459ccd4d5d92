/** Helpers shared by the disaster module's handlers: page rendering, the staff guard, form fields. */
import type { FastifyReply, FastifyRequest } from "fastify";
import { requireStaff } from "../../identity/index.ts";

export { sendPage } from "../../../core/ui/send-page.ts";

/** Route guard: nobody signed in → staff sign-in (pages), a resident → 403. */
export async function staffOnly(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
  if (!request.actor && request.method === "GET") {
    return reply.redirect(`/staff/sign-in?next=${encodeURIComponent(request.url)}`, 303);
  }
  requireStaff(request);
  return undefined;
}

export function bodyOf(request: FastifyRequest): Record<string, unknown> {
  return typeof request.body === "object" && request.body !== null ? (request.body as Record<string, unknown>) : {};
}

export function text(value: unknown): string {
  return typeof value === "string" ? value : Array.isArray(value) && typeof value[0] === "string" ? value[0] : "";
}

export function texts(value: unknown): string[] {
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

export function queryOf(request: FastifyRequest): Record<string, unknown> {
  return (request.query ?? {}) as Record<string, unknown>;
}

/** A whole number written with any digits (full-width too), or null when empty; NaN when not a number. */
export function wholeNumber(value: string): number | null {
  const normalised = value.normalize("NFKC").replace(/[,\s]/g, "");
  if (normalised === "") return null;
  return /^\d{1,7}$/.test(normalised) ? Number(normalised) : Number.NaN;
}

/** A decimal coordinate (full-width digits accepted), or null when empty; NaN when not a number. */
export function decimal(value: string): number | null {
  const normalised = value.normalize("NFKC").replace(/\s/g, "").replace(/[ー−–—]/g, "-");
  if (normalised === "") return null;
  return /^-?\d{1,3}(\.\d{1,10})?$/.test(normalised) ? Number(normalised) : Number.NaN;
}
