/**
 * Input schemas (zod) of the appointments forms and JSON API. Values are normalised the way
 * people type them (full-width letters and digits, any hyphen in phone numbers) before they are
 * checked, and every field's problem is reported at once, as an i18n key of 'appointments'.
 */
import { z } from "zod";
import { normalizePhone, normalizeWidth } from "../../core/text/japanese.ts";
import { normalizeEmail } from "../identity/index.ts";
import { isIsoDay } from "./tokyo.ts";

export type FieldProblem = { field: string; key: string };
export type ParseResult<T> = { ok: true; data: T } | { ok: false; problems: FieldProblem[] };

export const NAME_MAX = 100;
export const TOPIC_MAX = 1000;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const text = z.preprocess((value) => (Array.isArray(value) ? value[0] : value) ?? "", z.string().catch(""));

function collect<T>(result: { success: true; data: T } | { success: false; error: z.ZodError }): ParseResult<T> {
  if (result.success) return { ok: true, data: result.data };
  const problems: FieldProblem[] = [];
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "");
    if (!problems.some((p) => p.field === field)) problems.push({ field, key: issue.message });
  }
  return { ok: false, problems };
}

export const BookingDetailsInput = z.object({
  name: text.transform((v) => normalizeWidth(v).trim().replace(/\s+/g, " ")).pipe(
    z.string().min(1, "validation.nameRequired").max(NAME_MAX, "validation.nameTooLong"),
  ),
  email: text.transform(normalizeEmail).pipe(z.string().min(1, "validation.emailRequired").max(254, "validation.emailInvalid").regex(EMAIL_PATTERN, "validation.emailInvalid")),
  phone: text.transform((v, ctx) => {
    if (v.trim() === "") return null;
    const digits = normalizePhone(v);
    if (!digits) {
      ctx.addIssue({ code: "custom", message: "validation.phoneInvalid" });
      return z.NEVER;
    }
    return digits;
  }),
});
export type BookingDetails = z.infer<typeof BookingDetailsInput>;

export function parseBookingDetails(body: unknown): ParseResult<BookingDetails> {
  return collect(BookingDetailsInput.safeParse(body ?? {}));
}

export const CodeInput = z.object({
  code: text.transform((v) => normalizeWidth(v).replace(/\s/g, "")).pipe(z.string().regex(/^\d{6}$/, "validation.codeFormat")),
});
export function parseCode(body: unknown): ParseResult<{ code: string }> {
  return collect(CodeInput.safeParse(body ?? {}));
}

/** A per-day exception as staff enter it: closed, or open with hours (and optionally another capacity). */
export const ExceptionInput = z
  .object({
    day: text.pipe(z.string().refine(isIsoDay, "validation.dayInvalid")),
    counter: text.pipe(z.string().uuid("validation.counterRequired")),
    mode: text.pipe(z.enum(["closed", "open"], { message: "validation.modeRequired" })),
    opens: text,
    closes: text,
    capacity: text,
    noteJa: text.transform((v) => v.trim()).pipe(z.string().max(200, "validation.noteTooLong")),
    noteEn: text.transform((v) => v.trim()).pipe(z.string().max(200, "validation.noteTooLong")),
  })
  .superRefine((value, ctx) => {
    if (value.mode !== "open") return;
    const time = /^([01]\d|2[0-3]):[0-5]\d$/;
    if (!time.test(value.opens)) ctx.addIssue({ code: "custom", path: ["opens"], message: "validation.timeInvalid" });
    if (!time.test(value.closes)) ctx.addIssue({ code: "custom", path: ["closes"], message: "validation.timeInvalid" });
    else if (time.test(value.opens) && value.opens >= value.closes) ctx.addIssue({ code: "custom", path: ["closes"], message: "validation.closesBeforeOpens" });
    if (value.capacity !== "" && !(/^\d{1,3}$/.test(value.capacity) && Number(value.capacity) >= 1 && Number(value.capacity) <= 100)) {
      ctx.addIssue({ code: "custom", path: ["capacity"], message: "validation.capacityInvalid" });
    }
  });
export type ExceptionForm = z.infer<typeof ExceptionInput>;
export function parseException(body: unknown): ParseResult<ExceptionForm> {
  const raw = (body ?? {}) as Record<string, unknown>;
  const normalised = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, typeof v === "string" && ["opens", "closes", "capacity"].includes(k) ? normalizeWidth(v).trim() : v]));
  return collect(ExceptionInput.safeParse(normalised));
}

/** Staff availability for consultations: a day, a from–to time and a slot length. */
export const AvailabilityInput = z
  .object({
    department: text.pipe(z.string().min(1, "validation.departmentRequired")),
    day: text.pipe(z.string().refine(isIsoDay, "validation.dayInvalid")),
    from: text.transform((v) => normalizeWidth(v).trim()).pipe(z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "validation.timeInvalid")),
    to: text.transform((v) => normalizeWidth(v).trim()).pipe(z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "validation.timeInvalid")),
    slotMinutes: text.pipe(z.enum(["15", "20", "30", "45", "60"], { message: "validation.slotMinutesInvalid" })).transform(Number),
  })
  .superRefine((value, ctx) => {
    if (value.from >= value.to) ctx.addIssue({ code: "custom", path: ["to"], message: "validation.closesBeforeOpens" });
  });
export function parseAvailability(body: unknown): ParseResult<z.infer<typeof AvailabilityInput>> {
  return collect(AvailabilityInput.safeParse(body ?? {}));
}

export const ConsultationInput = z.object({
  topic: text.transform((v) => v.trim()).pipe(z.string().min(1, "validation.topicRequired").max(TOPIC_MAX, "validation.topicTooLong")),
});
export function parseConsultation(body: unknown): ParseResult<{ topic: string }> {
  return collect(ConsultationInput.safeParse(body ?? {}));
}
