// A server load, prerendered: content/ is parsed at build time and never shipped to the browser.
import { scenarios } from '$lib/content';
import { renderMarkdown } from '$lib/content/markdown';

export function load() {
  return {
    scenarios: scenarios.map(({ id, title, summary }) => ({
      id,
      title,
      summaryHtml: renderMarkdown(summary)
    }))
  };
}
