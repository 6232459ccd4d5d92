/**
 * notify — multilingual alerts to residents, the public face other modules use.
 *
 * PUBLIC API (stable; the disaster module calls it)
 *
 *   issueAlert({ db, alert, actor }) → Promise<{ alertId, created }>
 *     Records an alert and queues its fan-out — in `db`, which may be your transaction, so the
 *     alert commits with your own change (an evacuation order, an incident update) or not at all.
 *     Idempotent on alert.id: issuing the same id again changes nothing (created: false).
 *     Checks first that the template renders in all 11 languages with the given params; throws
 *     AppError('invalid_input', 'notify.alert_invalid' | 'notify.template_missing_variable' | …).
 *     alert = {
 *       id: uuid                        your id of this message (also the CAP <identifier>)
 *       kind: string                    free label, e.g. "evacuation-order"
 *       severity: "extreme" | "severe" | "moderate" | "minor"
 *       areas: { wards?: string[]       ward codes 271021…271284 (all 24 = the whole city)
 *                polygon?: [lat, lon][] (≥ 3 points)  circle?: { lat, lon, radiusM } }
 *       templateKey: TemplateKey        evacuation.level3 | evacuation.level4 | evacuation.level5 |
 *                                       evacuation.lifted | earthquake.intensity | tsunami.warning |
 *                                       heavy-rain.emergency-warning | shelter.opened
 *       params: { [variable]: TemplateParam }   {area} defaults to the wards, {time} to issuedAt;
 *                                       { text: { ja, en, … } } | { time: ISO } | { intensity: "6-" } | { wards: [...] }
 *       channels?: Channel[]            default all: email, webpush, line, x, lalert, etws
 *       cap?: { status?: "Actual"|"Exercise"|"Test", msgType?: "Alert"|"Update"|"Cancel",
 *               references?: uuid[] (earlier alerts this updates/cancels), expires?: ISO, incidents?: string }
 *       issuedAt?: ISO                  default now
 *     }
 *     actor = { id: staff user id | null, label: "staff:…" } (audit log)
 *
 *   deliveryStats(db, alertId) → Promise<DeliveryStats | null>
 *     counts per channel × queued/sending/sent/delivered/failed, fan-out progress, broadcasts
 *     (X, L-Alert, 緊急速報メール draft), issued / first sent / completed times.
 *
 *   previewAlert({ templateKey, params, areas, issuedAt? }) → { texts: {lang: {title, body}}, areaMail, areaMailProblems }
 *     what residents will read, for the operator's confirm page (throws TemplateError).
 *   checkAreaMail({ title, body }) → AreaMailProblem[]   緊急速報メール limits (15 / 200 characters …)
 *
 *   Subscriptions: createSubscription, confirmSubscription, cancelSubscription,
 *   registerPushSubscription, unregisterPushSubscription, linkLineUser, unlinkLineUser.
 *
 *   Data: ALERT_LANGUAGES, ALERT_LANGUAGE_NAMES, TEMPLATE_KEYS, WARDS (names in 11 languages),
 *   wardListText, renderAlert.
 *
 * Routes (routes.ts): /notify/subscribe…, /notify/confirm/:token, /notify/unsubscribe/:token,
 * /my/notify, /alerts/feed.atom, /alerts/:id.cap, /alerts/:id, /api/notify/…, /staff/notify/….
 * The delivery engine runs in every app process with WORKERS=true (engine/engine.ts).
 */
import type { Module } from "../../core/app-deps.ts";
import type { AlertAreas } from "./areas/geo.ts";
import { checkAreaMail, type AreaMailProblem } from "./formats/etws.ts";
import { ALERT_LANGUAGES, type AlertLanguage } from "./languages.ts";
import { notifyRoutes } from "./routes.ts";
import { renderAlert, renderAreaMail, type TemplateParams } from "./templates/render.ts";
import type { TemplateKey, TemplateText } from "./templates/alerts.ts";

export const notifyModule: Module = { name: "notify", routes: notifyRoutes };

export { issueAlert, type IssueAlertOptions, type IssueAlertResult } from "./commands/issue-alert.ts";
export { deliveryStats, DELIVERY_STATUSES, type DeliveryStats, type ChannelStats, type DeliveryStatus } from "./commands/delivery-stats.ts";
export {
  createSubscription,
  confirmSubscription,
  cancelSubscription,
  registerPushSubscription,
  unregisterPushSubscription,
  linkLineUser,
  unlinkLineUser,
  type CreateSubscriptionOptions,
} from "./commands/subscriptions.ts";
export { checkAreaMail, AREA_MAIL_TITLE_MAX, AREA_MAIL_BODY_MAX, type AreaMailProblem } from "./formats/etws.ts";
export { ALERT_LANGUAGES, ALERT_LANGUAGE_NAMES, isAlertLanguage, type AlertLanguage } from "./languages.ts";
export { TEMPLATE_KEYS, isTemplateKey, type TemplateKey } from "./templates/alerts.ts";
export { renderAlert, TemplateError, INTENSITIES, type TemplateParam, type TemplateParams, type Intensity } from "./templates/render.ts";
export { WARDS, WARD_CODES, wardByCode, wardName, wardListText, isWardCode, type Ward } from "./areas/wards.ts";
export type { AlertAreas, LatLon, Circle } from "./areas/geo.ts";
export type { Channel, RecipientChannel, BroadcastChannel } from "./channels/types.ts";
export type { AlertSeverity } from "./formats/cap.ts";

export type AlertPreview = {
  texts: Record<AlertLanguage, TemplateText>;
  areaMail: TemplateText;
  areaMailProblems: AreaMailProblem[];
};

/** What each language will read, and the 緊急速報メール draft with its problems (for a confirm page). */
export function previewAlert(options: { templateKey: TemplateKey; params: TemplateParams; areas: AlertAreas; issuedAt?: string }): AlertPreview {
  const issuedAt = options.issuedAt ?? new Date().toISOString();
  const wards = options.areas.wards ?? [];
  const texts = Object.fromEntries(
    ALERT_LANGUAGES.map((language) => [language, renderAlert({ templateKey: options.templateKey, language, params: options.params, wards, issuedAt })]),
  ) as Record<AlertLanguage, TemplateText>;
  const areaMail = renderAreaMail({ templateKey: options.templateKey, params: options.params, wards, issuedAt });
  return { texts, areaMail, areaMailProblems: checkAreaMail(areaMail) };
}
