/**
 * The service worker shows this page in place of a page it has not saved, when the network is
 * off, at that page's address (src/service-worker.ts). No script: SvelteKit's would take that
 * address for this page's and route from the wrong place.
 */
export const csr = false;
