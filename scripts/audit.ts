/**
 * What a visit costs, read off the built site in Chromium: the bytes each page loads before a
 * person does anything (compressed as a server would send them), how long until the page is
 * live, whether mermaid stayed out of the first paint, what it costs once asked for, and axe's
 * findings by impact. Serves build/ (run `npm run build` first); builds nothing itself.
 *
 *   npm run audit
 */
import { loadContentFromDisk } from '../src/lib/content/node';
import AxeBuilder from '@axe-core/playwright';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { launchChromium } from '../tests/e2e/browser';
import { servePreviewOrExit } from '../tests/e2e/serve';

/** Bytes of a built file as gzip would send it; the preview server does not compress. */
function gzipped(pathname: string): number {
  const file = join('build', decodeURIComponent(pathname));
  if (!existsSync(file) || file.endsWith('/')) return 0;
  return gzipSync(readFileSync(file)).length;
}

interface Load {
  js: number;
  css: number;
  other: number;
  files: string[];
}

/** Records every request the page makes until `until` resolves. */
async function recordLoads(page: Page, until: () => Promise<unknown>): Promise<Load> {
  const load: Load = { js: 0, css: 0, other: 0, files: [] };
  const onRequest = (request: { url(): string }) => {
    const { pathname } = new URL(request.url());
    const path = pathname.endsWith('/') ? `${pathname}index.html` : pathname;
    const bytes = gzipped(path.includes('.') ? path : `${path}.html`);
    load.files.push(path);
    if (path.endsWith('.js')) load.js += bytes;
    else if (path.endsWith('.css')) load.css += bytes;
    else load.other += bytes;
  };
  page.on('request', onRequest);
  await until();
  page.off('request', onRequest);
  return load;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`.padStart(9);

const site = await servePreviewOrExit(4192);
const base = site.url;
const browser = await launchChromium();
const rows: string[] = [];
const findings: string[] = [];
let failed = false;
try {
  for (const path of ['/', ...loadContentFromDisk().scenarios.map((s) => `/scenarios/${s.id}`)]) {
    // axe needs a page from its own context, not browser.newPage().
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    const load = await recordLoads(page, async () => {
      await page.goto(base + path);
      await page.waitForSelector('body[data-hydrated]');
    });
    const live = await page.evaluate(
      `performance.now() - performance.getEntriesByType('navigation')[0].startTime`
    );
    const mermaidEarly = load.files.some((f) => /mermaid/i.test(f));
    if (mermaidEarly) failed = true;
    rows.push(
      `| ${path.padEnd(40)} | ${kb(load.js)} | ${kb(load.css)} | ${kb(load.other)} | ${String(Math.round(Number(live))).padStart(6)} ms | ${mermaidEarly ? 'LOADED' : 'not loaded'} |`
    );
    const axe = await new AxeBuilder({ page }).analyze();
    const byImpact = new Map<string, number>();
    for (const v of axe.violations)
      byImpact.set(v.impact ?? 'unknown', (byImpact.get(v.impact ?? 'unknown') ?? 0) + 1);
    findings.push(
      `${path}: ${axe.violations.length === 0 ? 'no findings' : [...byImpact].map(([k, n]) => `${n} ${k}`).join(', ')}`
    );
    if ((byImpact.get('serious') ?? 0) + (byImpact.get('critical') ?? 0) > 0) failed = true;

    if (path.startsWith('/scenarios/')) {
      const lazy = await recordLoads(page, async () => {
        await page.getByText('Export this run').click();
        await page.getByLabel('Render with mermaid').check();
        await page.waitForSelector('.mermaid-view svg', { timeout: 30_000 });
      });
      rows.push(
        `| ${'  then "Render with mermaid"'.padEnd(40)} | ${kb(lazy.js)} | ${kb(lazy.css)} | ${kb(lazy.other)} | ${'–'.padStart(9)} | loaded on demand |`
      );
    }
    await context.close();
  }
  console.log(
    '\nFirst paint of the built site (gzip sizes of what the page requested), Chromium headless'
  );
  console.log(
    '| page                                     |        JS |       CSS |     other | until live | mermaid |'
  );
  console.log(
    '| ---------------------------------------- | --------: | --------: | --------: | ---------: | ------- |'
  );
  for (const row of rows) console.log(row);
  console.log('\naxe:');
  for (const f of findings) console.log(`- ${f}`);
} finally {
  await browser.close();
  await site.close();
}
if (failed) {
  console.error(
    '\nThe audit found a problem: mermaid on first paint, or serious/critical axe findings.'
  );
  process.exit(1);
}
