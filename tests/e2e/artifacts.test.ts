/**
 * Files for docs pipelines in the built site: every prerendered file of every scenario and
 * option (byte-identical to the export CLI, each mermaid file drawn by mermaid, each SVG shown
 * in an <img>), the player's "Download SVG" and "Download PNG", and the Mermaid view that
 * loads mermaid only when it opens.
 */
import { readFile } from 'node:fs/promises';
import type { Download, Page, Response } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { runExport } from '../../scripts/export-cli';
import { ARTIFACT_EXTENSIONS, ARTIFACT_TYPES } from '../../src/params/artifact';
import { realContent } from '../fixtures/content';
import { baseURL, seriousAxeFindings, type SharedPage, useSharedPage } from './browser';

const FORMAT_OF = { mmd: 'mermaid', json: 'json', md: 'markdown', txt: 'text' } as const;

/** Every file the site promises: each scenario's options × each extension. */
const ARTIFACTS = realContent.scenarios.flatMap((scenario) =>
  scenario.choice.options.flatMap((option) =>
    ARTIFACT_EXTENSIONS.map((ext) => ({
      scenario: scenario.id,
      branch: option.id,
      ext,
      path: `/scenarios/${scenario.id}/${option.id}.${ext}`
    }))
  )
);

let shared: SharedPage;
let page: Page;
useSharedPage((file) => ({ shared, page } = file), {
  viewport: { width: 1366, height: 900 },
  permissions: ['clipboard-read', 'clipboard-write']
});
/** The files fetched once, by path, for the tests that read them again in a browser. */
const fetched = new Map<string, string>();

/** A file's text, fetched once: the tests that read it in a browser reuse the first fetch. */
async function fileText(path: string): Promise<string> {
  const known = fetched.get(path);
  if (known !== undefined) return known;
  const text = await (await fetch(new URL(path, baseURL()))).text();
  fetched.set(path, text);
  return text;
}

/**
 * A page beside the shared one. `blank` has none of the site's Content Security Policy, so
 * stock mermaid can be loaded into it; `site` is of the site's origin (its plain 404 page), so
 * it can load the files, as a docs page hosted with them would.
 */
async function scratchPage(kind: 'blank' | 'site'): Promise<Page> {
  const scratch = await page.context().newPage();
  await scratch.goto(kind === 'blank' ? 'about:blank' : new URL('/no-such-page', baseURL()).href);
  return scratch;
}

describe('the prerendered files', () => {
  it('serves every file of every scenario and option with its content type', async () => {
    expect(ARTIFACTS.length).toBe(
      realContent.scenarios.reduce((n, s) => n + s.choice.options.length, 0) * 5
    );
    const served: string[] = [];
    for (const a of ARTIFACTS) {
      const response = await fetch(new URL(a.path, baseURL()));
      served.push(`${a.path} ${response.status} ${response.headers.get('content-type')}`);
      fetched.set(a.path, await response.text());
    }
    expect(served).toEqual(ARTIFACTS.map((a) => `${a.path} 200 ${ARTIFACT_TYPES[a.ext]}`));
  });

  it('writes the text files byte for byte as `npm run export` does', async () => {
    const content = () => realContent;
    for (const a of ARTIFACTS) {
      if (a.ext === 'svg') continue;
      const cli = runExport(
        ['--scenario', a.scenario, '--branch', a.branch, '--format', FORMAT_OF[a.ext]],
        { loadContent: content }
      );
      expect(cli.code, `${a.path}: ${cli.stderr}`).toBe(0);
      expect(await fileText(a.path), a.path).toBe(cli.stdout);
    }
  });

  it('has no file for an unknown option or extension, and compare is still a page', async () => {
    for (const path of ['/scenarios/transfer/nope.mmd', '/scenarios/transfer/accept.exe']) {
      expect((await fetch(new URL(path, baseURL()))).status, path).toBe(404);
    }
    const compare = await fetch(new URL('/scenarios/transfer/compare', baseURL()));
    expect(compare.status).toBe(200);
    expect(compare.headers.get('content-type')).toMatch(/^text\/html/);
  });

  it('has every mermaid file drawn by stock mermaid without an error', async () => {
    const scratch = await scratchPage('blank');
    await scratch.addScriptTag({ path: 'node_modules/mermaid/dist/mermaid.min.js' });
    await scratch.evaluate(() => {
      const { mermaid } = window as unknown as { mermaid: { initialize(o: object): void } };
      mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
    });
    for (const a of ARTIFACTS.filter((x) => x.ext === 'mmd')) {
      const source = await fileText(a.path);
      const drawn = await scratch.evaluate(
        async ({ source, id }) => {
          const { mermaid } = window as unknown as {
            mermaid: { render(id: string, text: string): Promise<{ svg: string }> };
          };
          try {
            const { svg } = await mermaid.render(id, source);
            return { svg, error: null };
          } catch (error) {
            return { svg: '', error: String(error) };
          }
        },
        { source, id: `render-${a.scenario}-${a.branch}` }
      );
      expect(drawn.error, a.path).toBeNull();
      expect(drawn.svg, a.path).toMatch(/^<svg/);
      // Every message of the file is in the drawing.
      for (const [, name] of source.matchAll(/->>[^:]+: (\w+)/g)) {
        expect(drawn.svg, `${a.path} ${name}`).toContain(name);
      }
    }
    await scratch.close();
  });

  it('has every SVG shown in an <img>, parsed as XML with no script', async () => {
    const scratch = await scratchPage('site');
    for (const a of ARTIFACTS.filter((x) => x.ext === 'svg')) {
      const result = await scratch.evaluate(
        async ({ src, text }) => {
          const image = new Image();
          image.alt = src;
          document.body.append(image);
          const loaded = await new Promise<boolean>((done) => {
            image.onload = () => done(true);
            image.onerror = () => done(false);
            image.src = src;
          });
          const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
          return {
            loaded,
            width: image.naturalWidth,
            height: image.naturalHeight,
            parseError: doc.querySelector('parsererror')?.textContent ?? null,
            root: doc.documentElement.localName,
            scripts: doc.querySelectorAll('script, foreignObject').length,
            handlers: [...doc.querySelectorAll('*')].flatMap((el) =>
              el.getAttributeNames().filter((n) => n.startsWith('on'))
            ),
            title: doc.querySelector('svg > title')?.textContent ?? ''
          };
        },
        { src: new URL(a.path, baseURL()).href, text: await fileText(a.path) }
      );
      expect(result.parseError, a.path).toBeNull();
      expect(result.root, a.path).toBe('svg');
      expect(result.scripts, a.path).toBe(0);
      expect(result.handlers, a.path).toEqual([]);
      expect(result.title, a.path).toMatch(/^Sequence diagram: /);
      expect(result.loaded, a.path).toBe(true);
      expect(result.width, a.path).toBeGreaterThan(0);
      expect(result.height, a.path).toBeGreaterThan(0);
    }
    await scratch.close();
  });
});

/** A JS response's body, or '' when it has none (a redirect, a failed load). */
const bodyOf = (response: Response) => response.text().catch(() => '');

describe('the Mermaid view', () => {
  it('loads mermaid only when it opens, draws the run and copies its source', async () => {
    const requests: string[] = [];
    const scripts: Promise<string>[] = [];
    const onResponse = (response: Response) => {
      requests.push(response.url());
      if (response.request().resourceType() === 'script') scripts.push(bodyOf(response));
    };
    page.on('response', onResponse);
    try {
      await shared.goto('/scenarios/transfer?branch=reject&step=4');
      await page.getByRole('button', { name: 'Next step' }).click();
      // No mermaid code, by content (chunk names are bare hashes). SvelteKit fetches the CSS of
      // a page's lazy components with the page, so the Mermaid panel's small stylesheet may come
      // early; the view's script (MermaidView, named in its chunk's CSS) may not.
      const mermaidCode = (body: string) => /mermaidAPI|mermaid-render-/.test(body);
      expect(
        requests.filter((url) => /mermaid/i.test(url) && !/MermaidPanel\.[\w-]+\.css$/.test(url))
      ).toEqual([]);
      expect((await Promise.all(scripts)).filter(mermaidCode)).toEqual([]);

      await page.getByRole('heading', { name: 'Mermaid', exact: true }).click();
      const drawing = page.locator('.mermaid-view svg');
      await drawing.waitFor({ timeout: 20_000 });
      await expect(page.getByRole('alert').count()).resolves.toBe(0);
      expect((await Promise.all(scripts)).some(mermaidCode)).toBe(true);

      const file = await fileText('/scenarios/transfer/reject.mmd');
      const source = await page.getByLabel('Mermaid source').inputValue();
      expect(source).toMatch(/^%% interaction-lab: scenario=transfer branch=reject/);
      expect(source).toContain('sequenceDiagram');
      // The same bytes as the CLI for this run (default timing, so the prerendered file too).
      expect(source).toBe(file);
      await expect(drawing.innerHTML()).resolves.toContain('RequestReject');

      await page.getByRole('button', { name: 'Copy mermaid source' }).click();
      await expect
        .poll(() => page.getByRole('status').filter({ hasText: 'Mermaid source copied' }).count())
        .toBe(1);
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      expect(copied).toBe(file);
      expect(shared.errors).toEqual([]);
    } finally {
      page.off('response', onResponse);
    }
  });
});

/** The PNG's width and height, from its IHDR chunk; throws unless it starts as a PNG does. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  expect([...bytes.subarray(0, 8)]).toEqual(signature);
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

async function downloadOf(name: string): Promise<{ download: Download; bytes: Buffer }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name, exact: true }).click()
  ]);
  const path = await download.path();
  return { download, bytes: await readFile(path) };
}

describe('the player’s downloads', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`saves the diagram at the current step as SVG and PNG (${colorScheme})`, async () => {
      await page.emulateMedia({ colorScheme });
      try {
        await shared.goto('/scenarios/deliver-interaction-to-agent?branch=timeout&step=5');
        await page.getByRole('heading', { name: 'Export this run' }).click();
        await page.getByRole('button', { name: 'Download SVG' }).waitFor();

        const svg = await downloadOf('Download SVG');
        expect(svg.download.suggestedFilename()).toBe(
          'deliver-interaction-to-agent-timeout-step-5.svg'
        );
        const text = svg.bytes.toString('utf8');
        const parsed = await page.evaluate((text) => {
          const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
          return {
            parseError: doc.querySelector('parsererror')?.textContent ?? null,
            arrows: doc.querySelectorAll('.il-arrow').length,
            timers: doc.querySelectorAll('.il-timer-mark').length,
            current: doc.querySelector('.il-current text.il-name tspan')?.textContent ?? null,
            width: Number(doc.documentElement.getAttribute('width')),
            height: Number(doc.documentElement.getAttribute('height'))
          };
        }, text);
        expect(parsed.parseError).toBeNull();
        // Steps 1 to 5 of the timeout branch: four messages and the timer's start.
        expect(parsed.arrows).toBe(4);
        expect(parsed.timers).toBe(1);
        expect(parsed.current).toBe('EventAgentInvited');
        expect(text).toContain(colorScheme === 'dark' ? 'fill:#111418' : 'fill:#ffffff');
        expect(text).toContain('step 5 of 8');

        const png = await downloadOf('Download PNG');
        expect(png.download.suggestedFilename()).toBe(
          'deliver-interaction-to-agent-timeout-step-5.png'
        );
        expect(pngSize(png.bytes)).toEqual({ width: parsed.width * 2, height: parsed.height * 2 });
        await expect(
          page.getByRole('status').filter({ hasText: 'Saved' }).innerText()
        ).resolves.toBe('Saved deliver-interaction-to-agent-timeout-step-5.png.');

        // The docs build's files of this choice are linked for download.
        for (const ext of ARTIFACT_EXTENSIONS) {
          const link = page.getByRole('link', { name: `timeout.${ext}`, exact: true });
          await expect(link.getAttribute('href')).resolves.toBe(
            `/scenarios/deliver-interaction-to-agent/timeout.${ext}`
          );
          await expect(link.getAttribute('download')).resolves.toBe(
            `deliver-interaction-to-agent-timeout.${ext}`
          );
        }

        await page.getByRole('heading', { name: 'Mermaid', exact: true }).click();
        await page.locator('.mermaid-view svg').waitFor({ timeout: 20_000 });
        expect(await seriousAxeFindings(page)).toEqual([]);
        expect(shared.errors).toEqual([]);
      } finally {
        await page.emulateMedia({ colorScheme: null });
      }
    });
  }
});
