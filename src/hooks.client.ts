import { dev } from '$app/environment';
import { resolve } from '$app/paths';
import type { ClientInit } from '@sveltejs/kit';

/**
 * Registers the service worker (src/service-worker.ts) from the site's pages, but not from an
 * embed: a reader of someone else's documentation should not download the whole site into its
 * cache because a diagram is embedded there. Once registered from the site, the worker serves the
 * embed pages too (they are in its cache). Replaces SvelteKit's own registration, which runs on
 * every page (`kit.serviceWorker.register: false` in svelte.config.js).
 */
export const init: ClientInit = () => {
  const root = resolve('/').replace(/\/$/, '');
  if (!('serviceWorker' in navigator) || location.pathname.startsWith(`${root}/embed/`)) return;
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
