/**
 * Information pages and notices: creating one, editing its draft block by block (or reordering
 * by drag and drop), publishing the draft (managers of the department) and unpublishing it,
 * and attaching images. Every change is checked as a whole — only accessible content is saved
 * (pages/blocks.ts) — written to the page's history and audited.
 */
import { createHash } from "node:crypto";
import type { Db } from "../../../core/db/database.ts";
import type { Actor } from "../../../core/http/actor.ts";
import { AppError } from "../../../core/http/errors.ts";
import { t, type Locale, type LocalizedText } from "../../../core/i18n/index.ts";
import { findPublishedTitles } from "../../procedures/index.ts";
import type { Problem } from "../definition/metadata.ts";
import { validatePageContent, type Block, type PageContent } from "../pages/blocks.ts";
import { authorOrNotFound, canAuthor, isUuid, requireReviewer } from "../policy.ts";
import { insertAsset, insertPage, insertPageHistory, listAssets, lockPage, updatePage, type PageRow } from "../queries.ts";
import { auditBuilder, invalid, staleRevision } from "./support.ts";

export const PAGE_SLUG = /^[a-z0-9][a-z0-9-]{0,79}$/;
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

export type PageEdit =
  | { op: "header"; title: LocalizedText; summary?: LocalizedText }
  | { op: "addBlock"; block: Block; index?: number }
  | { op: "updateBlock"; index: number; block: Block }
  | { op: "moveBlock"; index: number; to: number }
  | { op: "removeBlock"; index: number }
  | { op: "reorder"; order: number[] }
  | { op: "replace"; content: PageContent };

export function applyPageEdit(content: PageContent, edit: PageEdit): PageContent {
  const next: PageContent = structuredClone(content);
  const inRange = (i: number) => Number.isInteger(i) && i >= 0 && i < next.blocks.length;
  switch (edit.op) {
    case "header":
      next.title = edit.title;
      if (edit.summary) next.summary = edit.summary;
      else delete next.summary;
      return next;
    case "addBlock": {
      const at = edit.index === undefined ? next.blocks.length : Math.max(0, Math.min(edit.index, next.blocks.length));
      next.blocks.splice(at, 0, edit.block);
      return next;
    }
    case "updateBlock":
      if (!inRange(edit.index)) throw new AppError("not_found", "builder.block_not_found");
      next.blocks[edit.index] = edit.block;
      return next;
    case "moveBlock": {
      if (!inRange(edit.index)) throw new AppError("not_found", "builder.block_not_found");
      const [block] = next.blocks.splice(edit.index, 1);
      next.blocks.splice(Math.max(0, Math.min(edit.to, next.blocks.length)), 0, block!);
      return next;
    }
    case "removeBlock":
      if (!inRange(edit.index)) throw new AppError("not_found", "builder.block_not_found");
      next.blocks.splice(edit.index, 1);
      return next;
    case "reorder": {
      const sorted = [...edit.order].sort((a, b) => a - b);
      if (sorted.length !== next.blocks.length || sorted.some((n, i) => n !== i)) throw staleRevision();
      next.blocks = edit.order.map((i) => content.blocks[i]!);
      return next;
    }
    case "replace":
      return structuredClone(edit.content);
  }
}

async function checkContent(db: Db, pageId: string | null, content: PageContent, locale: Locale) {
  const slugs = [...new Set((Array.isArray(content.blocks) ? content.blocks : []).filter((b) => b?.type === "cta").map((b) => String((b as { procedure: unknown }).procedure)))];
  const [published, assets] = await Promise.all([findPublishedTitles(db, slugs), pageId ? listAssets(db, pageId) : Promise.resolve([])]);
  const publishedSlugs = new Set(published.map((p) => p.slug));
  const assetIds = new Set(assets.map((a) => a.id));
  return validatePageContent(content, { procedurePublished: (slug) => publishedSlugs.has(slug), assetExists: (id) => assetIds.has(id) }, locale);
}

export type CreatePageOptions = { db: Db; actor: Actor; departmentCode: string; slug: string; kind: "notice" | "info"; title: LocalizedText; locale?: Locale };

export async function createPage(options: CreatePageOptions): Promise<{ pageId: string }> {
  const locale = options.locale ?? "ja";
  const { db, actor } = options;
  if (!canAuthor(actor, options.departmentCode)) throw new AppError("forbidden", "builder.other_department");
  const slug = options.slug.trim().toLowerCase();
  const content: PageContent = { title: options.title, blocks: [] };
  const problems = [
    ...(PAGE_SLUG.test(slug) ? [] : [{ path: "$.slug", code: "slug_invalid", message: t(locale, "builder.meta.slug_invalid") }]),
    ...(options.kind === "notice" || options.kind === "info" ? [] : [{ path: "$.kind", code: "kind_unknown", message: t(locale, "builder.pages.kind_unknown") }]),
    ...(await checkContent(db, null, content, locale)),
  ];
  if (problems.length > 0) throw invalid(problems);
  return db.transaction(async (tx) => {
    const pageId = await insertPage(tx, { slug, kind: options.kind, departmentCode: options.departmentCode, draft: content, actorId: actor.id });
    if (!pageId) throw invalid([{ path: "$.slug", code: "slug_taken", message: t(locale, "builder.meta.slug_taken", { slug }) }]);
    await insertPageHistory(tx, { pageId, actorId: actor.id, action: "created", revision: 1, content });
    await auditBuilder(tx, actor, { action: "builder.page_created", objectType: "page", objectId: pageId, departmentCode: options.departmentCode, data: { slug, kind: options.kind } });
    return { pageId };
  });
}

type PageCommandOptions = { db: Db; actor: Actor; pageId: string; revision: number; locale?: Locale };

async function openPage(tx: Db, options: PageCommandOptions): Promise<PageRow> {
  if (!isUuid(options.pageId)) throw new AppError("not_found", "builder.page_not_found");
  const page = authorOrNotFound(options.actor, await lockPage(tx, options.pageId), "builder.page_not_found");
  if (page.revision !== options.revision) throw staleRevision();
  return page;
}

/** Saves an edit of the page's draft; the published page does not change until it is published. */
export async function editPage(options: PageCommandOptions & { edit: PageEdit }): Promise<{ revision: number }> {
  const locale = options.locale ?? "ja";
  return options.db.transaction(async (tx) => {
    const page = await openPage(tx, options);
    const content = applyPageEdit(page.draft, options.edit);
    const problems = await checkContent(tx, page.id, content, locale);
    if (problems.length > 0) throw invalid(problems);
    const revision = await updatePage(tx, page.id, page.revision, { draft: content }, options.actor.id);
    if (revision === null) throw staleRevision();
    await insertPageHistory(tx, { pageId: page.id, actorId: options.actor.id, action: "saved", revision, content });
    await auditBuilder(tx, options.actor, { action: "builder.page_edited", objectType: "page", objectId: page.id, departmentCode: page.departmentCode, data: { op: options.edit.op, revision, blocks: content.blocks.length } });
    return { revision };
  });
}

/** Publishes the draft as it is (checked again), or takes the page off the site. Managers only. */
export async function publishPage(options: PageCommandOptions & { publish: boolean }): Promise<{ revision: number }> {
  const locale = options.locale ?? "ja";
  return options.db.transaction(async (tx) => {
    const page = await openPage(tx, options);
    requireReviewer(options.actor, page.departmentCode);
    if (options.publish) {
      const problems = await checkContent(tx, page.id, page.draft, locale);
      if (problems.length > 0) throw invalid(problems);
    }
    const changes = options.publish
      ? { published: page.draft, publishedAt: new Date(), publishedBy: options.actor.id }
      : { published: null, publishedAt: null, publishedBy: null };
    const revision = await updatePage(tx, page.id, page.revision, changes, options.actor.id);
    if (revision === null) throw staleRevision();
    await insertPageHistory(tx, { pageId: page.id, actorId: options.actor.id, action: options.publish ? "published" : "unpublished", revision, content: page.draft });
    await auditBuilder(tx, options.actor, { action: options.publish ? "builder.page_published" : "builder.page_unpublished", objectType: "page", objectId: page.id, departmentCode: page.departmentCode, data: { revision, slug: page.slug } });
    return { revision };
  });
}

/** PNG or JPEG by magic bytes (never by name or declared type). */
export function imageKind(bytes: Buffer): "png" | "jpeg" | null {
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return "png";
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "jpeg";
  return null;
}

/**
 * Stores an image for a page and adds it as an image block with its alt text, in one step: an
 * image is never on a page without alt text. Refused (nothing stored) when the alt text is
 * missing or meaningless, or the file is not a PNG/JPEG within the size limit.
 */
export async function addImage(options: PageCommandOptions & { filename: string; bytes: Buffer; alt: LocalizedText; caption?: LocalizedText; index?: number }): Promise<{ revision: number; assetId: string }> {
  const locale = options.locale ?? "ja";
  const kind = imageKind(options.bytes);
  const problems: Problem[] = [];
  if (options.bytes.length === 0) problems.push({ path: "$.file", code: "image_missing", message: t(locale, "builder.block.image_missing") });
  else if (!kind) problems.push({ path: "$.file", code: "image_type", message: t(locale, "builder.block.image_type") });
  else if (options.bytes.length > MAX_IMAGE_BYTES) problems.push({ path: "$.file", code: "image_too_big", message: t(locale, "builder.block.image_too_big", { max: "5MB" }) });
  return options.db.transaction(async (tx) => {
    const page = await openPage(tx, options);
    const probe: Block = { type: "image", assetId: "00000000-0000-0000-0000-000000000000", alt: options.alt, ...(options.caption ? { caption: options.caption } : {}) };
    const altProblems = validatePageContent({ title: page.draft.title, blocks: [probe] }, { procedurePublished: () => true, assetExists: () => true }, locale).map((p) => ({
      ...p,
      path: p.path.replace("$.blocks[0]", `$.blocks[${options.index ?? page.draft.blocks.length}]`),
    }));
    const all = [...problems, ...altProblems];
    if (all.length > 0) throw invalid(all);
    const name = options.filename.replace(/[^\p{L}\p{N}._ -]/gu, "_").slice(0, 200) || "image";
    const assetId = await insertAsset(tx, { pageId: page.id, kind: kind!, name, bytes: options.bytes, sha256: createHash("sha256").update(options.bytes).digest("hex"), uploadedBy: options.actor.id });
    const content = applyPageEdit(page.draft, { op: "addBlock", block: { ...probe, assetId }, ...(options.index !== undefined ? { index: options.index } : {}) });
    const contentProblems = await checkContent(tx, page.id, content, locale);
    if (contentProblems.length > 0) throw invalid(contentProblems);
    const revision = await updatePage(tx, page.id, page.revision, { draft: content }, options.actor.id);
    if (revision === null) throw staleRevision();
    await insertPageHistory(tx, { pageId: page.id, actorId: options.actor.id, action: "saved", revision, content });
    await auditBuilder(tx, options.actor, { action: "builder.page_image_added", objectType: "page", objectId: page.id, departmentCode: page.departmentCode, data: { revision, assetId, kind, size: options.bytes.length } });
    return { revision, assetId };
  });
}
