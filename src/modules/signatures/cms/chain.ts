/**
 * Certification path from the signer certificate to a configured trust anchor.
 *
 * Building: from the signer upwards, an issuer is a certificate whose subject equals the child's
 * issuer name and whose key verifies the child's signature; trust anchors are tried before
 * intermediates (from the CMS certificates set or given separately). Depth-first with backtracking,
 * at most MAX_INTERMEDIATES intermediates, no certificate twice.
 *
 * Checks on the path found (RFC 5280 §6.1, the parts that apply without policy processing):
 * every intermediate has basicConstraints cA=TRUE, keyCertSign if it has keyUsage, and respects
 * pathLenConstraint; no certificate below the anchor has a critical extension we do not process.
 * A trust anchor is trusted by configuration: its own signature is not checked, but if it carries
 * basicConstraints or keyUsage they must allow issuing. Validity dates are checked by the caller.
 */
import { verifyRsa, rsaPublicKey, signatureAlgorithmOf } from "./algorithms.ts";
import { assertNoUnknownCriticalExtension, basicConstraints, distinguishedName, keyUsage, sameCertificate, type ParsedCertificate } from "./certificate.ts";
import { fail } from "./failure.ts";

export const MAX_INTERMEDIATES = 6;

export type CertificationPath = {
  /** signer first, trust anchor last (a single element when the signer is itself an anchor). */
  certificates: ParsedCertificate[];
  anchor: ParsedCertificate;
};

export function buildCertificationPath(signer: ParsedCertificate, intermediates: ParsedCertificate[], anchors: ParsedCertificate[]): CertificationPath {
  if (anchors.length === 0) fail("untrusted_chain", "no trust anchors are configured");
  const rejected: string[] = [];
  const path = search([signer], intermediates, anchors, rejected);
  if (!path) {
    const top = rejected.length > 0 ? rejected.join("; ") : `no configured trust anchor or supplied intermediate issued ${distinguishedName(signer.cert.issuer)}`;
    fail("untrusted_chain", `cannot build a path from ${signer.label} to a trust anchor: ${top}`);
  }
  const anchor = path[path.length - 1] as ParsedCertificate;
  checkPath(path);
  return { certificates: path, anchor };
}

function search(path: ParsedCertificate[], intermediates: ParsedCertificate[], anchors: ParsedCertificate[], rejected: string[]): ParsedCertificate[] | undefined {
  const current = path[path.length - 1] as ParsedCertificate;
  if (path.length === 1 && anchors.some((anchor) => sameCertificate(anchor, current))) return path;
  for (const anchor of anchors) {
    if (!current.cert.issuer.isEqual(anchor.cert.subject)) continue;
    if (issuedBy(current, anchor, rejected)) return [...path, anchor];
  }
  if (path.length > MAX_INTERMEDIATES) return undefined;
  for (const candidate of intermediates) {
    if (path.some((seen) => sameCertificate(seen, candidate))) continue;
    if (!current.cert.issuer.isEqual(candidate.cert.subject)) continue;
    if (!issuedBy(current, candidate, rejected)) continue;
    const found = search([...path, candidate], intermediates, anchors, rejected);
    if (found) return found;
  }
  return undefined;
}

/** Whether `issuer`'s key verifies `child`'s signature. Weak algorithms fail outright. */
export function issuedBy(child: ParsedCertificate, issuer: ParsedCertificate, rejected?: string[]): boolean {
  const where = `certificate ${child.label}`;
  const outer = child.cert.signatureAlgorithm;
  const inner = child.cert.signature;
  if (outer.algorithmId !== inner.algorithmId) fail("malformed", `${where}: signatureAlgorithm differs from the signature field inside the certificate`);
  const algorithm = signatureAlgorithmOf(outer, where);
  const ok = verifyRsa(rsaPublicKey(issuer.spki, `certificate ${issuer.label}`), algorithm, child.cert.tbsView, child.cert.signatureValue.valueBlock.valueHexView);
  if (!ok) rejected?.push(`the signature on ${child.label} does not verify with the key of ${issuer.label}`);
  return ok;
}

function checkPath(path: ParsedCertificate[]): void {
  const last = path.length - 1;
  path.forEach((certificate, index) => {
    if (index < last) assertNoUnknownCriticalExtension(certificate);
    if (index === 0) return;
    const isAnchor = index === last;
    const constraints = basicConstraints(certificate);
    if (constraints ? !constraints.cA : !isAnchor) {
      fail("untrusted_chain", `${certificate.label} issued ${path[index - 1]?.label} but is not a CA (basicConstraints cA is not TRUE)`);
    }
    const usage = keyUsage(certificate);
    if (usage && !usage.has("keyCertSign")) fail("untrusted_chain", `${certificate.label} may not sign certificates (keyUsage lacks keyCertSign)`);
    // Intermediates between this CA and the signer; self-issued ones do not count (RFC 5280 §4.2.1.9).
    const below = path.slice(1, index).filter((c) => !c.cert.subject.isEqual(c.cert.issuer)).length;
    if (constraints?.pathLength !== undefined && below > constraints.pathLength) {
      fail("untrusted_chain", `${certificate.label} allows ${constraints.pathLength} intermediate CA(s) below it, the path has ${below}`);
    }
  });
}
