/**
 * The AlertIssuer used when none is injected: the notify module (src/modules/notify/index.ts,
 * `issueAlert({ db, alert, actor })`), which renders its own templates in 11 languages and fans the
 * alert out on e-mail, Web Push, LINE, X, L-Alert and 緊急速報メール, and publishes it in the CAP Atom feed.
 * Notify is idempotent on alert.id, matching our at-least-once job.
 *
 * Mapping: evacuation 3 / 4 / 5 / 0 → evacuation.level3 / level4 / level5 / evacuation.lifted;
 * JMA earthquake (震度) → earthquake.intensity; JMA tsunami warnings (level ≥ 2) → tsunami.warning.
 * TODO(notify): notify has no template yet for weather warnings, landslide / flood information,
 * cancellations and relayed CAP alerts; those are logged here (and visible in the chronology and as
 * CAP at /disaster/alerts/:id/cap.xml) until notify adds templates for them.
 */
import type { AppDeps } from "../../../core/app-deps.ts";
import { INTENSITIES, issueAlert, type Intensity, type TemplateKey, type TemplateParams } from "../../notify/index.ts";
import { InMemoryAlertIssuer, type AlertIssuer, type IssuedAlert } from "./alert-issuer.ts";

const INTENSITY: Record<string, string> = { 震度1: "1", 震度2: "2", 震度3: "3", 震度4: "4", 震度5弱: "5-", 震度5強: "5+", 震度6弱: "6-", 震度6強: "6+", 震度7: "7" };

export type NotifyMapping = { templateKey: TemplateKey; severity: "extreme" | "severe" | "moderate" | "minor"; params: TemplateParams };

export function notifyMappingOf(alert: IssuedAlert): NotifyMapping | null {
  const template = String(alert.params.template ?? "");
  if (alert.kind === "evacuation") {
    if (alert.level === 3) return { templateKey: "evacuation.level3", severity: "moderate", params: {} };
    if (alert.level === 4) return { templateKey: "evacuation.level4", severity: "severe", params: {} };
    if (alert.level === 5) return { templateKey: "evacuation.level5", severity: "extreme", params: {} };
    if (alert.level === 0) return { templateKey: "evacuation.lifted", severity: "minor", params: {} };
    return null;
  }
  if (template === "jma.earthquake") {
    const intensity = INTENSITY[String(alert.params.levelLabel ?? "").normalize("NFKC")];
    if (!intensity || !(INTENSITIES as readonly string[]).includes(intensity)) return null;
    return { templateKey: "earthquake.intensity", severity: alert.level >= 5 ? "severe" : "moderate", params: { intensity: { intensity: intensity as Intensity } } };
  }
  if (template === "jma.tsunami" && alert.level >= 2) return { templateKey: "tsunami.warning", severity: alert.level >= 3 ? "extreme" : "severe", params: {} };
  return null;
}

export function defaultAlertIssuer(deps: AppDeps): AlertIssuer {
  const fallback = new InMemoryAlertIssuer({ log: (message) => console.log(JSON.stringify({ level: "info", module: "disaster", msg: "alert issued without a notify template", detail: message })) });
  return {
    async issueAlert({ alert, actor }) {
      const mapping = notifyMappingOf(alert);
      if (!mapping) return fallback.issueAlert({ alert, actor });
      await issueAlert({
        db: deps.db,
        alert: { id: alert.id, kind: alert.kind === "evacuation" ? "evacuation-order" : `jma-${String(alert.params.template ?? "")}`, severity: mapping.severity, areas: { wards: alert.wards }, templateKey: mapping.templateKey, params: mapping.params },
        actor,
      });
    },
  };
}
