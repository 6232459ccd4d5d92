/**
 * CMS signature verifications per second (verifyCms: parse, messageDigest, RSA signature, path of
 * three certificates, validity, key usage, CRL) against the raw RSA-2048 verify rate of the same key
 * on the same machine in the same run (node:crypto.verify, i.e. OpenSSL), and `openssl speed rsa2048`
 * itself when the binary is there. One verifyCms costs four RSA verifications (signer, intermediate,
 * signer certificate, CRL), so a ratio near 0.25 means the bookkeeping around them is cheap.
 *
 *   npm run bench -- signatures          (SECONDS=3 by default; progress on stderr, one JSON line on stdout)
 */
import { spawnSync } from "node:child_process";
import { createPrivateKey, createPublicKey, sign, verify } from "node:crypto";
import { readFileSync } from "node:fs";
import { canonicalApplicationBytes } from "../src/modules/signatures/canonical.ts";
import { createTestPki } from "../src/modules/signatures/testing/test-pki.ts";
import { verifyCms, type VerifyCmsOptions } from "../src/modules/signatures/verify-cms.ts";
import { progress, report, round } from "./lib.ts";

const SECONDS = Number(process.env.SECONDS_PER_MEASURE ?? 3);

async function ratePerSecond(name: string, operation: () => unknown | Promise<unknown>): Promise<number> {
  for (let i = 0; i < 50; i++) await operation(); // warm-up
  let count = 0;
  const started = process.hrtime.bigint();
  const deadline = started + BigInt(Math.round(SECONDS * 1e9));
  let now = started;
  while (now < deadline) {
    for (let i = 0; i < 20; i++) await operation();
    count += 20;
    now = process.hrtime.bigint();
  }
  const rate = count / (Number(now - started) / 1e9);
  progress(`${name}: ${round(rate, 1)}/s (${count} in ${round(Number(now - started) / 1e9, 2)} s)`);
  return rate;
}

function opensslSpeedVerify(): number | null {
  const result = spawnSync("openssl", ["speed", "-seconds", String(SECONDS), "-mr", "rsa2048"], { encoding: "utf8" });
  // Machine-readable line: +F2:<index>:<bits>:<sign/s>:<verify/s>
  const match = /^\+F2:\d+:2048:([\d.]+):([\d.]+)/m.exec(result.stdout ?? "");
  return match ? Number(match[2]) : null;
}

progress("building a test PKI with openssl (root, intermediate, signer, CRL)…");
const pki = createTestPki();
try {
  const content = canonicalApplicationBytes({ procedure: "juminhyo", version: 1, answers: { 氏名: "大阪 太郎", 通数: 1, 使用目的: "勤務先へ提出" } });
  const signature = pki.sign({ signer: pki.signer, content });
  const options: VerifyCmsOptions = { signature, content, trustAnchors: readFileSync(pki.root.cert), crls: [pki.crl] };
  const first = await verifyCms(options);
  if (!first.valid) throw new Error(`benchmark signature does not verify: ${first.reason} ${first.detail}`);

  const cmsPerSecond = await ratePerSecond("verifyCms (chain + CRL)", () => verifyCms(options));
  const cmsNoRevocationPerSecond = await ratePerSecond("verifyCms (chain, no revocation)", () => verifyCms({ ...options, crls: [] }));

  const privateKey = createPrivateKey(readFileSync(pki.signer.key));
  const publicKey = createPublicKey(privateKey);
  const rawSignature = sign("sha256", content, privateKey);
  const rawPerSecond = await ratePerSecond("node:crypto.verify RSA-2048 SHA-256", () => {
    if (!verify("sha256", content, publicKey, rawSignature)) throw new Error("raw verify failed");
  });

  progress(`openssl speed -seconds ${SECONDS} rsa2048 (sign and verify)…`);
  const opensslPerSecond = opensslSpeedVerify();
  if (opensslPerSecond !== null) progress(`openssl speed rsa2048 verify: ${round(opensslPerSecond, 1)}/s`);

  report("signatures", {
    seconds_per_measure: SECONDS,
    setup: "detached CMS, SHA-256 RSA PKCS#1 v1.5, RSA-2048, root → intermediate → signer, CRL with 2 entries",
    cms_verify_per_s: round(cmsPerSecond, 1),
    cms_verify_no_revocation_per_s: round(cmsNoRevocationPerSecond, 1),
    raw_rsa2048_verify_per_s: round(rawPerSecond, 1),
    openssl_speed_rsa2048_verify_per_s: opensslPerSecond === null ? null : round(opensslPerSecond, 1),
    rsa_verifies_per_cms: 4,
    ratio_cms_to_raw_verify: round(cmsPerSecond / rawPerSecond, 4),
    ratio_cms_to_openssl_speed: opensslPerSecond === null ? null : round(cmsPerSecond / opensslPerSecond, 4),
  });
} finally {
  pki.dispose();
}
