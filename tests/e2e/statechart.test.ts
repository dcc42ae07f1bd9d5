/**
 * The statechart on the player, in the built site: the engine's own states, named as the engine
 * names them, and the lit state following the step as a person steps by keyboard.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { statePathOf } from '../../src/lib/diagram/statechart-layout';
import { defaultInput, run, statechartOf } from '../../src/lib/engine';
import { realScenario } from '../fixtures/content';
import { openModelViews, type SharedPage, useSharedPage } from './browser';

let shared: SharedPage;
let page: Page;
useSharedPage((file) => ({ shared, page } = file));

const visit = (path: string) => openModelViews(shared, path);

const region = () => page.getByRole('region', { name: 'Statechart' });
const states = () => region().getByRole('list', { name: 'States' });

/** The names of the lit states, outermost first, as their boxes say them. */
async function lit(): Promise<string[]> {
  return states()
    .locator('[aria-current="true"]')
    .evaluateAll((els) => els.map((el) => el.querySelector(':scope > text')?.textContent ?? ''));
}

/** What the region says in words about where the machine is. */
const now = () => region().getByText(/^Now:/).innerText();

/** Both the lit boxes and the words, as one string to poll: "idle | Now: idle". */
async function where(): Promise<string> {
  return `${(await lit()).join(' › ')} | ${await now()}`;
}

const step = () => page.locator('.position').innerText();

describe('the statechart', () => {
  it('shows the engine’s states and transitions for each scenario, by name', async () => {
    for (const id of ['deliver-interaction-to-agent', 'transfer', 'stop-processing']) {
      const chart = statechartOf(realScenario(id));
      await visit(`/scenarios/${id}`);
      await expect(region().getByRole('heading', { name: 'Statechart' }).isVisible()).resolves.toBe(
        true
      );
      // Every box, nested ones included, in the engine's definition order.
      const shown = await states()
        .getByRole('listitem')
        .evaluateAll((els) => els.map((el) => el.querySelector(':scope > text')?.textContent));
      expect(shown).toEqual(chart.states.map((s) => s.key));
      const names = await states()
        .getByRole('listitem')
        .evaluateAll((els) => els.map((el) => el.getAttribute('aria-label')));
      expect(names).toEqual(chart.states.map((s) => s.key + (s.final ? ', final' : '')));
      const nameOf = (stateId: string) =>
        statePathOf(stateId)
          .map((p) => chart.states.find((s) => s.id === p)?.key)
          .join(' › ');
      const transitions = await region()
        .getByRole('list', { name: 'Transitions' })
        .getByRole('listitem')
        .allTextContents();
      expect(transitions).toEqual(
        chart.transitions.map((t) => `${nameOf(t.from)} → ${nameOf(t.to)}: ${t.label}`)
      );
    }
    expect(shared.errors).toEqual([]);
  });

  it('lights Deliver’s state step by step as the keyboard steps through accept', async () => {
    const scenario = realScenario('deliver-interaction-to-agent');
    const trace = run(scenario, { ...defaultInput(scenario), branch: 'accept' });
    await visit('/scenarios/deliver-interaction-to-agent?branch=accept');
    await expect.poll(where).toBe('idle | Now: idle');
    await page.keyboard.press('ArrowRight');
    await expect.poll(step).toMatch(/^Step 1 of 10/);
    expect(await where()).toBe('idle | Now: idle');
    const keyOf = new Map(statechartOf(scenario).states.map((s) => [s.id, s.key]));
    for (const entry of trace.entries.slice(1)) {
      await page.keyboard.press('ArrowRight');
      await expect.poll(step).toMatch(new RegExp(`^Step ${entry.step} of 10`));
      const path = statePathOf(entry.state).map((id) => keyOf.get(id));
      expect(await where(), `step ${entry.step}`).toBe(
        `${path.join(' › ')} | Now: ${path.join(' › ')}`
      );
    }
    // Through the invitation the server waits inside inviting; at the end it has accepted.
    expect(trace.entries.slice(1, 5).map((e) => e.state)).toEqual(
      Array(4).fill('inviting.waiting')
    );
    expect(await where()).toBe('accepted | Now: accepted');
    await page.keyboard.press('Home');
    await expect.poll(step).toMatch(/^Step 1 of 10/);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(where).toBe('inviting › waiting | Now: inviting › waiting');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(where).toBe('idle | Now: idle');
    expect(shared.errors).toEqual([]);
  });

  it('changes only the states that go out or come in on a step, and nothing when it stays', async () => {
    await visit('/scenarios/deliver-interaction-to-agent?branch=accept&step=3');
    await expect.poll(where).toBe('inviting › waiting | Now: inviting › waiting');
    /** Steps once by key and says which elements of the chart changed, and how. */
    const changesOnStep = async (key: string) => {
      await page.evaluate(() => {
        const w = window as unknown as { changed: string[]; observer?: MutationObserver };
        w.changed = [];
        w.observer = new MutationObserver((records) => {
          for (const r of records) {
            const el = r.target instanceof Element ? r.target : r.target.parentElement;
            const key = el?.closest('[role="listitem"]')?.getAttribute('aria-label') ?? '?';
            w.changed.push(`${r.type}:${r.attributeName ?? ''}:${key}`);
          }
        });
        const section = document.querySelector('section.statechart');
        if (section) {
          w.observer.observe(section, {
            attributes: true,
            childList: true,
            characterData: true,
            subtree: true
          });
        }
      });
      const before = await step();
      await page.keyboard.press(key);
      await expect.poll(step).not.toBe(before);
      // Svelte writes in a microtask after the key; a frame later everything has settled.
      return page.evaluate(
        () =>
          new Promise<string[]>((resolve) =>
            requestAnimationFrame(() => {
              const w = window as unknown as { changed: string[]; observer?: MutationObserver };
              w.observer?.disconnect();
              resolve([...new Set(w.changed)].sort());
            })
          )
      );
    };
    // Step 4 is still inside inviting › waiting.
    expect(await changesOnStep('ArrowRight')).toEqual([]);
    await page.keyboard.press('ArrowRight');
    await expect.poll(step).toMatch(/^Step 5 of 10/);
    // Step 6: the accept arrives, and only inviting, waiting, accepted and the words change.
    const changed = await changesOnStep('ArrowRight');
    expect(changed.filter((c) => c.startsWith('attributes')).sort()).toEqual([
      'attributes:aria-current:accepted',
      'attributes:aria-current:inviting',
      'attributes:aria-current:waiting',
      'attributes:class:accepted',
      'attributes:class:inviting',
      'attributes:class:waiting'
    ]);
    expect(changed.every((c) => c.startsWith('attributes') || c.endsWith(':?'))).toBe(true);
    expect(shared.errors).toEqual([]);
  });

  it('ends Transfer’s invalid outcome in refused', async () => {
    await visit('/scenarios/transfer?branch=invalid');
    await expect.poll(where).toBe('idle | Now: idle');
    await page.keyboard.press('End');
    await expect.poll(where).toBe('refused | Now: refused');
    // Choosing another outcome re-runs the engine, and the chart follows the new run.
    await page.getByRole('radio', { name: /Accept/ }).check();
    await page.getByRole('button', { name: 'Last step' }).click();
    await expect.poll(where).toBe('accepted | Now: accepted');
    expect(shared.errors).toEqual([]);
  });

  it('says Stop Processing is a plain sequence and still lights the sender’s states', async () => {
    await visit('/scenarios/stop-processing?branch=c');
    await expect(
      region()
        .getByText(/plain sequence: Interaction Server’s states are not modeled here/)
        .isVisible()
    ).resolves.toBe(true);
    await expect.poll(where).toBe('sending | Now: sending');
    await page.keyboard.press('ArrowRight');
    await expect.poll(where).toBe('done | Now: done');
    expect(shared.errors).toEqual([]);
  });

  it.each([
    ['deliver-interaction-to-agent', '?branch=accept&step=3', 'light'],
    ['deliver-interaction-to-agent', '?branch=timeout&step=7', 'dark'],
    ['transfer', '?branch=invalid&step=2', 'dark'],
    ['stop-processing', '?branch=a&step=0', 'light'],
    ['stop-processing', '?branch=d&step=4', 'dark']
  ] as const)(
    'has no serious or critical axe findings on %s%s (%s theme)',
    async (id, query, theme) => {
      await page.emulateMedia({ colorScheme: theme });
      await visit(`/scenarios/${id}${query}`);
      await region().scrollIntoViewIfNeeded();
      const result = await new AxeBuilder({ page }).include('section.statechart').analyze();
      const serious = result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
      expect(serious).toEqual([]);
      // The rules ran on the chart itself (an include that matched nothing would pass vacuously).
      expect(result.passes.map((p) => p.id)).toEqual(
        expect.arrayContaining(['color-contrast', 'aria-required-children'])
      );
      // Something is lit in every case, and the page says what.
      expect((await lit()).length).toBeGreaterThan(0);
      await page.emulateMedia({ colorScheme: 'light' });
    }
  );
});

describe('the statechart before it is scrolled to', () => {
  it('loads by its button, for a keyboard or a screen reader that does not scroll', async () => {
    await shared.goto('/scenarios/transfer?branch=accept&step=3');
    const chart = page.getByRole('region', { name: 'Statechart' });
    // At 1366x900 the model views sit below the first screen: nothing of them is loaded.
    await expect(chart.getByRole('list', { name: 'States' }).count()).resolves.toBe(0);
    const show = chart.getByRole('button', { name: 'Show the statechart' });
    // Focus without scrolling, as a screen reader's cursor can: scrolling would load it anyway.
    await show.evaluate((el) => (el as HTMLElement).focus({ preventScroll: true }));
    await page.keyboard.press('Enter');
    await chart.getByRole('list', { name: 'States' }).waitFor();
    await expect(chart.getByText(/^Now:/).innerText()).resolves.toMatch(/Now: /);
    expect(shared.errors).toEqual([]);
  });
});
