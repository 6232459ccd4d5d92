/**
 * Subscriptions: create (signed-in resident: active at once when the account's e-mail is
 * verified; by e-mail only: pending until the confirmation link is followed), confirm, cancel
 * (unsubscribe link, one-click, the resident's page), Web Push registration from a browser, and
 * LINE user ids (a `follow` webhook event, or staff linking an id by hand).
 */
import type { Db } from "../../../core/db/database.ts";
import { AppError } from "../../../core/http/errors.ts";
import { nearestWard } from "../areas/geo.ts";
import type { RecipientChannel } from "../channels/types.ts";
import type { AlertLanguage } from "../languages.ts";
import {
  activateSubscription,
  cancelByLineUser,
  cancelByPushEndpoint,
  cancelSubscriptionRow,
  findActiveByLineUser,
  findActiveByPushEndpoint,
  findSubscription,
  insertSubscription,
} from "../queries.ts";
import type { AreaChoice } from "../schema.ts";

export type CreateSubscriptionOptions = {
  db: Db;
  /** The signed-in resident, or null for a subscription by e-mail only. */
  userId: string | null;
  language: AlertLanguage;
  area: AreaChoice;
  channels: RecipientChannel[];
  email?: string | null;
  push?: { endpoint: string; p256dh: string; auth: string } | null;
  lineUserId?: string | null;
  /** Active at once (a verified account, a browser, LINE); otherwise pending until confirmed. */
  active: boolean;
};

export async function createSubscription(options: CreateSubscriptionOptions): Promise<string> {
  return insertSubscription(options.db, {
    userId: options.userId,
    status: options.active ? "active" : "pending",
    language: options.language,
    wards: options.area.kind === "wards" ? options.area.wards : [],
    point: options.area.kind === "point" ? { lat: options.area.lat, lon: options.area.lon, radiusM: options.area.radiusM, ward: nearestWard(options.area.lat, options.area.lon).code } : null,
    channels: options.channels,
    email: options.email ?? null,
    push: options.push ?? null,
    lineUserId: options.lineUserId ?? null,
  });
}

export async function confirmSubscription(db: Db, subscriptionId: string): Promise<"confirmed" | "already" | "cancelled"> {
  const row = await findSubscription(db, subscriptionId);
  if (!row) throw new AppError("not_found", "notify.subscription_not_found");
  if (row.status === "cancelled") return "cancelled";
  return (await activateSubscription(db, subscriptionId)) ? "confirmed" : "already";
}

/** Cancels a subscription (idempotent). `userId` restricts it to the resident's own. */
export async function cancelSubscription(db: Db, subscriptionId: string, options: { reason: string; userId?: string }): Promise<boolean> {
  const row = await findSubscription(db, subscriptionId);
  if (!row || (options.userId !== undefined && row.userId !== options.userId)) throw new AppError("not_found", "notify.subscription_not_found");
  return cancelSubscriptionRow(db, subscriptionId, options.reason);
}

/** A browser's push subscription: replaces an earlier one with the same endpoint. */
export async function registerPushSubscription(options: {
  db: Db;
  push: { endpoint: string; p256dh: string; auth: string };
  language: AlertLanguage;
  area: AreaChoice;
  userId: string | null;
}): Promise<string> {
  return options.db.transaction(async (tx) => {
    await cancelByPushEndpoint(tx, options.push.endpoint);
    return createSubscription({ db: tx, userId: options.userId, language: options.language, area: options.area, channels: ["webpush"], push: options.push, active: true });
  });
}

export async function unregisterPushSubscription(db: Db, endpoint: string): Promise<boolean> {
  return (await cancelByPushEndpoint(db, endpoint)) > 0;
}

/**
 * Links a LINE user id to alerts for an area and language (a `follow` event from LINE, or staff
 * by hand). A user id already linked gets its settings replaced.
 */
export async function linkLineUser(options: { db: Db; lineUserId: string; language: AlertLanguage; area: AreaChoice }): Promise<string> {
  if (!/^U[0-9a-f]{32}$/.test(options.lineUserId)) throw new AppError("invalid_input", "notify.line_user_id");
  return options.db.transaction(async (tx) => {
    const existing = await findActiveByLineUser(tx, options.lineUserId);
    if (existing) await cancelSubscriptionRow(tx, existing.id, "replaced");
    return createSubscription({ db: tx, userId: null, language: options.language, area: options.area, channels: ["line"], lineUserId: options.lineUserId, active: true });
  });
}

/** An `unfollow` (the person blocked or removed the city's LINE account). */
export async function unlinkLineUser(db: Db, lineUserId: string): Promise<boolean> {
  return (await cancelByLineUser(db, lineUserId, "line_unfollow")) > 0;
}

export { findActiveByPushEndpoint };
