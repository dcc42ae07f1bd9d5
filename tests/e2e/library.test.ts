/**
 * The whole library in the built site, one table of models rather than a file per model: every
 * model in content/ is played by keyboard alone to the end of each option, its lifeline events
 * show in the diagram and the transcript, its statechart draws, and axe finds nothing serious.
 * Expectations come from the content and the engine, so a new model is tested by being added.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loadContentFromDisk } from '../../src/lib/content/node';
import { defaultInput } from '../../src/lib/engine/input';
import { run } from '../../src/lib/engine/run';
import { describeEntry } from '../../src/lib/trace/format';
import {
  type SharedPage,
  literal,
  scrollToModelViews,
  seriousAxeFindings,
  useSharedPage
} from './browser';

let shared: SharedPage;
let page: Page;
useSharedPage((file) => ({ shared, page } = file), { viewport: { width: 1366, height: 900 } });

const { scenarios } = loadContentFromDisk();

const position = () => page.locator('.position').innerText();

async function transcript(): Promise<string[]> {
  const items = page.getByRole('list', { name: 'Transcript' }).getByRole('listitem');
  return (await items.allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
}

describe.each(scenarios.map((s) => [s.id, s] as const))('%s', (id, scenario) => {
  it('plays every option by keyboard to its end, as the engine runs it', async () => {
    for (const option of scenario.choice.options) {
      const trace = run(scenario, { ...defaultInput(scenario), branch: option.id });
      const total = trace.entries.length;
      await shared.goto(`/scenarios/${id}?branch=${option.id}`);
      await expect(position()).resolves.toMatch(
        new RegExp(`^Start: nothing sent yet · ${total} steps`)
      );
      // The keys a clicker sends: one step per press, from the first to the last.
      await page.locator('body').focus();
      for (let n = 1; n <= total; n++) {
        await page.keyboard.press(n % 2 === 0 ? 'PageDown' : 'ArrowRight');
      }
      await expect(position()).resolves.toMatch(
        new RegExp(`^Step ${total} of ${total} · end of the run`)
      );
      const told = await transcript();
      expect(told, `${id} ${option.id}`).toHaveLength(total);
      // The run ends as the engine says, in the words the narration shows at the end.
      await expect(
        page
          .getByText(`End of the run. ${trace.outcomeLabel}`, { exact: false })
          .first()
          .isVisible()
      ).resolves.toBe(true);
      // Every lifeline event is a mark on the diagram and a line of the transcript.
      for (const entry of trace.entries.filter((e) => e.kind === 'lifeline')) {
        const words = describeEntry(entry, scenario);
        await expect(
          page.getByRole('button', { name: new RegExp(`^${literal(words)}, at `) }).count()
        ).resolves.toBeGreaterThan(0);
        expect(
          told.some((line) => line.includes(words)),
          words
        ).toBe(true);
      }
    }
    expect(shared.errors).toEqual([]);
  });

  it('draws its statechart and has no serious accessibility findings', async () => {
    await shared.goto(`/scenarios/${id}`);
    await scrollToModelViews(page);
    await expect(
      page.getByRole('region', { name: 'Statechart' }).getByText(/Now:/).count()
    ).resolves.toBe(1);
    await expect(seriousAxeFindings(page)).resolves.toEqual([]);
    expect(shared.errors).toEqual([]);
  });
});
