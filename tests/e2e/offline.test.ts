/**
 * The site offline (src/service-worker.ts): after one visit, with the network off, pages reload,
 * other pages and a prerendered file open, and the player steps; the cache is this build's, and
 * only this build's.
 *
 * "Network off" is two things here: `context.setOffline(true)` for the page, and the site's
 * server stopped. Playwright's offline emulation does not reach the service worker's own fetches
 * in Chromium (its network stays up, which the test checks), so only a stopped server proves
 * that the answers come from the cache. That test has a server of its own for this.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseURL, launchChromium } from './browser';
import { servePreview } from './serve';

const buildDir = process.env.BUILD_DIR || 'build';
/** The version SvelteKit gave this build (kit.version), which names the worker's cache. */
const buildVersion = (
  JSON.parse(readFileSync(join(buildDir, '_app/version.json'), 'utf8')) as { version: string }
).version;

/** A prerendered mermaid file of the build, e.g. /scenarios/transfer/reject.mmd. */
function prerenderedMermaidFile(): string {
  for (const id of readdirSync(join(buildDir, 'scenarios'), { withFileTypes: true })) {
    if (!id.isDirectory()) continue;
    const mmd = readdirSync(join(buildDir, 'scenarios', id.name)).find((f) => f.endsWith('.mmd'));
    if (mmd) return `/scenarios/${id.name}/${mmd}`;
  }
  throw new Error(`The build in ${buildDir} has no prerendered /scenarios/<id>/<branch>.mmd`);
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

const position = (page: Page) => page.locator('.position').innerText();

describe('offline', () => {
  it('after one visit, pages reload and open, a prerendered file loads, and the player steps', async () => {
    const site = await servePreview(4186);
    origin = () => site.url;
    const { context, page, errors } = await freshPage();
    try {
      await open(page, '/scenarios/transfer');
      await untilControlled(page);

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

      await page.reload();
      await page.waitForSelector('body[data-hydrated]', { timeout: 15_000 });
      await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Transfer');
      await page.getByRole('button', { name: 'Next step' }).click();
      await expect.poll(() => position(page)).toMatch(/Step 1 of/);

      // A query finds the prerendered page it belongs to.
      await open(page, '/scenarios/conference?branch=reject&step=3');
      await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Conference');
      await expect.poll(() => position(page)).toMatch(/Step 3 of/);
      await expect(page.getByRole('radio', { name: 'Reject' }).isChecked()).resolves.toBe(true);
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => position(page)).toMatch(/Step 4 of/);

      // A link followed in the app: SvelteKit asks the site where it leads (the page's
      // __route.js, svelte.config.js `router.resolution`), then loads the page's data
      // (__data.json); the worker keeps both.
      await page.getByRole('link', { name: 'Scenarios', exact: true }).first().click();
      await page.getByRole('heading', { name: 'Scenarios', level: 1 }).waitFor();
      await expect(
        page.getByRole('link', { name: 'Stop Processing', exact: true }).count()
      ).resolves.toBe(1);

      await open(page, '/');
      await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Scenarios');

      const mmd = prerenderedMermaidFile();
      const response = await page.goto(url(mmd));
      expect(response?.fromServiceWorker()).toBe(true);
      expect(response?.ok()).toBe(true);
      await expect(response?.text()).resolves.toMatch(/sequenceDiagram/);

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
      await expect(registerCalls('/scenarios/transfer')).resolves.toBe(1);
      await untilControlled(page);
    } finally {
      await context.close();
    }
  });

  it("keeps one cache, this build's, with every page of the build, and removes an older build's", async () => {
    const { context, page } = await freshPage();
    try {
      // An older build's cache, left by its worker; made from a document that registers no
      // worker (the favicon), so it exists before this build's worker installs.
      await page.goto(url('/favicon.svg'));
      await page.evaluate(async () => {
        const old = await caches.open('interaction-lab-1');
        await old.put('/scenarios/transfer', new Response('an older build'));
      });
      await expect(page.evaluate(() => caches.keys())).resolves.toEqual(['interaction-lab-1']);

      await open(page, '/');
      await untilControlled(page);
      const keys = await page.evaluate(() => caches.keys());
      expect(keys).toEqual([`interaction-lab-${buildVersion}`]);

      const cached = await page.evaluate(async (name) => {
        const cache = await caches.open(name);
        return (await cache.keys()).map((request) => new URL(request.url).pathname);
      }, keys[0] ?? '');
      for (const path of ['/', '/scenarios/transfer', '/scenarios/transfer/__data.json']) {
        expect(cached).toContain(path);
      }
      expect(cached).not.toContain('/_app/version.json');
      expect(cached.filter((p) => p.startsWith('/_app/immutable/')).length).toBeGreaterThan(10);
    } finally {
      await context.close();
    }
  });
});
