/**
 * Links in messages: the alert's public page, the unsubscribe link in every e-mail and the
 * confirmation link for a subscription made with an e-mail address. Tokens are HMACs of the
 * subscription id (key derived from SESSION_SECRET), so a message can carry its recipient's own
 * link without any token being stored, and nobody can guess another subscription's link.
 * Rotating SESSION_SECRET invalidates old links (a new alert brings new ones).
 */
import { createHmac, createSecretKey, hkdfSync, timingSafeEqual } from "node:crypto";
import type { AlertLanguage } from "./languages.ts";

export const CONFIRM_LINK_HOURS = 72;

export type Links = {
  baseUrl: string;
  alertUrl(alertId: string, language: AlertLanguage): string;
  unsubscribeToken(subscriptionId: string): string;
  unsubscribeUrl(subscriptionId: string): string;
  /** The subscription id of a valid unsubscribe token, or null. */
  verifyUnsubscribe(token: string): string | null;
  confirmUrl(subscriptionId: string, now?: Date): string;
  /** The subscription id of a valid, unexpired confirmation token, or null. */
  verifyConfirm(token: string, now?: Date): string | null;
};

export function createLinks(secret: string, baseUrl: string): Links {
  // A KeyObject made once: a raw key would be imported again for every one of millions of links.
  const key = createSecretKey(Buffer.from(hkdfSync("sha256", secret, "machi-notify", "notify links v1", 32)));
  const mac = (purpose: string, data: string) => createHmac("sha256", key).update(`${purpose}:${data}`).digest("base64url").slice(0, 22);
  const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
  const base = baseUrl.replace(/\/$/, "");
  const unsubscribeToken = (id: string) => `${id}.${mac("unsubscribe", id)}`;
  return {
    baseUrl: base,
    alertUrl: (alertId, language) => `${base}/alerts/${alertId}?l=${encodeURIComponent(language)}`,
    unsubscribeToken,
    unsubscribeUrl: (id) => `${base}/notify/unsubscribe/${unsubscribeToken(id)}`,
    verifyUnsubscribe(token) {
      const match = /^(\d{1,19})\.([A-Za-z0-9_-]{22})$/.exec(token);
      if (!match) return null;
      return same(match[2]!, mac("unsubscribe", match[1]!)) ? match[1]! : null;
    },
    confirmUrl(id, now = new Date()) {
      const expires = Math.floor(now.getTime() / 1000) + CONFIRM_LINK_HOURS * 3600;
      return `${base}/notify/confirm/${id}.${expires}.${mac("confirm", `${id}.${expires}`)}`;
    },
    verifyConfirm(token, now = new Date()) {
      const match = /^(\d{1,19})\.(\d{1,12})\.([A-Za-z0-9_-]{22})$/.exec(token);
      if (!match) return null;
      if (!same(match[3]!, mac("confirm", `${match[1]}.${match[2]}`))) return null;
      return Number(match[2]) * 1000 >= now.getTime() ? match[1]! : null;
    },
  };
}
