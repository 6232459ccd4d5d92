/**
 * Sealed PDF generation: N 住民票の写し (demo) made end to end — layout, Japanese font subset,
 * PDF/A parts, QR code, the drawn seal, save, and the PAdES signature with the demo seal (RSA
 * 2048) — and N receipts (受付票). Reports p50/p95 in milliseconds and bytes per PDF.
 * Aim: sealed p95 < 250 ms. Database writes are not included (one INSERT of ~50 KB).
 *
 *   npm run bench -- documents          (DOCUMENTS_BENCH_N=200 by default)
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { renderReceiptPdf } from "../src/modules/documents/commands/render-receipt.ts";
import { newVerificationCode } from "../src/modules/documents/commands/issue-document.ts";
import { renderResidenceCertificatePdf } from "../src/modules/documents/commands/render-residence-certificate.ts";
import { loadSealer } from "../src/modules/documents/signing/load-sealer.ts";
import { percentile, progress, report, round } from "./lib.ts";

const N = Number(process.env.DOCUMENTS_BENCH_N ?? 200);
const WARM_UP = 10;
const FAMILY = ["大阪", "松本", "吉田", "金", "田中", "中之島", "天神橋"];
const GIVEN = ["花子", "陽子", "健一", "美玲", "太郎", "さくら", "由美"];

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "machi-bench-documents-"));
try {
  progress(`documents: loading the demo seal into ${dataDir}`);
  const sealer = await loadSealer({ env: {}, dataDir, nodeEnv: "development" });

  const sealedMs: number[] = [];
  const sealedBytes: number[] = [];
  for (let i = 0; i < N + WARM_UP; i++) {
    const code = newVerificationCode();
    const started = performance.now();
    const pdf = await renderResidenceCertificatePdf({
      certificateType: "resident_record",
      record: {
        name: `${FAMILY[i % FAMILY.length]} ${GIVEN[(i * 3) % GIVEN.length]}`,
        furigana: "オオサカ ハナコ",
        birthDate: `19${50 + (i % 50)}-0${1 + (i % 9)}-1${i % 10}`,
        address: `大阪府大阪市北区天神橋${1 + (i % 8)}丁目${i % 99}-${i % 9} 天神橋ハイツ${100 + i}`,
        householder: i % 2 === 0 ? "大阪 花子" : null,
      },
      issuerTitle: "大阪市長",
      verificationCode: code,
      verifyUrl: `https://machi.example.jp/verify/${code}`,
      issuedAt: new Date(),
      sealer,
    });
    const elapsed = performance.now() - started;
    if (i >= WARM_UP) {
      sealedMs.push(elapsed);
      sealedBytes.push(pdf.length);
    }
    if ((i + 1) % 50 === 0) progress(`documents: ${i + 1}/${N + WARM_UP} sealed PDFs`);
  }

  const receiptMs: number[] = [];
  const receiptBytes: number[] = [];
  for (let i = 0; i < N + WARM_UP; i++) {
    const started = performance.now();
    const pdf = await renderReceiptPdf({
      application: { id: "7c9e6679-7425-40de-944b-e07fc1f90ae7", reference: `R2026-${String(i).padStart(6, "0")}`, applicantName: `${FAMILY[i % FAMILY.length]} ${GIVEN[i % GIVEN.length]}`, submittedAt: new Date() },
      procedureTitle: { ja: "住民票の写し交付請求", en: "Request for a copy of the residence record" },
      departmentName: { ja: "区役所 窓口サービス課", en: "Ward office" },
      locale: "ja",
      applicationUrl: "https://machi.example.jp/my/applications/7c9e6679-7425-40de-944b-e07fc1f90ae7",
    });
    if (i >= WARM_UP) {
      receiptMs.push(performance.now() - started);
      receiptBytes.push(pdf.length);
    }
  }

  const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
  const mean = (values: number[]) => Math.round(values.reduce((a, b) => a + b, 0) / values.length);
  const sealed = sorted(sealedMs);
  const receipts = sorted(receiptMs);
  report("documents", {
    n: N,
    sealed_p50_ms: percentile(sealed, 50),
    sealed_p95_ms: percentile(sealed, 95),
    sealed_max_ms: round(sealed.at(-1)!),
    sealed_bytes_per_pdf: mean(sealedBytes),
    sealed_aim_p95_ms: 250,
    sealed_meets_aim: percentile(sealed, 95) < 250,
    receipt_p50_ms: percentile(receipts, 50),
    receipt_p95_ms: percentile(receipts, 95),
    receipt_bytes_per_pdf: mean(receiptBytes),
    signature: `${sealer.info.demo ? "demo " : ""}RSA-2048 PAdES B-B`,
  });
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
}
