/**
 * The Content Security Policy (svelte.config.js, `kit.csp`) over the whole built site: every
 * page the build wrote, the player's lazy modes and the mermaid view, with no violation reported
 * by the browser; and the policy itself, read from each page as the browser gets it.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseURL, launchChromium } from './browser';
import { openMermaidView } from './mermaid-view';

const buildDir = process.env.BUILD_DIR || 'build';

interface BuiltPage {
  path: string;
  file: string;
  /** A page SvelteKit rendered (with its policy), not a file copied from static/. */
  app: boolean;
  /** One that runs a script, which marks the body once live (all but /offline, csr = false). */
  hydrates: boolean;
}

/** Every .html file the build wrote, as the path a reader opens (404.html included). */
function builtPages(): BuiltPage[] {
  const pages: BuiltPage[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== '_app') walk(file);
      else if (entry.name.endsWith('.html')) {
        const path = `/${relative(buildDir, file)}`.replace(/\.html$/, '').replace(/\/index$/, '/');
        // SvelteKit's pages carry its policy; the embeds too, which hydrate without its router.
        const html = readFileSync(file, 'utf8');
        const app = html.includes('http-equiv="content-security-policy"');
        const hydrates = app && html.includes('<script');
        pages.push({ path: path === '/404' ? '/404.html' : path, file, app, hydrates });
      }
    }
  };
  walk(buildDir);
  return pages.sort((a, b) => a.path.localeCompare(b.path));
}

const pages = builtPages();

/** The policy in a page's <meta http-equiv>, directive → its sources. */
function metaPolicy(html: string): Map<string, string[]> | null {
  const content = /<meta http-equiv="content-security-policy" content="([^"]*)"/i.exec(html)?.[1];
  if (content === undefined) return null;
  const policy = new Map<string, string[]>();
  for (const directive of content.replaceAll('&#39;', "'").split(';')) {
    const [name, ...sources] = directive.trim().split(/\s+/);
    if (name) policy.set(name, sources);
  }
  return policy;
}

let browser: Browser;
let context: BrowserContext;
let page: Page;
/** What the browser reported since the last `visit`, from any frame. */
const violations: string[] = [];
const consoleErrors: string[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  // Every frame reports to Node, so a violation is kept even if its page navigates away.
  await context.exposeFunction('reportCspViolation', (text: string) => violations.push(text));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { reportCspViolation(text: string): void })
        .reportCspViolation;
      report(
        `${location.pathname}${location.search}: ${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber} ${e.sample}`
      );
    });
  });
  page = await context.newPage();
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => consoleErrors.push(err.message));
});
afterAll(async () => {
  await browser?.close();
});

async function visit(path: string, hydrates = true) {
  violations.length = 0;
  consoleErrors.length = 0;
  await page.goto(new URL(path, baseURL()).href);
  if (hydrates) await page.waitForSelector('body[data-hydrated]', { timeout: 15_000 });
}

/** Violations and the console's CSP errors; what a test expects to be empty. */
const reported = () => [
  ...violations,
  ...consoleErrors.filter((text) => /Content[ -]Security[ -]Policy|Refused to/i.test(text))
];

describe('the policy', () => {
  it('finds the pages of the build', () => {
    expect(pages.map((p) => p.path)).toContain('/');
    expect(pages.length).toBeGreaterThan(3);
  });

  it.each(pages.filter((p) => p.app))(
    '$path has a meta policy: scripts from the site, every inline script hashed',
    ({ file }) => {
      const html = readFileSync(file, 'utf8');
      const policy = metaPolicy(html);
      expect(policy, 'no <meta http-equiv="content-security-policy">').not.toBeNull();
      const scriptSrc = policy?.get('script-src') ?? [];
      expect(scriptSrc).toContain("'self'");
      expect(html).not.toMatch(/unsafe-eval/);
      expect(scriptSrc).not.toContain("'unsafe-inline'");
      expect(policy?.get('object-src')).toEqual(["'none'"]);
      expect(policy?.get('base-uri')).toEqual(["'self'"]);
      const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)];
      for (const [, body] of inline) {
        const hash = createHash('sha256')
          .update(body ?? '')
          .digest('base64');
        expect(scriptSrc, `an inline script without its hash in ${file}`).toContain(
          `'sha256-${hash}'`
        );
      }
    }
  );
});

describe('no violation', () => {
  // Pages copied from static/ (the embed's example host page) too: they have no policy of their
  // own, but the site's pages they frame do.
  it.each(pages)('on $path', async ({ path, hydrates }) => {
    await visit(path, hydrates);
    // Lazy work after hydration (chunks, drawing) has run once the network is quiet.
    await page.waitForLoadState('networkidle');
    expect(reported()).toEqual([]);
  });

  it.each([
    ['present', () => page.getByRole('dialog', { name: /^Presenting / })],
    [
      'quiz',
      () =>
        page
          .getByRole('radiogroup', { name: 'What comes next?' })
          .or(page.getByRole('heading', { name: 'Summary' }))
    ],
    ['live', () => page.getByRole('timer', { name: 'Time left to answer' })]
  ])('in the player with ?mode=%s', async (mode, view) => {
    await visit(`/scenarios/deliver-interaction-to-agent?mode=${mode}`);
    await view().first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(reported()).toEqual([]);
  });

  it('in the Mermaid view, with mermaid drawing the run', async () => {
    await visit('/scenarios/transfer?branch=reject');
    await openMermaidView(page);
    await expect
      .poll(() => page.locator('svg[aria-roledescription="sequence"] text').count())
      .toBeGreaterThan(5);
    expect(reported()).toEqual([]);
  });
});

describe('the test itself', () => {
  it('notices a violation', async () => {
    await visit('/');
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.injected = true';
      document.body.append(script);
    });
    await expect.poll(() => violations.length).toBeGreaterThan(0);
    expect(violations[0]).toMatch(/script-src/);
  });
});
