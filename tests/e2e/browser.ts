/**
 * Debian's Chromium driven by playwright-core (no browser download is possible here).
 * CHROME_PATH overrides /usr/bin/chromium.
 */
import AxeBuilder from '@axe-core/playwright';
import { existsSync } from 'node:fs';
import {
  chromium,
  type Browser,
  type BrowserContextOptions,
  type Locator,
  type Page
} from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic'
];

export function chromiumPath(): string {
  const path = process.env.CHROME_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(
      `No Chromium at ${path}: install Debian's chromium (apt-get install chromium) or set CHROME_PATH.`
    );
  }
  return path;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
}

export const baseURL = () => inject('baseURL');

/**
 * A fresh page that records console errors, uncaught exceptions and dialogs, so every test can assert
 * the page stayed clean.
 */
export async function openPage(
  browser: Browser,
  path: string,
  options: BrowserContextOptions = {}
): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, ...options });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(err.message));
  // A dialog nobody asked for is injected script running (an alert from a hostile URL).
  page.on('dialog', (dialog) => {
    errors.push(`unexpected ${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.goto(new URL(path, baseURL()).href);
  // The player restores the URL once it runs; wait for the app to be live.
  await page.waitForSelector('body[data-hydrated]', { timeout: 15_000 }).catch(async () => {
    throw new Error(`The page ${path} never hydrated. Errors: ${errors.join(' | ') || 'none'}`);
  });
  return { page, errors };
}

/**
 * One page for a whole test file, as a person moves from page to page: `goto` loads a path and
 * waits for the app, and `errors` collects console errors, uncaught exceptions and dialogs
 * since the last `goto`. Saves a browser context per test on a 2-core machine.
 */
export async function sharedPage(
  browser: Browser,
  options: BrowserContextOptions = {}
): Promise<{ page: Page; errors: string[]; goto(path: string): Promise<void> }> {
  const { page, errors } = await openPage(browser, '/', options);
  return {
    page,
    errors,
    async goto(path: string) {
      errors.length = 0;
      await page.goto(new URL(path, baseURL()).href);
      await page.waitForSelector('body[data-hydrated]', { timeout: 15_000 });
    }
  };
}

export type SharedPage = Awaited<ReturnType<typeof sharedPage>>;

/** What a test file shares: one browser, and one page in it that moves from page to page. */
export interface SharedFile {
  browser: Browser;
  shared: SharedPage;
  page: Page;
}

/**
 * One browser and one shared page for a whole test file: launched before its first test and
 * handed to `set` (the file's own variables), closed after its last test. Call it at the top of
 * the file; hooks the file adds after it run once the page is there.
 */
export function useSharedPage(
  set: (file: SharedFile) => void,
  options: BrowserContextOptions = {}
): void {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
    const shared = await sharedPage(browser, options);
    set({ browser, shared, page: shared.page });
  });
  afterAll(async () => {
    await browser?.close();
  });
}

/** A player page at `path`, scrolled to its statechart and outcome map (they load when near). */
export async function openModelViews(shared: SharedPage, path: string): Promise<void> {
  await shared.goto(path);
  await scrollToModelViews(shared.page);
}

/** axe's serious and critical findings on the page as it is now, one line each; [] when clean. */
export async function seriousAxeFindings(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/**
 * Scrolls to the statechart and outcome map, which load only when they come near the viewport
 * (LazyView), and waits until they are drawn.
 */
export async function scrollToModelViews(page: Page): Promise<void> {
  const chart = page.getByRole('region', { name: 'Statechart' });
  await chart.scrollIntoViewIfNeeded();
  await chart.getByRole('list', { name: 'States' }).waitFor();
  const map = page.getByRole('region', { name: 'Outcome map' });
  if ((await map.count()) > 0) await map.getByRole('table').waitFor();
}

/**
 * The text a person reads in each element the locator matches: its text nodes shown (computed
 * visibility `visible`), whitespace collapsed. Unlike innerText it also reads what the page skips
 * rendering below the fold (content-visibility), which a screen reader still reaches; unlike
 * textContent it leaves out what is there but hidden.
 */
export function visibleTexts(locator: Locator): Promise<string[]> {
  return locator.evaluateAll((elements) =>
    elements.map((element) => {
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      let text = '';
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (parent && getComputedStyle(parent).visibility === 'visible') text += node.nodeValue;
      }
      return text.replace(/\s+/g, ' ').trim();
    })
  );
}

/**
 * Whether a person sees any of the element: inside the viewport and not clipped away by an
 * ancestor, as IntersectionObserver tells it. Playwright's isVisible counts an element that a
 * clipping ancestor hides (a card of the narration's strip out of view) as visible.
 */
export function onScreen(locator: Locator): Promise<boolean> {
  return locator.first().evaluate(
    (element) =>
      new Promise<boolean>((resolve) => {
        const observer = new IntersectionObserver(([entry]) => {
          observer.disconnect();
          const area = entry ? entry.intersectionRect.width * entry.intersectionRect.height : 0;
          resolve(area > 0);
        });
        observer.observe(element);
      })
  );
}

/** A regular expression that matches `text` literally, for accessible names built from content. */
export function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
