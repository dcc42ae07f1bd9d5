/**
 * Markdown from content/ to HTML for `{@html}`, and to plain text for exports and screen readers.
 * Authors write Markdown, not HTML: raw HTML is shown as text and only ordinary links survive.
 */
import { Marked, type Token } from 'marked';

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

/** One line of Markdown to HTML without a wrapping <p>, for titles and table cells. */
export function renderInlineMarkdown(md: string): string {
  return marked.parseInline(md, { async: false });
}

function tokensToText(tokens: Token[]): string {
  return tokens
    .map((token): string => {
      switch (token.type) {
        case 'list':
          return (
            (token.items as Token[]).map((item) => `${tokensToText([item])}\n`).join('') + '\n'
          );
        case 'paragraph':
        case 'heading':
          return `${tokensToText(token.tokens ?? [])}\n\n`;
        case 'space':
        case 'br':
        case 'hr':
          return '\n';
        default:
          if ('tokens' in token && token.tokens) return tokensToText(token.tokens);
          return 'text' in token ? String(token.text) : '';
      }
    })
    .join('');
}

/** Markdown to plain text: formatting dropped, paragraphs separated by one blank line. */
export function markdownToText(md: string): string {
  return tokensToText(marked.lexer(md))
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
