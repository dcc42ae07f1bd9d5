/**
 * Markdown from content/ to HTML for the page.
 * Authors write Markdown, not HTML: raw HTML is shown as text and only ordinary links survive.
 */
import { Marked } from 'marked';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Relative links and http(s)/mailto ones; anything else with a scheme (javascript:) is dropped. */
const isSafeHref = (href: string) =>
  !/^[a-z][a-z\d+.-]*:/i.test(href) || /^(https?|mailto):/i.test(href);

const marked = new Marked({
  async: false,
  renderer: {
    html: ({ text }) => escapeHtml(text),
    link(token) {
      // `false` falls back to marked's own link rendering.
      return isSafeHref(token.href) ? false : this.parser.parseInline(token.tokens);
    }
  }
});

/** Content is a fixed set of strings, so each is parsed once, not on every step that shows it. */
const rendered = new Map<string, string>();
const CACHE_MAX = 1_000;

/** Block Markdown (paragraphs, lists) to HTML. */
export function renderMarkdown(md: string): string {
  let html = rendered.get(md);
  if (html === undefined) {
    html = marked.parse(md, { async: false });
    if (rendered.size >= CACHE_MAX) rendered.clear();
    rendered.set(md, html);
  }
  return html;
}
