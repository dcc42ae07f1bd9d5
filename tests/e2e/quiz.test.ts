/**
 * Quiz mode (?mode=quiz) in the built site, as a learner uses it: predicting each message by
 * keyboard and by mouse, a wrong answer explained, the summary's links, progress across a reload
 * and per option, stored values it must not trust, the class seed in the URL, and axe.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadContentFromDisk } from '../../src/lib/content/node';
import { defaultInput } from '../../src/lib/engine/input';
import { run } from '../../src/lib/engine/run';
import { type SharedPage, literal, useSharedPage } from './browser';

let shared: SharedPage;
let page: Page;
useSharedPage((file) => ({ shared, page } = file), { viewport: { width: 1366, height: 900 } });
beforeEach(async () => {
  // Each test starts with no saved progress (the shared page keeps one origin's storage).
  await page.evaluate(() => localStorage.clear());
});

const STOP_D = [
  'URS → Interaction Server: RequestRouteCall',
  'Interaction Server → URS: EventRouteUsed',
  'Interaction Server → Reporting Engine: EventPartyRemoved',
  'Interaction Server → Reporting Engine: EventProcessingStopped'
];
const TRANSFER_INVALID = [
  'Agent Application 1 → Interaction Server: RequestTransfer',
  'Interaction Server → Agent Application 1: EventError'
];

const { scenarios } = loadContentFromDisk();

function scenarioOf(id: string) {
  const scenario = scenarios.find((s) => s.id === id);
  if (!scenario) throw new Error(`no scenario ${id}`);
  return scenario;
}

const runOf = (id: string, branch: string) =>
  run(scenarioOf(id), { ...defaultInput(scenarioOf(id)), branch });

/** What the quiz should accept at each question of a run: its messages, in order, in words. */
function rightAnswers(id: string, branch: string): string[] {
  const name = (lifeline: string) =>
    scenarioOf(id).lifelines.find((l) => l.id === lifeline)?.name ?? lifeline;
  return runOf(id, branch).entries.flatMap((e) =>
    e.kind === 'message' ? [`${name(e.from)} → ${name(e.to)}: ${e.message.name}`] : []
  );
}

const question = () => page.getByRole('radiogroup', { name: 'What comes next?' });
const status = () => page.getByRole('status').filter({ hasText: /\S/ });
const score = () => page.getByText(/^Score: \d+ \/ \d+$/);
const summary = () => page.getByRole('heading', { name: 'Summary' });

/** Opens the quiz and waits for it to ask or to sum up (it appears once the app is live). */
async function openQuiz(query: string, scenario = 'stop-processing') {
  await shared.goto(`/scenarios/${scenario}?mode=quiz&${query}`);
  await question().or(summary()).waitFor();
}

async function candidates(): Promise<string[]> {
  const labels = await question().locator('label').allInnerTexts();
  return labels.map((t) => t.replace(/\s+/g, ' ').trim());
}

/** Arrows visible in the diagram, by their accessible names. */
async function arrows(): Promise<number> {
  // An arrow's name starts with its number ("3: Interaction Server → …"), a timer mark's with
  // "Timer:"; arrows not shown yet are out of the accessibility tree.
  return page
    .getByRole('group', { name: 'Sequence diagram' })
    .getByRole('button', { name: /^\d+: / })
    .count();
}

/** Picks `label` by mouse and checks it. */
async function answer(label: string) {
  await question().getByRole('radio', { name: label, exact: true }).check();
  await page.getByRole('button', { name: 'Check answer' }).click();
}

/** A wrong candidate for the current question: any but `right`. */
async function wrongCandidate(right: string): Promise<string> {
  const wrong = (await candidates()).find((c) => c !== right);
  if (!wrong) throw new Error('no wrong candidate offered');
  return wrong;
}

const focused = () =>
  page.evaluate(() => {
    const el = document.activeElement;
    return el ? `${el.tagName.toLowerCase()}:${el.textContent?.trim() ?? ''}` : '';
  });

async function serious() {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

describe('quiz mode', () => {
  it('is answered all right by keyboard alone, revealing each message, to a score of 4 / 4', async () => {
    await openQuiz('branch=d&seed=kbd');
    await expect(score().innerText()).resolves.toBe('Score: 0 / 0');
    expect(await arrows()).toBe(0);
    // The version to be quizzed on is the learner's to pick, like in the player.
    await expect
      .poll(() =>
        page
          .getByRole('radiogroup', { name: 'Version' })
          .getByRole('radio', { checked: true })
          .count()
      )
      .toBe(1);

    for (const [i, right] of STOP_D.entries()) {
      const offered = await candidates();
      expect(offered.length).toBeGreaterThanOrEqual(3);
      expect(offered.length).toBeLessThanOrEqual(4);
      expect(offered.filter((c) => c === right)).toHaveLength(1);
      expect(new Set(offered).size).toBe(offered.length);
      await expect
        .poll(() =>
          question()
            .getByText(`Question ${i + 1} of 4`)
            .count()
        )
        .toBe(1);

      if (i === 0) {
        // Reach the candidates from the top of the page with Tab, as a keyboard user does.
        for (let tabs = 0; tabs < 40; tabs++) {
          const inside = await question()
            .getByRole('radio')
            .evaluateAll((els) => els.includes(document.activeElement as never));
          if (inside) break;
          await page.keyboard.press('Tab');
        }
      }
      // Focus is on the group's first candidate (after a question, it is moved there).
      await expect.poll(focused).toMatch(/^input:/);
      // Space picks the focused candidate; arrow keys move and pick, as in any radio group (they
      // do not step the diagram here).
      await page.keyboard.press('Space');
      for (let moves = 0; moves < 4; moves++) {
        const checked = question().getByRole('radio', { checked: true });
        const label = (await checked.count())
          ? await checked.evaluate((el) => el.closest('label')?.textContent?.trim() ?? '')
          : '';
        if (label.replace(/\s+/g, ' ') === right) break;
        await page.keyboard.press('ArrowDown');
      }
      expect(await arrows()).toBe(i);
      await page.keyboard.press('Tab');
      await expect.poll(focused).toBe('button:Check answer');
      await page.keyboard.press('Enter');

      await expect.poll(() => status().innerText()).toMatch(/^Right!/);
      await expect(score().innerText()).resolves.toBe(`Score: ${i + 1} / ${i + 1}`);
      expect(await arrows()).toBe(i + 1);
      const next = i < 3 ? 'Next question' : 'See the summary';
      await expect.poll(focused).toBe(`button:${next}`);
      await page.keyboard.press('Enter');
    }

    await summary().waitFor();
    await expect.poll(focused).toBe('h3:Summary');
    await expect.poll(() => page.getByText('You predicted 4 of 4 messages.').count()).toBe(1);
    await expect
      .poll(() => page.getByText('No misses: you predicted every message.').count())
      .toBe(1);
    expect(shared.errors).toEqual([]);
  });

  it('shows the right answer with its narration after a wrong one, and links it from the summary', async () => {
    await openQuiz('branch=invalid&seed=wrong-one', 'transfer');
    const [first, second] = TRANSFER_INVALID as [string, string];
    await answer(await wrongCandidate(first));

    await expect
      .poll(() => status().innerText())
      .toMatch(
        /^Not quite\. You picked .*\.\s+The right answer: Agent Application 1 → Interaction Server: RequestTransfer \(Interaction Management\)\./
      );
    // The right message's narration and its provenance, and the message in the diagram.
    await expect.poll(() => page.getByText(/Agent 1 is handling an email/).count()).toBe(1);
    await expect
      .poll(() => page.getByRole('button', { name: /^1: .*RequestTransfer/ }).count())
      .toBe(1);
    await expect(score().innerText()).resolves.toBe('Score: 0 / 1');

    await page.getByRole('button', { name: 'Next question' }).click();
    await answer(second);
    await expect.poll(() => status().innerText()).toMatch(/^Right!/);
    await page.getByRole('button', { name: 'See the summary' }).click();

    await expect.poll(() => page.getByText('You predicted 1 of 2 messages.').count()).toBe(1);
    const missed = page.getByRole('link', { name: /^Step \d+/ });
    await expect(missed.allInnerTexts()).resolves.toEqual([`Step 1, message 1: ${first}`]);
    // The normal player at that step: the same run, no mode.
    await expect(missed.getAttribute('href')).resolves.toBe('?branch=invalid&step=1');
    await missed.click();
    await page.getByRole('button', { name: 'Next step' }).waitFor();
    await expect.poll(() => new URL(page.url()).searchParams.get('mode')).toBeNull();
    await expect(page.locator('.position').innerText()).resolves.toMatch(/^Step 1 of 2\b/);
    expect(shared.errors).toEqual([]);
  });

  it('keeps progress across a reload and per version, until Reset progress', async () => {
    await openQuiz('branch=d&seed=reload');
    await answer(STOP_D[0] as string);
    await page.getByRole('button', { name: 'Next question' }).click();
    await answer(await wrongCandidate(STOP_D[1] as string));
    await expect(score().innerText()).resolves.toBe('Score: 1 / 2');

    await page.reload();
    await question().waitFor();
    await expect(score().innerText()).resolves.toBe('Score: 1 / 2');
    await expect.poll(() => question().getByText('Question 3 of 4').count()).toBe(1);
    expect(await arrows()).toBe(2);

    // Another version is another quiz; coming back finds this one where it was.
    const versions = page.getByRole('radiogroup', { name: 'Version' });
    await versions.getByRole('radio', { name: /^C:/ }).check();
    await expect.poll(() => score().innerText()).toBe('Score: 0 / 0');
    await expect.poll(() => question().getByText('Question 1 of 5').count()).toBe(1);
    await expect.poll(() => new URL(page.url()).searchParams.get('branch')).toBe('c');
    await versions.getByRole('radio', { name: /^D:/ }).check();
    await expect.poll(() => score().innerText()).toBe('Score: 1 / 2');
    await expect.poll(() => question().getByText('Question 3 of 4').count()).toBe(1);

    await page.getByRole('button', { name: 'Reset progress' }).click();
    await expect.poll(() => score().innerText()).toBe('Score: 0 / 0');
    await expect.poll(() => status().innerText()).toMatch(/^Progress reset/);
    await expect.poll(() => question().getByText('Question 1 of 4').count()).toBe(1);
    expect(await arrows()).toBe(0);
    await page.reload();
    await question().waitFor();
    await expect(score().innerText()).resolves.toBe('Score: 0 / 0');
    expect(shared.errors).toEqual([]);
  });

  it.each([
    ['corrupt JSON', '{"version":1,"answers":['],
    [
      'an old version',
      JSON.stringify({
        version: 0,
        scenario: 'stop-processing',
        branch: 'd',
        run: 'd-route-call d-route-used strategy-removed processing-stopped',
        answers: [{ step: 1, picked: 'urs→interaction-server:RequestRouteCall' }]
      })
    ],
    ['a foreign value', JSON.stringify({ score: 99, user: 'someone else' })]
  ])('ignores %s in storage without an error', async (_, value) => {
    await openQuiz('branch=d&seed=corrupt');
    const key = 'interaction-lab:quiz:stop-processing:d';
    await page.evaluate(([k, v]) => localStorage.setItem(k as string, v as string), [key, value]);
    await page.reload();
    await question().waitFor();
    await expect(score().innerText()).resolves.toBe('Score: 0 / 0');
    await expect.poll(() => question().getByText('Question 1 of 4').count()).toBe(1);
    await expect(page.evaluate((k) => localStorage.getItem(k), key)).resolves.toBeNull();
    expect(shared.errors).toEqual([]);
    // And the quiz goes on, saving a good value in its place.
    await answer(STOP_D[0] as string);
    await expect.poll(() => status().innerText()).toMatch(/^Right!/);
    await expect(page.evaluate((k) => localStorage.getItem(k), key)).resolves.toMatch(
      /"version":1/
    );
  });

  it.each(scenarios.map((s) => s.id))(
    'is answered all right on every option of %s, each chosen in the quiz',
    async (id) => {
      const { choice } = scenarioOf(id);
      await openQuiz('seed=every', id);
      for (const option of choice.options) {
        await page
          .getByRole('radiogroup', { name: choice.name })
          // The radio's name is its label, then its hint in brackets: "Valid" is not "Invalid".
          .getByRole('radio', { name: new RegExp(`^${literal(option.label)}( \\(|$)`) })
          .check();
        await expect.poll(() => new URL(page.url()).searchParams.get('branch')).toBe(option.id);
        const answers = rightAnswers(id, option.id);
        for (const [n, right] of answers.entries()) {
          await answer(right);
          await expect.poll(() => score().innerText()).toBe(`Score: ${n + 1} / ${n + 1}`);
          await page.getByRole('button', { name: /^(Next question|See the summary)$/ }).click();
        }
        await summary().waitFor();
        const total = answers.length;
        await expect
          .poll(() => page.getByText(`You predicted ${total} of ${total} messages.`).count())
          .toBe(1);
        // At the end the whole run is revealed, its timers too.
        await expect
          .poll(() =>
            page.getByRole('group', { name: 'Sequence diagram' }).getByRole('button').count()
          )
          .toBe(runOf(id, option.id).entries.length);
      }
      expect(shared.errors).toEqual([]);
    }
  );

  it('writes a seed into the URL, keeping the other parameters, and the same seed gives the same candidates', async () => {
    // From the player's own link to the quiz, as a teacher would open it.
    await shared.goto('/scenarios/transfer?branch=reject&step=2');
    await page
      .getByRole('navigation', { name: 'Modes' })
      .getByRole('link', { name: 'Quiz' })
      .click();
    await question().waitFor();
    await expect.poll(() => new URL(page.url()).searchParams.get('seed')).toMatch(/^[a-z2-9]{6}$/);
    const params = new URL(page.url()).searchParams;
    expect(params.get('mode')).toBe('quiz');
    expect(params.get('branch')).toBe('reject');
    const seed = params.get('seed') ?? '';
    const firstSeen = await candidates();

    // Answering moves the URL's step and keeps the seed and the mode.
    await answer(firstSeen[0] as string);
    await expect.poll(() => new URL(page.url()).searchParams.get('step')).toBe('1');
    expect(new URL(page.url()).searchParams.get('seed')).toBe(seed);
    expect(new URL(page.url()).searchParams.get('mode')).toBe('quiz');

    // A classmate with the same link (and no progress) sees the same candidates in the same order.
    await page.evaluate(() => localStorage.clear());
    await openQuiz(`branch=reject&seed=${seed}`, 'transfer');
    await expect(candidates()).resolves.toEqual(firstSeen);
    await expect.poll(() => new URL(page.url()).searchParams.get('seed')).toBe(seed);

    // Other seeds order or pick them differently.
    const others = new Set<string>();
    for (const other of ['class-a', 'class-b', 'class-c', 'class-d']) {
      await openQuiz(`branch=reject&seed=${other}`, 'transfer');
      others.add((await candidates()).join('|'));
    }
    expect(others.size).toBeGreaterThan(1);
    expect(shared.errors).toEqual([]);
  });

  it('replaces a seed that is not one, and says so', async () => {
    await openQuiz('branch=d&seed=%3Cscript%3E');
    await expect.poll(() => new URL(page.url()).searchParams.get('seed')).toMatch(/^[a-z2-9]{6}$/);
    await expect.poll(() => page.getByText(/The link’s seed is not letters/).count()).toBe(1);
    expect(shared.errors).toEqual([]);
  });

  it.each(['light', 'dark'] as const)(
    'has no serious or critical axe findings while asking, explaining and summing up (%s)',
    async (colorScheme) => {
      await page.emulateMedia({ colorScheme });
      try {
        await openQuiz('branch=invalid&seed=axe', 'transfer');
        expect(await serious()).toEqual([]);
        await answer(await wrongCandidate(TRANSFER_INVALID[0] as string));
        await page.getByRole('button', { name: 'Next question' }).waitFor();
        expect(await serious()).toEqual([]);
        await page.getByRole('button', { name: 'Next question' }).click();
        await answer(TRANSFER_INVALID[1] as string);
        await page.getByRole('button', { name: 'See the summary' }).click();
        await summary().waitFor();
        expect(await serious()).toEqual([]);
      } finally {
        await page.emulateMedia({ colorScheme: null });
      }
    }
  );
});
