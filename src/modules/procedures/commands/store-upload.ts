/**
 * Stores a file a resident uploaded for a file question: checked first with the form engine's
 * checkUpload (not empty, within the question's size limit, content by its magic bytes one of
 * the accepted kinds and the kind its name says), then kept in `files` with the resident as
 * owner. Returns the answer to put in the form body, or the message to show beside the field.
 */
import { createHash } from "node:crypto";
import type { Db } from "../../../core/db/database.ts";
import type { Actor } from "../../../core/http/actor.ts";
import { AppError } from "../../../core/http/errors.ts";
import type { Locale } from "../../../core/i18n/index.ts";
import { checkUpload, type FileAnswer, type QuestionDef } from "../forms/index.ts";
import { insertFile } from "../queries.ts";

export type StoreUploadOptions = {
  /** The database or the caller's transaction. */
  db: Db;
  /** The signed-in resident, who will own the file. */
  actor: Actor;
  /** The file question the upload answers (its accept and maxBytes apply). */
  question: QuestionDef;
  /** The name the browser sent. */
  filename: string;
  bytes: Buffer;
  /** Language of the error message. */
  locale: Locale;
};

export type StoreUploadResult = { answer: FileAnswer } | { error: string };

/** A file name safe to keep and to send back: no path, no control characters, at most 200 characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const cleaned = base.replace(/[\u0000-\u001F\u007F"]/g, "").trim();
  const chars = [...cleaned];
  if (chars.length <= 200) return cleaned || "file";
  const dot = cleaned.lastIndexOf(".");
  const extension = dot > 0 ? cleaned.slice(dot) : "";
  return chars.slice(0, 200 - extension.length).join("") + extension;
}

export async function storeUpload(options: StoreUploadOptions): Promise<StoreUploadResult> {
  const { db, actor, question, bytes, locale } = options;
  if (actor.kind !== "resident") throw new AppError("forbidden", "procedures.resident_only");
  const name = cleanFileName(options.filename);
  const checked = checkUpload(question, { filename: name, bytes }, locale);
  if ("error" in checked) return { error: checked.error };
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const fileId = await insertFile(db, { ownerId: actor.id, name, kind: checked.kind, bytes, sha256 });
  return { answer: { fileId, name, size: bytes.length, kind: checked.kind } };
}
