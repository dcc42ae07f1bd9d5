// A server load, prerendered: content/ is parsed at build time and never shipped to the browser.
import { arrowCounts, scenarios } from '$lib/content';
import { renderMarkdown } from '$lib/content/markdown';

export function load() {
  return {
    scenarios: scenarios.map((scenario) => ({
      id: scenario.id,
      title: scenario.title,
      summaryHtml: renderMarkdown(scenario.summary),
      choice: scenario.choice.name,
      options: scenario.choice.options.map((o) => o.label),
      lifelines: scenario.lifelines.length,
      arrows: arrowCounts(scenario),
      timer: scenario.mechanics === 'invitation' ? scenario.timer.label : null
    }))
  };
}
