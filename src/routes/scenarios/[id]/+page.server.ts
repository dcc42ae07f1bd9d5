// A server load, prerendered: content/ is parsed at build time and never shipped to the browser.
import { error } from '@sveltejs/kit';
import { getScenario, glossary, protocols, scenarios } from '$lib/content';
import type { EntryGenerator, PageServerLoad } from './$types';

export const entries: EntryGenerator = () => scenarios.map(({ id }) => ({ id }));

export const load: PageServerLoad = ({ params }) => {
  const scenario = getScenario(params.id);
  if (!scenario) error(404, `No scenario named ${params.id}`);
  return { scenario, glossary, protocols };
};
