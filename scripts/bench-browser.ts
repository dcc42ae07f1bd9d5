/**
 * What one step costs in the browser, side by side with a full mermaid re-render of the same
 * flow, interleaved in one page of one Chromium so both see the same machine load.
 *
 * A step: a keydown dispatched on the window (as a clicker sends it) until the DOM is updated
 * and style and layout are forced. Each step starts after a rendered frame, so nothing earlier
 * (the Home key that restarts the run, the last mermaid render) is counted in it. A mermaid
 * render: mermaid.render of the flow up to the same step, inserted into the page with style and
 * layout forced. It serves the built site (run `npm run build` first) and builds nothing itself.
 *
 *   npm run bench            (engine bench, then this)
 *   tsx scripts/bench-browser.ts [--steps 120]
 */
import { parseArgs } from 'node:util';
import { loadContentFromDisk } from '../src/lib/content/node';
import { runDelivery } from '../src/lib/engine';
import { toMermaid } from '../src/lib/trace';
import { launchChromium } from '../tests/e2e/browser';
import { servePreviewOrExit } from '../tests/e2e/serve';

const { values } = parseArgs({ options: { steps: { type: 'string', default: '120' } } });
const samples = Number(values.steps);
if (!Number.isInteger(samples) || samples < 100) {
  console.error(`--steps must be a whole number of at least 100 (got ${values.steps})`);
  process.exit(2);
}

const scenario = loadContentFromDisk().scenarios.find(
  (s) => s.id === 'deliver-interaction-to-agent'
);
if (!scenario) throw new Error('The deliver-interaction-to-agent scenario is missing');
const trace = runDelivery({ branch: 'accept', timeoutS: 30, responseS: 8 });
const mermaidUpTo = Array.from({ length: trace.entries.length + 1 }, (_, n) =>
  toMermaid(trace, scenario, { upTo: Math.max(1, n) })
);

const site = await servePreviewOrExit(4190);
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  await page.goto(`${site.url}/scenarios/deliver-interaction-to-agent?branch=accept&step=0`);
  await page.waitForSelector('body[data-hydrated]');
  await page.addScriptTag({ path: 'node_modules/mermaid/dist/mermaid.min.js' });
  await page.evaluate(() => {
    const m = (window as unknown as { mermaid: { initialize(o: object): void } }).mermaid;
    m.initialize({ startOnLoad: false, securityLevel: 'strict' });
    const host = document.createElement('div');
    host.id = 'bench-mermaid';
    document.body.append(host);
  });

  const step: number[] = [];
  const render: number[] = [];
  for (let i = 0; i < samples; i++) {
    // No named functions in here: tsx would wrap them in a helper the page does not have.
    const shown = await page.evaluate(async () => {
      const label = document.querySelector('.position');
      if (!label) throw new Error('No step position on the page');
      if (/end of the run/.test(label.textContent ?? '')) {
        window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Home', bubbles: true }));
      }
      // Start from a rendered frame: whatever came before (the Home key's update, the last
      // mermaid render, the diagram's scroll) is drawn and not counted in this step.
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      const before = label.textContent;
      const t0 = performance.now();
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
      // Svelte flushes its updates in a microtask; wait for them, then force style and layout.
      await Promise.resolve();
      await Promise.resolve();
      document.body.getBoundingClientRect();
      void document.body.offsetHeight;
      const ms = performance.now() - t0;
      const after = label.textContent ?? '';
      if (after === before) throw new Error(`The step did not update the page (${after})`);
      return { ms, n: Number(/Step (\d+)/.exec(after)?.[1] ?? 0) };
    });
    step.push(shown.ms);
    const text = mermaidUpTo[Math.min(shown.n, mermaidUpTo.length - 1)] ?? '';
    render.push(
      await page.evaluate(async (source) => {
        const m = (
          window as unknown as {
            mermaid: { render(id: string, t: string): Promise<{ svg: string }> };
          }
        ).mermaid;
        const host = document.getElementById('bench-mermaid');
        if (!host) throw new Error('The bench host element is gone');
        const t0 = performance.now();
        const { svg } = await m.render(`bench-${Math.random().toString(36).slice(2)}`, source);
        host.innerHTML = svg;
        host.getBoundingClientRect();
        void host.offsetHeight;
        return performance.now() - t0;
      }, text)
    );
  }

  const stat = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? NaN;
    return { median: at(0.5), p95: at(0.95), n: s.length };
  };
  const a = stat(step);
  const b = stat(render);
  const f = (x: number) => x.toFixed(2).padStart(8);
  console.log(
    `\nOne step vs a full mermaid re-render, ${samples} interleaved samples, Chromium headless`
  );
  console.log('| what                         |   median |      p95 |');
  console.log('| ---------------------------- | -------: | -------: |');
  console.log(`| player step (d3, ms)         | ${f(a.median)} | ${f(a.p95)} |`);
  console.log(`| mermaid re-render (ms)       | ${f(b.median)} | ${f(b.p95)} |`);
  console.log(
    `| mermaid / step               | ${f(b.median / a.median)}x | ${f(b.p95 / a.p95)}x |`
  );
  console.log(
    `\nTarget: step p95 < 8 ms (${a.p95 < 8 ? 'met' : 'NOT met'}), at least 10x cheaper than mermaid (${b.median / a.median >= 10 ? 'met' : 'NOT met'}).`
  );
} finally {
  await browser.close();
  await site.close();
}
