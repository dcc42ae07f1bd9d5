/**
 * Outcomes side by side (/scenarios/<id>/compare) in the built site: every option in a column
 * headed by its label, the start they share drawn once, the point where they diverge marked,
 * and the step buttons and the player's keys moving every column together.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { type SharedPage, useSharedPage } from './browser';

let shared: SharedPage;
let page: Page;
useSharedPage((file) => ({ shared, page } = file), { viewport: { width: 1366, height: 900 } });

const TRANSFER = ['Accept', 'Reject', 'Timeout', 'Invalid'];
const STOP = [
  'A: media server stops it while an agent handles it',
  'B: media server stops it while URS routes it',
  'C: the agent stops it',
  'D: URS stops it'
];
const SHARED = /^Common to /;

/** The steps a person sees in a list (hidden ones are out of the accessibility tree). */
const seen = (name: string | RegExp) =>
  page
    .getByRole('list', { name, exact: typeof name === 'string' })
    .getByRole('listitem')
    .count();

/** What each column shows: the shared block's steps plus its own, or its own alone. */
async function columnCounts(labels: string[], sharedBy: string[]): Promise<number[]> {
  const common = (await page.getByRole('list', { name: SHARED }).count()) ? await seen(SHARED) : 0;
  const counts: number[] = [];
  for (const label of labels) {
    counts.push((await seen(label)) + (sharedBy.includes(label) ? common : 0));
  }
  return counts;
}

/** What every column should show at step n: its first n steps, clamped to its length. */
const expected = (step: number, lengths: number[]) => lengths.map((l) => Math.min(step, l));

const position = () => page.locator('.position').innerText();

async function serious() {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

describe('compare outcomes', () => {
  it('opens from the player and leads back to it, named by the scenario’s choice', async () => {
    await shared.goto('/scenarios/transfer');
    await page.getByRole('link', { name: 'Compare outcomes' }).click();
    await page.waitForURL(/\/scenarios\/transfer\/compare$/);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(
      'Transfer: compare outcomes'
    );
    await page.getByRole('link', { name: 'Back to the player' }).click();
    await page.waitForURL(/\/scenarios\/transfer$/);
    await shared.goto('/scenarios/stop-processing');
    await page.getByRole('link', { name: 'Compare versions' }).click();
    await page.waitForURL(/\/scenarios\/stop-processing\/compare$/);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(
      'Stop Processing: compare versions'
    );
    expect(shared.errors).toEqual([]);
  });

  it('steps Transfer’s four outcomes together by keyboard, their common start drawn once', async () => {
    await shared.goto('/scenarios/transfer/compare');
    const headings = page.locator('.column').getByRole('heading', { level: 2 });
    await expect(headings.allInnerTexts()).resolves.toEqual(TRANSFER);
    await expect(
      page
        .getByRole('heading', { name: /^Common to Accept, Reject and Timeout: steps 1 to 4/ })
        .count()
    ).resolves.toBe(1);
    await expect(page.getByText('The outcomes diverge here').isVisible()).resolves.toBe(true);
    expect(await position()).toMatch(/^Start: nothing sent yet · 10 steps in the longest run/);

    const lengths = [10, 9, 7, 2];
    const sharers = TRANSFER.slice(0, 3);
    expect(await columnCounts(TRANSFER, sharers)).toEqual([0, 0, 0, 0]);
    for (let step = 1; step <= 10; step++) {
      await page.keyboard.press(step % 2 ? 'ArrowRight' : 'PageDown');
      await expect.poll(position).toMatch(new RegExp(`^Step ${step} of 10`));
      expect(await columnCounts(TRANSFER, sharers), `step ${step}`).toEqual(
        expected(step, lengths)
      );
    }
    expect(await position()).toMatch(/Step 10 of 10 · end of the longest run/);
    // The common phase is drawn once: the invitation shows in one place, not in three columns.
    await expect(page.getByText('EventInvite', { exact: true }).count()).resolves.toBe(1);
    await expect(page.getByText('Ends after step 2: Invalid').isVisible()).resolves.toBe(true);

    await page.keyboard.press('Home');
    await expect.poll(position).toMatch(/^Step 1 of 10/);
    expect(await columnCounts(TRANSFER, sharers)).toEqual([1, 1, 1, 1]);
    await page.keyboard.press('PageUp');
    await expect.poll(position).toMatch(/^Start/);
    await page.keyboard.press('End');
    await expect.poll(position).toMatch(/^Step 10 of 10/);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(position).toMatch(/^Step 9 of 10/);
    expect(await columnCounts(TRANSFER, sharers)).toEqual(expected(9, lengths));
    expect(shared.errors).toEqual([]);
  });

  it('tells a screen reader what each column gained, and keeps the step in the URL', async () => {
    await shared.goto('/scenarios/transfer/compare');
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    const live = page.locator('[aria-live="polite"]');
    await expect
      .poll(() => live.innerText())
      .toMatch(
        /^Step 5 of 10\. Accept: Agent Application 2 → Interaction Server: RequestAccept .*Timeout: The invitation timer expires at 30 s/
      );
    await page.waitForURL(/\/compare\?step=5$/);
    await page.reload();
    await page.waitForSelector('body[data-hydrated]');
    await expect.poll(position).toMatch(/^Step 5 of 10/);
    expect(await columnCounts(TRANSFER, TRANSFER.slice(0, 3))).toEqual([5, 5, 5, 2]);
    // Each column opens in the player at the step it shows.
    await page.getByRole('link', { name: 'Open Timeout in the player' }).click();
    await page.waitForURL(/\/scenarios\/transfer\?branch=timeout&step=5$/);
    await expect(page.getByRole('radio', { name: /Timeout/ }).isChecked()).resolves.toBe(true);
    expect(shared.errors).toEqual([]);
  });

  it('draws Deliver’s common start once across all three columns', async () => {
    await shared.goto('/scenarios/deliver-interaction-to-agent/compare?step=10');
    await expect.poll(position).toMatch(/^Step 10 of 10/);
    await expect(
      page.getByRole('heading', { name: /^Common to every outcome: steps 1 to 5/ }).count()
    ).resolves.toBe(1);
    await expect(page.getByText('RequestRouteCall', { exact: true }).count()).resolves.toBe(1);
    expect(
      await columnCounts(['Accept', 'Reject', 'Timeout'], ['Accept', 'Reject', 'Timeout'])
    ).toEqual([10, 10, 8]);
    expect(shared.errors).toEqual([]);
  });

  it('steps Stop Processing’s four versions together by the buttons, diverging at once', async () => {
    await shared.goto('/scenarios/stop-processing/compare');
    const headings = page.locator('.column').getByRole('heading', { level: 2 });
    await expect(headings.allInnerTexts()).resolves.toEqual(STOP);
    await expect(page.getByRole('heading', { name: SHARED }).count()).resolves.toBe(0);
    await expect(page.getByText('The versions diverge here').isVisible()).resolves.toBe(true);

    const lengths = [5, 5, 5, 4];
    const next = page.getByRole('button', { name: 'Next step' });
    for (let step = 1; step <= 5; step++) {
      await next.click();
      await expect.poll(position).toMatch(new RegExp(`^Step ${step} of 5`));
      expect(await columnCounts(STOP, []), `step ${step}`).toEqual(expected(step, lengths));
    }
    expect(await position()).toMatch(/end of the longest run/);
    await expect(next.getAttribute('aria-disabled')).resolves.toBe('true');
    // Pressed at the end (Playwright will not click an aria-disabled button), it does nothing.
    await next.focus();
    await page.keyboard.press('Enter');
    expect(await position()).toMatch(/^Step 5 of 5/);

    await page.getByRole('button', { name: 'First step' }).click();
    await expect.poll(position).toMatch(/^Step 1 of 5/);
    expect(await columnCounts(STOP, [])).toEqual([1, 1, 1, 1]);
    await page.getByRole('button', { name: 'Previous step' }).click();
    await expect.poll(position).toMatch(/^Start: nothing sent yet/);
    expect(await columnCounts(STOP, [])).toEqual([0, 0, 0, 0]);
    await page.getByRole('button', { name: 'Last step' }).click();
    await expect.poll(position).toMatch(/^Step 5 of 5/);
    expect(await columnCounts(STOP, [])).toEqual(lengths);
    expect(shared.errors).toEqual([]);
  });

  it('has no serious or critical axe findings, light and dark', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      for (const path of [
        '/scenarios/transfer/compare?step=6',
        '/scenarios/stop-processing/compare?step=5'
      ]) {
        await shared.goto(path);
        await expect.poll(position).toMatch(/^Step/);
        expect(await serious(), `${colorScheme} ${path}`).toEqual([]);
      }
    }
    await page.emulateMedia({ colorScheme: 'light' });
  });
});
