/**
 * The model list on `/`, as a person uses it: the groups in the order of an interaction's life,
 * the filter by title or by message typed into its box, Esc and the empty result, and the page
 * with JavaScript off. What it expects is read from content/, so it holds as models are added.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loadContentFromDisk } from '../../src/lib/content/node';
import {
  type SharedPage,
  openPage,
  seriousAxeFindings,
  useSharedPage,
  visibleTexts
} from './browser';

let shared: SharedPage;
let page: Page;
let browser: Browser;
useSharedPage((file) => ({ shared, page, browser } = file), {
  viewport: { width: 1280, height: 900 }
});

// The content the site under test was built from (CONTENT_DIR, as the build reads it).
const { scenarios } = loadContentFromDisk(process.env.CONTENT_DIR || process.cwd());

/** Where an interaction's life puts each group, as the page must list the ones content uses. */
const LIFE = [
  'Connect and log in',
  'An interaction arrives',
  'Queues and workbins',
  'Delivery and handling',
  'More than one agent',
  'Ending'
];
const UNGROUPED = 'More models';

/**
 * The headings and the titles under each, restated from content/README.md: a group where its
 * first model falls in content's order, the models without a group last under "More models".
 */
function expectedGroups(titles: (s: (typeof scenarios)[number]) => boolean = () => true) {
  const groups = new Map<string, string[]>();
  for (const s of scenarios.filter(titles)) {
    const name = s.group?.trim() || UNGROUPED;
    groups.set(name, [...(groups.get(name) ?? []), s.title]);
  }
  const rest = groups.get(UNGROUPED);
  groups.delete(UNGROUPED);
  if (rest) groups.set(UNGROUPED, rest);
  return [...groups].map(([name, titles]) => ({ name, titles }));
}

/** Whether a model sends `message`, or a stand-in for it; the filter matches a name's start. */
const sends = (s: (typeof scenarios)[number], message: string) =>
  Object.values(s.steps).some(
    (step) =>
      step.kind === 'message' &&
      [step.message, step.inPlaceOf].some((name) =>
        name?.toLowerCase().startsWith(message.toLowerCase())
      )
  );

const box = () => page.getByRole('searchbox', { name: 'Filter models' });
const status = () => page.getByRole('status');

/** The group headings and, under each, the titles of its cards, as the page shows them now. */
function shownGroups(on: Page = page) {
  return on.getByRole('region').evaluateAll((sections) =>
    sections.map((section) => ({
      name: section.querySelector('h2')?.textContent?.trim() ?? '',
      titles: [...section.querySelectorAll('li h3')].map((h) => h.textContent?.trim() ?? '')
    }))
  );
}

describe('the model list', () => {
  it('lists every model under its group, the groups in the order of an interaction’s life', async () => {
    await shared.goto('/');
    const expected = expectedGroups();
    expect(await shownGroups()).toEqual(expected);
    const headings = await visibleTexts(page.getByRole('heading', { level: 2 }));
    expect(headings).toEqual(expected.map((g) => g.name));
    // The named groups come in LIFE's order, whichever of them content uses; "More models" last.
    const named = headings.filter((h) => h !== UNGROUPED);
    expect(named).toEqual(LIFE.filter((name) => named.includes(name)));
    expect(named.every((name) => LIFE.includes(name))).toBe(true);
    if (headings.includes(UNGROUPED)) expect(headings.at(-1)).toBe(UNGROUPED);
    await expect(status().innerText()).resolves.toBe(`${scenarios.length} models`);
    expect(shared.errors).toEqual([]);
  });

  it('narrows to the models that send a message as one types it, then Esc brings all back', async () => {
    await shared.goto('/');
    // EventRevoked, and a message that only some of the models send (none, if all send the same).
    const names = scenarios.flatMap((s) =>
      Object.values(s.steps).flatMap((step) => (step.kind === 'message' ? [step.message] : []))
    );
    const rarer = [...new Set(names)]
      .sort()
      .find((name) => scenarios.filter((s) => sends(s, name)).length < scenarios.length);
    for (const message of ['EventRevoked', ...(rarer ? [rarer] : [])]) {
      const sending = expectedGroups((s) => sends(s, message));
      const count = sending.flatMap((g) => g.titles).length;
      expect(count, message).toBeGreaterThan(0);

      await box().pressSequentially(message);
      await expect
        .poll(() => status().innerText())
        .toBe(`${count} of ${scenarios.length} models ${count === 1 ? 'matches' : 'match'}`);
      // Only the groups holding a match are left, each with only its matches.
      expect(await shownGroups()).toEqual(sending);
      await expect(
        page
          .getByRole('listitem')
          .filter({ hasText: `Matching messages: ${message}` })
          .count()
      ).resolves.toBe(count);
      if (message === 'EventRevoked') expect(await seriousAxeFindings(page)).toEqual([]);

      await box().press('Escape');
      await expect.poll(() => box().inputValue()).toBe('');
      await expect.poll(() => status().innerText()).toBe(`${scenarios.length} models`);
      expect(await shownGroups()).toEqual(expectedGroups());
    }
    expect(shared.errors).toEqual([]);
  });

  it('finds a model by any part of its title, whatever the case', async () => {
    await shared.goto('/');
    const [first] = scenarios;
    if (!first) throw new Error('content/ has no scenario');
    // A piece from inside the title, in capitals; spaces around it do not count.
    const part = first.title.slice(1, 6).toUpperCase();
    await box().fill(` ${part} `);
    const needle = part.trim().toLowerCase();
    const expected = expectedGroups(
      (s) => s.title.toLowerCase().includes(needle) || sends(s, needle)
    );
    await expect.poll(() => shownGroups()).toEqual(expected);
    expect(expected.flatMap((g) => g.titles)).toContain(first.title);
    expect(shared.errors).toEqual([]);
  });

  it('says when no model matches, and its button clears the filter', async () => {
    await shared.goto('/');
    await box().pressSequentially('xyzzy');
    await expect.poll(() => status().innerText()).toBe('No model matches “xyzzy”');
    await expect(page.getByRole('heading', { level: 2 }).count()).resolves.toBe(0);
    await expect(page.getByRole('heading', { level: 3 }).count()).resolves.toBe(0);
    expect(await seriousAxeFindings(page)).toEqual([]);

    await page.getByRole('button', { name: 'Clear the filter' }).click();
    await expect.poll(() => shownGroups()).toEqual(expectedGroups());
    // Back in the box, ready for the next search.
    await expect(box().evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Clear the filter' }).count()).resolves.toBe(0);
    expect(shared.errors).toEqual([]);
  });

  it('has no serious accessibility findings in the dark theme', async () => {
    const dark = await openPage(browser, '/', { colorScheme: 'dark' });
    // Every message name begins so: each card shows its matching messages too.
    await dark.page.getByRole('searchbox', { name: 'Filter models' }).fill('Event');
    await expect
      .poll(() => dark.page.getByText('Matching messages:').count())
      .toBe(scenarios.filter((s) => sends(s, 'Event')).length);
    expect(await seriousAxeFindings(dark.page)).toEqual([]);
    expect(dark.errors).toEqual([]);
    await dark.page.context().close();
  });
});

describe('the model list without JavaScript', () => {
  it('is the plain grouped list, every model linked, and no filter box', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const plain = await context.newPage();
    await plain.goto(new URL('/', page.url()).href);
    expect(await shownGroups(plain)).toEqual(expectedGroups());
    for (const s of scenarios) {
      await expect(
        plain.getByRole('link', { name: s.title, exact: true }).getAttribute('href')
      ).resolves.toMatch(new RegExp(`/scenarios/${s.id}$`));
    }
    // A box that could not filter would only mislead.
    await expect(plain.getByRole('searchbox').count()).resolves.toBe(0);
    await expect(plain.getByRole('status').innerText()).resolves.toBe(`${scenarios.length} models`);
    await context.close();
  });
});
