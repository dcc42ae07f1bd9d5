// The embed of a scenario: the player's data, prerendered like the full page's.
import { scenarios } from '$lib/content';
import { playerData } from '$lib/content/page-data';
import type { EntryGenerator, PageServerLoad } from './$types';

export const entries: EntryGenerator = () => scenarios.map(({ id }) => ({ id }));

export const load: PageServerLoad = ({ params }) => playerData(params.id);
