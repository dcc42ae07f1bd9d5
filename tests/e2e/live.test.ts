/**
 * "You are the agent" (?mode=live) in the built site: a person answers Deliver's invitation in
 * time, lets it expire and answers late, changes the speed and tries again, by mouse and by
 * keyboard. Waits are on what the page shows (the countdown, the diagram), never fixed sleeps.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { type SharedPage, useSharedPage } from './browser';

const DELIVER = '/scenarios/deliver-interaction-to-agent';

let shared: SharedPage;
let page: Page;
useSharedPage((file) => ({ shared, page } = file), { viewport: { width: 1366, height: 900 } });

const timer = () => page.getByRole('timer', { name: 'Time left to answer' });
const secondsLeft = async () => Number((await timer().innerText()).replace(/\s*s$/, ''));
const caption = () => page.locator('p[aria-live="polite"]');
const outcome = () => page.locator('.facts .outcome').innerText();
const accept = () => page.getByRole('button', { name: 'Accept', exact: true });
const reject = () => page.getByRole('button', { name: 'Reject', exact: true });
const speed = () => page.getByRole('combobox', { name: 'Speed' });

/** The message names of the arrows the diagram shows, in order. */
async function arrows(): Promise<string[]> {
  const items = page.getByRole('group', { name: 'Sequence diagram' }).getByRole('button');
  const labels = await items.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
  return labels.flatMap((l) => (l && /^\d+:/.test(l) ? [l.split(', ')[1] ?? ''] : []));
}

/** Opens live mode and waits for the countdown to run. */
async function openLive(query = '') {
  await shared.goto(`${DELIVER}?mode=live${query}`);
  await timer().waitFor();
}

const COMMON = ['RequestRouteCall', 'EventPartyRemoved', 'EventInvite', 'EventAgentInvited'];

async function serious() {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

describe('live mode', () => {
  it('shows the invitation at once and a countdown that the screen reader is not told every tick', async () => {
    await openLive();
    await expect(page.getByRole('heading', { name: /^You are the agent/ }).count()).resolves.toBe(
      1
    );
    expect(await arrows()).toEqual(COMMON);
    await expect(timer().getAttribute('aria-live')).resolves.toBe('off');
    await expect(caption().innerText()).resolves.toBe(
      'Invitation received: accept or reject it before the delivery timer runs out at 30 s.'
    );
    // Real time passes: the countdown moves by itself.
    await expect.poll(secondsLeft, { timeout: 5_000 }).toBeLessThan(30);
    expect(await outcome()).toBe('not decided yet');
    expect(shared.errors).toEqual([]);
  });

  it('accepts in time at 10x: RequestAccept and EventAck follow, and the outcome is Accepted', async () => {
    await openLive();
    await speed().selectOption('10');
    await accept().click();
    await expect
      .poll(arrows)
      .toEqual([...COMMON, 'RequestAccept', 'EventAck', 'EventPartyAdded', 'EventRouteUsed']);
    expect(await outcome()).toBe('Accepted');
    expect(await caption().innerText()).toMatch(
      /^You accepted at [\d.]+ s, before the 30 s deadline\. Outcome: Accepted\.$/
    );
    // The countdown stops at the answer, and a second answer changes nothing.
    const left = await secondsLeft();
    expect(left).toBeGreaterThan(0);
    await expect(accept().getAttribute('aria-disabled')).resolves.toBe('true');
    // Forced: Playwright waits for an aria-disabled button to be enabled, as a person cannot.
    await reject().click({ force: true });
    expect(await outcome()).toBe('Accepted');
    expect(await secondsLeft()).toBe(left);
    expect(shared.errors).toEqual([]);
  });

  it('revokes the invitation when the countdown reaches zero, and answers a late click with EventError', async () => {
    await openLive();
    await speed().selectOption('10');
    await expect.poll(secondsLeft, { timeout: 10_000 }).toBe(0);
    await expect.poll(() => caption().innerText()).toMatch(/^Invitation revoked: /);
    expect(await arrows()).toEqual([...COMMON, 'EventRevoked', 'EventRevoked']);
    expect(await outcome()).toBe('Timed out');

    await accept().click();
    await expect
      .poll(arrows)
      .toEqual([...COMMON, 'EventRevoked', 'EventRevoked', 'RequestAccept', 'EventError']);
    expect(await caption().innerText()).toMatch(
      /^You accepted at [\d.]+ s, after the invitation was revoked at 30 s\. Interaction Server answers EventError \(modeled\)\./
    );
    expect(await outcome()).toBe('Timed out; the agent’s accept arrived too late');
    // The transcript, the diagram's text alternative, says the late exchange is modeled.
    const items = page.getByRole('list', { name: 'Transcript' }).getByRole('listitem');
    await expect(items.last().innerText()).resolves.toMatch(
      /Interaction Server → Agent Application: EventError \(Interaction Management\) \(modeled\)$/
    );
    expect(shared.errors).toEqual([]);
  });

  it('offers 1x to 10x under Speed, and a faster speed keeps the time already passed', async () => {
    await openLive();
    const options = await speed().locator('option').allInnerTexts();
    expect(options).toEqual(['1× real time', '2× real time', '5× real time', '10× real time']);
    await expect(speed().inputValue()).resolves.toBe('1');
    await expect.poll(secondsLeft, { timeout: 5_000 }).toBeLessThan(30);
    const before = await secondsLeft();
    await speed().selectOption('5');
    await expect(speed().inputValue()).resolves.toBe('5');
    // Time already passed stays passed: the countdown goes on from where it was, never back.
    expect(await secondsLeft()).toBeLessThanOrEqual(before);
    // At 5x the 30 s timer runs out in 6 s of real time; at 1x this would take 30 s.
    await expect.poll(secondsLeft, { timeout: 12_000 }).toBe(0);
  });

  it('starts a fresh invitation on Try again, at the same speed', async () => {
    await openLive();
    await speed().selectOption('2');
    await reject().click();
    await expect.poll(outcome).toBe('Rejected');
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(outcome).toBe('not decided yet');
    expect(await arrows()).toEqual(COMMON);
    expect(await secondsLeft()).toBeGreaterThan(25);
    await expect(accept().getAttribute('aria-disabled')).resolves.toBe('false');
    await expect(speed().inputValue()).resolves.toBe('2');
    await expect(caption().innerText()).resolves.toMatch(/^Invitation received/);
  });

  it('is played by keyboard alone: Tab reaches Accept, Enter answers', async () => {
    await openLive();
    for (let i = 0; i < 30; i++) {
      if (await accept().evaluate((el) => el === document.activeElement)) break;
      await page.keyboard.press('Tab');
    }
    await expect(accept().evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(outcome).toBe('Accepted');
    // The arrows stay the page's: live mode has no step keys to take them over.
    const url = page.url();
    await page.keyboard.press('ArrowLeft');
    expect(page.url()).toBe(url);
    expect(await outcome()).toBe('Accepted');
  });

  it('uses the link’s timeout, and says so when it cannot', async () => {
    await openLive('&timeout=12');
    expect(await secondsLeft()).toBeLessThanOrEqual(12);
    await expect(caption().innerText()).resolves.toMatch(/runs out at 12 s\.$/);
    await openLive('&timeout=abc');
    await expect(page.getByRole('note').innerText()).resolves.toMatch(
      /^The link’s timeout "abc" is not a whole number of seconds from 1 to 86,400; using 30 s\.$/
    );
    await expect(caption().innerText()).resolves.toMatch(/runs out at 30 s\.$/);
  });

  it('links back to the player at the run just played', async () => {
    await openLive();
    await speed().selectOption('10');
    await accept().click();
    await expect.poll(outcome).toBe('Accepted');
    await page.getByRole('link', { name: 'Back to the player' }).click();
    await page.getByRole('radiogroup', { name: 'Outcome' }).waitFor();
    const params = new URL(page.url()).searchParams;
    expect(params.get('branch')).toBe('accept');
    expect(params.get('step')).toBe('10');
    expect(params.get('mode')).toBeNull();
    await expect(page.getByRole('timer').count()).resolves.toBe(0);
  });

  it('plays Transfer too, as Agent Application 2', async () => {
    await shared.goto('/scenarios/transfer?mode=live');
    await timer().waitFor();
    await expect(
      page.getByRole('heading', { name: 'You are the agent: Agent Application 2' }).count()
    ).resolves.toBe(1);
    await speed().selectOption('10');
    await reject().click();
    await expect.poll(outcome).toBe('Rejected');
    expect(await arrows()).toContain('RequestReject');
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`has no serious or critical axe findings in the ${colorScheme} theme`, async () => {
      await page.emulateMedia({ colorScheme });
      await openLive('&timeout=1');
      await expect.poll(secondsLeft, { timeout: 5_000 }).toBe(0);
      expect(await serious()).toEqual([]);
      await accept().click();
      await expect.poll(outcome).toMatch(/too late$/);
      expect(await serious()).toEqual([]);
      await page.emulateMedia({ colorScheme: 'light' });
    });
  }
});
