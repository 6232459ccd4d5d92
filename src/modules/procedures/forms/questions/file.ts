/**
 * `file`: PDF, JPEG or PNG uploads. The engine never stores files: the route checks an upload
 * with `checkUpload`, stores it, and puts the stored answer in the body as JSON under the
 * question's field name (or, when nothing new was sent, the answer already saved).
 */
import { html } from "../../../../core/ui/html.ts";
import { t, type Locale } from "../../../../core/i18n/index.ts";
import type { FileAnswer, QuestionDef } from "../definition.ts";
import {
  attrs,
  fieldError,
  fieldName,
  formatBytes,
  isRequired,
  message,
  rawFor,
  readString,
  singleField,
  type FieldError,
  type QuestionHandler,
} from "./common.ts";

export type FileKind = FileAnswer["kind"];
export const FILE_KINDS: readonly FileKind[] = ["pdf", "jpeg", "png"];
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

const MAGIC: Record<FileKind, readonly number[]> = {
  pdf: [0x25, 0x50, 0x44, 0x46, 0x2d], // %PDF-
  jpeg: [0xff, 0xd8, 0xff],
  png: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
};

const EXTENSIONS: Record<string, FileKind> = { pdf: "pdf", jpg: "jpeg", jpeg: "jpeg", jpe: "jpeg", png: "png" };

const MIME: Record<FileKind, string> = { pdf: "application/pdf", jpeg: "image/jpeg", png: "image/png" };

export function acceptedKinds(q: QuestionDef): FileKind[] {
  return q.accept && q.accept.length > 0 ? q.accept : [...FILE_KINDS];
}

export function maxBytesOf(q: QuestionDef): number {
  return q.maxBytes ?? DEFAULT_MAX_BYTES;
}

/** What the content is, by its first bytes (never by its name). */
export function detectKind(bytes: Uint8Array): FileKind | undefined {
  return FILE_KINDS.find((kind) => MAGIC[kind].every((b, i) => bytes[i] === b));
}

function kindName(kind: FileKind, locale: Locale): string {
  return t(locale, `forms.file.kind.${kind}`);
}

function kindList(kinds: readonly FileKind[], locale: Locale): string {
  const names = kinds.map((k) => k.toUpperCase());
  if (locale === "ja") return names.join("、");
  return names.length > 1 ? `${names.slice(0, -1).join(", ")} or ${names.at(-1)}` : names.join("");
}

/**
 * Checks an upload before the route stores it: not empty, within the size limit, and its
 * content (magic bytes) one of the accepted kinds and the kind its file name says.
 *
 * @example checkUpload(q, { filename: "scan.pdf", bytes }, "ja") // { kind: "pdf" } or { error: "…" }
 */
export function checkUpload(
  q: QuestionDef,
  file: { filename: string; bytes: Buffer },
  locale: Locale,
): { kind: FileKind } | { error: string } {
  const accept = acceptedKinds(q);
  const kinds = kindList(accept, locale);
  const max = maxBytesOf(q);
  if (file.bytes.length === 0) return { error: message(q, locale, "file.empty") };
  if (file.bytes.length > max) {
    return { error: message(q, locale, "file.tooBig", { max: formatBytes(max, locale), size: formatBytes(file.bytes.length, locale) }) };
  }
  const kind = detectKind(file.bytes);
  const extension = /\.([^.]+)$/.exec(file.filename)?.[1]?.toLowerCase() ?? "";
  const named = EXTENSIONS[extension];
  if (!kind) return { error: message(q, locale, "file.unknownType", { kinds }) };
  if (named && named !== kind) {
    return { error: message(q, locale, "file.mismatch", { extension: `.${extension}`, actual: kindName(kind, locale), kinds }) };
  }
  if (!accept.includes(kind)) return { error: message(q, locale, "file.notAccepted", { kinds }) };
  if (!named) return { error: message(q, locale, "file.badExtension", { kinds }) };
  return { kind };
}

/** The stored file answer from the body's JSON, when it is well formed and of an accepted kind. */
export function parseFileAnswer(json: string, accept: readonly FileKind[]): FileAnswer | undefined {
  if (!json) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (typeof data !== "object" || data === null) return undefined;
  const { fileId, name, size, kind } = data as Record<string, unknown>;
  if (typeof fileId !== "string" || !fileId || typeof name !== "string" || typeof size !== "number") return undefined;
  if (typeof kind !== "string" || !accept.includes(kind as FileKind)) return undefined;
  return { fileId, name, size, kind: kind as FileKind };
}

function isFileAnswer(value: unknown): value is FileAnswer {
  return typeof value === "object" && value !== null && "fileId" in value && "name" in value;
}

/** Field name of the "remove this file" checkbox. */
export function removeFieldName(q: QuestionDef, prefix: string): string {
  return fieldName(q, prefix, "remove");
}

export const fileHandler: QuestionHandler = {
  parse(q, body, ctx) {
    const name = fieldName(q, ctx.prefix);
    const removeName = removeFieldName(q, ctx.prefix);
    const json = readString(body, name);
    const remove = readString(body, removeName) !== "";
    const rawOut = { [name]: json, [removeName]: remove ? "1" : "" };
    const uploadError = ctx.uploadErrors?.[name];
    const errors: FieldError[] = [];
    if (uploadError) errors.push(fieldError(name, uploadError));
    const file = remove ? undefined : parseFileAnswer(json, acceptedKinds(q));
    if (!file && !uploadError && isRequired(q)) errors.push(fieldError(name, message(q, ctx.locale, "file.required")));
    return errors.length || !file ? { raw: rawOut, errors } : { value: file, raw: rawOut, errors };
  },

  render(q, ctx) {
    const { locale } = ctx;
    const name = fieldName(q, ctx.prefix);
    const body = rawFor(fileHandler, q, ctx);
    const accept = acceptedKinds(q);
    const attached = parseFileAnswer(readString(body, name), accept);
    const removeName = removeFieldName(q, ctx.prefix);
    const acceptAttr = accept.flatMap((k) => [
      ...Object.entries(EXTENSIONS).filter(([, v]) => v === k).map(([ext]) => `.${ext}`),
      MIME[k],
    ]);
    const hint = t(locale, "forms.file.hint", { kinds: kindList(accept, locale), max: formatBytes(maxBytesOf(q), locale) });
    const current = attached
      ? html`<p class="field__file">${t(locale, "forms.file.attached", { name: attached.name, size: formatBytes(attached.size, locale) })}</p>
<div class="choice"><input class="choice__input"${attrs({ type: "checkbox", id: removeName, name: removeName, value: "1", checked: readString(body, removeName) !== "" })}><label class="choice__label" for="${removeName}">${t(locale, "forms.file.remove")}</label></div>`
      : html``;
    return singleField(
      q,
      ctx,
      name,
      (aria) => html`${current}<input class="input" type="file" id="${name}" name="${name}" accept="${acceptAttr.join(",")}"${aria}>`,
      hint,
    );
  },

  display(_q, value, locale) {
    if (!isFileAnswer(value)) return html`${String(value)}`;
    const size = formatBytes(value.size, locale);
    return html`${locale === "ja" ? `${value.name}（${size}）` : `${value.name} (${size})`}`;
  },

  toRaw(q, value, prefix) {
    return { [fieldName(q, prefix)]: isFileAnswer(value) ? JSON.stringify(value) : "", [removeFieldName(q, prefix)]: "" };
  },
};
