/**
 * Tells the service worker (src/service-worker.ts) that the reader has opened a page, so it saves
 * it for offline use, with the scripts and styles the page has loaded. A link followed in the app
 * loads the page's data and scripts through the worker but not the HTML that a reload offline
 * needs; and on a first visit, everything loaded before the worker ran (SvelteKit's error page's
 * script, which each page loads at start and no HTML names; a view opened early) went past it.
 * Waits for a worker to be active, so a page opened while the first one installs is saved too;
 * nothing happens without one.
 */
export function keepForOffline(pathname: string): void {
  if (!('serviceWorker' in navigator)) return;
  void navigator.serviceWorker.ready.then((registration) => {
    const loaded = performance
      .getEntriesByType('resource')
      .map((entry) => new URL(entry.name))
      .filter((url) => url.origin === location.origin)
      .map((url) => url.pathname);
    registration.active?.postMessage({ type: 'keep', path: pathname, files: loaded });
  });
}
