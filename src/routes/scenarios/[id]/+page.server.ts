// A server load, prerendered: content/ is parsed at build time and never shipped to the browser.
import { error } from '@sveltejs/kit';
import { getScenario, glossary, protocols, scenarios } from '$lib/content';
import { renderEach } from '$lib/content/markdown';
import type { EntryGenerator, PageServerLoad } from './$types';

export const entries: EntryGenerator = () => scenarios.map(({ id }) => ({ id }));

export const load: PageServerLoad = ({ params }) => {
  const scenario = getScenario(params.id);
  if (!scenario) error(404, `No scenario named ${params.id}`);
  // Every Markdown text the page can show, as HTML: the browser does not parse Markdown.
  const markdown = renderEach([
    scenario.summary,
    scenario.decisionPoint,
    ...Object.values(scenario.narration),
    ...scenario.disagreements.map((d) => d.body),
    ...Object.values(glossary).map((term) => term.meaning)
  ]);
  return { scenario, glossary, protocols, markdown };
};
