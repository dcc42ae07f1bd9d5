/**
 * The site on Vite's dev server, where an author previews content: the pages whose scripts take
 * another path there than in a build. The embed's island loads its module as source (a build
 * finds its chunks in Vite's manifest: src/lib/server/island.ts), so a change that works only
 * in a build shows here. The other browser tests all read the build.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage } from './browser';
import { serveDev, type Site } from './serve';

let browser: Browser;
let site: Site;

beforeAll(async () => {
  site = await serveDev(4188);
  // The first request compiles the page's server side; the browser's then compiles the rest.
  await fetch(`${site.url}/embed/transfer`);
  browser = await launchChromium();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe('on the dev server', () => {
  it('wakes the embed at its query’s state, and it steps by key', async () => {
    const { page, errors } = await openPage(
      browser,
      `${site.url}/embed/transfer?branch=reject&step=3&theme=dark`
    );
    const position = () => page.locator('.position').innerText();
    await expect.poll(position).toMatch(/^Step 3 of \d+/);
    await expect(page.evaluate(() => document.documentElement.dataset.theme)).resolves.toBe('dark');
    await page.keyboard.press('ArrowRight');
    await expect.poll(position).toMatch(/^Step 4 of \d+/);
    await expect.poll(() => new URL(page.url()).searchParams.get('step')).toBe('4');
    expect(errors).toEqual([]);
    await page.context().close();
  }, 60_000);
});
