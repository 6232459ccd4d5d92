/**
 * The one rule for "was this certificate revoked when it signed?", shared by CRL and OCSP.
 *
 *  - Reasons keyCompromise (1) and cACompromise (2): revoked, whatever the dates. Once a key may be
 *    in someone else's hands, a signature claiming an earlier signingTime proves nothing (the time is
 *    chosen by the signer).
 *  - removeFromCRL (8): not revoked (only meaningful in delta CRLs).
 *  - Any other reason, or none: revoked when the revocation took effect at or before the validation
 *    time — the earlier of revocationDate and invalidityDate (if given). A signature made while the
 *    certificate was still good stays valid after a routine revocation (e.g. superseded, a move).
 */
export const CLOCK_SKEW_MS = 5 * 60_000;

const REASONS = [
  "unspecified",
  "keyCompromise",
  "cACompromise",
  "affiliationChanged",
  "superseded",
  "cessationOfOperation",
  "certificateHold",
  "(unused)",
  "removeFromCRL",
  "privilegeWithdrawn",
  "aACompromise",
] as const;

export type RevocationSource = "crl" | "ocsp";

export type RevocationStatus =
  | { status: "good"; source: RevocationSource; revokedAfterValidation?: { revokedAt: string; reason: string } }
  | { status: "revoked"; source: RevocationSource; revokedAt: string; reason: string; detail: string };

export function reasonName(code: number | undefined): string {
  return code === undefined ? "unspecified" : (REASONS[code] ?? `reason ${code}`);
}

export function revocationStatus(input: {
  revokedAt: Date;
  invalidSince?: Date | undefined;
  reasonCode?: number | undefined;
  at: Date;
  source: RevocationSource;
  label: string;
}): RevocationStatus {
  const reason = reasonName(input.reasonCode);
  const effective = input.invalidSince && input.invalidSince < input.revokedAt ? input.invalidSince : input.revokedAt;
  const revokedAt = input.revokedAt.toISOString();
  if (input.reasonCode === 8) return { status: "good", source: input.source };
  const compromised = input.reasonCode === 1 || input.reasonCode === 2;
  if (compromised || effective.getTime() <= input.at.getTime()) {
    const when = compromised ? "" : ` (effective ${effective.toISOString()}, validation time ${input.at.toISOString()})`;
    return { status: "revoked", source: input.source, revokedAt, reason, detail: `certificate ${input.label} was revoked at ${revokedAt}, reason ${reason}${when} [${input.source.toUpperCase()}]` };
  }
  return { status: "good", source: input.source, revokedAfterValidation: { revokedAt, reason } };
}
