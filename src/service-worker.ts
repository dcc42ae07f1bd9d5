/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * The site offline after one visit. On install, every file of this build (Vite's output, static/
 * and every prerendered page and file) goes into one cache named by the build's version; on
 * activate, every other cache is deleted, so an old build's files never mix with a new one's.
 *
 * Serving: the hashed files under _app/immutable never change, so they come from the cache first
 * (no network round trip at all). Pages, prerendered files (.mmd, .json, __data.json…) and static
 * files keep their names across builds, so the network answers first and the cache is the
 * fallback: a reader who is online always gets the current deploy, and one who is offline gets
 * the build this worker installed, whole. Network answers are never written into the cache, as
 * that would put a newer build's page beside this build's scripts.
 *
 * The new worker waits (no skipWaiting) until no tab runs the old build: an open tab keeps loading
 * its lazy chunks (mermaid, the modes) from its own build's cache.
 */
import { build, files, prerendered, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;

const CACHE = `interaction-lab-${version}`;

/** Content-hashed: a name is never reused for other bytes. */
const immutable = new Set(build.filter((path) => path.includes('/immutable/')));

/**
 * Everything to cache, by path, but two kinds of file nothing here fetches. `build` also lists
 * _app/version.json, which SvelteKit fetches to find out whether a new build is out: an answer
 * from this cache would always say no. And the embeds' __data.json, which SvelteKit writes for
 * every page with a server load, are for its router, which the embed does not run (it is an
 * island: src/lib/embed/island.ts).
 */
const precached = new Set(
  [...build, ...files, ...prerendered].filter(
    (path) => !path.endsWith('/_app/version.json') && !/\/embed\/[^/]+\/__data\.json$/.test(path)
  )
);

/**
 * A copy of a response that is not marked as redirected: a host that redirects /page.html to
 * /page leaves the fetched response "redirected", and a browser refuses to use such a response for
 * a navigation.
 */
async function unredirected(response: Response): Promise<Response> {
  if (!response.redirected) return response;
  return new Response(await response.blob(), {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers
  });
}

async function fill(): Promise<void> {
  const cache = await caches.open(CACHE);
  await Promise.all(
    [...precached].map(async (path) => {
      // Revalidate the mutable ones against the server: the HTTP cache may hold the last build's.
      const response = await fetch(path, { cache: immutable.has(path) ? 'default' : 'no-cache' });
      // One failed file fails the install, and the previous worker and its cache stay in charge.
      if (!response.ok) throw new Error(`${path}: ${response.status}`);
      await cache.put(path, await unredirected(response));
    })
  );
}

sw.addEventListener('install', (event) => {
  event.waitUntil(fill());
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
      // Control the pages already open (the first visit), so they work offline without a reload.
      await sw.clients.claim();
    })()
  );
});

/** The cached answer for a path, or the network's error when there is none. */
async function fromCache(path: string, networkError?: unknown): Promise<Response> {
  const cached = await caches.match(path, { cacheName: CACHE });
  if (cached) return cached;
  throw networkError ?? new Error(`${path} is not cached`);
}

async function respond(request: Request, path: string): Promise<Response> {
  if (immutable.has(path)) {
    return (await caches.match(path, { cacheName: CACHE })) ?? fetch(request);
  }
  try {
    const response = await fetch(request);
    // A server error while the build is cached: the cached page beats an error page.
    return response.status >= 500 ? fromCache(path).catch(() => response) : response;
  } catch (error) {
    return fromCache(path, error);
  }
}

sw.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== sw.location.origin) return;
  // By path, not by URL: /scenarios/transfer?branch=reject&step=3 is the cached
  // /scenarios/transfer, and SvelteKit's __data.json?x-sveltekit-invalidated=… its data.
  let path: string;
  try {
    path = decodeURI(url.pathname);
  } catch {
    return; // a malformed escape is nothing this build wrote
  }
  if (!precached.has(path)) return;
  event.respondWith(respond(request, path));
});
