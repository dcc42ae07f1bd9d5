/**
 * Presenter mode (?mode=present) in the built site, as a teacher with a clicker and a class with
 * phones use it: opened from the player, stepped with the clicker's keys, blanked, its QR code
 * scanned (decoded with jsQR from the pixels on the screen), the whole run in view on a 1024×768
 * and a 1080p projector, and left with Esc at the same step.
 */
import jsQR from 'jsqr';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { baseURL, seriousAxeFindings, type SharedPage, useSharedPage } from './browser';

let shared: SharedPage;
let page: Page;
useSharedPage((file) => ({ shared, page } = file), { viewport: { width: 1366, height: 900 } });

const presenter = () => page.getByRole('dialog', { name: /^Presenting / });
const diagram = () => presenter().getByRole('group', { name: 'Sequence diagram' });
const qrCode = () => page.getByRole('img', { name: /^QR code/ });
/** The caption band's first line, e.g. "Step 4 of 10 t = 0 s documented". */
const where = () => presenter().locator('.where').innerText();
const message = () => presenter().locator('.message').innerText();
const narration = () => presenter().locator('.narration').innerText();

/** Opens a scenario's presenter view at a view given as a query, once it is up. */
async function present(id: string, query: string) {
  await shared.goto(`/scenarios/${id}?${query}&mode=present`);
  await presenter().waitFor();
}

/** Where an element is on the screen; it must be there. */
async function boxOf(locator: Locator) {
  const box = await locator.boundingBox();
  if (!box) throw new Error(`${locator.toString()} has no box on the screen`);
  return box;
}

const urlStep = () => new URL(page.url()).searchParams.get('step');

/** The step shown, from the caption ("Step 4 of 10"), 0 before the first message. */
async function captionStep(): Promise<number> {
  const text = await where();
  return Number(/^Step (\d+) of/.exec(text)?.[1] ?? 0);
}

/**
 * What a phone reads from the QR code on the screen: the element's pixels as Chromium painted
 * them (a screenshot), turned into RGBA in the page, decoded by jsQR here.
 */
async function scanQrCode(): Promise<string | null> {
  const png = await qrCode().screenshot();
  const image = await page.evaluate(async (base64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${base64}`;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d context');
    context.drawImage(img, 0, 0);
    const data = context.getImageData(0, 0, canvas.width, canvas.height);
    // As base64: a plain array would cross to Node one boxed number at a time, for seconds.
    let binary = '';
    for (const byte of data.data) binary += String.fromCharCode(byte);
    return { width: data.width, height: data.height, rgba: btoa(binary) };
  }, png.toString('base64'));
  const code = jsQR(
    new Uint8ClampedArray(Buffer.from(image.rgba, 'base64')),
    image.width,
    image.height
  );
  return code?.data ?? null;
}

describe('presenter mode', () => {
  it('opens from the player’s "Present" control at the same step, with no site chrome', async () => {
    await shared.goto('/scenarios/transfer?branch=reject&step=3');
    await page.getByRole('link', { name: 'Present', exact: true }).click();
    await presenter().waitFor();
    expect(await captionStep()).toBe(3);
    const url = new URL(page.url());
    expect(url.searchParams.get('mode')).toBe('present');
    expect(url.searchParams.get('branch')).toBe('reject');
    expect(url.searchParams.get('step')).toBe('3');

    // The site's header is behind the presenter: what is on screen where it sits is the dialog.
    const brand = page.getByRole('link', { name: 'Interaction Lab', includeHidden: true });
    const box = await boxOf(brand);
    const covered = await page.evaluate(
      ({ x, y }) => !!document.elementFromPoint(x, y)?.closest('dialog'),
      { x: box.x + box.width / 2, y: box.y + box.height / 2 }
    );
    expect(covered).toBe(true);

    // Tab stays in the presenter: it never lands on the hidden page behind it.
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      // Past the last control focus leaves the page for the browser's own (the body here).
      const inside = await page.evaluate(
        () =>
          document.activeElement === document.body || !!document.activeElement?.closest('dialog')
      );
      expect(inside, `Tab ${i + 1}`).toBe(true);
    }
    expect(shared.errors).toEqual([]);
  });

  it('steps on ".", Space, PageDown and the arrows, shows the message and narration, and the URL follows', async () => {
    await present('transfer', 'branch=accept&step=0');
    expect(await where()).toMatch(/^Before the first message/);
    expect(await narration()).toBe(
      'Agent 1 asks Interaction Server to transfer the interaction it is handling to Agent 2.'
    );

    await page.keyboard.press('.');
    await expect.poll(captionStep).toBe(1);
    expect(await message()).toBe(
      'Agent Application 1 → Interaction Server: RequestTransfer (Interaction Management)'
    );
    expect(await where()).toMatch(/^Step 1 of 10\s+t = 0 s\s+modeled$/);
    expect(await narration()).toBe(
      'Agent 1 is handling an email and wants a colleague to take it over, so its desktop sends RequestTransfer to Interaction Server (modeled), naming the interaction and the agent and place to invite.'
    );
    await expect.poll(urlStep).toBe('1');

    // A timer step, in words.
    await page.keyboard.press(' ');
    await expect.poll(captionStep).toBe(2);
    expect(await message()).toBe(
      'Interaction Server starts the invitation timer (invitation-timeout 30 s, expires at 30 s)'
    );

    for (const key of ['PageDown', 'ArrowRight', 'ArrowDown', '.']) await page.keyboard.press(key);
    await expect.poll(captionStep).toBe(6);
    await expect.poll(urlStep).toBe('6');

    for (const key of ['PageUp', 'ArrowLeft', 'ArrowUp']) await page.keyboard.press(key);
    await expect.poll(captionStep).toBe(3);
    await expect.poll(urlStep).toBe('3');
    expect(new URL(page.url()).searchParams.get('mode')).toBe('present');

    await page.keyboard.press('End');
    await expect.poll(captionStep).toBe(10);
    expect(await where()).toMatch(/End of the run: /);
    await page.keyboard.press('Home');
    await expect.poll(captionStep).toBe(1);
    expect(shared.errors).toEqual([]);
  });

  it('blanks the screen to black on "b" and brings it back on "b"', async () => {
    await present('deliver-interaction-to-agent', 'branch=accept&step=4');
    await expect.poll(() => diagram().isVisible()).toBe(true);

    await page.keyboard.press('b');
    const blank = page.getByRole('status').filter({ hasText: 'Screen blanked' });
    await blank.waitFor();
    await expect.poll(() => diagram().isVisible()).toBe(false);
    expect(await qrCode().count()).toBe(0);
    const { colour, covers } = await blank.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return {
        colour: getComputedStyle(el).backgroundColor,
        covers: r.left <= 0 && r.top <= 0 && r.right >= innerWidth && r.bottom >= innerHeight
      };
    });
    expect(colour).toBe('rgb(0, 0, 0)');
    expect(covers).toBe(true);
    // Nothing of the diagram or the caption is painted over the black.
    const centre = await page.evaluate(() => {
      const el = document.elementFromPoint(innerWidth / 2, innerHeight / 2);
      return el ? getComputedStyle(el).backgroundColor : null;
    });
    expect(centre).toBe('rgb(0, 0, 0)');

    await page.keyboard.press('b');
    await expect.poll(() => blank.count()).toBe(0);
    await expect.poll(() => diagram().isVisible()).toBe(true);
    expect(await captionStep()).toBe(4);
    expect(shared.errors).toEqual([]);
  });

  it('shows a QR code of the current step’s link, follows the step, and "q" hides and shows it', async () => {
    await present('transfer', 'branch=accept&step=4');
    const linkAt = (step: number) =>
      new URL(`/scenarios/transfer?branch=accept&step=${step}`, baseURL()).href;

    await expect(qrCode().getAttribute('alt')).resolves.toBe(
      'QR code: link to step 4 of Transfer (Accept)'
    );
    await expect.poll(scanQrCode).toBe(linkAt(4));
    // The same page without the mode: what the URL bar says, less `mode=present`.
    const followed = new URL(page.url());
    followed.searchParams.delete('mode');
    expect(followed.href).toBe(linkAt(4));

    await page.keyboard.press('ArrowRight');
    await expect.poll(scanQrCode).toBe(linkAt(5));

    await page.keyboard.press('q');
    await expect.poll(() => qrCode().count()).toBe(0);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('q');
    await expect.poll(scanQrCode).toBe(linkAt(6));
    expect(shared.errors).toEqual([]);
  });

  it('leaves on Esc for the player at the same outcome and step', async () => {
    await present('conference', 'branch=timeout&step=2');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(captionStep).toBe(4);
    await page.keyboard.press('Escape');
    await expect.poll(() => presenter().count()).toBe(0);
    await expect.poll(() => new URL(page.url()).search).toBe('?branch=timeout&step=4');
    await expect(page.getByRole('button', { name: 'Next step' }).isVisible()).resolves.toBe(true);
    await expect(page.locator('.position').innerText()).resolves.toMatch(/Step 4 of 7/);
    await expect(page.getByRole('radio', { name: /Timeout/ }).isChecked()).resolves.toBe(true);
    expect(shared.errors).toEqual([]);
  });

  it('says which part of a bad link it could not use, over the diagram, until dismissed', async () => {
    await present('transfer', 'branch=accept&step=99');
    const note = presenter().getByRole('status').filter({ hasText: 'could not be used' });
    await expect(note.innerText()).resolves.toMatch(
      /asks for step 99, but this run has 10 steps; showing the last/
    );
    expect(await captionStep()).toBe(10);
    await note.getByRole('button', { name: 'Dismiss' }).click();
    await expect.poll(() => note.count()).toBe(0);
    await page.keyboard.press('.');
    expect(await captionStep()).toBe(10);
    await page.keyboard.press('PageUp');
    await expect.poll(captionStep).toBe(9);
    expect(shared.errors).toEqual([]);
  });

  it('leaves by the "Leave" link too, for a mouse', async () => {
    await present('stop-processing', 'branch=c&step=1');
    await presenter().getByRole('link', { name: 'Leave' }).click();
    await expect.poll(() => presenter().count()).toBe(0);
    await expect.poll(() => new URL(page.url()).search).toBe('?branch=c&step=1');
    expect(shared.errors).toEqual([]);
  });

  for (const viewport of [
    { width: 1024, height: 768 },
    { width: 1920, height: 1080 }
  ]) {
    it(`fits each scenario's whole default run on a ${viewport.width}×${viewport.height} screen, without scrolling`, async () => {
      await page.setViewportSize(viewport);
      try {
        for (const id of [
          'deliver-interaction-to-agent',
          'transfer',
          'conference',
          'stop-processing'
        ]) {
          await present(id, 'step=0');
          await page.keyboard.press('End');
          await expect.poll(() => presenter().getByText('End of the run').count()).toBe(1);

          const band = await boxOf(presenter().locator('.caption-band'));
          const drawing = await boxOf(diagram());
          const last = await boxOf(diagram().getByRole('button').last());
          // The last arrow and the whole diagram, legend included, above the caption band.
          for (const [what, box] of [
            ['diagram', drawing],
            ['last arrow', last]
          ] as const) {
            expect(box.x, `${id} ${what}`).toBeGreaterThanOrEqual(0);
            expect(box.y, `${id} ${what}`).toBeGreaterThanOrEqual(0);
            expect(box.x + box.width, `${id} ${what}`).toBeLessThanOrEqual(viewport.width);
            expect(box.y + box.height, `${id} ${what}`).toBeLessThanOrEqual(band.y + 0.5);
          }
          expect(band.y + band.height, id).toBeLessThanOrEqual(viewport.height + 0.5);
          // It fills the room it has: the full width, or the full height down to the band.
          const fills =
            drawing.width >= 0.9 * viewport.width ||
            drawing.y + drawing.height >= band.y - 0.06 * viewport.height;
          expect(fills, `${id} fills the screen`).toBe(true);

          const scroll = await page.evaluate(() => ({
            page: document.documentElement.scrollHeight,
            viewport: innerHeight,
            scrolledBoxes: [...document.querySelectorAll('dialog *')].filter(
              (el) =>
                el.scrollHeight > el.clientHeight + 1 &&
                getComputedStyle(el).overflowY !== 'hidden' &&
                getComputedStyle(el).overflowY !== 'visible'
            ).length
          }));
          expect(scroll.page, id).toBe(scroll.viewport);
          expect(scroll.scrolledBoxes, `${id}: a box in the presenter scrolls`).toBe(0);
        }
        await page.screenshot({
          path: `test-results/presenter-${viewport.width}x${viewport.height}.png`
        });
        expect(shared.errors).toEqual([]);
      } finally {
        await page.setViewportSize({ width: 1366, height: 900 });
      }
    });
  }

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`has no serious or critical axe finding in the ${colorScheme} theme`, async () => {
      await page.emulateMedia({ colorScheme });
      try {
        await present('deliver-interaction-to-agent', 'branch=reject&step=6');
        await qrCode().waitFor();
        expect(await seriousAxeFindings(page)).toEqual([]);
        await page.keyboard.press('End');
        await expect.poll(captionStep).toBe(10);
        expect(await seriousAxeFindings(page)).toEqual([]);
        await page.keyboard.press('b');
        await page.getByRole('status').filter({ hasText: 'Screen blanked' }).waitFor();
        expect(await seriousAxeFindings(page)).toEqual([]);
      } finally {
        await page.emulateMedia({ colorScheme: null });
      }
    });
  }
});
