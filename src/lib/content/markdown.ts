/**
 * Markdown from content/ to HTML, at build time (server loads, prerendered).
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

/** Block Markdown (paragraphs, lists) to HTML. */
export function renderMarkdown(md: string): string {
  return marked.parse(md, { async: false });
}

/**
 * Each Markdown text to its HTML, keyed by the text: what a page's server load hands to the
 * `Markdown` component, so the browser never parses Markdown (nor downloads the parser).
 */
export function renderEach(texts: Iterable<string>): Record<string, string> {
  const html: Record<string, string> = {};
  for (const md of texts) html[md] ??= renderMarkdown(md);
  return html;
}
