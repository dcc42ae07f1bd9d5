// A server load, prerendered: content/ is parsed at build time and never shipped to the browser.
import { arrowCounts, scenarios } from '$lib/content';
import { renderMarkdown } from '$lib/content/markdown';
import { groupScenarios, messageNames } from '$lib/catalog/groups';

export function load() {
  const groups = groupScenarios(scenarios).map((group) => ({
    name: group.name,
    id: group.id,
    items: group.items.map((scenario) => ({
      id: scenario.id,
      title: scenario.title,
      summaryHtml: renderMarkdown(scenario.summary),
      choice: scenario.choice.name,
      options: scenario.choice.options.map((o) => o.label),
      lifelines: scenario.lifelines.length,
      arrows: arrowCounts(scenario),
      timer: scenario.capabilities.timer?.label ?? null,
      // For the filter: a few hundred bytes a model, in the page's data, not its code.
      messages: messageNames(scenario)
    }))
  }));
  return { groups, total: scenarios.length };
}
