/**
 * Configuration of the navigator for one city, from environment variables only, so that another
 * city runs its own instance with its own name, wards, branding and programmes without code
 * (docs/support-programmes.md). Every bad value gets its own message at start.
 *
 *   CITY_NAME                      大阪市            the city's name in Japanese
 *   CITY_NAME_EN                   Osaka City        …in English
 *   CITY_CODE                      271004            全国地方公共団体コード (6 digits, check digit verified)
 *   CITY_PREFECTURE_NAME           大阪府            the prefecture's name in Japanese (CITY_PREFECTURE_NAME_EN in English)
 *   CITY_WARDS                     (Osaka's 24)      "code:名前:Name;…" — wards of the finder's questionnaire; "none" for none
 *   CITY_PRIMARY_COLOR             #0031d8           buttons, links and header of the navigator pages (contrast ≥ 4.5:1 on white)
 *   CITY_LOGO_PATH                 unset             an SVG or PNG file shown on the navigator and finder pages
 *   SUPPORT_PROGRAMMES_DEPARTMENT  economy           department whose staff import and export programmes
 *   SUPPORT_PROGRAMMES_CSV         unset             a CSV imported into an empty programme table at start
 *   OPEN_DATA_LICENSE              CC BY 4.0         the licence stated in the open-data exports
 */
import fs from "node:fs";
import path from "node:path";
import { ConfigError } from "../../core/config/config.ts";
import type { LocalizedText } from "../../core/i18n/index.ts";
import { WARDS } from "../disaster/index.ts";

export type CityWard = { code: string; name: LocalizedText };

export type CityConfig = {
  name: LocalizedText;
  prefecture: LocalizedText;
  code: string;
  wards: CityWard[];
  primaryColor: string;
  logo: { path: string; contentType: "image/svg+xml" | "image/png" } | null;
  programmesDepartment: string;
  programmesCsv: string | null;
  openDataLicense: string;
};

type Env = Record<string, string | undefined>;

export const OSAKA_CITY_CODE = "271004";

/** Relative luminance (WCAG 2.x) of #rrggbb. */
function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(1 + i * 2, 3 + i * 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

/** Contrast ratio of a colour against white. */
export function contrastWithWhite(hex: string): number {
  return 1.05 / (luminance(hex) + 0.05);
}

/** A darker shade for hover states (each channel × factor). */
export function darken(hex: string, factor = 0.7): string {
  const parts = [0, 1, 2].map((i) => Math.round(parseInt(hex.slice(1 + i * 2, 3 + i * 2), 16) * factor));
  return `#${parts.map((p) => p.toString(16).padStart(2, "0")).join("")}`;
}

/** The check digit of a 5-digit local government code (総務省: 11 − (Σ digit × weight 6..2) mod 11, last digit). */
function checkDigit(code5: string): string {
  const sum = [...code5].reduce((acc, digit, i) => acc + Number(digit) * (6 - i), 0);
  return String((11 - (sum % 11)) % 10);
}

function isLocalGovernmentCode(code: string): boolean {
  return /^\d{6}$/.test(code) && checkDigit(code.slice(0, 5)) === code[5];
}

function readWards(raw: string | undefined, cityCode: string, problems: string[]): CityWard[] {
  if (raw === undefined || raw.trim() === "") {
    return cityCode === OSAKA_CITY_CODE ? WARDS.map((w) => ({ code: w.code, name: { ja: w.ja, en: w.en } })) : [];
  }
  if (raw.trim() === "none") return [];
  const wards: CityWard[] = [];
  for (const entry of raw.split(";").map((s) => s.trim()).filter(Boolean)) {
    const [code, ja, en] = entry.split(":").map((s) => s.trim());
    if (!code || !ja || !isLocalGovernmentCode(code)) {
      problems.push(`CITY_WARDS: "${entry}" must be code:名前:Name with a 6-digit local government code (e.g. 141011:鶴見区:Tsurumi).`);
      continue;
    }
    wards.push({ code, name: en ? { ja, en } : { ja } });
  }
  return wards;
}

export function loadCityConfig(env: Env = process.env): CityConfig {
  const problems: string[] = [];
  const code = env.CITY_CODE?.trim() || OSAKA_CITY_CODE;
  if (!isLocalGovernmentCode(code)) problems.push(`CITY_CODE must be a 6-digit 全国地方公共団体コード with its check digit (e.g. 271004); got "${code}".`);
  const nameJa = env.CITY_NAME?.trim() || (code === OSAKA_CITY_CODE ? "大阪市" : "");
  if (!nameJa) problems.push("CITY_NAME is required when CITY_CODE is not Osaka City's (e.g. CITY_NAME=堺市).");
  const nameEn = env.CITY_NAME_EN?.trim() || (code === OSAKA_CITY_CODE ? "Osaka City" : nameJa);
  const prefectureJa = env.CITY_PREFECTURE_NAME?.trim() || (code.startsWith("27") ? "大阪府" : "");
  if (!prefectureJa) problems.push("CITY_PREFECTURE_NAME is required when the city is not in Osaka Prefecture (e.g. CITY_PREFECTURE_NAME=神奈川県).");
  const prefectureEn = env.CITY_PREFECTURE_NAME_EN?.trim() || (code.startsWith("27") ? "Osaka Prefecture" : prefectureJa);
  const primaryColor = (env.CITY_PRIMARY_COLOR?.trim() || "#0031d8").toLowerCase();
  if (!/^#[0-9a-f]{6}$/.test(primaryColor)) problems.push(`CITY_PRIMARY_COLOR must be a colour like #0031d8; got "${primaryColor}".`);
  else if (contrastWithWhite(primaryColor) < 4.5) {
    problems.push(`CITY_PRIMARY_COLOR ${primaryColor} has a contrast of ${contrastWithWhite(primaryColor).toFixed(2)}:1 with white text; at least 4.5:1 is needed (WCAG 2.2 AA).`);
  }
  let logo: CityConfig["logo"] = null;
  const logoPath = env.CITY_LOGO_PATH?.trim();
  if (logoPath) {
    const ext = path.extname(logoPath).toLowerCase();
    if (ext !== ".svg" && ext !== ".png") problems.push(`CITY_LOGO_PATH must be an .svg or .png file; got "${logoPath}".`);
    else if (!fs.existsSync(logoPath)) problems.push(`CITY_LOGO_PATH: no file at ${logoPath}.`);
    else logo = { path: path.resolve(logoPath), contentType: ext === ".svg" ? "image/svg+xml" : "image/png" };
  }
  const programmesCsv = env.SUPPORT_PROGRAMMES_CSV?.trim() || null;
  if (programmesCsv && !fs.existsSync(programmesCsv)) problems.push(`SUPPORT_PROGRAMMES_CSV: no file at ${programmesCsv}.`);
  const wards = readWards(env.CITY_WARDS, code, problems);
  const programmesDepartment = env.SUPPORT_PROGRAMMES_DEPARTMENT?.trim() || "economy";
  if (!/^[a-z0-9][a-z0-9_-]{0,59}$/.test(programmesDepartment)) problems.push(`SUPPORT_PROGRAMMES_DEPARTMENT must be a department code; got "${programmesDepartment}".`);
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    name: { ja: nameJa, en: nameEn },
    prefecture: { ja: prefectureJa, en: prefectureEn },
    code,
    wards,
    primaryColor,
    logo,
    programmesDepartment,
    programmesCsv: programmesCsv ? path.resolve(programmesCsv) : null,
    openDataLicense: env.OPEN_DATA_LICENSE?.trim() || "CC BY 4.0",
  };
}
