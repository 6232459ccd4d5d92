/**
 * Public face of the disaster module (what other modules, the CLI and the demo seed may import).
 *
 * Intake of official warnings (safe XML parsing, CAP 1.2 validation, JMA 防災情報XML summaries, the JMA
 * Atom poller), incidents with 配備体制 / chronology / tasks, evacuation information issued once on
 * confirmation through an AlertIssuer, designated shelters, field reports (PWA), lifeline outages and
 * CAP in through an API with operators' own keys, hazard zones and maps. Routes: see routes/*.ts.
 */
import type { Db } from "../../core/db/database.ts";
import { upsertDepartments, createUser, userIdByEmail } from "../identity/index.ts";
import { fixtureShelterFile, importSheltersFile, type ImportSheltersResult } from "./commands/import-shelters.ts";
import { registerCommunityMember } from "./commands/register-community-member.ts";
import { CRISIS_DEPARTMENT } from "./policy.ts";
import { fillDemoShelterState, residentIdByEmail } from "./queries.ts";

export { parseXmlSafely, assertSafeXml, XmlInputError, DEFAULT_MAX_XML_BYTES } from "./xml/safe-parse.ts";
export type { SafeXmlOptions, XmlInputReason } from "./xml/safe-parse.ts";
export { readXmlFile, decodeXmlBytes, XmlFileUnreadableError } from "./xml/read-xml-file.ts";
export type { XmlElement } from "./xml/xml-tree.ts";

export { validateCap } from "./cap/validate-cap.ts";
export type { CapValidation, CapProblem, ValidateCapOptions } from "./cap/validate-cap.ts";
export { buildCap } from "./cap/build-cap.ts";

export { parseJma, JmaFormatError } from "./jma/parse-jma.ts";
export type { JmaSummary, JmaArea, JmaKind, JmaEarthquake, JmaTyphoon } from "./jma/parse-jma.ts";
export { jmaKindOf } from "./jma/kinds.ts";
export { concernsOsakaCity, OSAKA_CITY_WARDS } from "./jma/osaka-city.ts";
export type { OsakaCityConcern, OsakaCityMatch, OsakaMatchReason } from "./jma/osaka-city.ts";

export { runDisasterCli, DISASTER_CLI_USAGE } from "./cli.ts";
export type { DisasterCliIo } from "./cli.ts";

export { disasterModule, createDisasterModule, jmaPollConfig, POLL_JMA_TOPIC, type DisasterModuleOptions } from "./module.ts";
export { InMemoryAlertIssuer, type AlertIssuer, type IssuedAlert, type AlertActor, type AlertKind } from "./alerts/alert-issuer.ts";
export { ISSUE_ALERT_TOPIC } from "./commands/confirm-alert.ts";
export { pollJmaFeeds, type PollJmaFeedsOptions, type PollReport } from "./commands/poll-jma-feeds.ts";
export { importShelters, importSheltersFile, type ImportSheltersResult } from "./commands/import-shelters.ts";
export { createApiKey } from "./commands/api-keys.ts";
export { WARDS, wardByCode, wardName, type Ward } from "./wards.ts";
export { CRISIS_DEPARTMENT } from "./policy.ts";

/** Demo accounts of the disaster module (demo only — never use these passwords elsewhere). */
export const DISASTER_DEMO_STAFF = {
  email: "dojima.ichiro@staff.example.jp",
  password: "machi-demo-2026",
  name: { family: "堂島", given: "一郎" },
} as const;

export type DisasterDemoReport = { evacuation: ImportSheltersResult; emergency: ImportSheltersResult; demoValues: number; staffCreated: boolean };

/**
 * Demo data of the disaster module (idempotent): the 危機管理室 department and one of its managers
 * (DISASTER_DEMO_STAFF), the real designated shelters of Osaka City from the shared fixtures
 * (875 指定避難所, 3,088 指定緊急避難場所) with demo capacity / supplies / accessibility (marked demo),
 * and the demo resident matsumoto.yoko@example.jp as a member of a 自主防災組織 when that account exists.
 * Call it after seedDemo (it needs the users table; departments are created here).
 */
export async function seedDisasterDemo(db: Db): Promise<DisasterDemoReport> {
  await upsertDepartments({ db, items: [{ code: CRISIS_DEPARTMENT, name: { ja: "危機管理室", en: "Crisis Management Office" }, kind: "bureau" }] });
  const existing = await userIdByEmail(db, "staff", DISASTER_DEMO_STAFF.email);
  if (!existing) {
    await createUser({
      db, kind: "staff", email: DISASTER_DEMO_STAFF.email, password: DISASTER_DEMO_STAFF.password,
      familyName: DISASTER_DEMO_STAFF.name.family, givenName: DISASTER_DEMO_STAFF.name.given, familyKana: "ドウジマ", givenKana: "イチロウ",
      roles: [{ departmentCode: CRISIS_DEPARTMENT, role: "manager" }],
    });
  }
  const evacuation = await importSheltersFile(db, "evacuation", fixtureShelterFile("evacuation"));
  const emergency = await importSheltersFile(db, "emergency", fixtureShelterFile("emergency"));
  const demoValues = await fillDemoShelterState(db);
  if (await residentIdByEmail(db, "matsumoto.yoko@example.jp")) {
    await registerCommunityMember({ db, actor: null, email: "matsumoto.yoko@example.jp", organisation: "天満地域自主防災会（デモ）", wardCode: "271276" });
  }
  return { evacuation, emergency, demoValues, staffCreated: !existing };
}
