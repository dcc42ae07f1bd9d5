// A server load, prerendered: content/ is parsed at build time and never shipped to the browser.
import { scenarios } from '$lib/content';
import { playerData } from '$lib/content/page-data';
import type { EntryGenerator, PageServerLoad } from './$types';

export const entries: EntryGenerator = () => scenarios.map(({ id }) => ({ id }));

export const load: PageServerLoad = ({ params }) => playerData(params.id);
