/**
 * HTTP of the page editor (staff) and of the pages on the resident site.
 *
 * Staff   GET  /staff/builder/pages                       list + create form   POST same
 *         GET  /staff/builder/pages/:id (?type=)          editor               POST …/header
 *         POST /staff/builder/pages/:id/blocks            add a block          POST …/images (multipart: image + alt)
 *         GET  /staff/builder/pages/:id/blocks/:index     edit a block         POST same
 *         POST /staff/builder/pages/:id/blocks/:index/move | /delete          POST …/reorder (drag and drop)
 *         GET  /staff/builder/pages/:id/preview            the draft as residents would see it
 *         POST /staff/builder/pages/:id/publish | /unpublish                   GET …/history
 * Public  GET  /pages/:slug, /pages/images/:id, /notices
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AppDeps } from "../../../core/app-deps.ts";
import type { Actor } from "../../../core/http/actor.ts";
import { AppError, isAppError } from "../../../core/http/errors.ts";
import type { LocalizedText } from "../../../core/i18n/index.ts";
import { listDepartments, requireStaff, staffNames } from "../../identity/index.ts";
import { findPublishedTitles } from "../../procedures/index.ts";
import { addImage, createPage, editPage, publishPage, type PageEdit } from "../commands/edit-page.ts";
import { problemsOf } from "../commands/support.ts";
import type { Problem } from "../definition/metadata.ts";
import type { FormValues } from "../definition/forms.ts";
import type { Block, BlockType, PageContent } from "../pages/blocks.ts";
import { authorDepartments, authorOrNotFound, canReview, isUuid } from "../policy.ts";
import { findAsset, findPage, publishedProceduresOf, findPublishedPage, latestNotices, listAssets, listPageHistory, listPages, type PageRow } from "../queries.ts";
import { blockFieldOf, blockFormValues, bodyOf, isBlockType, parseBlockForm, parseRevision, text } from "../schema.ts";
import { sendPage, type FieldErrorView } from "../views/common.ts";
import { blockEditorPage, noticesPage, pageEditorPage, pageHistoryPage, pagesListPage, publicPage } from "../views/pages.ts";
import { guarded } from "./procedures.ts";

type Outcome = { ok: true } | { ok: false; problems: Problem[] } | { ok: false; conflict: true };

async function attempt(fn: () => Promise<unknown>): Promise<Outcome> {
  try {
    await fn();
    return { ok: true };
  } catch (error) {
    const problems = problemsOf(error);
    if (problems) return { ok: false, problems };
    if (isAppError(error) && error.code === "conflict") return { ok: false, conflict: true };
    throw error;
  }
}

/** Procedures a call to action may lead to: published ones of the page's department. */
async function ctaProcedures(deps: AppDeps, departmentCode: string): Promise<Array<{ slug: string; title: LocalizedText }>> {
  return publishedProceduresOf(deps.db, departmentCode);
}

export function registerPageRoutes(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.db;

  async function departmentsOf(staff: Actor) {
    const codes = authorDepartments(staff);
    return (await listDepartments(db)).filter((d) => codes.includes(d.code)).map((d) => ({ code: d.code, name: { ja: d.nameJa, en: d.nameEn } }));
  }

  async function load(request: FastifyRequest): Promise<{ staff: Actor; page: PageRow }> {
    const staff = requireStaff(request);
    const { id } = request.params as { id: string };
    if (!isUuid(id)) throw new AppError("not_found", "builder.page_not_found");
    return { staff, page: authorOrNotFound(staff, await findPage(db, id), "builder.page_not_found") };
  }

  // ── List and create ────────────────────────────────────────────────────────────────────

  async function renderList(reply: FastifyReply, staff: Actor, values: FormValues, errors: FieldErrorView[], status: number) {
    const [pages, departments] = await Promise.all([listPages(db, authorDepartments(staff)), departmentsOf(staff)]);
    return sendPage(reply, (ctx) => pagesListPage(ctx, { pages, departments, values, errors }), status);
  }

  app.get("/staff/builder/pages", guarded, async (request, reply) => renderList(reply, requireStaff(request), {}, [], 200));

  app.post("/staff/builder/pages", guarded, async (request, reply) => {
    const staff = requireStaff(request);
    const body = bodyOf(request.body);
    const values: FormValues = { department: text(body, "department"), kind: text(body, "kind"), title_ja: text(body, "title_ja"), title_en: text(body, "title_en"), slug: text(body, "slug") };
    const departmentCode = text(body, "department");
    if (!authorDepartments(staff).includes(departmentCode)) throw new AppError("forbidden", "builder.other_department");
    const kind = text(body, "kind") === "info" ? "info" : "notice";
    const en = text(body, "title_en").trim();
    try {
      const { pageId } = await createPage({ db, actor: staff, departmentCode, slug: text(body, "slug"), kind, title: en ? { ja: text(body, "title_ja").trim(), en } : { ja: text(body, "title_ja").trim() }, locale: request.locale });
      return reply.redirect(`/staff/builder/pages/${pageId}?done=created`, 303);
    } catch (error) {
      const problems = problemsOf(error);
      if (!problems) throw error;
      const field = (path: string) => (path === "$.slug" ? "slug" : path.startsWith("$.title") ? "title_ja" : "kind");
      return renderList(reply, staff, values, problems.map((p) => ({ field: field(p.path), message: p.message })), 422);
    }
  });

  // ── Editor ─────────────────────────────────────────────────────────────────────────────

  async function renderEditor(reply: FastifyReply, staff: Actor, page: PageRow, state: { addType?: BlockType; values?: FormValues; errors?: FieldErrorView[]; problems?: Problem[]; done?: string; conflict?: boolean }, status: number) {
    const [assets, procedures] = await Promise.all([listAssets(db, page.id), ctaProcedures(deps, page.departmentCode)]);
    return sendPage(
      reply,
      (ctx) =>
        pageEditorPage(ctx, {
          page,
          canPublish: canReview(staff, page.departmentCode),
          assets,
          procedures,
          addType: state.addType ?? "paragraph",
          values: state.values ?? {},
          errors: state.errors ?? [],
          problems: state.problems ?? [],
          ...(state.done ? { done: state.done } : {}),
          ...(state.conflict ? { conflict: true } : {}),
        }),
      status,
    );
  }

  app.get("/staff/builder/pages/:id", guarded, async (request, reply) => {
    const { staff, page } = await load(request);
    const query = bodyOf(request.query);
    const typeText = text(query, "type");
    const done = text(query, "done");
    return renderEditor(reply, staff, page, { addType: isBlockType(typeText) ? typeText : "paragraph", ...(done ? { done } : {}) }, 200);
  });

  /** Runs a page edit; 303 back on success, else the editor with the problems (on the add form's fields when `form`). */
  async function runEdit(request: FastifyRequest, reply: FastifyReply, staff: Actor, page: PageRow, edit: PageEdit, done: string, form?: { type: BlockType; values: FormValues; prefix: string }) {
    const body = bodyOf(request.body);
    const revision = parseRevision(body);
    const outcome: Outcome = revision === null ? { ok: false, conflict: true } : await attempt(() => editPage({ db, actor: staff, pageId: page.id, revision, edit, locale: request.locale }));
    if (outcome.ok) return reply.redirect(`/staff/builder/pages/${page.id}?done=${done}${form && form.prefix === "add-" ? `&type=${form.type}` : ""}#blocks`, 303);
    const latest = (await findPage(db, page.id)) ?? page;
    if ("conflict" in outcome) return renderEditor(reply, staff, latest, { conflict: true, ...(form ? { addType: form.type, values: form.values } : {}) }, 409);
    const onForm = form ? outcome.problems.filter((p) => blockFieldOf(p.path) || p.path.startsWith("$.title")) : [];
    const errors = onForm.map((p) => ({ field: p.path.startsWith("$.title") ? "h-title_ja" : blockFieldOf(p.path), message: `${p.message}（${p.path}）` }));
    const problems = outcome.problems.filter((p) => !onForm.includes(p));
    return renderEditor(reply, staff, page, { ...(form ? { addType: form.type, values: form.values } : {}), errors, problems }, 422);
  }

  app.post("/staff/builder/pages/:id/header", guarded, async (request, reply) => {
    const { staff, page } = await load(request);
    const body = bodyOf(request.body);
    const en = text(body, "title_en").trim();
    const summary = text(body, "summary_ja").trim();
    const title = en ? { ja: text(body, "title_ja").trim(), en } : { ja: text(body, "title_ja").trim() };
    const revision = parseRevision(body);
    const outcome: Outcome = revision === null ? { ok: false, conflict: true } : await attempt(() => editPage({ db, actor: staff, pageId: page.id, revision, edit: { op: "header", title, ...(summary ? { summary: { ja: summary } } : {}) }, locale: request.locale }));
    if (outcome.ok) return reply.redirect(`/staff/builder/pages/${page.id}?done=saved`, 303);
    if ("conflict" in outcome) return renderEditor(reply, staff, (await findPage(db, page.id)) ?? page, { conflict: true }, 409);
    const values = { "h-title_ja": title.ja, "h-title_en": en, "h-summary_ja": summary };
    return renderEditor(reply, staff, page, { values, errors: outcome.problems.map((p) => ({ field: "h-title_ja", message: `${p.message}（${p.path}）` })) }, 422);
  });

  app.post("/staff/builder/pages/:id/blocks", guarded, async (request, reply) => {
    const { staff, page } = await load(request);
    const body = bodyOf(request.body);
    const typeText = text(body, "type");
    if (!isBlockType(typeText) || typeText === "image") throw new AppError("invalid_input", "builder.block_type");
    const block = parseBlockForm(body, typeText);
    return runEdit(request, reply, staff, page, { op: "addBlock", block }, "saved", { type: typeText, values: blockFormValues(block), prefix: "add-" });
  });

  // An image comes with its alt text in one multipart form (CSRF token in the action's query).
  app.post("/staff/builder/pages/:id/images", guarded, async (request, reply) => {
    const { staff, page } = await load(request);
    const fields: Record<string, string> = {};
    let file: { filename: string; bytes: Buffer } | null = null;
    if (request.isMultipart()) {
      for await (const part of request.parts({ limits: { files: 1, fileSize: 5 * 1024 * 1024 + 1, fields: 50 } })) {
        if (part.type === "file") {
          const bytes = await part.toBuffer();
          if (bytes.length > 0 || part.filename) file = { filename: part.filename, bytes };
        } else fields[part.fieldname] = String(part.value ?? "");
      }
    } else Object.assign(fields, bodyOf(request.body));
    const values: FormValues = { alt_ja: fields.alt_ja ?? "", alt_en: fields.alt_en ?? "", caption_ja: fields.caption_ja ?? "" };
    const revision = parseRevision(fields);
    const en = (fields.alt_en ?? "").trim();
    const caption = (fields.caption_ja ?? "").trim();
    const outcome: Outcome =
      revision === null
        ? { ok: false, conflict: true }
        : await attempt(() =>
            addImage({
              db,
              actor: staff,
              pageId: page.id,
              revision,
              filename: file?.filename ?? "",
              bytes: file?.bytes ?? Buffer.alloc(0),
              alt: en ? { ja: (fields.alt_ja ?? "").trim(), en } : { ja: (fields.alt_ja ?? "").trim() },
              ...(caption ? { caption: { ja: caption } } : {}),
              locale: request.locale,
            }),
          );
    if (outcome.ok) return reply.redirect(`/staff/builder/pages/${page.id}?done=image_added#blocks`, 303);
    if ("conflict" in outcome) return renderEditor(reply, staff, (await findPage(db, page.id)) ?? page, { conflict: true, addType: "image", values }, 409);
    const errors = outcome.problems.map((p) => ({ field: blockFieldOf(p.path) || "file", message: `${p.message}（${p.path}）` }));
    return renderEditor(reply, staff, page, { addType: "image", values, errors }, 422);
  });

  function blockAt(page: PageRow, request: FastifyRequest): { index: number; block: Block } {
    const index = Number((request.params as { index: string }).index);
    const block = Number.isInteger(index) ? page.draft.blocks[index] : undefined;
    if (!block) throw new AppError("not_found", "builder.block_not_found");
    return { index, block };
  }

  app.get("/staff/builder/pages/:id/blocks/:index", guarded, async (request, reply) => {
    const { page } = await load(request);
    const { index, block } = blockAt(page, request);
    const procedures = await ctaProcedures(deps, page.departmentCode);
    return sendPage(reply, (ctx) => blockEditorPage(ctx, { page, index, type: block.type, values: blockFormValues(block), errors: [], problems: [], procedures }));
  });

  app.post("/staff/builder/pages/:id/blocks/:index", guarded, async (request, reply) => {
    const { staff, page } = await load(request);
    const { index, block: existing } = blockAt(page, request);
    const body = bodyOf(request.body);
    const block = parseBlockForm({ ...body, ...(existing.type === "image" ? { asset: existing.assetId } : {}) }, existing.type);
    const revision = parseRevision(body);
    const outcome: Outcome = revision === null ? { ok: false, conflict: true } : await attempt(() => editPage({ db, actor: staff, pageId: page.id, revision, edit: { op: "updateBlock", index, block }, locale: request.locale }));
    if (outcome.ok) return reply.redirect(`/staff/builder/pages/${page.id}?done=saved#blocks`, 303);
    const procedures = await ctaProcedures(deps, page.departmentCode);
    const latest = (await findPage(db, page.id)) ?? page;
    if ("conflict" in outcome) return sendPage(reply, (ctx) => blockEditorPage(ctx, { page: latest, index, type: existing.type, values: blockFormValues(block), errors: [], problems: [], procedures, conflict: true }), 409);
    const errors = outcome.problems.filter((p) => p.path.startsWith(`$.blocks[${index}]`)).map((p) => ({ field: blockFieldOf(p.path), message: `${p.message}（${p.path}）` }));
    const problems = outcome.problems.filter((p) => !p.path.startsWith(`$.blocks[${index}]`));
    return sendPage(reply, (ctx) => blockEditorPage(ctx, { page, index, type: existing.type, values: blockFormValues(block), errors, problems, procedures }), 422);
  });

  app.post("/staff/builder/pages/:id/blocks/:index/move", guarded, async (request, reply) => {
    const { staff, page } = await load(request);
    const { index } = blockAt(page, request);
    const to = text(bodyOf(request.body), "direction") === "up" ? index - 1 : index + 1;
    return runEdit(request, reply, staff, page, { op: "moveBlock", index, to: Math.max(0, to) }, "saved");
  });

  app.post("/staff/builder/pages/:id/blocks/:index/delete", guarded, async (request, reply) => {
    const { staff, page } = await load(request);
    const { index } = blockAt(page, request);
    return runEdit(request, reply, staff, page, { op: "removeBlock", index }, "saved");
  });

  app.post("/staff/builder/pages/:id/reorder", guarded, async (request, reply) => {
    const { staff, page } = await load(request);
    let order: number[];
    try {
      const parsed: unknown = JSON.parse(text(bodyOf(request.body), "order"));
      if (!Array.isArray(parsed)) throw new Error("not a list");
      order = parsed.map(Number);
    } catch {
      throw new AppError("invalid_input", "builder.order_unreadable");
    }
    return runEdit(request, reply, staff, page, { op: "reorder", order }, "saved");
  });

  app.post("/staff/builder/pages/:id/publish", guarded, async (request, reply) => publishOrNot(request, reply, true));
  app.post("/staff/builder/pages/:id/unpublish", guarded, async (request, reply) => publishOrNot(request, reply, false));

  async function publishOrNot(request: FastifyRequest, reply: FastifyReply, publish: boolean) {
    const { staff, page } = await load(request);
    const revision = parseRevision(bodyOf(request.body));
    const outcome: Outcome = revision === null ? { ok: false, conflict: true } : await attempt(() => publishPage({ db, actor: staff, pageId: page.id, revision, publish, locale: request.locale }));
    if (outcome.ok) return reply.redirect(`/staff/builder/pages/${page.id}?done=${publish ? "published" : "unpublished"}`, 303);
    const latest = (await findPage(db, page.id)) ?? page;
    if ("conflict" in outcome) return renderEditor(reply, staff, latest, { conflict: true }, 409);
    return renderEditor(reply, staff, latest, { problems: outcome.problems }, 422);
  }

  app.get("/staff/builder/pages/:id/history", guarded, async (request, reply) => {
    const { page } = await load(request);
    const history = await listPageHistory(db, page.id);
    const names = await staffNames(db, [...new Set(history.map((h) => h.actorId).filter((id): id is string => Boolean(id)))]);
    return sendPage(reply, (ctx) => pageHistoryPage(ctx, { page, history, names }));
  });

  app.get("/staff/builder/pages/:id/preview", guarded, async (request, reply) => {
    const { page } = await load(request);
    const procedureTitles = await titlesFor(page.draft);
    return sendPage(reply, (ctx) => publicPage(ctx, { content: page.draft, procedureTitles, previewOf: `/staff/builder/pages/${page.id}` }));
  });

  async function titlesFor(content: PageContent): Promise<Map<string, LocalizedText>> {
    const slugs = content.blocks.filter((block) => block.type === "cta").map((block) => (block as { procedure: string }).procedure);
    return new Map((await findPublishedTitles(db, slugs)).map((p) => [p.slug, p.title]));
  }

  // ── Public ─────────────────────────────────────────────────────────────────────────────

  app.get("/pages/:slug", { schema: { hide: true } }, async (request, reply) => {
    const { slug } = request.params as { slug: string };
    const page = /^[a-z0-9][a-z0-9-]{0,79}$/.test(slug) ? await findPublishedPage(db, slug) : null;
    if (!page) throw new AppError("not_found", "builder.page_not_found");
    const procedureTitles = await titlesFor(page.content);
    return sendPage(reply, (ctx) => publicPage(ctx, { content: page.content, published: page.publishedAt, procedureTitles }));
  });

  app.get("/pages/images/:id", { schema: { hide: true } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const asset = isUuid(id) ? await findAsset(db, id) : null;
    // Only images of published pages are public.
    const page = asset ? await findPage(db, asset.pageId) : null;
    const visible = page && (page.published?.blocks.some((b) => b.type === "image" && b.assetId === id) ?? false);
    const staffMayPreview = page && request.actor?.kind === "staff" && authorDepartments(request.actor).includes(page.departmentCode);
    if (!asset || !(visible || staffMayPreview)) throw new AppError("not_found", "builder.image_not_found");
    return reply
      .header("content-type", asset.kind === "png" ? "image/png" : "image/jpeg")
      .header("x-content-type-options", "nosniff")
      .header("cache-control", visible ? "public, max-age=3600" : "private, no-store")
      .send(asset.bytes);
  });

  app.get("/notices", { schema: { hide: true } }, async (_request, reply) => {
    const notices = await latestNotices(db, 50);
    return sendPage(reply, (ctx) => noticesPage(ctx, notices));
  });
}
