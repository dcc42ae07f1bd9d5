/**
 * The site offline (src/service-worker.ts), a page at a time: a first visit to `/` caches the app
 * shell, within its budget and without other scenarios' pages; each page opened online is saved
 * and then reloads and plays offline, and `/` works offline; a page never opened shows the
 * /offline page at its own address; the cache is this build's, and only this build's.
 *
 * "Network off" is two things here: `context.setOffline(true)` for the page, and the site's
 * server stopped. Playwright's offline emulation does not reach the service worker's own fetches
 * in Chromium (its network stays up, which the test checks), so only a stopped server proves
 * that the answers come from the cache. That test has a server of its own for this.
 *
 * The scenarios come from content/ (loadContentFromDisk), so the test follows the models there.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContentFromDisk } from '../../src/lib/content/node';
import { baseURL, launchChromium } from './browser';
import { servePreview } from './serve';

const buildDir = process.env.BUILD_DIR || 'build';
/** The version SvelteKit gave this build (kit.version), which names the worker's cache. */
const buildVersion = (
  JSON.parse(readFileSync(join(buildDir, '_app/version.json'), 'utf8')) as { version: string }
).version;
const CACHE = `interaction-lab-${buildVersion}`;

/** What the worker may cache on a first visit to `/` (the budget), in bytes. */
const PRECACHE_BUDGET = 3 * 1024 * 1024;

const scenarios = loadContentFromDisk().scenarios.map(({ id, title }) => ({ id, title }));
/** Three scenarios: opened first, opened by a link from `/`, and never opened. */
const [first, linked, never] = scenarios;
if (!first || !linked || !never) {
  throw new Error(`The offline test needs three scenarios in content/, not ${scenarios.length}`);
}

/** An embed page of the build, e.g. /embed/transfer. */
function builtEmbed(): string {
  const dir = join(buildDir, 'embed');
  const page = existsSync(dir) ? readdirSync(dir).find((f) => f.endsWith('.html')) : undefined;
  if (!page) throw new Error(`The build in ${buildDir} has no embed page (/embed/<id>)`);
  return `/embed/${page.replace(/\.html$/, '')}`;
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** A fresh context (no worker, no cache yet) and a page in it that records its errors. */
async function freshPage(): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  return { context, page, errors };
}

let origin = () => baseURL();
const url = (path: string) => new URL(path, origin()).href;

async function open(page: Page, path: string) {
  await page.goto(url(path));
  await page.waitForSelector('body[data-hydrated]', { timeout: 15_000 });
}

/** Until the worker has installed (its cache filled), activated and controls the page. */
async function untilControlled(page: Page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null))
    .toBe(true);
}

interface Cached {
  path: string;
  bytes: number;
}

/** Every response in the Cache Storage of the page's origin, by cache name. */
function cacheContents(page: Page): Promise<Record<string, Cached[]>> {
  return page.evaluate(async () => {
    const contents: Record<string, { path: string; bytes: number }[]> = {};
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      contents[name] = await Promise.all(
        (await cache.keys()).map(async (request) => ({
          path: new URL(request.url).pathname,
          bytes: (await (await cache.match(request))?.blob())?.size ?? 0
        }))
      );
    }
    return contents;
  });
}

/** Whether the worker's cache holds `path`, asked in the page. */
const isCached = (page: Page, path: string) =>
  page.evaluate(async ([name, p]) => (await (await caches.open(name)).match(p)) !== undefined, [
    CACHE,
    path
  ] as const);

/**
 * Until every script and style the page has loaded is in the worker's cache; how many there are.
 * What loaded before the worker ran, the page names to it (src/lib/offline.ts).
 */
async function untilLoadedSaved(page: Page): Promise<number> {
  const loaded = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((entry) => new URL(entry.name).pathname)
      .filter((path) => path.startsWith('/_app/immutable/'))
  );
  await expect
    .poll(async () => {
      const saved = ((await cacheContents(page))[CACHE] ?? []).map(({ path }) => path);
      return loaded.filter((path) => !saved.includes(path));
    })
    .toEqual([]);
  return loaded.length;
}

/** A scenario's pages and files: its player, compare page, exports, data and route. */
const ofScenario = (id: string, path: string) =>
  path === `/scenarios/${id}` || path.startsWith(`/scenarios/${id}/`) || path === `/embed/${id}`;

const position = (page: Page) => page.locator('.position').innerText();
const heading = (page: Page) => page.getByRole('heading', { level: 1 }).innerText();

describe('offline', () => {
  it('caches the app shell on a first visit to /: at most 3 MB, no scenario page', async () => {
    const { context, page, errors } = await freshPage();
    try {
      await open(page, '/');
      await untilControlled(page);
      // Every script and style `/` loaded: those its HTML names, saved on install, and those it
      // loaded on its own (SvelteKit's error page), which it names to the worker once it runs.
      expect(await untilLoadedSaved(page)).toBeGreaterThan(3);

      const contents = await cacheContents(page);
      expect(Object.keys(contents)).toEqual([CACHE]);
      const cached = contents[CACHE] ?? [];
      const bytes = cached.reduce((sum, { bytes }) => sum + bytes, 0);
      expect(bytes).toBeGreaterThan(0);
      expect(bytes).toBeLessThanOrEqual(PRECACHE_BUDGET);

      const paths = cached.map(({ path }) => path);
      for (const path of ['/', '/__data.json', '/offline', '/favicon.svg']) {
        expect(paths).toContain(path);
      }
      expect(paths).not.toContain('/_app/version.json');
      for (const { id } of scenarios) {
        expect(paths.filter((path) => ofScenario(id, path))).toEqual([]);
      }
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('reloads and plays the pages opened, opens /, and shows the offline page for others', async () => {
    const site = await servePreview(4186);
    origin = () => site.url;
    const { context, page, errors } = await freshPage();
    try {
      // A first visit straight to a player: its files loaded before any worker ran.
      await open(page, `/scenarios/${first.id}`);
      await untilControlled(page);
      await expect.poll(() => isCached(page, `/scenarios/${first.id}`)).toBe(true);
      // Another player, reached by links in the app: SvelteKit loads its route (__route.js),
      // data (__data.json) and scripts, and the page asks the worker to save its HTML.
      await page.getByRole('link', { name: 'Interaction Lab', exact: true }).click();
      await page.getByRole('heading', { name: 'Scenarios', level: 1 }).waitFor();
      await page.getByRole('link', { name: linked.title, exact: true }).click();
      await expect.poll(() => heading(page)).toBe(linked.title);
      await expect.poll(() => isCached(page, `/scenarios/${linked.id}`)).toBe(true);
      await untilLoadedSaved(page);
      // The worker saved nothing of the scenario never opened.
      const cached = (await cacheContents(page))[CACHE] ?? [];
      expect(cached.filter(({ path }) => ofScenario(never.id, path))).toEqual([]);

      await context.setOffline(true);
      await site.close();
      // Nor may the browser's HTTP cache answer: only the worker's cache is left.
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.clearBrowserCache');
      await cdp.detach();
      // The network is really off, for the page and for the worker.
      const reach = (path: string) =>
        fetch(path, { cache: 'no-store' }).then(
          () => 'online',
          () => 'offline'
        );
      await expect(page.evaluate(reach, '/_app/version.json')).resolves.toBe('offline');
      const [worker] = context.serviceWorkers();
      expect(worker).toBeDefined();
      await expect(worker?.evaluate(reach, '/favicon.svg')).resolves.toBe('offline');

      // The page opened by a link reloads, and steps by keyboard.
      await page.reload();
      await page.waitForSelector('body[data-hydrated]', { timeout: 15_000 });
      await expect(heading(page)).resolves.toBe(linked.title);
      await page.locator('body').focus();
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => position(page)).toMatch(/Step 1 of/);
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => position(page)).toMatch(/Step 2 of/);

      // The page of the first visit opens, with a query (it finds its saved page) and steps.
      await open(page, `/scenarios/${first.id}?step=2`);
      await expect(heading(page)).resolves.toBe(first.title);
      await expect.poll(() => position(page)).toMatch(/Step 2 of/);
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => position(page)).toMatch(/Step 3 of/);

      // `/` opens, and lists every scenario.
      await open(page, '/');
      await expect(heading(page)).resolves.toBe('Scenarios');
      await expect(
        page.getByRole('link', { name: never.title, exact: true }).count()
      ).resolves.toBe(1);

      // A scenario never opened: its link leads to the offline page, at the scenario's address.
      await page.getByRole('link', { name: never.title, exact: true }).click();
      await page.getByRole('heading', { name: 'You are offline', level: 1 }).waitFor();
      expect(new URL(page.url()).pathname).toBe(`/scenarios/${never.id}`);
      await expect(page.getByRole('alert').innerText()).resolves.toMatch(
        /not been saved on this device/
      );
      // It looks like the site (its styles load under the page's <base>), and leads back to `/`.
      await expect(
        page.locator('main').evaluate((main) => getComputedStyle(main).maxWidth)
      ).resolves.toBe('1500px');
      await page.getByRole('link', { name: 'See the scenarios' }).click();
      await page.waitForSelector('body[data-hydrated]', { timeout: 15_000 });
      await expect(heading(page)).resolves.toBe('Scenarios');

      // Opened by its address, the same.
      const response = await page.goto(url(`/scenarios/${never.id}/compare`));
      expect(response?.fromServiceWorker()).toBe(true);
      await expect(heading(page)).resolves.toBe('You are offline');

      expect(errors).toEqual([]);
    } finally {
      await context.close();
      await site.close();
      origin = () => baseURL();
    }
  });

  it('is set up by a page of the site, not by an embed in another site', async () => {
    const { context, page } = await freshPage();
    try {
      // Counts the calls, so "not registered" does not depend on how soon a registration shows.
      await context.addInitScript(() => {
        const counted = window as unknown as { registerCalls: number };
        counted.registerCalls = 0;
        const register = ServiceWorkerContainer.prototype.register;
        ServiceWorkerContainer.prototype.register = function (...args) {
          counted.registerCalls += 1;
          return register.apply(this, args);
        };
      });
      /** register() calls once the page is live and loaded, when the site registers its worker. */
      const registerCalls = async (path: string) => {
        await open(page, path);
        await page.waitForLoadState('load');
        return page.evaluate(() => (window as unknown as { registerCalls: number }).registerCalls);
      };
      await expect(registerCalls(builtEmbed())).resolves.toBe(0);
      await expect(
        page.evaluate(() => navigator.serviceWorker.getRegistrations())
      ).resolves.toEqual([]);
      await expect(registerCalls(`/scenarios/${first.id}`)).resolves.toBe(1);
      await untilControlled(page);
    } finally {
      await context.close();
    }
  });

  it("keeps one cache, this build's, and saves again from this build the pages an older one held", async () => {
    const { context, page } = await freshPage();
    try {
      // An older build's cache, left by its worker; made from a document that registers no
      // worker (the favicon), so it exists before this build's worker installs.
      await page.goto(url('/favicon.svg'));
      await page.evaluate(async (path) => {
        const old = await caches.open('interaction-lab-1');
        await old.put(path, new Response('an older build'));
      }, `/scenarios/${linked.id}`);
      await expect(page.evaluate(() => caches.keys())).resolves.toEqual(['interaction-lab-1']);

      await open(page, '/');
      await untilControlled(page);
      await expect(page.evaluate(() => caches.keys())).resolves.toEqual([CACHE]);
      const savedHeading = await page.evaluate(
        async ([name, path]) => {
          const html = (await (await caches.open(name)).match(path))?.text();
          const saved = new DOMParser().parseFromString((await html) ?? '', 'text/html');
          return saved.querySelector('h1')?.textContent;
        },
        [CACHE, `/scenarios/${linked.id}`] as const
      );
      expect(savedHeading).toBe(linked.title);
      const cached = ((await cacheContents(page))[CACHE] ?? []).map(({ path }) => path);
      expect(cached).toContain(`/scenarios/${linked.id}/__data.json`);
      expect(cached).toContain(`/scenarios/${linked.id}/__route.js`);
    } finally {
      await context.close();
    }
  });
});
