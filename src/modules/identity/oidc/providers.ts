/**
 * Outside OpenID Connect providers, configured from the environment only:
 *
 *   OIDC_PROVIDERS='[{"name":"national","audience":"resident","issuer":"https://…","clientId":"…","clientSecret":"…"}]'
 *
 * or, per provider NAME (letters and digits; the URL segment is its lower case):
 *
 *   OIDC_<NAME>_ISSUER, OIDC_<NAME>_CLIENT_ID, OIDC_<NAME>_CLIENT_SECRET (omit for a public client),
 *   OIDC_<NAME>_AUDIENCE = resident | staff   (default: staff for CITY, resident otherwise),
 *   OIDC_<NAME>_LABEL_JA, OIDC_<NAME>_LABEL_EN, OIDC_<NAME>_SCOPES (default "openid email profile",
 *   and "address" too for resident providers),
 *   OIDC_<NAME>_ACR_VALUES (asked for), OIDC_<NAME>_ACR_LEVELS (JSON {"acr value": 1|2|3}).
 *
 * A staff provider ("the city IdP") only signs in existing staff accounts, matched by e-mail; a
 * resident provider ("the national resident IdP") signs in, links or creates resident accounts and
 * raises their assurance level to what its `acr` proves. The issuer must be https, except on a
 * loopback address (the local test provider).
 */
export type OidcProviderConfig = {
  /** URL segment: /auth/oidc/<name>/… */
  name: string;
  audience: "resident" | "staff";
  issuer: string;
  clientId: string;
  clientSecret?: string;
  label: { ja: string; en: string };
  scopes: string;
  acrValues?: string;
  /** acr value → level; without it the last digit of the acr value is the level. */
  acrLevels?: Record<string, number>;
  /** Plain http is allowed (loopback issuers only). */
  allowHttp: boolean;
};

const DEFAULT_LABELS: Record<string, { ja: string; en: string }> = {
  city: { ja: "大阪市職員ID（シティIdP）", en: "Osaka City staff ID (city IdP)" },
  national: { ja: "国の本人確認ID（マイナンバーカード）", en: "National resident ID (My Number Card)" },
};

function isLoopback(url: URL): boolean {
  return ["127.0.0.1", "localhost", "[::1]", "::1"].includes(url.hostname) || url.hostname.startsWith("127.");
}

function parseLevels(raw: unknown, where: string, problems: string[]): Record<string, number> | undefined {
  if (raw === undefined) return undefined;
  const value = typeof raw === "string" ? safeJson(raw) : raw;
  if (!value || typeof value !== "object" || Array.isArray(value) || !Object.values(value).every((n) => n === 1 || n === 2 || n === 3)) {
    problems.push(`${where} must be a JSON object of acr value → 1, 2 or 3.`);
    return undefined;
  }
  return value as Record<string, number>;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function build(input: Record<string, unknown>, where: string, problems: string[]): OidcProviderConfig | null {
  const name = String(input.name ?? "").toLowerCase();
  const before = problems.length;
  if (!/^[a-z][a-z0-9-]{0,30}$/.test(name)) problems.push(`${where}: the provider name must be letters, digits and hyphens (got "${name}").`);
  const audience = input.audience ?? (name === "city" ? "staff" : "resident");
  if (audience !== "resident" && audience !== "staff") problems.push(`${where}: audience must be resident or staff.`);
  let issuerUrl: URL | null = null;
  try {
    issuerUrl = new URL(String(input.issuer ?? ""));
  } catch {
    problems.push(`${where}: the issuer must be a URL (https://…).`);
  }
  if (issuerUrl && issuerUrl.protocol !== "https:" && !(issuerUrl.protocol === "http:" && isLoopback(issuerUrl))) {
    problems.push(`${where}: the issuer must use https (plain http only on 127.0.0.1 / localhost).`);
  }
  const clientId = typeof input.clientId === "string" ? input.clientId : "";
  if (!clientId) problems.push(`${where}: the client id is missing.`);
  const acrLevels = parseLevels(input.acrLevels, `${where}: acrLevels`, problems);
  if (problems.length > before || !issuerUrl) return null;
  const label = input.label as { ja?: unknown; en?: unknown } | undefined;
  const fallback = DEFAULT_LABELS[name] ?? { ja: name, en: name };
  return {
    name,
    audience: audience as "resident" | "staff",
    issuer: String(input.issuer),
    clientId,
    ...(typeof input.clientSecret === "string" && input.clientSecret ? { clientSecret: input.clientSecret } : {}),
    label: { ja: typeof label?.ja === "string" ? label.ja : fallback.ja, en: typeof label?.en === "string" ? label.en : fallback.en },
    scopes: typeof input.scopes === "string" && input.scopes.split(/\s+/).includes("openid") ? input.scopes : audience === "staff" ? "openid email profile" : "openid email profile address",
    ...(typeof input.acrValues === "string" && input.acrValues ? { acrValues: input.acrValues } : {}),
    ...(acrLevels ? { acrLevels } : {}),
    allowHttp: issuerUrl.protocol === "http:",
  };
}

/** The providers configured in `env`, and a message for each bad setting (the provider is then left out). */
export function oidcProvidersFromEnv(env: Record<string, string | undefined>): { providers: OidcProviderConfig[]; problems: string[] } {
  const problems: string[] = [];
  const providers: OidcProviderConfig[] = [];
  if (env.OIDC_PROVIDERS) {
    const list = safeJson(env.OIDC_PROVIDERS);
    if (!Array.isArray(list)) problems.push("OIDC_PROVIDERS must be a JSON array of providers.");
    else list.forEach((item, i) => {
      const built = item && typeof item === "object" ? build(item as Record<string, unknown>, `OIDC_PROVIDERS[${i}]`, problems) : null;
      if (built) providers.push(built);
    });
  }
  for (const key of Object.keys(env).sort()) {
    const match = /^OIDC_([A-Z0-9]+)_ISSUER$/.exec(key);
    if (!match) continue;
    const prefix = `OIDC_${match[1]}_`;
    const get = (suffix: string) => env[prefix + suffix] || undefined;
    const labelJa = get("LABEL_JA");
    const labelEn = get("LABEL_EN");
    const built = build(
      {
        name: match[1]!.toLowerCase(),
        issuer: get("ISSUER"),
        clientId: get("CLIENT_ID"),
        clientSecret: get("CLIENT_SECRET"),
        audience: get("AUDIENCE"),
        scopes: get("SCOPES"),
        acrValues: get("ACR_VALUES"),
        acrLevels: get("ACR_LEVELS"),
        ...(labelJa || labelEn ? { label: { ja: labelJa ?? labelEn, en: labelEn ?? labelJa } } : {}),
      },
      `${prefix}*`,
      problems,
    );
    if (built) providers.push(built);
  }
  const seen = new Set<string>();
  return {
    providers: providers.filter((p) => {
      if (seen.has(p.name)) {
        problems.push(`OIDC provider "${p.name}" is configured twice; the first is used.`);
        return false;
      }
      seen.add(p.name);
      return true;
    }),
    problems,
  };
}
