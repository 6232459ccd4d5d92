/**
 * How the disaster module sends an alert out: one narrow interface, so that the module does not
 * depend on how dissemination works (notify: templates in every language, e-mail, Web Push, LINE,
 * X, the CAP Atom feed, L-Alert, 緊急速報メール…).
 *
 * An alert is handed over by a background job (topic `disaster.issue_alert`), queued in the same
 * transaction that moves the alert from draft to issued; the job runs at least once, so an issuer
 * must treat `alert.id` as an idempotency key (a second call with the same id sends nothing more).
 */
import type { LocalizedText } from "../../../core/i18n/index.ts";

export type AlertKind = "evacuation" | "jma" | "cap";

/** What is issued. Wards are 6-digit 全国地方公共団体コード of Osaka City's wards. */
export type IssuedAlert = {
  /** The disaster_alerts id: stable, use it to deduplicate. */
  id: string;
  kind: AlertKind;
  /** Evacuation: 警戒レベル 3, 4, 5, or 0 for 解除. JMA: the level the rules use (see jma-levels.ts). */
  level: number;
  wards: string[];
  /** Ready-made title in Japanese and English (the operator saw exactly these in the preview). */
  title: LocalizedText;
  /**
   * Template name (`evacuation.4`, `jma.earthquake`…) and its parameters, for channels that render
   * their own text (やさしい日本語, other languages), plus the ready-made `body_ja` / `body_en`.
   */
  params: Record<string, string | number>;
};

export type AlertActor = { id: string | null; label: string };

export interface AlertIssuer {
  issueAlert(input: { alert: IssuedAlert; actor: AlertActor }): Promise<void>;
}

/**
 * Keeps what it was asked to issue, deduplicated by alert id. Used by tests, and as the issuer of
 * last resort while no notify module is wired in (it then only logs).
 */
export class InMemoryAlertIssuer implements AlertIssuer {
  readonly issued: Array<{ alert: IssuedAlert; actor: AlertActor }> = [];
  readonly #log: ((message: string) => void) | undefined;

  constructor(options: { log?: (message: string) => void } = {}) {
    this.#log = options.log;
  }

  async issueAlert(input: { alert: IssuedAlert; actor: AlertActor }): Promise<void> {
    if (this.issued.some((entry) => entry.alert.id === input.alert.id)) return;
    this.issued.push(input);
    this.#log?.(`alert ${input.alert.id} (${input.alert.kind}, level ${input.alert.level}, wards ${input.alert.wards.join(",")}): ${input.alert.title.ja}`);
  }
}
