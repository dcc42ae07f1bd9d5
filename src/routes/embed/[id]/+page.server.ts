// The embed of a scenario: EmbedApp rendered here, at build time, and hydrated in the browser by
// its own small script instead of SvelteKit's router (src/lib/embed/island.ts explains why).
import { render } from 'svelte/server';
import { dev } from '$app/environment';
import { resolve } from '$app/paths';
import { scenarios } from '$lib/content';
import { playerData } from '$lib/content/page-data';
import EmbedApp from '$lib/embed/EmbedApp.svelte';
import { loadIslandFiles } from '$lib/server/island';
import type { EntryGenerator, PageServerLoad } from './$types';

export const entries: EntryGenerator = () => scenarios.map(({ id }) => ({ id }));

export const load: PageServerLoad = ({ params }) => {
  const data = playerData(params.id);
  const props = { data, fullPage: resolve('/(site)/scenarios/[id]', { id: params.id }) };
  return {
    title: data.scenario.title,
    id: data.scenario.id,
    siteUrl: data.siteUrl,
    /** EmbedApp's markup, made by Svelte's own server renderer from the project's content. */
    html: render(EmbedApp, { props }).body,
    /** The same props for the browser to hydrate with (an attribute, escaped by Svelte). */
    props: JSON.stringify(props),
    files: loadIslandFiles(dev)
  };
};
