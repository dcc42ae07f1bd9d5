import { dev } from '$app/environment';
import { resolve } from '$app/paths';
import type { ClientInit } from '@sveltejs/kit';

/**
 * Registers the service worker (src/service-worker.ts) from the site's pages. Not from an embed:
 * a reader of someone else's documentation should not download the site's shell into its cache
 * because a diagram is embedded there, and an embed never runs this file (it has no SvelteKit
 * client: src/lib/embed/island.ts). Once registered from the site, the worker serves the embed
 * pages too (and saves those opened). Replaces SvelteKit's own registration, which it would add
 * to every page's inline script (`kit.serviceWorker.register: false` in svelte.config.js).
 */
export const init: ClientInit = () => {
  const root = resolve('/').replace(/\/$/, '');
  if (!('serviceWorker' in navigator)) return;
  // After the page has loaded, as SvelteKit does, so the worker's downloads do not compete with
  // the first paint.
  const register = () =>
    void navigator.serviceWorker
      .register(`${root}/service-worker.js`, { type: dev ? 'module' : 'classic' })
      .catch(() => {
        // No worker (a browser setting, a private window): the site works online as before.
      });
  if (document.readyState === 'complete') register();
  else addEventListener('load', register, { once: true });
};
