import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, onScreen, openPage, seriousAxeFindings, visibleTexts } from './browser';

const SCENARIO = '/scenarios/deliver-interaction-to-agent';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** Everything a person reads in one protocol table: the first cell of each body row. */
async function tableMessages(page: Page, protocol: string): Promise<string[]> {
  const table = page.getByRole('table', { name: protocol, exact: true });
  // By role: rows of the run not reached yet are in the page but hidden, out of the
  // accessibility tree, and a role query skips them as a screen reader does.
  return visibleTexts(table.getByRole('rowheader'));
}

async function transcript(page: Page): Promise<string[]> {
  const items = page.getByRole('list', { name: 'Transcript' }).getByRole('listitem');
  return (await items.allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
}

async function position(page: Page) {
  return page.locator('.position').innerText();
}

/** Presses Tab until the locator has focus, as a keyboard user would. */
async function tabTo(page: Page, target: Locator, max = 40) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('Could not reach the control with Tab');
}

describe('the scenario list', () => {
  it('lists the scenario from content and opens it', async () => {
    const { page, errors } = await openPage(browser, '/');
    await page.getByRole('link', { name: 'Deliver Interaction to Agent' }).click();
    await page.waitForURL(/\/scenarios\/deliver-interaction-to-agent/);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(
      'Deliver Interaction to Agent'
    );
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('the player', () => {
  it('plays the accept outcome by keyboard to the end, with the tables filled', async () => {
    const { page, errors } = await openPage(browser, SCENARIO);
    expect(await position(page)).toMatch(/Start: nothing sent yet/);
    // Before a table's first message, its first row says there is none yet, and nothing else.
    expect(await tableMessages(page, 'T-Library')).toEqual(['No T-Library messages yet.']);
    await page.keyboard.press('ArrowRight');
    expect(await transcript(page)).toEqual([
      expect.stringMatching(/URS → Interaction Server: RequestRouteCall \(T-Library\)/)
    ]);
    expect(await tableMessages(page, 'T-Library')).toEqual(['RequestRouteCall']);
    expect(await tableMessages(page, 'Reporting')).toEqual(['No Reporting messages yet.']);
    for (let i = 0; i < 4; i++) await page.keyboard.press('PageDown');
    // The note's card is the one in view; cards out of view are aria-hidden and clipped away.
    const decision = page.getByRole('note').filter({ hasText: 'Decision point.' });
    await expect(decision.count()).resolves.toBe(1);
    await expect(onScreen(decision)).resolves.toBe(true);
    await expect(page.locator('[aria-live="polite"]').innerText()).resolves.toMatch(
      /Decision point: pick the outcome\.$/
    );
    await page.keyboard.press('ArrowRight');
    await expect(decision.count()).resolves.toBe(0);
    await expect(onScreen(page.getByText('Decision point.'))).resolves.toBe(false);
    await page.keyboard.press('End');
    expect(await position(page)).toMatch(/Step 10 of 10 · end of the run/);
    expect(await transcript(page)).toHaveLength(10);
    expect(await tableMessages(page, 'T-Library')).toEqual(['RequestRouteCall', 'EventRouteUsed']);
    expect(await tableMessages(page, 'Interaction Management')).toEqual([
      'EventInvite',
      'RequestAccept',
      'EventAck'
    ]);
    expect(await tableMessages(page, 'Reporting')).toEqual([
      'EventPartyRemoved',
      'EventAgentInvited',
      'EventPartyAdded'
    ]);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('PageUp');
    expect(await position(page)).toMatch(/Step 8 of 10/);
    await page.keyboard.press('Home');
    expect(await position(page)).toMatch(/Step 1 of 10/);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('keeps the diagram, narration, details and tables in place while stepping, showing the current step', async () => {
    const { page, errors } = await openPage(browser, SCENARIO);
    const narration = page.getByRole('region', { name: 'Narration', exact: true });
    const side = page.getByRole('region', { name: 'Narration and details' });
    // The diagram has the whole run's size from the start, so what is under it does not move.
    const diagram = page.getByRole('group', { name: 'Sequence diagram' });
    const tables = page.getByRole('heading', { name: 'Messages by protocol' });
    const frame = async () => ({
      narration: await narration.boundingBox(),
      side: await side.evaluate((el) => el.scrollHeight),
      diagram: await diagram.boundingBox(),
      tables: await tables.boundingBox()
    });
    const first = await frame();
    await expect(narration.getByRole('heading').innerText()).resolves.toBe(
      'Before the first message'
    );
    for (let step = 1; step <= 10; step++) {
      await page.keyboard.press('ArrowRight');
      // Only the current step's card is there for a screen reader.
      await expect(narration.getByRole('heading').innerText()).resolves.toMatch(
        new RegExp(`^Step ${step} of 10\\b`)
      );
      expect(await frame()).toEqual(first);
    }
    await expect(
      side.getByRole('heading', { name: /^8\. EventRouteUsed/ }).isVisible()
    ).resolves.toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('keeps focus on Next step when pressing it reaches the end of the run', async () => {
    const { page, errors } = await openPage(browser, `${SCENARIO}?branch=timeout&step=6`);
    const next = page.getByRole('button', { name: 'Next step' });
    await tabTo(page, next);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    expect(await position(page)).toMatch(/Step 8 of 8 · end of the run/);
    await expect(next.getAttribute('aria-disabled')).resolves.toBe('true');
    await expect(next.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    // Pressing it again does nothing; Shift+Tab reaches the button before it.
    await page.keyboard.press('Enter');
    expect(await position(page)).toMatch(/Step 8 of 8/);
    await page.keyboard.press('Shift+Tab');
    await expect(
      page
        .getByRole('button', { name: 'Previous step' })
        .evaluate((el) => el === document.activeElement)
    ).resolves.toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('plays the reject outcome by mouse, with the tables filled', async () => {
    const { page, errors } = await openPage(browser, SCENARIO);
    await page.getByRole('radio', { name: /Reject/ }).click();
    await page.getByRole('button', { name: 'Next step' }).click();
    await page.getByRole('button', { name: 'Last step' }).click();
    expect(await position(page)).toMatch(/Step 10 of 10/);
    expect(await tableMessages(page, 'T-Library')).toEqual(['RequestRouteCall', 'EventRouteUsed']);
    expect(await tableMessages(page, 'Interaction Management')).toEqual([
      'EventInvite',
      'RequestReject',
      'EventAck'
    ]);
    expect(await tableMessages(page, 'Reporting')).toEqual([
      'EventPartyRemoved',
      'EventAgentInvited',
      'EventRejected'
    ]);
    await page.getByRole('button', { name: 'Previous step' }).click();
    expect(await position(page)).toMatch(/Step 9 of 10/);
    await page.getByRole('button', { name: 'First step' }).click();
    expect(await position(page)).toMatch(/Step 1 of 10/);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('plays the timeout outcome by keyboard alone, with the tables filled', async () => {
    const { page, errors } = await openPage(browser, SCENARIO);
    const accept = page.getByRole('radio', { name: /Accept/ });
    await tabTo(page, accept);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('radio', { name: /Timeout/ }).isChecked()).resolves.toBe(true);
    await tabTo(page, page.getByRole('button', { name: 'Last step' }));
    await page.keyboard.press('Enter');
    expect(await position(page)).toMatch(/Step 8 of 8/);
    expect(await tableMessages(page, 'T-Library')).toEqual(['RequestRouteCall']);
    expect(await tableMessages(page, 'Interaction Management')).toEqual([
      'EventInvite',
      'EventRevoked'
    ]);
    expect(await tableMessages(page, 'Reporting')).toEqual([
      'EventPartyRemoved',
      'EventAgentInvited',
      'EventRevoked'
    ]);
    await expect(page.getByRole('complementary', { name: /EventRouteUsed/ }).count()).resolves.toBe(
      1
    );
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('plays and pauses with Space, and announces each step politely', async () => {
    const { page, errors } = await openPage(browser, SCENARIO);
    await page.getByRole('combobox', { name: 'Speed' }).selectOption('fast');
    await page.locator('h1').click();
    await page.keyboard.press(' ');
    await expect(page.getByRole('button', { name: 'Pause' }).isVisible()).resolves.toBe(true);
    // Two steps played: the transcript offers a second item (items not reached are hidden).
    await page
      .getByRole('list', { name: 'Transcript' })
      .getByRole('listitem')
      .nth(1)
      .waitFor({ state: 'attached' });
    await page.keyboard.press(' ');
    await expect(page.getByRole('button', { name: 'Play' }).isVisible()).resolves.toBe(true);
    const live = page.locator('[aria-live="polite"]');
    await expect(live.innerText()).resolves.toMatch(/^Step \d+ of 10: /);
    // What a screen reader gets from the region: the current step's words alone. Every step's
    // are in the page (a step only changes which one shows), the others hidden from it.
    const shown = /Step (\d+)/.exec(await position(page))?.[1];
    const heard = (await live.ariaSnapshot()).match(/Step \d+ of 10/g);
    expect(heard).toEqual([`Step ${shown} of 10`]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('opens a message’s details from the diagram by click and by keyboard', async () => {
    const { page, errors } = await openPage(browser, `${SCENARIO}?branch=accept&step=6`);
    await page.getByRole('button', { name: /^3: .*EventInvite/ }).click();
    const details = page.getByRole('region', { name: /EventInvite/ });
    await expect(details.getByText('TicketId').isVisible()).resolves.toBe(true);
    const accept = page.getByRole('button', { name: /^5: .*RequestAccept/ });
    await accept.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('region', { name: /RequestAccept/ }).isVisible()).resolves.toBe(
      true
    );
    await expect(
      page
        .getByRole('region', { name: /RequestAccept/ })
        .getByText('modeled')
        .first()
        .isVisible()
    ).resolves.toBe(true);
    // Moving focus with Tab opens the details of the arrow or timer mark it lands on.
    await page.keyboard.press('Shift+Tab');
    await expect(page.getByRole('region', { name: /EventAgentInvited/ }).isVisible()).resolves.toBe(
      true
    );
    await page.keyboard.press('Shift+Tab');
    await expect(
      page.getByRole('region', { name: /Delivery timer started/ }).isVisible()
    ).resolves.toBe(true);
    await page.keyboard.press('Tab');
    await expect(page.getByRole('region', { name: /EventAgentInvited/ }).isVisible()).resolves.toBe(
      true
    );
    // Stepping while an arrow has focus: the details follow the new step, not the focused arrow.
    await page.keyboard.press('ArrowRight');
    await expect(
      page.getByRole('region', { name: /Delivery timer cancelled/ }).isVisible()
    ).resolves.toBe(true);
    // Stepping back past it hides the focused arrow; the details stay with the current step.
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
    expect(await position(page)).toMatch(/Step 4 of 10/);
    await expect(
      page.getByRole('region', { name: /Delivery timer started/ }).isVisible()
    ).resolves.toBe(true);
    // Arrows not reached yet are not offered.
    await expect(page.getByRole('button', { name: /EventRouteUsed/ }).count()).resolves.toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('timing', () => {
  it('shows the late-answer race and EventError when the answer comes at the deadline', async () => {
    const { page, errors } = await openPage(browser, SCENARIO);
    await page.getByLabel('Agent response time (s)').fill('30');
    // The engine loads for the first timing other than the default: the run follows.
    await expect
      .poll(() => page.getByText(/the timer wins, and the late answer gets EventError/).isVisible())
      .toBe(true);
    await page.getByRole('button', { name: 'Last step' }).click();
    expect(await tableMessages(page, 'Interaction Management')).toEqual([
      'EventInvite',
      'EventRevoked',
      'RequestAccept',
      'EventError'
    ]);
    await page.getByLabel('Agent response time (s)').fill('29.9');
    // Still at the end of the rerun: "Last step" is disabled there, as it should be.
    await expect(page.getByRole('button', { name: 'Last step' }).isDisabled()).resolves.toBe(true);
    expect(await tableMessages(page, 'Interaction Management')).toEqual([
      'EventInvite',
      'RequestAccept',
      'EventAck'
    ]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('marks an out-of-range timeout invalid and keeps the last valid run', async () => {
    const { page, errors } = await openPage(browser, `${SCENARIO}?branch=accept&step=10`);
    const before = await transcript(page);
    const field = page.getByLabel('Delivery timeout (s)');
    await field.fill('0');
    await expect(field.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(
      page.getByRole('alert').filter({ hasText: '1 to 86,400' }).isVisible()
    ).resolves.toBe(true);
    expect(await transcript(page)).toEqual(before);
    await field.fill('86401');
    await expect(field.getAttribute('aria-invalid')).resolves.toBe('true');
    await field.fill('5');
    await expect(field.getAttribute('aria-invalid')).resolves.toBeNull();
    expect(await position(page)).toMatch(/Step 10 of 10/);
    expect(await tableMessages(page, 'Interaction Management')).toContain('EventError');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('the URL', () => {
  it('carries the view and restores it on reload', async () => {
    const { page, errors } = await openPage(browser, SCENARIO);
    await page.getByRole('radio', { name: /Reject/ }).check();
    await page.getByLabel('Delivery timeout (s)').fill('20');
    for (let i = 0; i < 7; i++) await page.getByRole('button', { name: 'Next step' }).click();
    await page.waitForURL(/step=7/);
    const url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toEqual({
      branch: 'reject',
      step: '7',
      timeout: '20'
    });
    const historyLength = await page.evaluate(() => history.length);
    expect(historyLength).toBeLessThanOrEqual(2);
    await page.reload();
    await page.waitForSelector('body[data-hydrated]');
    expect(await position(page)).toMatch(/Step 7 of 10/);
    await expect(page.getByRole('radio', { name: /Reject/ }).isChecked()).resolves.toBe(true);
    await expect(page.getByLabel('Delivery timeout (s)').inputValue()).resolves.toBe('20');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it.each([
    [
      // Markup that would run if the note echoed the value as HTML: openPage records the alert.
      '?branch=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&step=3',
      /outcome .* is not one of/,
      /Step 3 of 10/
    ],
    ['?step=-1', /step "-1" is not a step number/, /Start/],
    ['?step=99999999999999999999', /not a step number/, /Start/],
    ['?step=42', /asks for step 42, but this run has 10 steps/, /Step 10 of 10/],
    [
      '?timeout=abc&response=1e400&step=8',
      /timeout "abc"[^]*response time "1e400"/,
      /Step 8 of 10/
    ],
    ['?branch=timeout&branch=accept&step=%00', /branch 2 times/, /Start/]
  ])('falls back from %s with a visible note', async (query, note, pos) => {
    const { page, errors } = await openPage(browser, `${SCENARIO}${query}`);
    const status = page.getByRole('status').filter({ hasText: 'could not be used' });
    await expect(status.innerText()).resolves.toMatch(note);
    expect(await position(page)).toMatch(pos);
    expect(errors).toEqual([]);
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await expect(status.count()).resolves.toBe(0);
    await page.context().close();
  });
});

describe('exports', () => {
  // Drawing the export with mermaid is artifacts.test.ts's "Mermaid" view test.
  it('exports the run as stamped mermaid and JSON', async () => {
    const { page, errors } = await openPage(browser, `${SCENARIO}?branch=timeout&step=8`);
    await page.getByText('Export this run').click();
    // The details element reports opening in an async toggle event: wait for the text.
    await expect
      .poll(() => page.getByLabel('Mermaid export').inputValue())
      .toMatch(
        /^%% interaction-lab: scenario=deliver-interaction-to-agent branch=timeout .*\nsequenceDiagram\n/
      );
    await page.getByRole('radio', { name: 'JSON' }).check();
    await expect.poll(() => page.getByLabel('JSON export').inputValue()).toMatch(/^\{/);
    const json = JSON.parse(await page.getByLabel('JSON export').inputValue());
    expect(json.source.branch).toBe('timeout');
    expect(json.branch).toBe('timeout');
    expect(json.events).toHaveLength(8);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('accessibility', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`has no serious or critical axe findings in the ${colorScheme} theme`, async () => {
      const { page, errors } = await openPage(browser, SCENARIO, { colorScheme });
      expect(await seriousAxeFindings(page)).toEqual([]);
      await page.goto(new URL(`${SCENARIO}?branch=timeout&step=5&response=40`, page.url()).href);
      await page.waitForSelector('body[data-hydrated]');
      expect(await seriousAxeFindings(page)).toEqual([]);
      await page.getByRole('button', { name: 'Last step' }).click();
      await page.getByText('Export this run').click();
      await page.getByLabel('Delivery timeout (s)').fill('0');
      expect(await seriousAxeFindings(page)).toEqual([]);
      const home = await openPage(browser, '/', { colorScheme });
      expect(await seriousAxeFindings(home.page)).toEqual([]);
      expect([...errors, ...home.errors]).toEqual([]);
      await page.context().close();
      await home.page.context().close();
    });
  }
});

describe('an unknown address', () => {
  it('says the scenario is not found and links back to the list', async () => {
    const { page, errors } = await openPage(browser, '/scenarios/no-such-scenario');
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Not found');
    await page.getByRole('link', { name: 'See the scenarios' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    // The 404 response itself is the only error the console may show.
    expect(errors.filter((e) => !/404/.test(e))).toEqual([]);
    await page.context().close();
  });
});
