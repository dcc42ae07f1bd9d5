import { describe, expect, it } from 'vitest';
import { getScenario } from '$lib/content';
import {
  firstSentence,
  fitScale,
  followLink,
  presenterCommand,
  segmentsText
} from '$lib/modes/presenter';

/** A key press on nothing in particular (the page), unless a target is given. */
function key(key: string, more: Partial<Parameters<typeof presenterCommand>[0]> = {}) {
  return {
    key,
    target: null,
    altKey: false,
    ctrlKey: false,
    metaKey: false,
    shiftKey: false,
    ...more
  };
}

/** The part of an element the key rules read: what `closest` finds. */
const focused = (selector: string) => ({
  closest: (s: string) => (s.split(',').some((part) => part.trim() === selector) ? {} : null)
});

describe('presenterCommand', () => {
  it('steps on the clicker keys, the arrows, Space and "."', () => {
    for (const k of ['ArrowRight', 'ArrowDown', 'PageDown', ' ', '.']) {
      expect(presenterCommand(key(k)), k).toBe('next');
    }
    for (const k of ['ArrowLeft', 'ArrowUp', 'PageUp']) {
      expect(presenterCommand(key(k)), k).toBe('back');
    }
    expect(presenterCommand(key('Home'))).toBe('first');
    expect(presenterCommand(key('End'))).toBe('last');
  });

  it('blanks on "b", toggles the QR code on "q" and leaves on Escape', () => {
    expect(presenterCommand(key('b'))).toBe('blank');
    expect(presenterCommand(key('B'))).toBe('blank');
    expect(presenterCommand(key('q'))).toBe('qr');
    expect(presenterCommand(key('Escape'))).toBe('leave');
  });

  it('leaves keys with a modifier, unknown keys, and Space on a button alone', () => {
    expect(presenterCommand(key('b', { ctrlKey: true }))).toBeNull();
    expect(presenterCommand(key('.', { metaKey: true }))).toBeNull();
    expect(presenterCommand(key(' ', { shiftKey: true }))).toBeNull();
    expect(presenterCommand(key('x'))).toBeNull();
    expect(presenterCommand(key(' ', { target: focused('button') as never }))).toBeNull();
    // Clicker keys still step while an arrow of the diagram has focus.
    expect(presenterCommand(key('.', { target: focused('button') as never }))).toBe('next');
  });
});

describe('firstSentence', () => {
  it('keeps backtick names as code and stops at the first full stop', () => {
    const s = firstSentence(
      'Interaction Server sends `EventInvite` to Agent 2. Agent 2 quotes its `TicketId`.'
    );
    expect(s).toEqual([
      { text: 'Interaction Server sends ', code: false },
      { text: 'EventInvite', code: true },
      { text: ' to Agent 2.', code: false }
    ]);
  });

  it('does not end a sentence inside code, at a decimal point or after "e.g."', () => {
    expect(segmentsText(firstSentence('Use `a. b` here. Then more.'))).toBe('Use a. b here.');
    expect(segmentsText(firstSentence('It waits 29.9 s, e.g. on a slow link. Then.'))).toBe(
      'It waits 29.9 s, e.g. on a slow link.'
    );
  });

  it('keeps a closing bracket or quote with the sentence and reduces links and emphasis', () => {
    expect(
      segmentsText(firstSentence('It is **ours** (see [the page](https://x.y/z).) Next.'))
    ).toBe('It is ours (see the page.)');
    expect(segmentsText(firstSentence('The page says "stop." Then.'))).toBe(
      'The page says "stop."'
    );
    expect(segmentsText(firstSentence('An _illustrative_ value'))).toBe('An illustrative value');
  });

  it('reads the first paragraph only, and a text with no full stop whole', () => {
    expect(segmentsText(firstSentence('One line\nwrapped\n\nSecond paragraph.'))).toBe(
      'One line wrapped'
    );
    expect(firstSentence('')).toEqual([]);
  });

  it('gives a short first sentence for every step of every scenario', () => {
    for (const id of [
      'deliver-interaction-to-agent',
      'transfer',
      'conference',
      'stop-processing'
    ]) {
      const scenario = getScenario(id);
      expect(scenario, id).toBeDefined();
      for (const [stepKey, step] of Object.entries(scenario?.steps ?? {})) {
        const text = segmentsText(firstSentence(step.narration));
        expect(text.length, `${id} ${stepKey}`).toBeGreaterThan(20);
        expect(text.length, `${id} ${stepKey}`).toBeLessThan(step.narration.length);
        expect(text, `${id} ${stepKey}`).toMatch(/[.!?]["”’)]*$/);
      }
    }
  });
});

describe('followLink', () => {
  it('links this page at the step on show, without the mode', () => {
    expect(
      followLink(
        'https://lab.example/base/scenarios/transfer?branch=accept&step=2&mode=present',
        '?branch=reject&step=5'
      )
    ).toBe('https://lab.example/base/scenarios/transfer?branch=reject&step=5');
  });

  it('keeps parameters that are not the player’s, and drops a timing back at its default', () => {
    expect(
      followLink(
        'https://lab.example/scenarios/deliver?mode=present&timeout=45&seed=7#top',
        '?branch=accept&step=3'
      )
    ).toBe('https://lab.example/scenarios/deliver?branch=accept&step=3&seed=7');
  });
});

describe('fitScale', () => {
  it('takes the smaller ratio, so the whole drawing fits', () => {
    expect(fitScale({ width: 1600, height: 900 }, { width: 800, height: 600 })).toBe(1.5);
    expect(fitScale({ width: 1000, height: 900 }, { width: 800, height: 600 })).toBe(1.25);
  });

  it('is 1 while a size is unknown', () => {
    expect(fitScale({ width: 0, height: 900 }, { width: 800, height: 600 })).toBe(1);
    expect(fitScale({ width: 1000, height: 900 }, { width: 800, height: 0 })).toBe(1);
  });
});
