/**
 * Screenshots of the built site: every scenario's options at their last step (and Deliver's late
 * answer and start), in the light and dark themes, so a person can look at what the player
 * shows. Serves build/ (run `npm run build` first).
 *
 *   tsx scripts/screenshots.ts [--out test-results/screenshots] [--readme]
 *
 * --readme also refreshes static/screenshot.png, the picture in the README and the site's
 * preview image.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadContentFromDisk } from '../src/lib/content/node';
import { defaultInput } from '../src/lib/engine/input';
import { run } from '../src/lib/engine/run';
import { launchChromium } from '../tests/e2e/browser';
import { servePreviewOrExit } from '../tests/e2e/serve';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'test-results/screenshots' },
    readme: { type: 'boolean', default: false },
    path: { type: 'string' }
  }
});
mkdirSync(values.out, { recursive: true });

const SCENARIO = '/scenarios/deliver-interaction-to-agent';
/** Each option of each scenario at its last step, named `<scenario>-<option>`. */
const lastSteps = loadContentFromDisk().scenarios.flatMap((scenario) =>
  scenario.choice.options.map((option) => {
    const steps = run(scenario, { ...defaultInput(scenario), branch: option.id }).entries.length;
    return {
      name: `${scenario.id}-${option.id}`,
      path: `/scenarios/${scenario.id}?branch=${option.id}&step=${steps}`
    };
  })
);
const shots = values.path
  ? [{ name: 'custom', path: values.path }]
  : [
      ...lastSteps,
      { name: 'late-answer', path: `${SCENARIO}?branch=accept&step=10&response=31` },
      { name: 'start', path: SCENARIO },
      { name: 'home', path: '/' }
    ];

const site = await servePreviewOrExit(4191);
const browser = await launchChromium();
try {
  for (const colorScheme of ['light', 'dark'] as const) {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, colorScheme });
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    for (const shot of shots) {
      await page.goto(`${site.url}${shot.path}`);
      await page.waitForSelector('body[data-hydrated]');
      const file = join(values.out, `${shot.name}-${colorScheme}.png`);
      // A full-page capture does not scroll, so sections the browser skips until they are near
      // the viewport (content-visibility: auto) would come out blank: render them all for it.
      const rendered = await page.addStyleTag({
        content: '* { content-visibility: visible !important; }'
      });
      await page.screenshot({ path: file, fullPage: true });
      await rendered.evaluate((el) => el.parentNode?.removeChild(el));
      console.log(file);
      if (
        values.readme &&
        shot.name === 'deliver-interaction-to-agent-accept' &&
        colorScheme === 'light'
      ) {
        // Scrolled to the controls, the page header out of view: the controls, the diagram,
        // the narration and the message details fit in one picture.
        await page.locator('.bar').evaluate((el) => el.scrollIntoView());
        await page.screenshot({ path: 'static/screenshot.png' });
        await page.evaluate(() => window.scrollTo(0, 0));
        console.log('static/screenshot.png');
      }
    }
    await page.close();
  }
} finally {
  await browser.close();
  await site.close();
}
