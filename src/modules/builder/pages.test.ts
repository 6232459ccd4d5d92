/**
 * Pages (notices and information pages): the block editor refuses inaccessible content (an image
 * without alt text, a skipped heading level, a vague or unsafe link) at the block's JSON path,
 * saving nothing; managers publish; the resident site renders accessible HTML; history is kept.
 * (axe runs on the rendered pages in test/e2e/builder.)
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { queryRows } from "../../core/db/database.ts";
import { isAppError } from "../../core/http/errors.ts";
import { multipartBody, SAMPLE } from "../procedures/testing.ts";
import { addImage, createPage, editPage, publishPage } from "./commands/edit-page.ts";
import { problemsOf } from "./commands/support.ts";
import { findPage, listPageHistory } from "./queries.ts";
import { createBuilderTestApp, FEE_FORM, newProcedure, WARD, type BuilderTestApp } from "./testing.ts";
import { editDefinition } from "./commands/edit-definition.ts";
import { approvePublication, submitForReview } from "./commands/review-procedure.ts";
import { findDraft } from "./queries.ts";

let t: BuilderTestApp;
before(async () => {
  t = await createBuilderTestApp();
});
after(async () => {
  await t?.app.stop();
});

async function revisionOf(pageId: string): Promise<number> {
  return (await findPage(t.app.deps.db, pageId))!.revision;
}

async function assetCount(): Promise<number> {
  const [row] = await queryRows<{ n: number }>(t.app.deps.db, sql`SELECT count(*)::int AS n FROM builder_assets`);
  return row!.n;
}

test("the block editor saves only accessible content; an image without alt text is refused and nothing is stored", async () => {
  const { db } = t.app.deps;
  const actor = t.author.actor;
  const { pageId } = await createPage({ db, actor, departmentCode: WARD, slug: "closures", kind: "notice", title: { ja: "窓口の休止のお知らせ" } });
  const edit = async (e: Parameters<typeof editPage>[0]["edit"]) => editPage({ db, actor, pageId, revision: await revisionOf(pageId), edit: e });

  const skipped = await edit({ op: "addBlock", block: { type: "heading", level: 3, text: { ja: "小見出し" } } }).catch((e: unknown) => e);
  assert.deepEqual(problemsOf(skipped)?.map((p) => `${p.path} ${p.code}`), ["$.blocks[0].level heading_order"]);
  await edit({ op: "addBlock", block: { type: "heading", level: 2, text: { ja: "休止する日" } } });
  await edit({ op: "addBlock", block: { type: "paragraph", text: { ja: "3月1日は、システムの点検のため窓口を休止します。" } } });
  await edit({ op: "addBlock", block: { type: "list", ordered: false, items: [{ ja: "住民票の写し" }, { ja: "印鑑登録証明書" }] } });
  const vague = await edit({ op: "addBlock", block: { type: "link", href: "/procedures", text: { ja: "こちら" } } }).catch((e: unknown) => e);
  assert.deepEqual(problemsOf(vague)?.map((p) => `${p.path} ${p.code}`), ["$.blocks[3].text.ja link_text_vague"]);
  const unsafe = await edit({ op: "addBlock", block: { type: "link", href: "javascript:alert(1)", text: { ja: "手続きの一覧" } } }).catch((e: unknown) => e);
  assert.deepEqual(problemsOf(unsafe)?.map((p) => `${p.path} ${p.code}`), ["$.blocks[3].href href_invalid"]);
  await edit({ op: "addBlock", block: { type: "link", href: "/procedures", text: { ja: "オンラインでできる手続きの一覧" } } });

  // An image block naming an image without alt text, and an upload without alt text: refused.
  const before = await findPage(db, pageId);
  const assets = await assetCount();
  const noAlt = await addImage({ db, actor, pageId, revision: before!.revision, filename: "map.png", bytes: SAMPLE.png, alt: { ja: "" } }).catch((e: unknown) => e);
  assert.deepEqual(problemsOf(noAlt)?.map((p) => `${p.path} ${p.code}`), ["$.blocks[4].alt.ja alt_missing"]);
  assert.equal(problemsOf(noAlt)![0]!.message, "画像の代替テキストを入力してください（画像の内容と伝えたいことを書きます）");
  const fileName = await addImage({ db, actor, pageId, revision: before!.revision, filename: "map.png", bytes: SAMPLE.png, alt: { ja: "map.png" } }).catch((e: unknown) => e);
  assert.deepEqual(problemsOf(fileName)?.map((p) => p.code), ["alt_meaningless"]);
  const notImage = await addImage({ db, actor, pageId, revision: before!.revision, filename: "map.pdf", bytes: SAMPLE.pdf, alt: { ja: "区役所1階の案内図" } }).catch((e: unknown) => e);
  assert.deepEqual(problemsOf(notImage)?.map((p) => `${p.path} ${p.code}`), ["$.file image_type"]);
  assert.equal(await assetCount(), assets, "no image stored");
  assert.deepEqual((await findPage(db, pageId))!.draft, before!.draft, "draft unchanged");

  // Through the screen, as a browser sends it (multipart): the same refusal, with the message.
  const author = await t.author.browser();
  const editor = await author.get(`/staff/builder/pages/${pageId}?type=image`);
  const action = /<form method="post" action="([^"]*\/images\?_csrf=[^"]+)"/.exec(editor.body)![1]!.replace(/&amp;/g, "&");
  const { payload, contentType } = multipartBody({ revision: String(before!.revision), alt_ja: "" }, [{ name: "file", filename: "map.png", contentType: "image/png", bytes: SAMPLE.png }]);
  const form = await author.request({ method: "POST", url: action, payload, headers: { "content-type": contentType } });
  assert.equal(form.statusCode, 422);
  assert.match(form.body, /画像の代替テキストを入力してください/);
  assert.equal(await assetCount(), assets);

  const added = await addImage({ db, actor, pageId, revision: before!.revision, filename: "map.png", bytes: SAMPLE.png, alt: { ja: "区役所1階の案内図。住民票は3番窓口" } });
  const draft = (await findPage(db, pageId))!.draft;
  assert.deepEqual(draft.blocks.map((b) => b.type), ["heading", "paragraph", "list", "link", "image"]);
  const image = draft.blocks[4];
  assert.equal(image?.type === "image" ? image.assetId : null, added.assetId);

  // Clearing the alt text of an existing image is refused too.
  const cleared = await edit({ op: "updateBlock", index: 4, block: { type: "image", assetId: added.assetId, alt: { ja: " " } } }).catch((e: unknown) => e);
  assert.deepEqual(problemsOf(cleared)?.map((p) => `${p.path} ${p.code}`), ["$.blocks[4].alt.ja alt_missing"]);
});

test("managers publish; residents see accessible HTML, the notice on the home page; history kept", async () => {
  const { db } = t.app.deps;
  // A procedure to lead to.
  const procedureId = await newProcedure(t);
  const revision = async () => (await findDraft(db, procedureId))!.revision;
  await editDefinition({ db, actor: t.author.actor, procedureId, revision: await revision(), edit: { op: "replace", definition: FEE_FORM } });
  await submitForReview({ db, actor: t.author.actor, procedureId, revision: await revision() });
  await approvePublication({ db, actor: t.reviewer.actor, procedureId, revision: await revision(), publishAt: null });
  const slug = (await findDraft(db, procedureId))!.slug;

  const { pageId } = await createPage({ db, actor: t.author.actor, departmentCode: WARD, slug: "dog-day", kind: "notice", title: { ja: "犬の登録の日", en: "Dog registration day" } });
  const edit = async (e: Parameters<typeof editPage>[0]["edit"]) => editPage({ db, actor: t.author.actor, pageId, revision: await revisionOf(pageId), edit: e });
  const unpublishedCta = await edit({ op: "addBlock", block: { type: "cta", procedure: "not-published", text: { ja: "申請する" } } }).catch((e: unknown) => e);
  assert.deepEqual(problemsOf(unpublishedCta)?.map((p) => `${p.path} ${p.code}`), ["$.blocks[0].procedure procedure_unknown"]);
  await edit({ op: "header", title: { ja: "犬の登録の日", en: "Dog registration day" }, summary: { ja: "4月は犬の登録の月です。" } });
  await edit({ op: "addBlock", block: { type: "paragraph", text: { ja: "オンラインで登録できます。" } } });
  await edit({ op: "addBlock", block: { type: "cta", procedure: slug, text: { ja: "犬の登録をオンラインで申請する" } } });
  const { assetId } = await addImage({ db, actor: t.author.actor, pageId, revision: await revisionOf(pageId), filename: "dog.jpg", bytes: SAMPLE.jpeg, alt: { ja: "登録済みの犬に付ける鑑札の見本" }, index: 1 });

  // Not published yet: nobody sees it, nor its image.
  assert.equal((await t.app.http.inject({ url: "/pages/dog-day" })).statusCode, 404);
  assert.equal((await t.app.http.inject({ url: `/pages/images/${assetId}` })).statusCode, 404);
  const author = await t.author.browser();
  assert.equal((await author.get(`/pages/images/${assetId}`)).statusCode, 200, "staff of the department preview it");
  const preview = await author.get(`/staff/builder/pages/${pageId}/preview`);
  assert.match(preview.body, /プレビュー（職員向け）/);

  const byAuthor = await publishPage({ db, actor: t.author.actor, pageId, revision: await revisionOf(pageId), publish: true }).catch((e: unknown) => e);
  assert.ok(isAppError(byAuthor) && byAuthor.code === "forbidden");
  const byOther = await publishPage({ db, actor: t.otherReviewer.actor, pageId, revision: await revisionOf(pageId), publish: true }).catch((e: unknown) => e);
  assert.ok(isAppError(byOther) && byOther.code === "not_found");
  await publishPage({ db, actor: t.reviewer.actor, pageId, revision: await revisionOf(pageId), publish: true });

  const page = await t.app.http.inject({ url: "/pages/dog-day" });
  assert.equal(page.statusCode, 200);
  assert.equal((page.body.match(/<h1[ >]/g) ?? []).length, 1, "one h1: the title");
  assert.match(page.body, /<h1>犬の登録の日<\/h1>/);
  assert.match(page.body, new RegExp(`<img src="/pages/images/${assetId}" alt="登録済みの犬に付ける鑑札の見本" loading="lazy">`));
  assert.match(page.body, new RegExp(`<a class="button button--start" href="/procedures/${slug}">犬の登録をオンラインで申請する</a>`));
  assert.equal((await t.app.http.inject({ url: `/pages/images/${assetId}` })).headers["content-type"], "image/jpeg");
  const english = await t.app.http.inject({ url: "/pages/dog-day?lang=en" });
  assert.match(english.body, /<h1>Dog registration day<\/h1>/);

  const home = await t.app.http.inject({ url: "/" });
  assert.match(home.body, /<a href="\/pages\/dog-day">犬の登録の日<\/a>/);
  const notices = await t.app.http.inject({ url: "/notices" });
  assert.match(notices.body, /犬の登録の日/);

  // Later edits stay in the draft until published again; unpublishing takes it off the site.
  await edit({ op: "removeBlock", index: 0 });
  assert.match((await t.app.http.inject({ url: "/pages/dog-day" })).body, /オンラインで登録できます。/);
  await publishPage({ db, actor: t.reviewer.actor, pageId, revision: await revisionOf(pageId), publish: false });
  assert.equal((await t.app.http.inject({ url: "/pages/dog-day" })).statusCode, 404);
  assert.doesNotMatch((await t.app.http.inject({ url: "/" })).body, /dog-day/);

  const history = await listPageHistory(db, pageId);
  assert.deepEqual(history.map((h) => h.action).reverse(), ["created", "saved", "saved", "saved", "saved", "published", "saved", "unpublished"]);
  const audited = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM audit_log WHERE object_type = 'page' AND object_id = ${pageId}`);
  assert.equal(audited[0]!.n, 8);
});
