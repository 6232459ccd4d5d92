/**
 * Registers a PDF form uploaded by staff: checks that it is a PDF (magic bytes, then pdf-lib can
 * read it without a password), not too big, with few enough pages; keeps each page's size; and
 * makes PNG previews with poppler's `pdftoppm` for the field-placing page (skipped, and positions
 * typed as numbers, where pdftoppm is not installed).
 *
 * pdftoppm parses a staff upload: it runs with a time limit, on a file that pdf-lib read first,
 * and only for staff uploads (never for residents' files).
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { PDFDocument } from "pdf-lib";
import { appendAudit } from "../../../core/audit/audit.ts";
import type { Db } from "../../../core/db/database.ts";
import type { Actor } from "../../../core/http/actor.ts";
import { AppError } from "../../../core/http/errors.ts";
import { isDepartmentStaff } from "../policy.ts";
import { insertForm, insertPreview } from "../queries.ts";
import { MAX_FORM_PAGES, type FieldProblem } from "../schema.ts";
import type { PageSize } from "../tables.ts";

const run = promisify(execFile);
/** Preview width in pixels (about 110 dpi for A4): sharp enough to place a field within a point or two. */
export const PREVIEW_WIDTH_PX = 900;

/** True when the bytes start like a PDF (%PDF- within the first 1024 bytes, as readers allow). */
export function looksLikePdf(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, 1024)).includes("%PDF-");
}

/** The page sizes of a PDF, or a problem key when it cannot be used. */
export async function inspectPdf(bytes: Uint8Array): Promise<{ pages: PageSize[] } | { problem: string; params?: Record<string, number> }> {
  if (!looksLikePdf(bytes)) return { problem: "staff.errors.notPdf" };
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { updateMetadata: false });
  } catch {
    return { problem: "staff.errors.unreadable" };
  }
  const count = doc.getPageCount();
  if (count === 0) return { problem: "staff.errors.unreadable" };
  if (count > MAX_FORM_PAGES) return { problem: "staff.errors.tooManyPages", params: { pages: MAX_FORM_PAGES } };
  // The visible page (crop box), as pdftoppm renders it; /Rotate is not taken into account.
  return {
    pages: doc.getPages().map((page) => {
      const crop = page.getCropBox();
      return { width: Math.round(crop.width * 100) / 100, height: Math.round(crop.height * 100) / 100 };
    }),
  };
}

function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** PNG previews of every page, or [] when pdftoppm is missing or fails. */
export async function renderPreviews(bytes: Uint8Array, pageCount: number): Promise<Array<{ page: number; png: Uint8Array; widthPx: number; heightPx: number }>> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "machi-form-"));
  try {
    const input = path.join(dir, "form.pdf");
    await fs.writeFile(input, bytes);
    await run("pdftoppm", ["-png", "-scale-to-x", String(PREVIEW_WIDTH_PX), "-scale-to-y", "-1", "-f", "1", "-l", String(pageCount), input, path.join(dir, "page")], {
      timeout: 30_000,
      maxBuffer: 1024 * 1024,
    });
    const files = (await fs.readdir(dir)).filter((name) => /^page-\d+\.png$/.test(name));
    const previews = [];
    for (const name of files) {
      const png = await fs.readFile(path.join(dir, name));
      const { width, height } = pngSize(png);
      previews.push({ page: Number(/(\d+)\.png$/.exec(name)![1]), png, widthPx: width, heightPx: height });
    }
    return previews.sort((a, b) => a.page - b.page);
  } catch {
    return [];
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

export type RegisterFormOptions = {
  db: Db;
  actor: Actor;
  title: string;
  departmentCode: string;
  fileName: string;
  bytes: Uint8Array;
};

/** Stores the form with its previews; returns its id, or the problem with the file. */
export async function registerForm(options: RegisterFormOptions): Promise<{ id: string } | { problem: FieldProblem }> {
  const { db, actor } = options;
  if (!isDepartmentStaff(actor, options.departmentCode)) throw new AppError("forbidden", "documents.other_department");
  const inspected = await inspectPdf(options.bytes);
  if ("problem" in inspected) return { problem: { field: "file", key: inspected.problem, ...(inspected.params ? { params: inspected.params } : {}) } };
  const previews = await renderPreviews(options.bytes, inspected.pages.length);
  const sha256 = createHash("sha256").update(options.bytes).digest("hex");
  const id = await db.transaction(async (tx) => {
    const formId = await insertForm(tx, {
      departmentCode: options.departmentCode,
      title: options.title,
      fileName: options.fileName.slice(0, 200) || "form.pdf",
      bytes: options.bytes,
      sha256,
      pages: inspected.pages,
      createdBy: actor.id,
    });
    for (const preview of previews) await insertPreview(tx, { formId, ...preview });
    await appendAudit(tx, {
      actorId: actor.id,
      actorLabel: `staff:${actor.email}`,
      action: "documents.form_registered",
      objectType: "pdf_form",
      objectId: formId,
      departmentCode: options.departmentCode,
      data: { sha256, pages: inspected.pages.length, previews: previews.length },
    });
    return formId;
  });
  return { id };
}
