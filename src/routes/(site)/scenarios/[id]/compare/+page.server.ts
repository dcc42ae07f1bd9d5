// Prerendered like the player: content/ is parsed at build time. The compare view draws no
// Markdown, so it loads the scenario and the protocols' colours, not the player's glossary and
// rendered texts.
import { error } from '@sveltejs/kit';
import { getScenario, protocols, scenarios } from '$lib/content';
import type { EntryGenerator, PageServerLoad } from './$types';

export const entries: EntryGenerator = () => scenarios.map(({ id }) => ({ id }));

export const load: PageServerLoad = ({ params }) => {
  const scenario = getScenario(params.id);
  if (!scenario) error(404, `No scenario named ${params.id}`);
  return { scenario, protocols };
};
