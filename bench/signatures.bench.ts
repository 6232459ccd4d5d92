/**
 * CMS signature verifications per second (verifyCms: parse, messageDigest, RSA signature, path of
 * three certificates, validity, key usage, CRL) against the raw RSA-2048 verify rate of the same key
 * on the same machine in the same run (node:crypto.verify, i.e. OpenSSL), and `openssl speed rsa2048`
 * itself when the binary is there. One verifyCms costs three RSA verifications (the signature, the
 * signer certificate, the intermediate; the CRL's signature is checked once per CRL and remembered),
 * so 1/3 is the ceiling of the ratio; what is missing to it is ASN.1
 * decoding and checks (mostly asn1js decoding the CMS, see docs/decisions/0010-cms-verification.md).
 *
 *   npm run bench -- signatures     (SECONDS_PER_MEASURE=3 by default; progress on stderr, one JSON line on stdout)
 *
 * Ratios are taken per CPU second on both sides (openssl speed's own measure), so a busy machine
 * does not distort them; the wall-clock rates are reported too.
 */
import { spawnSync } from "node:child_process";
import { createPrivateKey, createPublicKey, sign, verify } from "node:crypto";
import { readFileSync } from "node:fs";
import { canonicalApplicationBytes } from "../src/modules/signatures/canonical.ts";
import { createTestPki } from "../src/modules/signatures/testing/test-pki.ts";
import { verifyCms, type VerifyCmsOptions } from "../src/modules/signatures/verify-cms.ts";
import { progress, report, round } from "./lib.ts";

const SECONDS = Number(process.env.SECONDS_PER_MEASURE ?? 3);

type Rate = { perSecond: number; perCpuSecond: number };

/**
 * Runs `operation` for SECONDS of wall time. Two rates: per wall-clock second, and per CPU second of
 * this process (user + system) — the latter is what `openssl speed` reports by default, and it does
 * not drop when other work shares the machine.
 */
async function measure(name: string, operation: () => unknown | Promise<unknown>): Promise<Rate> {
  for (let i = 0; i < 50; i++) await operation(); // warm-up
  let count = 0;
  const cpuStart = process.cpuUsage();
  const started = process.hrtime.bigint();
  const deadline = started + BigInt(Math.round(SECONDS * 1e9));
  let now = started;
  while (now < deadline) {
    for (let i = 0; i < 20; i++) await operation();
    count += 20;
    now = process.hrtime.bigint();
  }
  const cpu = process.cpuUsage(cpuStart);
  const wallSeconds = Number(now - started) / 1e9;
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const rate = { perSecond: count / wallSeconds, perCpuSecond: count / cpuSeconds };
  progress(`${name}: ${round(rate.perSecond, 1)}/s wall, ${round(rate.perCpuSecond, 1)}/s CPU (${count} in ${round(wallSeconds, 2)} s, ${round(cpuSeconds, 2)} s CPU)`);
  return rate;
}

function opensslSpeedVerify(): number | null {
  const result = spawnSync("openssl", ["speed", "-seconds", String(SECONDS), "-mr", "rsa2048"], { encoding: "utf8" });
  // Machine-readable line: +F2:<index>:<bits>:<sign/s>:<verify/s> (per CPU second, openssl's default)
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

  const cms = await measure("verifyCms (chain + CRL)", () => verifyCms(options));
  const cmsNoRevocation = await measure("verifyCms (chain, no revocation)", () => verifyCms({ ...options, crls: [] }));

  const privateKey = createPrivateKey(readFileSync(pki.signer.key));
  const publicKey = createPublicKey(privateKey);
  const rawSignature = sign("sha256", content, privateKey);
  const raw = await measure("node:crypto.verify RSA-2048 SHA-256", () => {
    if (!verify("sha256", content, publicKey, rawSignature)) throw new Error("raw verify failed");
  });

  progress(`openssl speed -seconds ${SECONDS} rsa2048 (sign and verify)…`);
  const opensslPerSecond = opensslSpeedVerify();
  if (opensslPerSecond !== null) progress(`openssl speed rsa2048 verify: ${round(opensslPerSecond, 1)}/s`);

  report("signatures", {
    seconds_per_measure: SECONDS,
    setup: "detached CMS, SHA-256 RSA PKCS#1 v1.5, RSA-2048, root → intermediate → signer, CRL with 2 entries",
    cms_verify_per_s: round(cms.perSecond, 1),
    cms_verify_per_cpu_s: round(cms.perCpuSecond, 1),
    cms_verify_no_revocation_per_cpu_s: round(cmsNoRevocation.perCpuSecond, 1),
    raw_rsa2048_verify_per_s: round(raw.perSecond, 1),
    raw_rsa2048_verify_per_cpu_s: round(raw.perCpuSecond, 1),
    openssl_speed_rsa2048_verify_per_cpu_s: opensslPerSecond === null ? null : round(opensslPerSecond, 1),
    rsa_verifies_per_cms: 3,
    ratio_cms_to_raw_verify: round(cms.perCpuSecond / raw.perCpuSecond, 4),
    ratio_cms_to_openssl_speed: opensslPerSecond === null ? null : round(cms.perCpuSecond / opensslPerSecond, 4),
  });
} finally {
  pki.dispose();
}
