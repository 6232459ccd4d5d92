/**
 * A field report from staff or a 自主防災組織 member: category, severity, description, location
 * (typed, from "use my location", or from the photo's GPS), and a photo stripped of metadata.
 * The client's idempotency key makes a replay (offline queue sent again after reconnecting, a
 * double tap) return the first report instead of creating another.
 */
import type { Db } from "../../../core/db/database.ts";
import type { Actor } from "../../../core/http/actor.ts";
import { AppError } from "../../../core/http/errors.ts";
import { stripPhotoMetadata, PhotoError } from "../photo/strip-metadata.ts";
import { canSendFieldReport } from "../policy.ts";
import { insertFieldReport, isCommunityMember } from "../queries.ts";
import { chronologyLabel, recordChronology } from "./support.ts";

export const REPORT_CATEGORIES = ["building", "road", "flooding", "landslide", "fire", "injury", "lifeline", "shelter", "other"] as const;
export const REPORT_SEVERITIES = ["low", "medium", "high", "critical"] as const;
export type ReportCategory = (typeof REPORT_CATEGORIES)[number];
export type ReportSeverity = (typeof REPORT_SEVERITIES)[number];

/** Osaka City and its surroundings; a location far outside is a typo (or a spoof). */
export const AREA_BOUNDS = { minLat: 34.4, maxLat: 34.9, minLon: 135.2, maxLon: 135.8 };

export type SubmitFieldReportOptions = {
  db: Db;
  actor: Actor;
  idempotencyKey: string;
  category: ReportCategory;
  severity: ReportSeverity;
  description: string;
  /** From the form; null when left empty. */
  lat: number | null;
  lon: number | null;
  wardCode: string | null;
  photo: Buffer | null;
};

export type SubmitFieldReportResult = { id: string; created: boolean };

export async function submitFieldReport(options: SubmitFieldReportOptions): Promise<SubmitFieldReportResult> {
  const { actor } = options;
  const member = actor.kind === "resident" ? await isCommunityMember(options.db, actor.id) : false;
  if (!canSendFieldReport(actor, member)) throw new AppError("forbidden", "disaster.field_not_allowed");
  if (!/^[A-Za-z0-9_-]{8,100}$/.test(options.idempotencyKey)) throw new AppError("invalid_input", "disaster.idempotency_key");
  let photo: { bytes: Buffer; kind: "jpeg" | "png" } | null = null;
  let gps: { lat: number; lon: number } | null = null;
  if (options.photo && options.photo.length > 0) {
    try {
      const stripped = stripPhotoMetadata(options.photo);
      photo = { bytes: stripped.bytes, kind: stripped.kind };
      gps = stripped.gps;
    } catch (error) {
      if (error instanceof PhotoError) throw new AppError("invalid_input", `disaster.${error.reason}`, { field: "photo" });
      throw error;
    }
  }
  // The photo's GPS is the better location (taken where the damage is); typed coordinates otherwise.
  const location = gps ?? (options.lat !== null && options.lon !== null ? { lat: options.lat, lon: options.lon } : null);
  const source = gps ? "photo" : location ? "form" : "none";
  return options.db.transaction(async (tx) => {
    const result = await insertFieldReport(tx, {
      idempotencyKey: options.idempotencyKey,
      reporterId: actor.id,
      category: options.category,
      severity: options.severity,
      description: options.description.trim().slice(0, 2000),
      lat: location?.lat ?? null,
      lon: location?.lon ?? null,
      locationSource: source,
      wardCode: options.wardCode,
      photo: photo?.bytes ?? null,
      photoType: photo?.kind ?? null,
    });
    // A key is one person's: someone else's key is refused, not answered with their report.
    if (!result.created && result.reporterId !== actor.id) throw new AppError("conflict", "disaster.idempotency_key_taken");
    if (result.created) {
      await recordChronology(tx, {
        incidentId: null, actorId: actor.id, actorLabel: chronologyLabel(actor), type: "report.received",
        summary: `現場報告：${options.category}（${options.severity}）`,
        data: { reportId: result.id, category: options.category, severity: options.severity, wardCode: options.wardCode },
      });
    }
    return { id: result.id, created: result.created };
  });
}
