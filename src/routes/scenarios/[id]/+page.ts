import { error } from '@sveltejs/kit';
import { getScenario, scenarios } from '$lib/content';
import type { EntryGenerator, PageLoad } from './$types';

export const entries: EntryGenerator = () => scenarios.map(({ id }) => ({ id }));

export const load: PageLoad = ({ params }) => {
  const scenario = getScenario(params.id);
  if (!scenario) error(404, `No scenario named ${params.id}`);
  return { scenario };
};
