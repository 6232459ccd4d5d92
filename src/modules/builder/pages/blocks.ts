/**
 * Information pages and notices as blocks: headings, paragraphs, lists, links, images with alt
 * text and calls to action that lead to a procedure. Only what renders as accessible HTML can be
 * saved: an image without alt text, a heading that skips a level, a link that says only
 * 「こちら」 or points to javascript: are refused with the JSON path of the block.
 */
import { localize, t, type Locale, type LocalizedText } from "../../../core/i18n/index.ts";
import { html, type SafeHtml } from "../../../core/ui/html.ts";
import type { Problem } from "../definition/metadata.ts";
import "../messages.ts";

export type Block =
  | { type: "heading"; level: 2 | 3; text: LocalizedText }
  | { type: "paragraph"; text: LocalizedText }
  | { type: "list"; ordered: boolean; items: LocalizedText[] }
  | { type: "link"; href: string; text: LocalizedText }
  | { type: "image"; assetId: string; alt: LocalizedText; caption?: LocalizedText }
  | { type: "cta"; procedure: string; text: LocalizedText };

export type BlockType = Block["type"];
export const BLOCK_TYPES: readonly BlockType[] = ["heading", "paragraph", "list", "link", "image", "cta"];

export type PageContent = { title: LocalizedText; summary?: LocalizedText; blocks: Block[] };

export type PageContext = {
  /** Whether a procedure slug is published (calls to action only lead to published procedures). */
  procedurePublished: (slug: string) => boolean;
  /** Whether an image belongs to this page. */
  assetExists: (id: string) => boolean;
};

/** Link texts that say nothing out of context (WCAG 2.4.4). */
const VAGUE_LINK_TEXT = new Set(["こちら", "ここ", "こちらをクリック", "ここをクリック", "詳しくはこちら", "click here", "here", "more", "link", "リンク"]);
/** Alt texts that describe nothing. */
const EMPTY_ALT = /^(画像|写真|イメージ|image|photo|picture|img|[\w-]+\.(png|jpe?g|gif|webp))$/i;

function blank(text: LocalizedText | undefined): boolean {
  return typeof text?.ja !== "string" || text.ja.trim() === "";
}

export function validatePageContent(content: PageContent, context: PageContext, locale: Locale = "ja"): Problem[] {
  const problems: Problem[] = [];
  const report = (path: string, code: string, params: Record<string, string | number> = {}) =>
    problems.push({ path, code, message: t(locale, `builder.block.${code}`, params) });
  if (blank(content.title)) report("$.title.ja", "title_missing");
  else if ([...content.title.ja].length > 100) report("$.title.ja", "too_long", { max: 100 });
  if (!Array.isArray(content.blocks)) {
    report("$.blocks", "blocks_invalid");
    return problems;
  }
  if (content.blocks.length > 200) report("$.blocks", "too_many", { max: 200 });
  let lastLevel = 1;
  content.blocks.forEach((block, i) => {
    const path = `$.blocks[${i}]`;
    const text = (value: LocalizedText | undefined, at: string, max = 5000) => {
      if (blank(value)) report(`${at}.ja`, "text_missing");
      else if ([...value!.ja].length > max || [...(value!.en ?? "")].length > max) report(`${at}.ja`, "too_long", { max });
    };
    switch (block?.type) {
      case "heading":
        if (block.level !== 2 && block.level !== 3) report(`${path}.level`, "heading_level");
        else if (block.level > lastLevel + 1) report(`${path}.level`, "heading_order");
        else lastLevel = block.level;
        text(block.text, `${path}.text`, 200);
        break;
      case "paragraph":
        text(block.text, `${path}.text`);
        break;
      case "list":
        if (!Array.isArray(block.items) || block.items.length === 0) report(`${path}.items`, "items_missing");
        else block.items.forEach((item, j) => text(item, `${path}.items[${j}]`, 1000));
        break;
      case "link": {
        text(block.text, `${path}.text`, 200);
        if (!blank(block.text) && VAGUE_LINK_TEXT.has(block.text.ja.trim().toLowerCase())) report(`${path}.text.ja`, "link_text_vague");
        if (!isSafeHref(block.href)) report(`${path}.href`, "href_invalid");
        break;
      }
      case "image":
        if (!context.assetExists(block.assetId)) report(`${path}.assetId`, "image_unknown");
        if (blank(block.alt)) report(`${path}.alt.ja`, "alt_missing");
        else if (EMPTY_ALT.test(block.alt.ja.trim())) report(`${path}.alt.ja`, "alt_meaningless");
        else if ([...block.alt.ja].length > 300) report(`${path}.alt.ja`, "too_long", { max: 300 });
        if (block.caption) text(block.caption, `${path}.caption`, 300);
        break;
      case "cta":
        text(block.text, `${path}.text`, 100);
        if (!context.procedurePublished(block.procedure)) report(`${path}.procedure`, "procedure_unknown", { slug: String(block.procedure) });
        break;
      default:
        report(`${path}.type`, "type_unknown", { type: String((block as { type?: unknown })?.type ?? "") });
    }
  });
  return problems;
}

/** Site paths ("/procedures/…") and http(s) URLs only: never javascript:, data: or protocol-relative. */
export function isSafeHref(href: unknown): href is string {
  if (typeof href !== "string" || href.length > 2000) return false;
  if (href.startsWith("/")) return !href.startsWith("//") && !/[\s\\]/.test(href);
  try {
    const url = new URL(href);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}

export type RenderPageOptions = {
  /** Titles of procedures for calls to action, by slug. */
  procedureTitles: ReadonlyMap<string, LocalizedText>;
  /** The date the page was published, already formatted. */
  published?: string;
};

/** Accessible HTML of a page: one h1 (the title), headings in order, alt on every image. */
export function renderPageContent(content: PageContent, locale: Locale, options: RenderPageOptions): SafeHtml {
  const blocks = content.blocks.map((block) => {
    switch (block.type) {
      case "heading":
        return block.level === 2 ? html`<h2>${localize(block.text, locale)}</h2>` : html`<h3>${localize(block.text, locale)}</h3>`;
      case "paragraph":
        return html`<p>${localize(block.text, locale)}</p>`;
      case "list": {
        const items = block.items.map((item) => html`<li>${localize(item, locale)}</li>`);
        return block.ordered ? html`<ol>${items}</ol>` : html`<ul>${items}</ul>`;
      }
      case "link": {
        const external = !block.href.startsWith("/");
        return html`<p><a href="${block.href}"${external ? html` rel="noopener"` : ""}>${localize(block.text, locale)}</a>${external ? html`<span class="muted">${t(locale, "builder.public.external")}</span>` : ""}</p>`;
      }
      case "image":
        return html`<figure class="info-page__figure"><img src="/pages/images/${block.assetId}" alt="${localize(block.alt, locale)}" loading="lazy">${block.caption ? html`<figcaption>${localize(block.caption, locale)}</figcaption>` : ""}</figure>`;
      case "cta": {
        const title = options.procedureTitles.get(block.procedure);
        return html`<p class="info-page__cta"><a class="button button--start" href="/procedures/${block.procedure}">${localize(block.text, locale)}</a>${title ? html`<br><span class="muted">${localize(title, locale)}</span>` : ""}</p>`;
      }
    }
  });
  return html`<article class="info-page">
<h1>${localize(content.title, locale)}</h1>
${options.published ? html`<p class="muted">${options.published}</p>` : ""}
${content.summary && !blank(content.summary) ? html`<p class="lead">${localize(content.summary, locale)}</p>` : ""}
${blocks}
</article>`;
}
