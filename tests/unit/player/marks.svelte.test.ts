import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StepMarks } from '../../../src/lib/player/marks.svelte';
import { run } from '../../../src/lib/engine';

/** The marks every entry should have at a step, computed from scratch. */
function expected(total: number, shown: number, selected: number | null) {
  return Array.from({ length: total }, (_, i) => ({
    reached: i < shown,
    current: i === shown - 1,
    selected: i + 1 === selected
  }));
}

describe('marks', () => {
  it('does end every walk of moves where a fresh reset would be', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 }).chain((total) =>
          fc.record({
            total: fc.constant(total),
            start: fc.integer({ min: 0, max: total }),
            moves: fc.array(
              fc.integer({ min: 0, max: total }).chain((shown) =>
                fc.record({
                  shown: fc.constant(shown),
                  selected: fc.option(fc.integer({ min: 1, max: Math.max(1, shown) }), {
                    nil: null
                  })
                })
              ),
              { maxLength: 12 }
            )
          })
        ),
        ({ total, start, moves }) => {
          const marks = new StepMarks();
          marks.reset(total, start, null);
          for (const { shown, selected } of moves) {
            const sel = shown === 0 ? null : selected;
            marks.move(shown, sel);
            expect(marks.list).toEqual(expected(total, shown, sel));
          }
        }
      )
    );
  });

  it('does keep each mark object, so a view keyed by entry only re-renders what changed', () => {
    const marks = new StepMarks();
    marks.reset(10, 3, 3);
    const before = [...marks.list];
    marks.move(4, 4);
    expect(marks.list.every((m, i) => m === before[i])).toBe(true);
    expect(marks.list.map((m) => m.current)).toEqual(expected(10, 4, 4).map((m) => m.current));
  });
  it('does follow a run: every mark anew for another run, only what moved for a step', () => {
    const marks = new StepMarks();
    const first = {};
    marks.follow(first, 5, 2, null);
    expect(marks.list).toEqual(expected(5, 2, null));
    const before = [...marks.list];
    marks.follow(first, 5, 4, 3);
    expect(marks.list.every((m, i) => m === before[i])).toBe(true);
    expect(marks.list).toEqual(expected(5, 4, 3));
    marks.follow({}, 3, 1, null);
    expect(marks.list).toHaveLength(3);
    expect(marks.list[0]).not.toBe(before[0]);
    expect(marks.list).toEqual(expected(3, 1, null));
  });
});

describe('player marks', () => {
  it('does follow stepping, selecting and a new run', async () => {
    const { loadContentFromDisk } = await import('../../../src/lib/content/node');
    const { Player } = await import('../../../src/lib/player/player.svelte');
    const deliver = loadContentFromDisk().scenarios.find(
      (s) => s.id === 'deliver-interaction-to-agent'
    );
    if (!deliver) throw new Error('no Deliver scenario');
    const player = new Player(deliver, { run });
    const now = () => expected(player.total, player.shown, player.selected);
    player.seek(4);
    expect(player.marks).toEqual(now());
    player.select(2);
    expect(player.marks).toEqual(now());
    player.choose('timeout');
    expect(player.marks).toEqual(now());
    player.last();
    expect(player.marks).toHaveLength(8);
    expect(player.marks).toEqual(now());
    player.setTimeoutText('5');
    player.first();
    expect(player.marks).toEqual(now());
  });
});
