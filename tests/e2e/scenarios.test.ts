/**
 * The scenario library in the built site: the list's cards, and the player of Transfer,
 * Conference and Stop Processing used by keyboard and by mouse, as a person would. Deliver's
 * player has its own file (player.test.ts).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loadContentFromDisk } from '../../src/lib/content/node';
import { type SharedPage, useSharedPage, seriousAxeFindings, visibleTexts } from './browser';

const { scenarios } = loadContentFromDisk();

let shared: SharedPage;
let page: Page;
useSharedPage((file) => ({ shared, page } = file), { viewport: { width: 1366, height: 768 } });

/** What a person reads in one protocol table: the row header of each row reached. */
async function tableMessages(protocol: string): Promise<string[]> {
  return visibleTexts(
    page.getByRole('table', { name: protocol, exact: true }).getByRole('rowheader')
  );
}

async function transcript(): Promise<string[]> {
  const items = page.getByRole('list', { name: 'Transcript' }).getByRole('listitem');
  return (await items.allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
}

const position = () => page.locator('.position').innerText();

/** Presses Tab until `name`d radio has focus, as a keyboard user reaches a radio group. */
async function tabToRadioGroup(group: string) {
  const radios = page.getByRole('radiogroup', { name: group }).getByRole('radio');
  for (let i = 0; i < 40; i++) {
    const inside = await radios.evaluateAll((els) => els.includes(document.activeElement as never));
    if (inside) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Could not reach the ${group} group with Tab`);
}

/** Presses Shift+Tab until the named button has focus, then returns it. */
async function backTabTo(name: string) {
  const button = page.getByRole('button', { name, exact: true });
  for (let i = 0; i < 40; i++) {
    if (await button.evaluate((el) => el === document.activeElement)) return button;
    await page.keyboard.press('Shift+Tab');
  }
  throw new Error(`Could not reach ${name} with Shift+Tab`);
}

describe('the scenario list', () => {
  it('shows a card per scenario with its choices, lifelines and arrows, each opening its player', async () => {
    await shared.goto('/');
    const cards = page.getByRole('listitem').filter({ has: page.getByRole('heading') });
    await expect(cards.count()).resolves.toBe(scenarios.length);
    const text = (await cards.allInnerTexts()).map((t) => t.replace(/\s+/g, ' '));
    const card = (title: string) => text.find((t) => t.startsWith(`${title} `)) ?? '';
    expect(card('Deliver Interaction to Agent')).toMatch(
      /Outcomes Accept, Reject, Timeout Lifelines 4 Arrows 10 documented 6 modeled/
    );
    expect(card('Transfer')).toMatch(/Outcomes Accept, Reject, Timeout, Invalid Lifelines 4/);
    expect(card('Conference')).toMatch(/Lifelines 4/);
    expect(card('Stop Processing')).toMatch(
      /Versions A: .*D: URS stops it Lifelines 5 .*Timer none/
    );
    // Every model has its card, titled as in content/.
    for (const s of scenarios) expect(card(s.title), s.id).not.toBe('');
    for (const title of ['Transfer', 'Conference', 'Stop Processing']) {
      await shared.goto('/');
      await page.getByRole('link', { name: title, exact: true }).click();
      await page.waitForURL(/\/scenarios\//);
      await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(title);
    }
    expect(shared.errors).toEqual([]);
  });
});

describe('Transfer', () => {
  it('plays the invalid outcome by keyboard alone', async () => {
    await shared.goto('/scenarios/transfer');
    const group = page.getByRole('radiogroup', { name: 'Outcome' });
    await expect(group.getByRole('radio').allInnerTexts()).resolves.toHaveLength(4);
    await tabToRadioGroup('Outcome');
    // Arrow keys move the checked radio, as in any radio group; the player ignores them there.
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
    await expect(group.getByRole('radio', { name: /Invalid/ }).isChecked()).resolves.toBe(true);
    await backTabTo('Last step');
    await page.keyboard.press('Enter');
    expect(await position()).toMatch(/Step 2 of 2 · end of the run/);
    expect(await transcript()).toEqual([
      expect.stringMatching(/Agent Application 1 → Interaction Server: RequestTransfer/),
      expect.stringMatching(/Interaction Server → Agent Application 1: EventError/)
    ]);
    await expect(
      page
        .getByRole('table', { name: 'Reference: Invitation Is Invalid' })
        .getByText('occurred')
        .isVisible()
    ).resolves.toBe(true);
    await page.waitForURL(/branch=invalid&step=2/);
    expect(shared.errors).toEqual([]);
  });

  it('plays the timeout by mouse, with the invitation timer and no timing for what does not apply', async () => {
    await shared.goto('/scenarios/transfer');
    await page.getByRole('radio', { name: /Timeout/ }).check();
    await expect(page.getByLabel('Invitation timeout (s)').inputValue()).resolves.toBe('30');
    for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Next step' }).click();
    await expect(page.getByText('Decision point.').isVisible()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Last step' }).click();
    expect(await position()).toMatch(/Step 7 of 7/);
    expect(await tableMessages('Interaction Management')).toEqual([
      'RequestTransfer',
      'EventInvite',
      'EventRevoked',
      'EventError'
    ]);
    await page.getByRole('button', { name: /^5: .*EventError/ }).click();
    const details = page.getByRole('region', { name: /EventError/ });
    await expect(details.getByText('ErrorDescription').isVisible()).resolves.toBe(true);
    await expect(
      page.getByRole('button', { name: /Timer: invitation-timeout expired/ }).count()
    ).resolves.toBe(1);
    expect(shared.errors).toEqual([]);
  });
});

describe('Conference', () => {
  it('plays the accept outcome by mouse: EventPartyAdded on two protocols, Agent 1 stays', async () => {
    await shared.goto('/scenarios/conference');
    await expect(page.getByRole('radio', { name: /Accept/ }).isChecked()).resolves.toBe(true);
    let steps = 0;
    const next = page.getByRole('button', { name: 'Next step' });
    while ((await next.getAttribute('aria-disabled')) !== 'true') {
      await next.click();
      steps++;
    }
    expect(steps).toBe(10);
    expect(await tableMessages('Interaction Management')).toContain('EventPartyAdded');
    expect(await tableMessages('Reporting')).toEqual(['EventAgentInvited', 'EventPartyAdded']);
    expect(await transcript()).not.toContainEqual(expect.stringMatching(/EventPartyRemoved/));
    expect(shared.errors).toEqual([]);
  });
});

describe('Conference by keyboard', () => {
  it('plays the reject outcome with the arrow keys and the clicker keys', async () => {
    await shared.goto('/scenarios/conference');
    await tabToRadioGroup('Outcome');
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('radio', { name: /Reject/ }).isChecked()).resolves.toBe(true);
    // Out of the form, the clicker keys step the player: Next step, then PageDown.
    await backTabTo('Next step');
    await page.keyboard.press('Enter');
    for (let i = 0; i < 9; i++) await page.keyboard.press('PageDown');
    expect(await position()).toMatch(/Step 9 of 9 · end of the run/);
    expect(await tableMessages('Interaction Management')).toEqual([
      'RequestConference',
      'EventInvite',
      'RequestReject',
      'EventAck',
      'EventError'
    ]);
    expect(await tableMessages('Reporting')).toEqual(['EventAgentInvited', 'EventRejected']);
    expect(shared.errors).toEqual([]);
  });
});

describe('Stop Processing by mouse', () => {
  it('plays version A with the buttons and opens a message from the diagram', async () => {
    await shared.goto('/scenarios/stop-processing');
    await page.getByRole('radio', { name: /^A: / }).check();
    await page.getByRole('button', { name: 'Last step' }).click();
    expect(await position()).toMatch(/Step 5 of 5/);
    expect(await transcript()).toEqual([
      expect.stringMatching(/Media Server → Interaction Server: RequestStopProcessing/),
      expect.stringMatching(/Interaction Server → Media Server: EventAck/),
      expect.stringMatching(/Interaction Server → Agent Application: EventRevoked/),
      expect.stringMatching(/Interaction Server → Reporting Engine: EventPartyRemoved/),
      expect.stringMatching(/Interaction Server → Reporting Engine: EventProcessingStopped/)
    ]);
    await page.getByRole('button', { name: /^3: .*EventRevoked/ }).click();
    await expect(
      page
        .getByRole('region', { name: /EventRevoked/ })
        .getByText('InteractionId')
        .isVisible()
    ).resolves.toBe(true);
    await page.getByRole('button', { name: 'First step' }).click();
    expect(await position()).toMatch(/Step 1 of 5/);
    expect(shared.errors).toEqual([]);
  });
});

describe('Stop Processing', () => {
  it('names its versions, has no timing, and plays version D by keyboard with its stand-ins', async () => {
    // Version A sends nothing on T-Library: at its end, that table still says so.
    await shared.goto('/scenarios/stop-processing?branch=a&step=5');
    expect(await position()).toMatch(/Step 5 of 5/);
    expect(await tableMessages('T-Library')).toEqual(['No T-Library messages yet.']);
    await shared.goto('/scenarios/stop-processing');
    const group = page.getByRole('radiogroup', { name: 'Version' });
    const labels = (await group.locator('label').allInnerTexts()).map((t) => t.trim());
    expect(labels.map((l) => l[0])).toEqual(['A', 'B', 'C', 'D']);
    await expect(page.getByRole('group', { name: 'Timing' }).count()).resolves.toBe(0);
    await expect(page.locator('.heads .head').count()).resolves.toBe(5);
    await tabToRadioGroup('Version');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
    await expect(group.getByRole('radio', { name: /^D/ }).isChecked()).resolves.toBe(true);
    await backTabTo('Next step');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Space');
    expect(await position()).toMatch(/Step 2 of 4/);
    expect(await tableMessages('T-Library')).toEqual([
      'RequestRouteCall, in place of RequestStopProcessing',
      'EventRouteUsed, in place of EventAck'
    ]);
    const details = page.getByRole('region', { name: /EventRouteUsed/ });
    await expect(details.getByText(/A stand-in:/).isVisible()).resolves.toBe(true);
    await expect(
      page.getByRole('button', { name: /^2: .*EventRouteUsed, in place of EventAck/ }).count()
    ).resolves.toBe(1);
    expect(shared.errors).toEqual([]);
  });
});

describe('every scenario', () => {
  const IDS = ['deliver-interaction-to-agent', 'transfer', 'conference', 'stop-processing'];

  it.each(IDS)('puts the diagram in the upper 40 percent of a 1366×768 screen: %s', async (id) => {
    await shared.goto(`/scenarios/${id}`);
    const region = page.getByRole('group', { name: 'Sequence diagram' });
    const box = await region.boundingBox();
    expect(box?.y).toBeLessThan(768 * 0.4);
  });

  it.each([
    [
      'transfer',
      '?branch=later&step=3',
      /outcome "later" is not one of accept, reject, timeout, invalid; showing accept/,
      /Step 3 of 10/
    ],
    [
      'conference',
      '?branch=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&timeout=0',
      /outcome .* is not one of[^]*timeout "0"/,
      /Start/
    ],
    [
      'stop-processing',
      '?branch=accept&timeout=5&step=9',
      /version "accept" is not one of a, b, c, d[^]*no timer[^]*this run has 5 steps/,
      /Step 5 of 5/
    ]
  ])('falls back from a hostile link to %s%s with a visible note', async (id, query, note, pos) => {
    await shared.goto(`/scenarios/${id}${query}`);
    const status = page.getByRole('status').filter({ hasText: 'could not be used' });
    await expect(status.innerText()).resolves.toMatch(note);
    expect(await position()).toMatch(pos);
    expect(shared.errors).toEqual([]);
  });

  it.each([
    ['transfer', '?branch=reject&step=6', 'light'],
    ['conference', '?branch=accept&step=9', 'dark'],
    ['stop-processing', '?branch=b&step=3', 'light']
  ] as const)(
    'has no serious or critical axe findings on %s (%s, %s theme)',
    async (id, query, theme) => {
      await page.emulateMedia({ colorScheme: theme });
      await shared.goto(`/scenarios/${id}${query}`);
      expect(await seriousAxeFindings(page)).toEqual([]);
      await page.emulateMedia({ colorScheme: 'light' });
    }
  );
});
