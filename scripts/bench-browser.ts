/**
 * What one step costs in the browser, for every scenario and for a generated 200-message one,
 * each side by side with a full mermaid re-render of the same flow, interleaved in one page of
 * one Chromium so both see the same machine load; and what switching the outcome costs on
 * Deliver.
 *
 * A step: a keydown dispatched on the window (as a clicker sends it) until the DOM is updated
 * and style and layout are forced. Each step starts after a rendered frame, so nothing earlier
 * (the Home key that restarts the run, the last mermaid render) is counted in it. A mermaid
 * render: mermaid.render of the flow up to the same step, inserted into the page with style and
 * layout forced. A switch: a click on the other outcome's radio at the end of the run, until the
 * DOM is updated (Svelte's effects, the diagram's d3 join) and laid out.
 *
 * It builds its own site (the real content plus the generated scenario, a test fixture) into
 * test-results/site-bench, so build/ is left alone; that build takes about 15 s.
 *
 *   npm run bench            (engine bench, then this)
 *   tsx scripts/bench-browser.ts [--steps 120]
 */
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { readContentFiles } from '../src/lib/content/node';
import { parseContent } from '../src/lib/content/parse';
import type { Scenario } from '../src/lib/content/types';
import { defaultInput, run } from '../src/lib/engine';
import { toMermaid } from '../src/lib/trace';
import { launchChromium } from '../tests/e2e/browser';
import { buildOther, serveOther } from '../tests/e2e/serve';
import { GENERATED_ID, generatedScenarioYaml } from '../tests/fixtures/generated-scenario';

const { values } = parseArgs({ options: { steps: { type: 'string', default: '120' } } });
const samples = Number(values.steps);
if (!Number.isInteger(samples) || samples < 100) {
  console.error(`--steps must be a whole number of at least 100 (got ${values.steps})`);
  process.exit(2);
}

// The real content plus the generated scenario, in a content folder of its own.
const bench = { contentDir: 'test-results/bench-content', outDir: 'test-results/site-bench' };
rmSync(bench.contentDir, { recursive: true, force: true });
mkdirSync(bench.contentDir, { recursive: true });
cpSync('content', `${bench.contentDir}/content`, { recursive: true });
writeFileSync(
  `${bench.contentDir}/content/scenarios/${GENERATED_ID}.yaml`,
  generatedScenarioYaml(200)
);
const files = readContentFiles(bench.contentDir);
const { scenarios } = parseContent(files);
console.log(`Building the bench site (${scenarios.length} scenarios) into ${bench.outDir}…`);
buildOther(bench);

/** The option with the longest run at default timing: the most steps to sample. */
function longest(scenario: Scenario) {
  const runs = scenario.choice.options.map((o) =>
    run(scenario, { ...defaultInput(scenario), branch: o.id })
  );
  return runs.reduce((a, b) => (b.entries.length > a.entries.length ? b : a));
}

const stat = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? NaN;
  return { median: at(0.5), p95: at(0.95) };
};

/** Opens a player at its start, with stock mermaid loaded beside it for the comparison. */
async function openPlayer(page: Page, url: string) {
  await page.goto(url);
  await page.waitForSelector('body[data-hydrated]');
  await page.addScriptTag({ path: 'node_modules/mermaid/dist/mermaid.min.js' });
  await page.evaluate(() => {
    const m = (window as unknown as { mermaid: { initialize(o: object): void } }).mermaid;
    m.initialize({ startOnLoad: false, securityLevel: 'strict' });
    const host = document.createElement('div');
    host.id = 'bench-mermaid';
    document.body.append(host);
  });
}

/**
 * One step by key, timed, on the player or the compare view; restarts with Home first at the
 * end of the run (the compare view's longest run).
 */
function timeStep(page: Page) {
  // No named functions in here: tsx would wrap them in a helper the page does not have.
  return page.evaluate(async () => {
    const label = document.querySelector<HTMLElement>('.position');
    if (!label) throw new Error('No step position on the page');
    // innerText: what the counter shows (it holds every step's words, one of them visible).
    if (/end of the (longest )?run/.test(label.innerText)) {
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Home', bubbles: true }));
    }
    // Start from a rendered frame: whatever came before is drawn and not counted here.
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const before = label.innerText;
    const t0 = performance.now();
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    // Svelte flushes its updates in a microtask; wait for them, then force style and layout.
    await Promise.resolve();
    await Promise.resolve();
    document.body.getBoundingClientRect();
    void document.body.offsetHeight;
    const ms = performance.now() - t0;
    // Read once the time is taken: layout is clean by then, so reading costs nothing counted.
    const after = label.innerText;
    if (after === before) throw new Error(`The step did not update the page (${after})`);
    return { ms, n: Number(/Step (\d+)/.exec(after)?.[1] ?? 0) };
  });
}

function timeMermaid(page: Page, source: string) {
  return page.evaluate(async (text) => {
    const m = (
      window as unknown as { mermaid: { render(id: string, t: string): Promise<{ svg: string }> } }
    ).mermaid;
    const host = document.getElementById('bench-mermaid');
    if (!host) throw new Error('The bench host element is gone');
    const t0 = performance.now();
    const { svg } = await m.render(`bench-${Math.random().toString(36).slice(2)}`, text);
    host.innerHTML = svg;
    host.getBoundingClientRect();
    void host.offsetHeight;
    return performance.now() - t0;
  }, source);
}

/** Clicks the radio labelled `label` and times it until the page has updated and laid out. */
function timeSwitch(page: Page, label: string) {
  return page.evaluate(async (name) => {
    const radio = [...document.querySelectorAll<HTMLInputElement>('input[type=radio]')].find((r) =>
      r.closest('label')?.textContent?.trim().startsWith(name)
    );
    const transcript = document.querySelector('ol[aria-labelledby="transcript-heading"]');
    if (!radio || !transcript) throw new Error(`No ${name} radio or transcript on the page`);
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const before = transcript.textContent;
    const t0 = performance.now();
    radio.click();
    // Effects (the diagram's d3 join) run after Svelte's microtask flush: a task later, all ran.
    await new Promise((r) => setTimeout(r, 0));
    document.body.getBoundingClientRect();
    void document.body.offsetHeight;
    const ms = performance.now() - t0;
    if (transcript.textContent === before) throw new Error('The switch did not update the page');
    return ms;
  }, label);
}

const site = await serveOther(bench, 4192);
const browser = await launchChromium();
const rows: {
  id: string;
  steps: number;
  step: ReturnType<typeof stat>;
  mermaid: ReturnType<typeof stat>;
}[] = [];
let switching: ReturnType<typeof stat> | undefined;
let compareStep: ReturnType<typeof stat> | undefined;
try {
  // The page's CSP allows no inline script; the bench injects stock mermaid to compare against.
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, bypassCSP: true });
  for (const scenario of scenarios) {
    const trace = longest(scenario);
    const mermaidUpTo = Array.from({ length: trace.entries.length + 1 }, (_, n) =>
      toMermaid(trace, scenario, { upTo: Math.max(1, n) })
    );
    await openPlayer(
      page,
      `${site.url}/scenarios/${scenario.id}?branch=${trace.input.branch}&step=0`
    );
    const step: number[] = [];
    const render: number[] = [];
    for (let i = 0; i < samples; i++) {
      const shown = await timeStep(page);
      step.push(shown.ms);
      render.push(
        await timeMermaid(page, mermaidUpTo[Math.min(shown.n, trace.entries.length)] ?? '')
      );
    }
    rows.push({
      id: scenario.id,
      steps: trace.entries.length,
      step: stat(step),
      mermaid: stat(render)
    });
    console.log(`  ${scenario.id}: done`);
  }

  // Switching the outcome on Deliver at the end of the run, accept and reject in turn.
  await openPlayer(
    page,
    `${site.url}/scenarios/deliver-interaction-to-agent?branch=accept&step=10`
  );
  const switches: number[] = [];
  for (let i = 0; i < Math.min(samples, 60); i++) {
    switches.push(await timeSwitch(page, i % 2 === 0 ? 'Reject' : 'Accept'));
  }
  switching = stat(switches);

  // One step of the compare view with every column, on Transfer (four outcomes).
  await page.goto(`${site.url}/scenarios/transfer/compare`);
  await page.waitForSelector('body[data-hydrated]');
  const compareSteps: number[] = [];
  for (let i = 0; i < samples; i++) compareSteps.push((await timeStep(page)).ms);
  compareStep = stat(compareSteps);
} finally {
  await browser.close();
  await site.close();
}

const f = (x: number) => x.toFixed(2);
console.log(
  `\nOne step vs a full mermaid re-render, ${samples} interleaved samples each, Chromium headless`
);
console.log(
  '\n| scenario (longest option) | steps | step median | step p95 | mermaid median | mermaid / step |'
);
console.log('| --- | --: | --: | --: | --: | --: |');
for (const r of rows) {
  console.log(
    `| ${r.id} | ${r.steps} | ${f(r.step.median)} ms | ${f(r.step.p95)} ms | ${f(r.mermaid.median)} ms | ${f(r.mermaid.median / r.step.median)}x |`
  );
}
if (switching) {
  console.log(
    `\nSwitching the outcome on Deliver: median ${f(switching.median)} ms, p95 ${f(switching.p95)} ms.`
  );
}
const p95Met = rows.every((r) => r.step.p95 <= 8);
const ratioMet = rows.every((r) => r.mermaid.median / r.step.median >= 15);
console.log(
  `\nTargets: step p95 at most 8 ms on every scenario (${p95Met ? 'met' : 'NOT met'}); a median at least 15x cheaper than mermaid on every one (${ratioMet ? 'met' : 'NOT met'}); switching at most 16 ms median (${switching && switching.median <= 16 ? 'met' : 'NOT met'}).`
);
if (compareStep) {
  console.log(
    `\nOne compare step, all four columns of Transfer, ${samples} samples: median ${f(compareStep.median)} ms, p95 ${f(compareStep.p95)} ms. Target: at most 16 ms p95 (${compareStep.p95 <= 16 ? 'met' : 'NOT met'}).`
  );
}
