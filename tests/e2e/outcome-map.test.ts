/**
 * The outcome map on the player of a scenario with a timer: its colours and words agree with
 * the engine run at the same response times, a point chosen by mouse or keyboard runs that
 * answer at that time, and the current point follows the response field.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loadContentFromDisk } from '../../src/lib/content/node';
import type { InvitationScenario } from '../../src/lib/content/types';
import { run } from '../../src/lib/engine/run';
import { openModelViews, seriousAxeFindings, type SharedPage, useSharedPage } from './browser';

let shared: SharedPage;
let page: Page;
useSharedPage((file) => ({ shared, page } = file), { viewport: { width: 1366, height: 900 } });

const visit = (path: string) => openModelViews(shared, path);

const content = loadContentFromDisk();
function invitation(id: string): InvitationScenario {
  const found = content.scenarios.find((s) => s.id === id);
  if (found?.mechanics !== 'invitation') throw new Error(`no invitation ${id} in content/`);
  return found;
}
const deliver = invitation('deliver-interaction-to-agent');
const transfer = invitation('transfer');

const map = () => page.getByRole('region', { name: 'Outcome map' });
/** A row's slider; not rooted in the region, so it also serves as a `has` filter inside it. */
const slider = (answer: string) =>
  page.getByRole('slider', { name: new RegExp(`^${answer}: response time`) });
const responseField = (party: string) => page.getByLabel(`${party} response time (s)`);
const paragraph = (start: RegExp) => map().getByRole('paragraph').filter({ hasText: start });
const thisRun = () => paragraph(/^\s*This run:/);

async function transcript(): Promise<string[]> {
  const items = page.getByRole('list', { name: 'Transcript' }).getByRole('listitem');
  return (await items.allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
}

/** How a swatch or band is painted: its colour and, for stripes, its gradient. */
const paint = (el: Locator) =>
  el.evaluate((e) => {
    const style = getComputedStyle(e);
    return `${style.backgroundColor} ${style.backgroundImage}`;
  });

/** The legend's swatch for an ending, found by the words the legend gives it. */
const legendPaint = (label: string) =>
  paint(
    map()
      .getByRole('list', { name: 'Legend' })
      .getByRole('listitem')
      .filter({ hasText: new RegExp(`^\\s*${label}`) })
      .locator('.swatch')
  );

/** The row of the map for one answer: its drawn bands, by the label of its slider. */
const rowBands = (answer: string) =>
  map()
    .locator('.track')
    .filter({ has: slider(answer) })
    .locator('.band');

/** The band drawn at a response time, by the response times it says it covers. */
async function bandAt(answer: string, responseS: number): Promise<Locator> {
  const bands = rowBands(answer);
  for (let i = 0; i < (await bands.count()); i++) {
    const band = bands.nth(i);
    const from = Number(await band.getAttribute('data-from'));
    const to = Number(await band.getAttribute('data-to'));
    if (from <= responseS && responseS <= to) return band;
  }
  throw new Error(`No band of ${answer} covers ${responseS} s`);
}

/** The point of a row where a response time is drawn, in page pixels. */
async function pointOf(answer: string, responseS: number, end: number) {
  const bands = map()
    .locator('.track')
    .filter({ has: slider(answer) })
    .locator('.bands');
  // Below the diagram: bring it into the viewport, where points and clicks are measured.
  await bands.scrollIntoViewIfNeeded();
  const box = await bands.boundingBox();
  if (!box) throw new Error(`The ${answer} row is not drawn`);
  return { x: box.x + (responseS / end) * box.width, y: box.y + box.height / 2 };
}

/** The words table's outcome for a response time, read as a screen reader would. */
async function wordsAt(answer: string, responseS: number): Promise<string> {
  const rows = map().getByRole('table').getByRole('rowgroup').filter({ hasText: answer });
  const cells = await rows
    .getByRole('row')
    .evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? ''))
    );
  for (const [range = '', outcome = ''] of cells) {
    const [from, to = from] = range.replace(/ s$/, '').replace(/,/g, '').split(' to ').map(Number);
    if (from !== undefined && to !== undefined && from <= responseS && responseS <= to) {
      return outcome.replace(/\s+/g, ' ');
    }
  }
  throw new Error(`No row of ${answer} covers ${responseS} s`);
}

describe('the outcome map', () => {
  for (const [scenario, timeoutS] of [
    [deliver, 30],
    [transfer, 20]
  ] as const) {
    it(`colours ${scenario.title} as the engine runs it, around a ${timeoutS} s deadline`, async () => {
      await visit(`/scenarios/${scenario.id}`);
      await page.getByLabel(`${scenario.timer.field} (s)`).fill(String(timeoutS));
      const end = 2 * timeoutS;
      await expect.poll(() => slider('Accept').getAttribute('max')).toBe(String(end));
      const painted = new Set<string>();
      // The answers have a row each; Timeout and Invalid have no response time.
      const answers = scenario.choice.options.filter((o) => ['accept', 'reject'].includes(o.id));
      expect(answers.map((o) => o.label)).toEqual(['Accept', 'Reject']);
      for (const option of answers) {
        for (const responseS of [0, timeoutS - 0.1, timeoutS, timeoutS + 0.1, end]) {
          const trace = run(scenario, { branch: option.id, timeoutS, responseS });
          const ending = scenario.choice.options.find((o) => o.id === trace.endedAs)?.outcome;
          const band = await bandAt(option.label, responseS);
          await expect(band.getAttribute('data-outcome')).resolves.toBe(trace.outcome);
          const colour = await paint(band);
          expect(colour, `${option.label} at ${responseS} s`).toBe(await legendPaint(ending ?? ''));
          painted.add(colour);
          await expect(wordsAt(option.label, responseS)).resolves.toBe(trace.outcomeLabel);
        }
        // What is drawn at a point is that band: mid-way through each side of the deadline.
        for (const responseS of [timeoutS / 2, timeoutS * 1.5]) {
          const { x, y } = await pointOf(option.label, responseS, end);
          const hit = await page.evaluate(
            ({ px, py }) =>
              document
                .elementsFromPoint(px, py)
                .find((e) => e.classList.contains('band'))
                ?.getAttribute('data-outcome'),
            { px: x, py: y }
          );
          const trace = run(scenario, { branch: option.id, timeoutS, responseS });
          expect(hit, `drawn at ${responseS} s`).toBe(trace.outcome);
        }
      }
      // Accepted, Rejected and Timed out each have a colour of their own.
      expect(painted.size).toBe(3);
      await expect(paragraph(/^\s*Tie at/).innerText()).resolves.toMatch(
        new RegExp(
          `^Tie at ${timeoutS} s: an answer at or after the deadline loses to the timer\\. modeled`
        )
      );
      expect(shared.errors).toEqual([]);
    });
  }

  it('follows the response field with the current point, and says what it leads to', async () => {
    await visit('/scenarios/deliver-interaction-to-agent');
    await expect(slider('Accept').inputValue()).resolves.toBe('8');
    await expect(thisRun().innerText()).resolves.toBe('This run: Accept at 8 s: Accepted.');
    for (const responseS of [12.3, 29.9, 30, 60]) {
      await responseField('Agent').fill(String(responseS));
      const trace = run(deliver, { branch: 'accept', timeoutS: 30, responseS });
      await expect.poll(() => slider('Accept').inputValue()).toBe(String(responseS));
      await expect(slider('Accept').getAttribute('aria-valuetext')).resolves.toBe(
        `${responseS} s: ${trace.outcomeLabel}`
      );
      await expect(thisRun().innerText()).resolves.toBe(
        `This run: Accept at ${responseS} s: ${trace.outcomeLabel}.`
      );
    }
    await responseField('Agent').fill('75');
    await expect
      .poll(() => thisRun().innerText())
      .toMatch(/The response time, 75 s, is beyond the map, which ends at 60 s\.$/);
    await page.getByRole('radio', { name: /Timeout/ }).check();
    await expect
      .poll(() => thisRun().innerText())
      .toMatch(/^This run: Timeout, with no response time to map: Timed out\./);
    await expect(
      map().getByText('Timeout: the agent does not answer, so no response time applies').count()
    ).resolves.toBe(1);
    expect(shared.errors).toEqual([]);
  });

  it('runs a point clicked on a row, the answer of that row included', async () => {
    await visit('/scenarios/deliver-interaction-to-agent?branch=accept&step=10');
    const before = await transcript();
    expect(before.at(-1)).toMatch(/EventRouteUsed|EventAck/);
    const { x, y } = await pointOf('Accept', 45, 60);
    await page.mouse.click(x, y);
    await expect
      .poll(async () => Number(await responseField('Agent').inputValue()))
      .toBeGreaterThan(44);
    const chosen = Number(await responseField('Agent').inputValue());
    expect(chosen).toBeLessThan(46);
    await expect.poll(() => page.url()).toMatch(new RegExp(`response=${chosen}`));
    await expect
      .poll(() => transcript())
      .toContainEqual(expect.stringMatching(/Interaction Server → Agent Application: EventError/));
    await expect(thisRun().innerText()).resolves.toBe(
      `This run: Accept at ${chosen} s: Timed out; the agent’s accept arrived too late.`
    );

    const reject = await pointOf('Reject', 10, 60);
    await page.mouse.click(reject.x, reject.y);
    await expect.poll(() => page.getByRole('radio', { name: /Reject/ }).isChecked()).toBe(true);
    const rejectedAt = Number(await responseField('Agent').inputValue());
    expect(Math.abs(rejectedAt - 10)).toBeLessThan(1);
    await expect
      .poll(() => thisRun().innerText())
      .toBe(`This run: Reject at ${rejectedAt} s: Rejected.`);
    expect(shared.errors).toEqual([]);
  });

  it('moves the point by keyboard alone, without stepping the player', async () => {
    await visit('/scenarios/transfer?branch=accept&step=4');
    const position = await page.locator('.position').innerText();
    const accept = slider('Accept');
    for (let i = 0; i < 80; i++) {
      if (await accept.evaluate((el) => el === document.activeElement)) break;
      await page.keyboard.press('Tab');
    }
    await expect(accept.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await page.keyboard.press('End');
    await expect.poll(() => responseField('Agent 2').inputValue()).toBe('60');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => responseField('Agent 2').inputValue()).toBe('59.9');
    await expect(accept.getAttribute('aria-valuetext')).resolves.toBe(
      '59.9 s: Timed out; Agent 2’s accept arrived too late'
    );
    await page.keyboard.press('Home');
    await expect.poll(() => responseField('Agent 2').inputValue()).toBe('0');
    await expect(thisRun().innerText()).resolves.toBe('This run: Accept at 0 s: Accepted.');
    // The keys belonged to the slider: the player stayed on its step.
    await expect(page.locator('.position').innerText()).resolves.toBe(position);

    await page.keyboard.press('Tab');
    await expect(slider('Reject').evaluate((el) => el === document.activeElement)).resolves.toBe(
      true
    );
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => responseField('Agent 2').inputValue()).toBe('0.1');
    await expect(page.getByRole('radio', { name: /Reject/ }).isChecked()).resolves.toBe(true);
    await expect(thisRun().innerText()).resolves.toBe('This run: Reject at 0.1 s: Rejected.');
    await page.waitForURL(/branch=reject/);
    expect(shared.errors).toEqual([]);
  });

  it('is only on a scenario with a timer', async () => {
    await visit('/scenarios/stop-processing');
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(
      'Stop Processing'
    );
    await expect(map().count()).resolves.toBe(0);
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`has no serious or critical axe findings, ${colorScheme}`, async () => {
      await page.emulateMedia({ colorScheme });
      await visit('/scenarios/transfer?branch=reject&response=31');
      await expect(map().isVisible()).resolves.toBe(true);
      expect(await seriousAxeFindings(page)).toEqual([]);
      await page.emulateMedia({ colorScheme: 'light' });
    });
  }
});
