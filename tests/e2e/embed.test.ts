/**
 * The embed in a host page served from another origin (a small server on 127.0.0.1; the site is
 * on localhost): no site chrome, its height and steps reported, `goto` followed and everything
 * else ignored, its query, keys inside the frame, focus left with the host; axe on the embed in
 * both themes; the full player's "Copy embed code" pasted into a host page; oEmbed; the
 * example host page the site ships.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Frame, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseURL, seriousAxeFindings, type SharedPage, useSharedPage } from './browser';

let browser: Browser;
let shared: SharedPage;
let page: Page;
useSharedPage((file) => ({ browser, shared, page } = file), {
  viewport: { width: 1366, height: 900 },
  permissions: ['clipboard-read', 'clipboard-write']
});
let host: Server;
let hostOrigin: string;
/** What the host server answers on /pasted: the code a writer pasted. */
let pasted = '';

interface Received {
  origin: string;
  data: { type?: string; height?: number; step?: number; branch?: string };
}

/**
 * A documentation page with an embed of `embedPath`: it records every message from the embed,
 * sizes the frame by its height messages, has a button of its own that takes focus on load,
 * and a sibling frame (same origin as the host) to send messages from a window that is not the
 * embed's parent.
 */
function hostPage(embedPath: string): string {
  const src = new URL(embedPath, baseURL()).href;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A host page</title></head>
<body style="margin: 0">
<main>
<h1>Host page</h1>
<button id="host-button" autofocus>A host button</button>
<iframe id="lab" src="${src}" title="The embed" width="100%" height="300" style="border: 0; display: block"></iframe>
<iframe id="sibling" srcdoc="<p>sibling</p>" title="A sibling frame" height="40"></iframe>
</main>
<script>
  window.received = [];
  const lab = document.getElementById('lab');
  addEventListener('message', (event) => {
    if (event.source !== lab.contentWindow) return;
    window.received.push({ origin: event.origin, data: event.data });
    if (event.data && event.data.type === 'interaction-lab:height') lab.height = String(event.data.height);
  });
  window.send = (data) => lab.contentWindow.postMessage(data, '*');
</script>
</body></html>`;
}

beforeAll(async () => {
  host = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://host.invalid');
    const body =
      url.pathname === '/host'
        ? hostPage(url.searchParams.get('embed') ?? '/embed/transfer')
        : url.pathname === '/pasted'
          ? `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Pasted</title></head><body><main><h1>Pasted</h1>${pasted}</main></body></html>`
          : null;
    // No favicon: answered with nothing rather than a 404 that the page would log.
    if (url.pathname === '/favicon.ico') {
      response.writeHead(204).end();
      return;
    }
    response.writeHead(body === null ? 404 : 200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(body ?? 'not found');
  });
  await new Promise<void>((done) => host.listen(0, '127.0.0.1', done));
  hostOrigin = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((done) => host?.close(done));
});

/**
 * Console errors and exceptions in the host page and its frames, but the service worker's
 * registration refused in a frame of another site (Chromium's third-party storage rules): the
 * embed works without it, and that error is SvelteKit's registration's, not the embed's.
 */
const pageErrors = () =>
  shared.errors.filter((e) => !/^Failed to register a ServiceWorker .*denied permission/.test(e));

const siteOrigin = () => new URL(baseURL()).origin;
const embedFrame = (): FrameLocator => page.frameLocator('#lab');
const frameOf = (): Frame => {
  const frame = page.frames().find((f) => f.url().startsWith(`${siteOrigin()}/embed/`));
  if (!frame) throw new Error('No embed frame in the page');
  return frame;
};
const position = () => embedFrame().locator('.position').innerText();
const received = () =>
  page.evaluate(() => (window as unknown as { received: Received[] }).received);
const messagesOf = async (type: string) =>
  (await received()).filter((m) => m.data?.type === `interaction-lab:${type}`);
const lastStep = async () => (await messagesOf('step')).at(-1)?.data;
const send = (data: unknown) =>
  page.evaluate((d) => (window as unknown as { send(d: unknown): void }).send(d), data);

/** Opens the host page with an embed of `embedPath`, once the embed is live (its first step). */
async function openHost(embedPath: string) {
  shared.errors.length = 0;
  await page.goto(`${hostOrigin}/host?embed=${encodeURIComponent(embedPath)}`);
  await embedFrame().locator('body[data-hydrated]').waitFor({ timeout: 15_000 });
  await expect.poll(async () => (await messagesOf('step')).length).toBe(1);
}

/** The frame's document height, as the embed measures it. */
const frameHeight = () =>
  frameOf().evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));

describe('the embed in a page of another origin', () => {
  it('shows the player at the query’s state with no site chrome, and leaves focus with the host', async () => {
    await openHost('/embed/transfer?branch=reject&step=3');
    const frame = embedFrame();
    await expect(position()).resolves.toMatch(/^Step 3 of \d+/);
    await expect(frame.getByRole('radio', { name: /Reject/ }).isChecked()).resolves.toBe(true);
    // The site's header, skip link and footer, and what makes no sense in a frame, are left out.
    await expect(frame.getByRole('banner').count()).resolves.toBe(0);
    await expect(frame.getByRole('contentinfo').count()).resolves.toBe(0);
    await expect(frame.getByRole('link', { name: 'Skip to content' }).count()).resolves.toBe(0);
    await expect(frame.getByRole('navigation').count()).resolves.toBe(0);
    await expect(frame.getByText('Export this run').count()).resolves.toBe(0);
    await expect(frame.getByText('Embed this run').count()).resolves.toBe(0);
    await expect(frame.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Transfer');
    // It answered from the embed's origin with where it is.
    const [first] = await messagesOf('step');
    expect(first).toEqual({
      origin: siteOrigin(),
      data: { type: 'interaction-lab:step', step: 3, branch: 'reject' }
    });
    // Loading the embed took nothing from the host page: its autofocused button keeps focus.
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('host-button');
    await expect(page.evaluate(() => document.hasFocus())).resolves.toBe(true);
    expect(pageErrors()).toEqual([]);
  });

  it('reports its height, and a new one when it grows', async () => {
    await openHost('/embed/transfer?branch=invalid&step=2');
    await expect.poll(async () => (await messagesOf('height')).length).toBeGreaterThan(0);
    const before = (await messagesOf('height')).at(-1)?.data.height ?? 0;
    expect(before).toBe(await frameHeight());
    // The host sized its frame by it, so the embed shows whole, with no scroll bar of its own.
    await expect(page.locator('#lab').getAttribute('height')).resolves.toBe(String(before));
    // Invalid is two steps; accept is ten: its diagram is taller.
    await embedFrame()
      .getByRole('radio', { name: /Accept/ })
      .check();
    await expect
      .poll(async () => (await messagesOf('height')).at(-1)?.data.height ?? 0)
      .toBeGreaterThan(before);
    const after = (await messagesOf('height')).at(-1)?.data.height;
    expect(after).toBe(await frameHeight());
    // Only changes are reported: no two height messages in a row are the same.
    const heights = (await messagesOf('height')).map((m) => m.data.height);
    expect(heights.every((h, i) => i === 0 || h !== heights[i - 1])).toBe(true);
    // The choice moved it: it said so.
    await expect
      .poll(lastStep)
      .toEqual({ type: 'interaction-lab:step', step: 2, branch: 'accept' });
  });

  it('follows goto and answers with step; the open link follows it', async () => {
    await openHost('/embed/transfer');
    await send({ type: 'interaction-lab:goto', step: 2, branch: 'timeout' });
    await expect.poll(position).toMatch(/^Step 2 of 7/);
    await expect
      .poll(lastStep)
      .toEqual({ type: 'interaction-lab:step', step: 2, branch: 'timeout' });
    // Either field alone: the other stays.
    await send({ type: 'interaction-lab:goto', step: 7 });
    await expect.poll(position).toMatch(/^Step 7 of 7/);
    await expect
      .poll(lastStep)
      .toEqual({ type: 'interaction-lab:step', step: 7, branch: 'timeout' });
    await send({ type: 'interaction-lab:goto', branch: 'invalid' });
    await expect
      .poll(lastStep)
      .toEqual({ type: 'interaction-lab:step', step: 2, branch: 'invalid' });

    const link = embedFrame().getByRole('link', { name: /Open in Interaction Lab/ });
    // Where it leads, as the browser resolves it (the prerendered href is relative to the embed).
    await expect
      .poll(() => link.evaluate((a) => (a as HTMLAnchorElement).href))
      .toBe(`${siteOrigin()}/scenarios/transfer?branch=invalid&step=2`);
    await expect(link.getAttribute('target')).resolves.toBe('_blank');
    await expect(link.getAttribute('rel')).resolves.toBe('noopener');
    const [popup] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
    await popup.waitForSelector('body[data-hydrated]');
    expect(new URL(popup.url()).pathname).toBe('/scenarios/transfer');
    await expect(popup.locator('.position').innerText()).resolves.toMatch(/^Step 2 of 2/);
    await expect(popup.getByRole('radio', { name: /Invalid/ }).isChecked()).resolves.toBe(true);
    await popup.close();
    // Going to its own link's page never happened in the frame.
    expect(frameOf().url()).toMatch(/\/embed\/transfer/);
  });

  it('ignores malformed messages, and messages from a window other than its parent', async () => {
    await openHost('/embed/transfer?branch=reject&step=3');
    const stepsBefore = (await messagesOf('step')).length;
    const bad: unknown[] = [
      'interaction-lab:goto',
      42,
      null,
      [1, 2],
      {},
      { type: 'interaction-lab:goto' },
      { type: 'interaction-lab:step', step: 1 },
      { type: 'goto', step: 1 },
      { type: 'interaction-lab:goto', step: '1' },
      { type: 'interaction-lab:goto', step: 1.5 },
      { type: 'interaction-lab:goto', step: -1 },
      { type: 'interaction-lab:goto', step: 99 },
      { type: 'interaction-lab:goto', branch: 'maybe' },
      { type: 'interaction-lab:goto', branch: 'Accept' },
      { type: 'interaction-lab:goto', step: 1, branch: 'maybe' },
      // Valid for reject (9 steps), but beyond invalid's 2: the whole message is ignored.
      { type: 'interaction-lab:goto', step: 5, branch: 'invalid' }
    ];
    for (const data of bad) await send(data);
    // A valid goto from a sibling frame: not the embed's parent, so not followed.
    const sibling = page.frame({ name: 'sibling' });
    if (!sibling) throw new Error('No sibling frame');
    await sibling.evaluate(() => {
      const lab = parent.document.getElementById('lab') as HTMLIFrameElement;
      lab.contentWindow?.postMessage({ type: 'interaction-lab:goto', step: 1 }, '*');
    });
    // Messages arrive in order: once this one is followed, all the others were read.
    await send({ type: 'interaction-lab:goto', step: 4 });
    await expect
      .poll(lastStep)
      .toEqual({ type: 'interaction-lab:step', step: 4, branch: 'reject' });
    const steps = (await messagesOf('step')).slice(stepsBefore).map((m) => m.data);
    expect(steps).toEqual([{ type: 'interaction-lab:step', step: 4, branch: 'reject' }]);
    await expect(
      embedFrame()
        .getByRole('radio', { name: /Reject/ })
        .isChecked()
    ).resolves.toBe(true);
    expect(pageErrors()).toEqual([]);
  });

  it('shows the step buttons and the counter with controls=minimal, nothing with controls=none', async () => {
    await openHost('/embed/transfer?controls=minimal&step=1');
    const frame = embedFrame();
    const buttons = frame.getByRole('group', { name: 'Step control' }).getByRole('button');
    await expect(buttons.allInnerTexts().then((t) => t.map((s) => s.trim()))).resolves.toEqual([
      'First step',
      'Previous step',
      'Next step',
      'Last step'
    ]);
    await expect(position()).resolves.toMatch(/^Step 1 of 10/);
    await expect(frame.getByRole('combobox', { name: 'Speed' }).count()).resolves.toBe(0);
    await expect(frame.getByRole('radiogroup').count()).resolves.toBe(0);
    await expect(frame.getByRole('textbox').count()).resolves.toBe(0);
    await frame.getByRole('button', { name: 'Next step' }).click();
    await expect
      .poll(lastStep)
      .toEqual({ type: 'interaction-lab:step', step: 2, branch: 'accept' });

    await openHost('/embed/transfer?controls=none&step=1');
    await expect(embedFrame().getByRole('group', { name: 'Step control' }).count()).resolves.toBe(
      0
    );
    await expect(embedFrame().getByRole('button', { name: /step$/ }).count()).resolves.toBe(0);
    await expect(embedFrame().getByRole('radiogroup').count()).resolves.toBe(0);
    // The host drives it.
    await send({ type: 'interaction-lab:goto', step: 3 });
    await expect
      .poll(lastStep)
      .toEqual({ type: 'interaction-lab:step', step: 3, branch: 'accept' });
  });

  it('says which of its own values it could not use, and uses the defaults', async () => {
    await openHost('/embed/transfer?controls=minmal&theme=blue');
    const notes = embedFrame().getByRole('status').filter({ hasText: 'could not be used' });
    await expect(notes.innerText()).resolves.toContain(
      'The link’s controls "minmal" is not one of full, minimal, none; using full.'
    );
    await expect(notes.innerText()).resolves.toContain('theme "blue"');
    await expect(
      embedFrame().getByRole('button', { name: 'Play', exact: true }).isVisible()
    ).resolves.toBe(true);
  });

  it('takes its theme from the query, over the reader’s system setting', async () => {
    const background = () =>
      frameOf().evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    await openHost('/embed/transfer?theme=dark');
    await expect.poll(background).toBe('rgb(17, 20, 24)');
    await expect(
      frameOf().evaluate(() => getComputedStyle(document.documentElement).colorScheme)
    ).resolves.toBe('dark');
    await page.emulateMedia({ colorScheme: 'dark' });
    try {
      await openHost('/embed/transfer?theme=light');
      await expect.poll(background).toBe('rgb(255, 255, 255)');
      // The diagram's own colours follow too: the first arrow (RequestTransfer) has Interaction
      // Management's colour meant for a white page (#a1246b in content/protocols.yaml).
      const firstArrow = () =>
        frameOf().evaluate(
          () => getComputedStyle(document.querySelector('.item.arrow .number-bg') as Element).fill
        );
      await expect.poll(firstArrow).toBe('rgb(161, 36, 107)');
      await openHost('/embed/transfer');
      await expect.poll(background).toBe('rgb(17, 20, 24)');
    } finally {
      await page.emulateMedia({ colorScheme: 'light' });
    }
  });

  it('steps with the keys once the reader clicks into it', async () => {
    await openHost('/embed/transfer?step=1');
    await embedFrame().getByRole('heading', { level: 1 }).click();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(position).toMatch(/^Step 3 of/);
    await page.keyboard.press('End');
    await expect
      .poll(lastStep)
      .toEqual({ type: 'interaction-lab:step', step: 10, branch: 'accept' });
  });

  it('fits the width of its frame from 360 to 1200 px', async () => {
    await openHost('/embed/deliver-interaction-to-agent?step=10');
    for (const width of [360, 480, 768, 1024, 1200]) {
      await page.locator('#lab').evaluate((el, w) => {
        (el as HTMLIFrameElement).style.width = `${w}px`;
      }, width);
      await expect.poll(() => frameOf().evaluate(() => window.innerWidth)).toBe(width);
      const overflow = await frameOf().evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth
      );
      expect(overflow, `at ${width} px`).toBe(0);
    }
  });
});

describe('the embed on its own', () => {
  it('paints in the asked theme before any of its scripts has loaded', async () => {
    // No module may load (and no service worker may serve one from its cache): the theme can
    // only come from the inline script in the head.
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.route('**/_app/immutable/**/*.js', (route) => route.abort());
    try {
      await page.goto(new URL('/embed/transfer?theme=dark', baseURL()).href, {
        waitUntil: 'domcontentloaded'
      });
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
      expect(await page.evaluate(() => 'hydrated' in document.body.dataset)).toBe(false);
      await page.goto(new URL('/embed/transfer?theme=light', baseURL()).href, {
        waitUntil: 'domcontentloaded'
      });
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
      await page.goto(new URL('/embed/transfer?theme=auto', baseURL()).href, {
        waitUntil: 'domcontentloaded'
      });
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBeUndefined();
    } finally {
      await context.close();
    }
  });

  it('is clean for axe in the light and the dark theme', async () => {
    await shared.goto('/embed/stop-processing?step=3');
    expect(await seriousAxeFindings(page)).toEqual([]);
    await shared.goto('/embed/deliver-interaction-to-agent?step=5&theme=dark&controls=minimal');
    await expect
      .poll(() => page.evaluate(() => document.documentElement.dataset.theme))
      .toBe('dark');
    expect(await seriousAxeFindings(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    try {
      await shared.goto('/embed/transfer?step=4');
      expect(await seriousAxeFindings(page)).toEqual([]);
    } finally {
      await page.emulateMedia({ colorScheme: 'light' });
    }
    expect(pageErrors()).toEqual([]);
  });
});

describe('Copy embed code', () => {
  const panel = () => page.locator('details').filter({ hasText: 'Embed this run' });

  it('gives code for the current state that works pasted into another site’s page', async () => {
    await shared.goto('/scenarios/transfer?branch=reject&step=3');
    await page.getByText('Embed this run').click();
    await panel().getByRole('combobox', { name: 'Controls' }).selectOption('minimal');
    await panel().getByRole('button', { name: 'Copy embed code' }).click();
    // The clipboard answers asynchronously: the status follows.
    await expect
      .poll(() => panel().getByRole('status').innerText())
      .toBe('Embed code copied to the clipboard.');
    const code = await page.evaluate(() => navigator.clipboard.readText());
    await expect(page.getByLabel('Embed code').inputValue()).resolves.toBe(code);
    expect(code).toContain(
      `src="${siteOrigin()}/embed/transfer?branch=reject&amp;step=3&amp;controls=minimal"`
    );
    expect(code).toMatch(/title="Transfer, in Interaction Lab" loading="lazy" width="100%"/);

    pasted = code;
    await page.goto(`${hostOrigin}/pasted`);
    const frame = page.frameLocator('iframe');
    await frame.locator('body[data-hydrated]').waitFor({ timeout: 15_000 });
    await expect(frame.locator('.position').innerText()).resolves.toMatch(/^Step 3 of 9/);
    await expect(frame.getByRole('button', { name: 'Play', exact: true }).count()).resolves.toBe(0);
    // The pasted script sized the frame to the embed's own height.
    const embed = page.frames().find((f) => f.url().includes('/embed/transfer'));
    const height = await embed?.evaluate(() =>
      Math.ceil(document.documentElement.getBoundingClientRect().height)
    );
    await expect.poll(() => page.locator('iframe').getAttribute('height')).toBe(String(height));
  });

  it('says to copy by hand when the browser refuses the clipboard', async () => {
    await shared.goto('/scenarios/stop-processing?branch=b&step=2');
    await page.evaluate(() => {
      navigator.clipboard.writeText = () => Promise.reject(new Error('refused'));
    });
    await page.getByText('Embed this run').click();
    await panel().getByRole('combobox', { name: 'Theme' }).selectOption('dark');
    await panel().getByRole('button', { name: 'Copy embed code' }).click();
    await expect
      .poll(() => panel().getByRole('status').innerText())
      .toBe('The browser did not allow copying: select the code below and copy it by hand.');
    await expect(page.getByLabel('Embed code').inputValue()).resolves.toContain(
      '/embed/stop-processing?branch=b&amp;step=2&amp;theme=dark"'
    );
    expect(pageErrors()).toEqual([]);
  });
});

describe('oEmbed', () => {
  it('is linked from every scenario page and describes its embed', async () => {
    for (const id of [
      'deliver-interaction-to-agent',
      'transfer',
      'conference',
      'stop-processing'
    ]) {
      await shared.goto(`/scenarios/${id}`);
      const link = page.locator('link[rel="alternate"][type="application/json+oembed"]');
      const href = await link.getAttribute('href');
      // Absolute, on the published site (SITE_URL at build time): fetched here from the test's.
      const url = new URL(href ?? '');
      expect(url.pathname).toBe(`/oembed/${id}.json`);
      const response = await page.request.get(new URL(url.pathname, baseURL()).href);
      expect(response.headers()['content-type']).toMatch(/json/);
      const body = await response.json();
      const title = await page.getByRole('heading', { level: 1 }).innerText();
      expect(body).toEqual({
        version: '1.0',
        type: 'rich',
        html: expect.stringContaining(`src="${url.origin}/embed/${id}"`),
        width: expect.any(Number),
        height: expect.any(Number),
        title,
        provider_name: 'Interaction Lab',
        provider_url: `${url.origin}/`
      });
      expect(body.html).toMatch(/^<iframe [^>]*title="[^"]+, in Interaction Lab"[^>]*><\/iframe>$/);
      await expect(link.getAttribute('title')).resolves.toBe(`${title}, in Interaction Lab`);
    }
  });
});

describe('the example host page', () => {
  /** Scrolls as a reader does until the section's top is at 70% of the window's height. */
  const readTo = (heading: string) =>
    page
      .getByRole('heading', { name: heading })
      .evaluate((el) => window.scrollBy(0, el.getBoundingClientRect().top - innerHeight * 0.7));

  it('drives the embed from its paragraphs as they scroll into view, and sizes it', async () => {
    // A plain page, not the app: nothing to wait for but its frame.
    shared.errors.length = 0;
    await page.goto(new URL('/examples/embed.html', baseURL()).href);
    const frame = page.frameLocator('#lab');
    await frame.locator('body[data-hydrated]').waitFor({ timeout: 15_000 });
    const embed = () => {
      const f = page.frames().find((fr) => fr.url().includes('/embed/'));
      if (!f) throw new Error('No embed');
      return f;
    };
    await expect
      .poll(async () =>
        String(
          await embed().evaluate(() =>
            Math.ceil(document.documentElement.getBoundingClientRect().height)
          )
        )
      )
      .toBe(await page.locator('#lab').getAttribute('height'));
    await readTo('Had nobody answered');
    await expect.poll(() => frame.locator('.position').innerText()).toMatch(/^Step 7 of 8/);
    await expect
      .poll(() => page.locator('section.current h2').innerText())
      .toBe('Had nobody answered');
    await readTo('The agent is invited');
    await expect.poll(() => frame.locator('.position').innerText()).toMatch(/^Step 3 of 10/);
    expect(pageErrors()).toEqual([]);
  });
});
