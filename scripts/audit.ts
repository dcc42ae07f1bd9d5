/**
 * What a visit costs, read off the built site in Chromium, against the budgets of issue 8:
 *
 * - first-load JavaScript (gzip, as a server would send it) of each page: `/` (the model list and
 *   its filter) at most 40 kB, a player page at most 60 kB, an embed at most 50 kB; no mermaid
 *   code on any page until its view opens;
 * - axe: no serious or critical findings;
 * - Lighthouse (mobile, its default) on `/`, a player and an embed: performance at least 0.95,
 *   accessibility and best practices 1;
 * - what the service worker caches on a first visit to `/` (the app shell): at most 3 MB.
 *
 * Serves build/, or BUILD_DIR when set (run `npm run build` first); builds nothing itself. Exits
 * 1 when a budget is not met or a page it must audit is missing.
 *
 *   npm run audit
 */
import { loadContentFromDisk } from '../src/lib/content/node';
import AxeBuilder from '@axe-core/playwright';
import { launch as launchChrome } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath, launchChromium } from '../tests/e2e/browser';
import { openMermaidView } from '../tests/e2e/mermaid-view';
import { servePreviewOrExit } from '../tests/e2e/serve';

const started = performance.now();
const buildDir = process.env.BUILD_DIR || 'build';
const KB = 1024;

/** First-load JavaScript budgets by kind of page, in bytes of gzip; null: measured only. */
const JS_BUDGET: Record<'home' | 'player' | 'embed', number | null> = {
  home: 40 * KB,
  player: 60 * KB,
  embed: 50 * KB
};
type Kind = keyof typeof JS_BUDGET;

/** The service worker's cache after a first visit to `/`, in bytes of the cached responses. */
const PRECACHE_BUDGET = 3 * KB * KB;

/** Lighthouse's categories and the least score each must reach. */
const LIGHTHOUSE_TARGETS = { performance: 0.95, accessibility: 1, 'best-practices': 1 } as const;
/** Runs per page; the one with the median performance score counts (Lighthouse's own advice). */
const LIGHTHOUSE_RUNS = 3;

const problems: string[] = [];

/** Bytes of a built file as gzip would send it; the preview server does not compress. */
function gzipped(pathname: string): number {
  const file = join(buildDir, decodeURIComponent(pathname));
  if (!existsSync(file) || file.endsWith('/')) return 0;
  return gzipSync(readFileSync(file)).length;
}

/**
 * The files of mermaid and its parser, from Vite's manifest of the build: chunk names are bare
 * hashes, so a file's name does not say whether it is mermaid's.
 */
function mermaidFiles(): Set<string> {
  const manifest = join(`${buildDir}.svelte-kit`, 'output/client/.vite/manifest.json');
  const fallback = join('.svelte-kit', 'output/client/.vite/manifest.json');
  const path = existsSync(manifest) ? manifest : fallback;
  const chunks = JSON.parse(readFileSync(path, 'utf8')) as Record<string, { file: string }>;
  const files = Object.entries(chunks)
    .filter(([source]) => /node_modules\/(mermaid|@mermaid-js)\//.test(source))
    .map(([, chunk]) => `/${chunk.file}`);
  if (files.length === 0) throw new Error(`${path} names no mermaid chunk: is mermaid still used?`);
  return new Set(files);
}

/** The scenarios' embed pages in the build (/embed/<id>), by the files the build wrote. */
function builtEmbeds(): string[] {
  const dir = join(buildDir, 'embed');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.html'))
    .map((f) => `/embed/${f.replace(/\.html$/, '')}`)
    .sort();
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

const kb = (n: number) => `${(n / KB).toFixed(1)} kB`;
const cell = (text: string, width: number, right = false) =>
  right ? text.padStart(width) : text.padEnd(width);

const scenarios = loadContentFromDisk().scenarios.map((s) => s.id);
const embeds = builtEmbeds();
if (embeds.length === 0) {
  problems.push(
    `No embed in ${buildDir}/: /embed/<id> was not built, so its budgets cannot be checked.`
  );
}
const pages: { path: string; kind: Kind }[] = [
  { path: '/', kind: 'home' },
  ...scenarios.map((id) => ({ path: `/scenarios/${id}`, kind: 'player' as const })),
  ...embeds.map((path) => ({ path, kind: 'embed' as const }))
];
const mermaid = mermaidFiles();

const site = await servePreviewOrExit(4192);
const base = site.url;
const rows: string[] = [];
const findings: string[] = [];
const lighthouseRows: string[] = [];
let precache = '';
const browser = await launchChromium();
try {
  for (const { path, kind } of pages) {
    // No service worker: what it caches after load is not the page's weight (it is reported on
    // its own below). axe needs a page from its own context.
    const context = await browser.newContext({
      viewport: { width: 1366, height: 900 },
      serviceWorkers: 'block'
    });
    const page = await context.newPage();
    const load = await recordLoads(page, async () => {
      await page.goto(base + path);
      await page.waitForSelector('body[data-hydrated]');
      // Whatever the page fetches on its own after hydration is first load too.
      await page.waitForLoadState('networkidle');
    });
    const live = Number(
      await page.evaluate(
        `performance.now() - performance.getEntriesByType('navigation')[0].startTime`
      )
    );
    const mermaidEarly = load.files.some((f) => mermaid.has(f));
    if (mermaidEarly) problems.push(`${path}: mermaid code loads before its view is opened.`);
    const budget = JS_BUDGET[kind];
    const met = budget === null ? '–' : load.js <= budget ? 'met' : 'NOT met';
    if (budget !== null && load.js > budget) {
      problems.push(`${path}: first-load JS ${kb(load.js)} over the ${kind}'s ${kb(budget)}.`);
    }
    rows.push(
      `| ${cell(`\`${path}\``, 44)} | ${cell(kb(load.js), 9, true)} | ${cell(budget === null ? '–' : kb(budget), 7, true)} | ${cell(met, 7)} | ${cell(kb(load.css), 6, true)} | ${cell(`${Math.round(live)} ms`, 10, true)} | ${cell(mermaidEarly ? 'LOADED' : 'not loaded', 11)} |`
    );

    const axe = await new AxeBuilder({ page }).analyze();
    const byImpact = new Map<string, number>();
    for (const v of axe.violations)
      byImpact.set(v.impact ?? 'unknown', (byImpact.get(v.impact ?? 'unknown') ?? 0) + 1);
    findings.push(
      `${path}: ${axe.violations.length === 0 ? 'no findings' : [...byImpact].map(([k, n]) => `${n} ${k}`).join(', ')}`
    );
    if ((byImpact.get('serious') ?? 0) + (byImpact.get('critical') ?? 0) > 0) {
      problems.push(`${path}: serious or critical axe findings.`);
    }

    // The mermaid view's cost, once (every player loads the same chunks).
    if (path === `/scenarios/${scenarios[0]}`) {
      const lazy = await recordLoads(page, () => openMermaidView(page));
      const lazyMermaid = lazy.files.filter((f) => mermaid.has(f)).length;
      if (lazyMermaid === 0) problems.push('The mermaid view drew without loading mermaid?');
      rows.push(
        `| ${cell('then its Mermaid view', 44)} | ${cell(`+${kb(lazy.js)}`, 9, true)} | ${cell('–', 7, true)} | ${cell('–', 7)} | ${cell(kb(lazy.css), 6, true)} | ${cell('–', 10, true)} | ${cell('when opened', 11)} |`
      );
    }
    await context.close();
  }

  // What a first visit to / leaves in the service worker's cache, read from the cache itself.
  {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/`);
    const cached = await page.evaluate(async () => {
      // Active: its install, which fills the cache, is over.
      await navigator.serviceWorker.ready;
      const names = await caches.keys();
      let files = 0;
      let bytes = 0;
      for (const name of names) {
        const cache = await caches.open(name);
        for (const request of await cache.keys()) {
          files += 1;
          bytes += (await (await cache.match(request))?.blob())?.size ?? 0;
        }
      }
      return { names, files, bytes };
    });
    const met = cached.bytes <= PRECACHE_BUDGET;
    precache = `${cached.names.join(', ')}: ${cached.files} files, ${cached.bytes} bytes (${(cached.bytes / KB / KB).toFixed(2)} MB), budget ${PRECACHE_BUDGET / KB / KB} MB ${met ? 'met' : 'NOT met'}`;
    if (!met) {
      problems.push(
        `The service worker caches ${cached.bytes} bytes on a first visit to /, over ${PRECACHE_BUDGET}.`
      );
    }
    await context.close();
  }
} finally {
  await browser.close();
}

/**
 * Lighthouse in its default, mobile mode: a mid-range phone on a slow 4G link, simulated from one
 * unthrottled load (stabler than real throttling on a shared machine). The harder case, and the
 * one a phone meets (the presenter's QR code sends the class to their phones); desktop scores
 * follow from it.
 */
const budgetsTook = performance.now() - started;
const embed = embeds.find((path) => path === `/embed/${scenarios[0]}`) ?? embeds[0];
// The library issue's page: Disconnection and Failover, a player with lifeline events.
const lighthousePlayer = scenarios.includes('disconnection-and-failover')
  ? 'disconnection-and-failover'
  : scenarios[0];
const lighthousePages = ['/', `/scenarios/${lighthousePlayer}`, ...(embed ? [embed] : [])];
const chrome = await launchChrome({
  chromePath: chromiumPath(),
  chromeFlags: [...CHROMIUM_ARGS, '--headless=new'],
  logLevel: 'silent'
});
try {
  for (const path of lighthousePages) {
    const runs = [];
    for (let run = 0; run < LIGHTHOUSE_RUNS; run++) {
      const result = await lighthouse(`${base}${path}`, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: Object.keys(LIGHTHOUSE_TARGETS)
      });
      if (!result) throw new Error(`Lighthouse returned nothing for ${path}`);
      runs.push(result.lhr);
    }
    runs.sort(
      (a, b) => (a.categories.performance?.score ?? 0) - (b.categories.performance?.score ?? 0)
    );
    const lhr = runs[Math.floor(runs.length / 2)];
    if (!lhr) throw new Error(`No Lighthouse run for ${path}`);
    const performances = runs.map((r) => (r.categories.performance?.score ?? 0).toFixed(2));
    if (lhr.runtimeError) problems.push(`${path}: Lighthouse: ${lhr.runtimeError.message}`);
    // Everything it loaded came from the site: the audit runs with no network.
    const requests = (lhr.audits['network-requests']?.details as { items?: { url: string }[] })
      ?.items;
    for (const { url } of requests ?? []) {
      if (!url.startsWith(base) && !/^(data|blob):/.test(url)) {
        problems.push(`${path}: Lighthouse saw a request to another origin: ${url}`);
      }
    }
    const scores: string[] = [];
    for (const [id, target] of Object.entries(LIGHTHOUSE_TARGETS)) {
      const category = lhr.categories[id];
      const score = category?.score ?? 0;
      const ok = score >= target;
      scores.push(`${score.toFixed(2)} / ${target} ${ok ? 'met' : 'NOT met'}`);
      if (ok || !category) continue;
      const failing = category.auditRefs
        .filter((ref) => ref.weight > 0)
        .map((ref) => lhr.audits[ref.id])
        .filter((audit) => audit && audit.score !== null && audit.score < 1)
        .map((audit) => `${audit?.title}${audit?.displayValue ? ` (${audit.displayValue})` : ''}`);
      problems.push(`${path}: Lighthouse ${category.title} ${score.toFixed(2)} under ${target}:`);
      for (const title of failing) problems.push(`    - ${title}`);
    }
    const metric = (id: string) => lhr.audits[id]?.displayValue ?? '?';
    lighthouseRows.push(
      `| ${cell(`\`${path}\``, 44)} | ${scores.map((s) => cell(s, 19)).join(' | ')} | ${performances.join(', ')}; FCP ${metric('first-contentful-paint')}, LCP ${metric('largest-contentful-paint')}, TBT ${metric('total-blocking-time')}, CLS ${metric('cumulative-layout-shift')} |`
    );
  }
} finally {
  chrome.kill();
  await site.close();
}

console.log('\nFirst load of the built site (gzip sizes of what the page requested), Chromium');
console.log(
  '| page                                         |  first JS |  budget | met?    |    CSS | until live | mermaid     |'
);
console.log(
  '| -------------------------------------------- | --------: | ------: | ------- | -----: | ---------: | ----------- |'
);
for (const row of rows) console.log(row);
console.log(`\nService worker cache after a first visit to /: ${precache}`);
console.log(
  `\nLighthouse (mobile, simulated throttling), median of ${LIGHTHOUSE_RUNS} runs: score / target`
);
console.log(
  '| page                                         | performance         | accessibility       | best practices      | performance by run; median run |'
);
console.log(
  '| -------------------------------------------- | ------------------- | ------------------- | ------------------- | ------------------------------ |'
);
for (const row of lighthouseRows) console.log(row);
console.log('\naxe:');
for (const f of findings) console.log(`- ${f}`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(0)} s`;
console.log(
  `\nThe audit took ${seconds(performance.now() - started)} (first loads and axe ${seconds(budgetsTook)}, Lighthouse the rest).`
);
if (problems.length > 0) {
  console.error(
    `\nNot met:\n${problems.map((p) => (p.startsWith(' ') ? p : `- ${p}`)).join('\n')}`
  );
  process.exit(1);
}
