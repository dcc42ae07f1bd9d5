/**
 * A new model is a content file: the site built from a fixture content folder that holds a
 * scenario the product does not have, with no code of its own, lists it and plays it. Builds
 * into test-results/ (BUILD_DIR), so the real build/ that the other browser tests use is left
 * alone, and serves that build on a port of its own.
 */
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContentFromDisk } from '../../src/lib/content/node';
import { defaultInput } from '../../src/lib/engine/input';
import { run } from '../../src/lib/engine/run';
import { launchChromium } from './browser';
import { buildOther, serveOther, type Site } from './serve';

const FIXTURE = {
  contentDir: 'tests/fixtures/content/extra-scenario',
  outDir: 'test-results/site-extra-scenario'
};
const OUT = FIXTURE.outDir;
const { scenarios } = loadContentFromDisk(FIXTURE.contentDir);

let browser: Browser;
let site: Site;

beforeAll(async () => {
  if (scenarios.length < 2) throw new Error(`${FIXTURE.contentDir} has too few scenarios`);
  buildOther(FIXTURE);
  site = await serveOther(FIXTURE, 4186);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe.each(scenarios.map((s) => [s.id, s] as const))(
  '%s, added as a content file',
  (_, scenario) => {
    it('is prerendered and listed on the home page', () => {
      const home = readFileSync(`${OUT}/index.html`, 'utf8');
      expect(home).toContain(`/scenarios/${scenario.id}`);
      const player = readFileSync(`${OUT}/scenarios/${scenario.id}.html`, 'utf8');
      expect(player).toMatch(new RegExp(`<h1[^>]*>${scenario.title}</h1>`));
    });

    it('plays to the end of each option in the browser', async () => {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      for (const option of scenario.choice.options) {
        const total = run(scenario, { ...defaultInput(scenario), branch: option.id }).entries
          .length;
        await page.goto(`${site.url}/scenarios/${scenario.id}?branch=${option.id}`);
        await page.waitForSelector('body[data-hydrated]');
        await page.keyboard.press('End');
        await expect(page.locator('.position').innerText()).resolves.toMatch(
          new RegExp(`Step ${total} of ${total} · end of the run`)
        );
        const items = page.getByRole('list', { name: 'Transcript' }).getByRole('listitem');
        await expect(items.count()).resolves.toBe(total);
      }
      expect(errors).toEqual([]);
      await page.close();
    });
  }
);
