import { test } from "node:test";
import assert from "node:assert/strict";
import { isSafeHref, renderPageContent, validatePageContent, type PageContent } from "./blocks.ts";

const context = { procedurePublished: (slug: string) => slug === "residence-certificate", assetExists: (id: string) => id === "a1" };

test("links: site paths and http(s) only", () => {
  for (const ok of ["/procedures", "/procedures/residence-certificate?x=1", "https://www.city.osaka.lg.jp/", "http://example.jp"]) assert.equal(isSafeHref(ok), true, ok);
  for (const bad of ["javascript:alert(1)", "//evil.example", "data:text/html,x", "ftp://x", "/a b", "", "/\\evil"]) assert.equal(isSafeHref(bad), false, bad);
});

test("every inaccessible block is refused at its path, all at once", () => {
  const content = {
    title: { ja: "" },
    blocks: [
      { type: "heading", level: 3, text: { ja: "いきなり小見出し" } },
      { type: "image", assetId: "a1", alt: { ja: "写真" } },
      { type: "image", assetId: "zz", alt: { ja: "区役所の外観" } },
      { type: "link", href: "/procedures", text: { ja: "Click here" } },
      { type: "list", ordered: false, items: [] },
      { type: "cta", procedure: "unknown", text: { ja: "申請" } },
      { type: "video", src: "x" },
    ],
  } as unknown as PageContent;
  assert.deepEqual(validatePageContent(content, context).map((p) => `${p.path} ${p.code}`), [
    "$.title.ja title_missing",
    "$.blocks[0].level heading_order",
    "$.blocks[1].alt.ja alt_meaningless",
    "$.blocks[2].assetId image_unknown",
    "$.blocks[3].text.ja link_text_vague",
    "$.blocks[4].items items_missing",
    "$.blocks[5].procedure procedure_unknown",
    "$.blocks[6].type type_unknown",
  ]);
});

test("rendering: one h1, headings in order, alt on images, escaped text, external links marked", () => {
  const content: PageContent = {
    title: { ja: "お知らせ<script>", en: "Notice" },
    blocks: [
      { type: "heading", level: 2, text: { ja: "日程" } },
      { type: "paragraph", text: { ja: "a < b & c" } },
      { type: "image", assetId: "a1", alt: { ja: "窓口の地図" } },
      { type: "link", href: "https://www.city.osaka.lg.jp/", text: { ja: "大阪市のホームページ" } },
      { type: "cta", procedure: "residence-certificate", text: { ja: "住民票の写しを請求する" } },
    ],
  };
  assert.deepEqual(validatePageContent(content, context), []);
  const out = renderPageContent(content, "ja", { procedureTitles: new Map([["residence-certificate", { ja: "住民票の写し交付請求" }]]) }).value;
  assert.equal((out.match(/<h1>/g) ?? []).length, 1);
  assert.match(out, /<h1>お知らせ&lt;script&gt;<\/h1>/);
  assert.match(out, /<p>a &lt; b &amp; c<\/p>/);
  assert.match(out, /<img src="\/pages\/images\/a1" alt="窓口の地図" loading="lazy">/);
  assert.match(out, /rel="noopener">大阪市のホームページ<\/a><span class="muted">（外部サイト）<\/span>/);
  assert.match(out, /<a class="button button--start" href="\/procedures\/residence-certificate">住民票の写しを請求する<\/a>/);
});
