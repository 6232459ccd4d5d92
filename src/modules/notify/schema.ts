/**
 * Input schemas of the notify module: the alert other modules issue, and what residents send
 * when they subscribe (form fields and the Web Push JSON API). Problems are i18n keys in the
 * 'notify' namespace, mapped to their field, every one of them at once.
 */
import { z } from "zod";
import { normalizeWidth } from "../../core/text/japanese.ts";
import { isWardCode } from "./areas/wards.ts";
import { insideCityBounds } from "./areas/geo.ts";
import { ALL_CHANNELS, RECIPIENT_CHANNELS } from "./channels/types.ts";
import { ALERT_LANGUAGES } from "./languages.ts";
import { TEMPLATE_KEYS } from "./templates/alerts.ts";
import { INTENSITIES } from "./templates/render.ts";

const latitude = z.number().min(-90).max(90);
const longitude = z.number().min(-180).max(180);

const templateParam = z.union([
  z.object({ text: z.object({ ja: z.string().min(1).max(200) }).catchall(z.string().max(200)) }).strict(),
  z.object({ time: z.iso.datetime({ offset: true }) }).strict(),
  z.object({ intensity: z.enum(INTENSITIES) }).strict(),
  z.object({ wards: z.array(z.string().refine(isWardCode)).min(1) }).strict(),
]);

export const AlertAreasInput = z
  .object({
    wards: z.array(z.string().refine(isWardCode, { error: "not an Osaka City ward code (271021…271284)" })).optional(),
    polygon: z.array(z.tuple([latitude, longitude])).min(3).max(500).optional(),
    circle: z.object({ lat: latitude, lon: longitude, radiusM: z.number().positive().max(100_000) }).strict().optional(),
  })
  .strict()
  .refine((a) => (a.wards?.length ?? 0) > 0 || a.polygon || a.circle, { error: "an alert needs wards, a polygon or a circle" });

export const IssueAlertInput = z
  .object({
    id: z.uuid(),
    kind: z.string().min(1).max(100),
    severity: z.enum(["extreme", "severe", "moderate", "minor"]),
    areas: AlertAreasInput,
    templateKey: z.enum(TEMPLATE_KEYS),
    params: z.record(z.string(), templateParam).default({}),
    channels: z.array(z.enum(ALL_CHANNELS as [string, ...string[]])).min(1).optional(),
    cap: z
      .object({
        status: z.enum(["Actual", "Exercise", "Test"]).optional(),
        msgType: z.enum(["Alert", "Update", "Cancel"]).optional(),
        references: z.array(z.uuid()).optional(),
        expires: z.iso.datetime({ offset: true }).optional(),
        incidents: z.string().regex(/^[^\s,<&]+( [^\s,<&]+)*$/).max(200).optional(),
      })
      .strict()
      .optional(),
    issuedAt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();
export type IssueAlertInputType = z.input<typeof IssueAlertInput>;

// ------------------------------------------------------------------------------------------
// Resident forms

export type FieldProblem = { field: string; key: string };
export type ParseResult<T> = { ok: true; data: T } | { ok: false; problems: FieldProblem[] };

export const MAX_RADIUS_M = 5000;
export const MIN_RADIUS_M = 100;

function first(value: unknown): string {
  if (Array.isArray(value)) return typeof value[0] === "string" ? value[0] : "";
  return typeof value === "string" ? value : "";
}

function all(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return typeof value === "string" && value !== "" ? [value] : [];
}

/** "34.6937", "３４．６９３７" and "34,6937" are read as numbers; anything else is NaN. */
export function readNumber(text: string): number {
  const normalised = normalizeWidth(text).trim().replace(/[、，,]/g, ".").replace(/[−ー－]/g, "-");
  return /^-?\d+(\.\d+)?$/.test(normalised) ? Number(normalised) : Number.NaN;
}

export type AreaChoice = { kind: "wards"; wards: string[] } | { kind: "point"; lat: number; lon: number; radiusM: number };

/** The area step: wards ticked, or a point (lat, lon) and a radius in metres. */
export function parseAreaForm(body: Record<string, unknown>): ParseResult<AreaChoice> & { values: { areaKind: string; wards: string[]; lat: string; lon: string; radius: string } } {
  const values = { areaKind: first(body.areaKind), wards: all(body.wards), lat: first(body.lat), lon: first(body.lon), radius: first(body.radius) };
  const problems: FieldProblem[] = [];
  if (values.areaKind === "wards") {
    const wards = values.wards.filter(isWardCode);
    if (wards.length === 0) problems.push({ field: "wards", key: "errors.wards_required" });
    return problems.length > 0 ? { ok: false, problems, values } : { ok: true, data: { kind: "wards", wards }, values };
  }
  if (values.areaKind === "point") {
    const lat = readNumber(values.lat);
    const lon = readNumber(values.lon);
    const radius = readNumber(values.radius || "1000");
    if (Number.isNaN(lat)) problems.push({ field: "lat", key: "errors.lat_invalid" });
    if (Number.isNaN(lon)) problems.push({ field: "lon", key: "errors.lon_invalid" });
    if (!Number.isNaN(lat) && !Number.isNaN(lon) && !insideCityBounds(lat, lon)) problems.push({ field: "lat", key: "errors.point_outside" });
    if (Number.isNaN(radius) || radius < MIN_RADIUS_M || radius > MAX_RADIUS_M) problems.push({ field: "radius", key: "errors.radius_invalid" });
    return problems.length > 0 ? { ok: false, problems, values } : { ok: true, data: { kind: "point", lat, lon, radiusM: Math.round(radius) }, values };
  }
  return { ok: false, problems: [{ field: "areaKind-wards", key: "errors.area_kind_required" }], values };
}

export const SubscriptionLanguage = z.enum(ALERT_LANGUAGES);

const emailSchema = z.email();

/** The e-mail step (the address is normalised: width folded, lower case). */
export function parseEmailForm(body: Record<string, unknown>): ParseResult<{ email: string }> & { values: { email: string } } {
  const email = normalizeWidth(first(body.email)).trim().toLowerCase();
  if (email === "") return { ok: false, problems: [{ field: "email", key: "errors.email_required" }], values: { email } };
  if (email.length > 254 || !emailSchema.safeParse(email).success) return { ok: false, problems: [{ field: "email", key: "errors.email_invalid" }], values: { email } };
  return { ok: true, data: { email }, values: { email } };
}

/** POST /api/notify/push-subscriptions: the browser's PushSubscription, a language and an area. */
export const PushSubscriptionInput = z
  .object({
    subscription: z.object({
      endpoint: z.url({ protocol: /^https?$/ }).max(2000),
      expirationTime: z.number().nullable().optional(),
      keys: z.object({ p256dh: z.string().regex(/^[A-Za-z0-9_-]{86,88}={0,2}$/), auth: z.string().regex(/^[A-Za-z0-9_-]{22,24}={0,2}$/) }),
    }),
    language: SubscriptionLanguage,
    wards: z.array(z.string().refine(isWardCode)).min(1).max(24).optional(),
    point: z.object({ lat: latitude, lon: longitude, radiusM: z.number().int().min(MIN_RADIUS_M).max(MAX_RADIUS_M) }).optional(),
  })
  .refine((v) => (v.wards ? !v.point : !!v.point), { error: "give either wards or a point" });

export const RecipientChannelInput = z.enum(RECIPIENT_CHANNELS);
