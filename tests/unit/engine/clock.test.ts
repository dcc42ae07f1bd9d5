import { describe, expect, it } from 'vitest';
import { SteppedClock } from '../../../src/lib/engine/clock';

/** Drains the clock, returning how many timeouts fired. */
function drain(clock: SteppedClock): number {
  let fired = 0;
  while (clock.advance()) fired++;
  return fired;
}

describe('clock', () => {
  describe('SteppedClock', () => {
    it('does start at 0 with nothing to do', () => {
      const clock = new SteppedClock();
      expect(clock.now()).toBe(0);
      expect(clock.advance()).toBe(false);
      expect(clock.now()).toBe(0);
    });

    it('does fire each timeout at its own due time, not at the last one', () => {
      const clock = new SteppedClock();
      const seen: [string, number][] = [];
      // Set out of order: firing follows due times, and now() is each one's own due time.
      clock.setTimeout(() => seen.push(['late', clock.now()]), 38_000);
      clock.setTimeout(() => seen.push(['deadline', clock.now()]), 30_000);
      clock.setTimeout(() => seen.push(['answer', clock.now()]), 8_000);
      expect(drain(clock)).toBe(3);
      expect(seen).toEqual([
        ['answer', 8_000],
        ['deadline', 30_000],
        ['late', 38_000]
      ]);
      expect(clock.now()).toBe(38_000);
    });

    it('does fire one timeout per advance()', () => {
      const clock = new SteppedClock();
      const seen: number[] = [];
      clock.setTimeout(() => seen.push(1), 1_000);
      clock.setTimeout(() => seen.push(2), 2_000);
      expect(clock.advance()).toBe(true);
      expect(seen).toEqual([1]);
      expect(clock.now()).toBe(1_000);
      expect(clock.advance()).toBe(true);
      expect(seen).toEqual([1, 2]);
      expect(clock.advance()).toBe(false);
    });

    it('does order equal due times by the order they were set', () => {
      const clock = new SteppedClock();
      const seen: string[] = [];
      for (const name of ['first', 'second', 'third', 'fourth']) {
        clock.setTimeout(() => seen.push(name), 30_000);
      }
      clock.setTimeout(() => seen.push('earlier'), 29_999);
      drain(clock);
      expect(seen).toEqual(['earlier', 'first', 'second', 'third', 'fourth']);
    });

    it('does order a timeout set from a callback after those already due at the same time', () => {
      const clock = new SteppedClock();
      const seen: [string, number][] = [];
      clock.setTimeout(() => {
        seen.push(['a', clock.now()]);
        // Due now, but set after 'b': 'b' goes first.
        clock.setTimeout(() => seen.push(['a0', clock.now()]), 0);
        clock.setTimeout(() => seen.push(['a5', clock.now()]), 5_000);
      }, 10_000);
      clock.setTimeout(() => seen.push(['b', clock.now()]), 10_000);
      drain(clock);
      expect(seen).toEqual([
        ['a', 10_000],
        ['b', 10_000],
        ['a0', 10_000],
        ['a5', 15_000]
      ]);
    });

    it('does treat a zero or negative delay as due now', () => {
      const clock = new SteppedClock();
      const seen: number[] = [];
      clock.setTimeout(() => seen.push(clock.now()), 0);
      clock.setTimeout(() => seen.push(clock.now()), -5);
      expect(drain(clock)).toBe(2);
      expect(seen).toEqual([0, 0]);
    });

    it('does not fire a cleared timeout', () => {
      const clock = new SteppedClock();
      const seen: string[] = [];
      const timer = clock.setTimeout(() => seen.push('timer'), 30_000);
      clock.setTimeout(() => seen.push('answer'), 8_000);
      clock.clearTimeout(timer);
      expect(drain(clock)).toBe(1);
      expect(seen).toEqual(['answer']);
      expect(clock.now()).toBe(8_000);
    });

    it('does not fire a timeout cleared by an earlier callback due at the same time', () => {
      const clock = new SteppedClock();
      const seen: string[] = [];
      let second = -1;
      clock.setTimeout(() => {
        seen.push('first');
        clock.clearTimeout(second);
      }, 1_000);
      second = clock.setTimeout(() => seen.push('second'), 1_000);
      expect(drain(clock)).toBe(1);
      expect(seen).toEqual(['first']);
      expect(clock.advance()).toBe(false);
    });

    it('does ignore clearing an id that is unknown or already fired', () => {
      const clock = new SteppedClock();
      const seen: string[] = [];
      const fired = clock.setTimeout(() => seen.push('fired'), 1);
      expect(clock.advance()).toBe(true);
      clock.setTimeout(() => seen.push('next'), 1);
      clock.clearTimeout(fired);
      clock.clearTimeout(12_345);
      expect(drain(clock)).toBe(1);
      expect(seen).toEqual(['fired', 'next']);
    });

    it('does never move time backwards', () => {
      const clock = new SteppedClock();
      const times: number[] = [];
      clock.setTimeout(() => {
        times.push(clock.now());
        clock.setTimeout(() => times.push(clock.now()), 1);
      }, 500);
      clock.setTimeout(() => times.push(clock.now()), 400);
      clock.setTimeout(() => times.push(clock.now()), 502);
      drain(clock);
      expect(times).toEqual([400, 500, 501, 502]);
    });
  });
});
