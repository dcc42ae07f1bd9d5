/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * The site offline, a page at a time. A first visit caches the app shell: `/` with its data and
 * the scripts and styles its HTML names (the router and the layouts, which every page of the site
 * loads too), the icons, and the page shown in place of a page not saved yet (/offline). Each
 * page a reader opens is saved as they open it: its HTML, its data (__data.json, and __route.js,
 * which SvelteKit's router reads to find the page), and every script it loads, lazy ones
 * included; the page itself names what it loaded before the worker ran (src/lib/offline.ts). The
 * whole build (every model's pages, exports and embeds, and mermaid) is no longer downloaded up
 * front: with eighteen models it would be about 20 MB.
 *
 * One cache per build, named by its version; on activate, every other cache is deleted, so an old
 * build's files never mix with a new one's. A new build's worker first saves again, from the new
 * build, the pages the old cache held, so what opened offline still does after a deploy.
 *
 * Serving:
 * - the hashed files under _app/immutable never change: cache first, and the network's answer is
 *   saved (no round trip once saved; a lazy chunk is saved the first time a page loads it);
 * - pages, data, prerendered files and static files keep their names across builds: network
 *   first, and the answer is saved; the cache answers when the network does not. Network first
 *   rather than stale-while-revalidate because a reader online should see the current deploy now,
 *   not on their next visit (and a page is one request: its scripts are hashed, from the cache);
 * - a page not saved, offline: the /offline page, at the page's address (reload works once
 *   online); a __route.js not saved: SvelteKit's own "no route here" answer, so its router loads
 *   the page from the server instead, and gets that /offline page.
 *
 * What is saved at run time must be this build's, or an offline reload would pair a newer
 * build's page with scripts this cache does not have: a page or module is saved only if every
 * hashed file it names is this build's, and only hashed files are saved once a newer worker is
 * installing or waiting (a deploy is out). The new worker waits (no skipWaiting) until no tab runs the old
 * build: an open tab keeps loading its lazy chunks from its own build's cache or the network.
 */
import { base, build, files, prerendered, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;

const CACHE = `interaction-lab-${version}`;
const CACHE_PREFIX = 'interaction-lab-';

/** Content-hashed: a name is never reused for other bytes. */
const immutable = new Set(build.filter((path) => path.includes('/immutable/')));

/**
 * Every file of this build the worker answers for, but two kinds of file nothing here fetches.
 * `build` also lists _app/version.json, which SvelteKit fetches to find out whether a new build
 * is out: an answer from this cache would always say no. And the embeds' __data.json, which
 * SvelteKit writes for every page with a server load, are for its router, which the embed does
 * not run (it is an island: src/lib/embed/island.ts).
 */
const known = new Set(
  [...build, ...files, ...prerendered].filter(
    (path) => !path.endsWith('/_app/version.json') && !/\/embed\/[^/]+\/__data\.json$/.test(path)
  )
);

/** The prerendered pages (`/`, `/scenarios/transfer`…): no dot in their last segment. */
const pages = new Set(prerendered.filter((path) => !/\.[^/]*$/.test(path)));

const HOME = `${base}/`;
const OFFLINE = `${base}/offline`;
/** The static files every page links: the icons (and fonts, should the site get any). */
const icons = files.filter((path) => /\.(svg|ico|png|webp|woff2?)$/.test(path));

const dataOf = (page: string) => `${page.replace(/\/$/, '')}/__data.json`;
const routeOf = (page: string) => `${page.replace(/\/$/, '')}/__route.js`;

/** The hashed files a page or module names, whatever its relative prefix (./, ../../). */
function named(text: string): string[] {
  return [...text.matchAll(/_app\/immutable\/[^"'`\s)]+/g)].map(([file]) => `${base}/${file}`);
}

/** A page or module that names another build's hashed files (none for other kinds of file). */
async function ofAnotherBuild(response: Response): Promise<boolean> {
  if (!/html|javascript/.test(response.headers.get('content-type') ?? '')) return false;
  return named(await response.clone().text()).some((file) => !immutable.has(file));
}

/** A newer build's worker is on its way: what the network sends now may be that build's. */
const newerBuildOut = () => sw.registration.installing !== null || sw.registration.waiting !== null;

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

/**
 * `path` from the cache, or else fetched and saved; throws when it cannot be had, or is another
 * build's. Mutable files are revalidated against the server: the HTTP cache may hold the last
 * build's.
 */
async function save(cache: Cache, path: string): Promise<Response> {
  const cached = await cache.match(path);
  if (cached) return cached;
  const response = await fetch(path, { cache: immutable.has(path) ? 'default' : 'no-cache' });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  if (!immutable.has(path) && (await ofAnotherBuild(response))) {
    throw new Error(`${path} is another build's`);
  }
  await cache.put(path, await unredirected(response.clone()));
  return response;
}

/**
 * A page, its data and route (when it has them), and every hashed file its HTML and route name:
 * what it needs to reload, and to be reached by a link, offline. Its lazy chunks are saved as it
 * loads them.
 */
async function savePage(cache: Cache, page: string): Promise<void> {
  const texts = await Promise.all(
    [page, dataOf(page), routeOf(page)]
      .filter((path) => path === page || known.has(path))
      .map(async (path) => (await save(cache, path)).clone().text())
  );
  const scripts = new Set(texts.flatMap(named).filter((file) => immutable.has(file)));
  await Promise.all([...scripts].map((file) => save(cache, file)));
}

/** The pages an older build's cache held, which this build saves again. */
async function pagesOfOlderBuilds(): Promise<string[]> {
  const held: string[] = [];
  for (const name of await caches.keys()) {
    if (name === CACHE || !name.startsWith(CACHE_PREFIX)) continue;
    const cache = await caches.open(name);
    for (const request of await cache.keys()) held.push(pathOf(new URL(request.url)) ?? '');
  }
  return held;
}

/** The decoded path of a URL: the key of what this worker saves; undefined if malformed. */
function pathOf(url: URL): string | undefined {
  try {
    return decodeURI(url.pathname);
  } catch {
    return undefined;
  }
}

async function install(): Promise<void> {
  const cache = await caches.open(CACHE);
  // The shell. One failed file fails the install, and the previous worker and its cache stay.
  await Promise.all([
    savePage(cache, HOME),
    savePage(cache, OFFLINE),
    ...icons.map((icon) => save(cache, icon))
  ]);
  // The page that registered the worker, open now (a first visit straight to a player: its
  // files were loaded before any worker ran), and what the last build had saved. At best: a page
  // that fails is saved when next opened.
  const open = await sw.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const more = new Set([
    ...open.map((client) => pathOf(new URL(client.url)) ?? ''),
    ...(await pagesOfOlderBuilds())
  ]);
  await Promise.allSettled(
    [...more].filter((page) => pages.has(page)).map((page) => savePage(cache, page))
  );
}

sw.addEventListener('install', (event) => {
  event.waitUntil(install());
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

/**
 * A page the reader has opened, and the files it has loaded (src/lib/offline.ts, after every
 * navigation): a link followed in the app loads the page's data and scripts through this worker
 * but not its HTML, which a reload needs; and what a first visit loaded before this worker ran
 * went past it. Of those files, only this build's hashed ones are saved.
 */
sw.addEventListener('message', (event) => {
  const data: unknown = event.data;
  if (typeof data !== 'object' || data === null) return;
  const { type, path, files: loaded } = data as { type?: unknown; path?: unknown; files?: unknown };
  if (type !== 'keep' || typeof path !== 'string' || newerBuildOut()) return;
  const page = pathOf(new URL(path, sw.location.href));
  const hashed = (Array.isArray(loaded) ? loaded : [])
    .map((file) => (typeof file === 'string' ? pathOf(new URL(file, sw.location.href)) : undefined))
    .filter((file): file is string => file !== undefined && immutable.has(file));
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await Promise.allSettled([
        ...(page && pages.has(page) ? [savePage(cache, page)] : []),
        ...[...new Set(hashed)].map((file) => save(cache, file))
      ]);
    })()
  );
});

/** Saves a network answer for `path`, after the answer has gone to the page. */
function keep(event: FetchEvent, path: string, response: Response): void {
  const hashed = immutable.has(path); // this build's by its name
  if (!response.ok || (!hashed && newerBuildOut())) return;
  const copy = response.clone();
  event.waitUntil(
    (async () => {
      if (!hashed && (await ofAnotherBuild(copy))) return;
      const cache = await caches.open(CACHE);
      await cache.put(path, await unredirected(copy));
    })().catch(() => undefined)
  );
}

const cached = (path: string) => caches.match(path, { cacheName: CACHE });

/**
 * The /offline page in place of a page not saved, at that page's address: a <base> makes its
 * relative links and styles resolve as they do at /offline. It runs no script (csr = false), so
 * nothing reads the address as its own.
 */
async function offlinePage(): Promise<Response> {
  const page = await cached(OFFLINE);
  if (!page) return Response.error();
  const html = (await page.text()).replace(
    /<head[^>]*>/i,
    (head) => `${head}<base href="${OFFLINE}">`
  );
  return new Response(html, {
    status: 503,
    statusText: 'Offline',
    headers: { 'content-type': 'text/html; charset=utf-8' }
  });
}

async function cacheFirst(event: FetchEvent, path: string): Promise<Response> {
  const hit = await cached(path);
  if (hit) return hit;
  const response = await fetch(event.request);
  keep(event, path, response);
  return response;
}

async function networkFirst(event: FetchEvent, path: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(event.request);
  } catch (error) {
    const hit = await cached(path);
    if (hit) return hit;
    if (event.request.mode === 'navigate') return offlinePage();
    // SvelteKit's answer when no route matches (create_server_routing_response in its
    // server_routing.js): an empty module, upon which the router loads the page from the server.
    if (path.endsWith('/__route.js')) {
      return new Response('', { headers: { 'content-type': 'text/javascript' } });
    }
    throw error;
  }
  if (response.status >= 500) return (await cached(path)) ?? response;
  if (known.has(path)) keep(event, path, response);
  return response;
}

sw.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== sw.location.origin) return;
  // By path, not by URL: /scenarios/transfer?branch=reject&step=3 is the saved
  // /scenarios/transfer, and SvelteKit's __data.json?x-sveltekit-invalidated=… its data.
  const path = pathOf(url);
  if (path === undefined) return; // a malformed escape is nothing this build wrote
  if (immutable.has(path)) event.respondWith(cacheFirst(event, path));
  else if (known.has(path) || request.mode === 'navigate') {
    event.respondWith(networkFirst(event, path));
  }
});
