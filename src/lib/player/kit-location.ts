/** A player's URL through SvelteKit's router: the site's pages (see location.ts). */
import { onMount } from 'svelte';
import { afterNavigate, replaceState } from '$app/navigation';
import type { PageLocation } from './location';

export function kitLocation(): PageLocation {
  return {
    onQuery(restore) {
      let restored = false;
      afterNavigate(({ to }) => {
        if (!to) return;
        restored = true;
        restore(to.url.searchParams);
      });
      // A player created once the app is live (a mode switched on in the page) has missed the
      // navigation that loaded it: it reads the URL as it mounts.
      onMount(() => {
        if (!restored && 'hydrated' in document.body.dataset) {
          restored = true;
          restore(window.location.search);
        }
      });
    },
    replaceQuery(query) {
      // A query on the page we are on: nothing to resolve against the base path.
      // eslint-disable-next-line svelte/no-navigation-without-resolve
      replaceState(query, {});
    }
  };
}
