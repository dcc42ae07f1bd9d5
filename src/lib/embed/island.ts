/**
 * The embed's one script. The embed never navigates (its links open the full site in a new
 * tab), so it does without SvelteKit's client router, 12 kB of every site page's first load:
 * its route (src/routes/embed/[id]) renders EmbedApp on the server with `csr = false`, and this
 * hydrates that markup with the props the route wrote beside it. The build emits this file as
 * an entry of the client build (vite.config.ts), sharing Svelte's and the player's chunks with
 * the site; the route finds it in Vite's manifest (src/lib/server/island.ts).
 */
import { flushSync, hydrate } from 'svelte';
import EmbedApp from './EmbedApp.svelte';
import { ISLAND_ID } from './island-id';

const target = document.getElementById(ISLAND_ID);
if (target?.dataset.props) {
  hydrate(EmbedApp, { target, props: JSON.parse(target.dataset.props) });
  // Mount effects (the URL, the messages) have run: tests and hosts can count on a live embed.
  flushSync();
  document.body.dataset.hydrated = '';
}
