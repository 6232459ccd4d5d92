/**
 * Test helpers for documents: applications of the seeded catalogue, poppler's pdftotext /
 * pdfsig / pdffonts on PDF bytes, an NSS database that trusts a CA (when NSS's certutil is
 * installed), and a paper-like PDF form made with pdf-lib.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { PDFDocument, rgb, StandardFonts } from "pdf-lib";
import { queryRows, type Db } from "../../core/db/database.ts";

/**
 * An application of a seeded procedure (default residence-certificate), inserted directly (with
 * its submitted draft), so that documents tests do not depend on the whole application journey.
 */
export async function createApplication(
  db: Db,
  options: { userId: string; slug?: string; status?: string; applicantName?: string; answers?: Record<string, unknown> },
): Promise<{ id: string; reference: string }> {
  const [procedure] = await queryRows<{ id: string; departmentCode: string; versionId: string }>(
    db,
    sql`SELECT id, department_code AS "departmentCode", current_version_id AS "versionId" FROM procedures WHERE slug = ${options.slug ?? "residence-certificate"}`,
  );
  if (!procedure) throw new Error("Seed the catalogue first (createSeededApp)");
  const answers = options.answers ?? RESIDENCE_ANSWERS;
  const reference = `D${randomBytes(4).toString("hex").toUpperCase()}`;
  const [draft] = await queryRows<{ id: string }>(
    db,
    sql`INSERT INTO drafts (user_id, procedure_version_id, answers, submitted_at) VALUES (${options.userId}::uuid, ${procedure.versionId}::uuid, ${JSON.stringify(answers)}::jsonb, now()) RETURNING id`,
  );
  const [application] = await queryRows<{ id: string }>(
    db,
    sql`INSERT INTO applications (reference, draft_id, user_id, procedure_id, procedure_version_id, department_code, applicant_name, answers, status)
        VALUES (${reference}, ${draft!.id}::uuid, ${options.userId}::uuid, ${procedure.id}::uuid, ${procedure.versionId}::uuid, ${procedure.departmentCode},
          ${options.applicantName ?? "大阪 花子"}, ${JSON.stringify(answers)}::jsonb, ${options.status ?? "received"})
        RETURNING id`,
  );
  return { id: application!.id, reference };
}

/** Answers of 住民票の写し as the person themselves (the shape the form engine stores). */
export const RESIDENCE_ANSWERS = {
  certificate_type: "resident_record",
  requester_type: "self",
  requester_name: { family: "大阪", given: "花子" },
  requester_furigana: { family: "オオサカ", given: "ハナコ" },
  requester_birth_date: "1990-04-01",
  requester_address: { postalCode: "5300041", address: "大阪市北区天神橋3丁目9-99", building: "天神橋ハイツ501" },
  requester_phone: "0662088181",
  scope: "all",
  include_items: ["householder"],
  copies: 1,
  purpose: "employment",
  delivery: "registered",
};

export async function setApplicationStatus(db: Db, applicationId: string, status: string): Promise<void> {
  await db.execute(sql`UPDATE applications SET status = ${status}, decided_at = now() WHERE id = ${applicationId}::uuid`);
}

function withTempFile<T>(bytes: Uint8Array, fn: (file: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "machi-doc-test-"));
  try {
    const file = path.join(dir, "doc.pdf");
    fs.writeFileSync(file, bytes);
    return fn(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of a PDF as pdftotext extracts it (UTF-8). */
export function pdfText(bytes: Uint8Array, args: string[] = []): string {
  return withTempFile(bytes, (file) => execFileSync("pdftotext", [...args, "-enc", "UTF-8", file, "-"], { encoding: "utf8" }));
}

export type WordBox = { text: string; xMin: number; yMin: number; xMax: number; yMax: number; page: number };

/** Every word with its box (pdftotext -bbox), in points from the page's top-left corner. */
export function pdfWords(bytes: Uint8Array): WordBox[] {
  const xhtml = pdfText(bytes, ["-bbox"]);
  const words: WordBox[] = [];
  let page = 0;
  for (const line of xhtml.split("\n")) {
    if (line.includes("<page ")) page++;
    const match = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/.exec(line);
    if (match) words.push({ xMin: Number(match[1]), yMin: Number(match[2]), xMax: Number(match[3]), yMax: Number(match[4]), text: match[5]!, page });
  }
  return words;
}

/** pdfsig's report (stdout and stderr together); `nssDir` makes NSS trust what that database trusts. */
export function pdfSig(bytes: Uint8Array, nssDir?: string): string {
  return withTempFile(bytes, (file) => {
    const result = spawnSync("pdfsig", [...(nssDir ? ["-nssdir", `sql:${nssDir}`] : []), file], { encoding: "utf8" });
    return `${result.stdout}${result.stderr}`;
  });
}

/** pdffonts' table and any complaint about the fonts. */
export function pdfFonts(bytes: Uint8Array): string {
  return withTempFile(bytes, (file) => {
    const result = spawnSync("pdffonts", [file], { encoding: "utf8" });
    return `${result.stdout}${result.stderr}`;
  });
}

export function hasCommand(command: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${command}`]).status === 0;
}

/**
 * A fresh NSS database trusting the CA (PEM) for signing, or null when certutil (Debian's
 * libnss3-tools) is not installed. Remove the directory when done.
 */
export function nssDatabaseTrusting(caPem: string): string | null {
  if (!hasCommand("certutil")) return null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "machi-nss-"));
  execFileSync("certutil", ["-N", "-d", `sql:${dir}`, "--empty-password"]);
  const ca = path.join(dir, "ca.pem");
  fs.writeFileSync(ca, caPem);
  execFileSync("certutil", ["-A", "-d", `sql:${dir}`, "-n", "machi-demo-ca", "-t", "C,C,C", "-a", "-i", ca]);
  return dir;
}

/**
 * A two-page A4 "paper" form like a ward office's: boxes labelled 氏名, フリガナ, 住所, 生年月日
 * (labels in Latin here, since the standard fonts have no Japanese).
 */
export async function makePaperForm(pages = 2): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < pages; i++) {
    const page = doc.addPage([595.28, 841.89]);
    page.drawText(`Application form - page ${i + 1}`, { x: 50, y: 790, size: 16, font });
    for (const [label, y] of [["Name", 700], ["Furigana", 650], ["Address", 600], ["Birth date", 550]] as const) {
      page.drawText(label, { x: 50, y: y + 8, size: 10, font });
      page.drawRectangle({ x: 140, y, width: 400, height: 28, borderColor: rgb(0, 0, 0), borderWidth: 1 });
    }
  }
  return doc.save();
}
