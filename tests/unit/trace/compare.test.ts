import { describe, expect, it } from 'vitest';
import { CompareSteps } from '../../../src/lib/components/compare/compare-steps.svelte';
import type { Scenario } from '../../../src/lib/content/types';
import { defaultInput, run } from '../../../src/lib/engine';
import type { Trace } from '../../../src/lib/engine/types';
import {
  commonPrefixLength,
  compareLayout,
  rowOfStep,
  sameEntry,
  sharedStart,
  shownAt
} from '../../../src/lib/trace/compare';
import { realContent, realScenario } from '../../fixtures/content';
import { withLifelineEvents } from '../../fixtures/scenario';

/** Every option's run at default timing, in the options' order, as the compare page runs them. */
const runsOf = (scenario: Scenario): Trace[] =>
  scenario.choice.options.map((o) => run(scenario, { ...defaultInput(scenario), branch: o.id }));

const keys = (trace: Trace, n: number) => trace.entries.slice(0, n).map((e) => e.key);

describe('compare', () => {
  it('does find the five steps Deliver’s outcomes share, up to the decision point', () => {
    const scenario = realScenario('deliver-interaction-to-agent');
    const runs = runsOf(scenario);
    expect(commonPrefixLength(runs)).toBe(5);
    const last = runs[0]?.entries[4];
    expect(last?.key).toBe(scenario.decisionPoint?.after);
    expect(sharedStart(runs)).toEqual({ members: [0, 1, 2], length: 5 });
  });

  it('does tell Transfer’s invalid request apart by its phase, and share the rest’s start', () => {
    const runs = runsOf(realScenario('transfer'));
    // The same RequestTransfer opens all four, but the invalid one in a phase of its own.
    expect(runs.map((t) => t.entries[0]?.key)).toEqual([
      'request',
      'request',
      'request',
      'request'
    ]);
    expect(commonPrefixLength(runs)).toBe(0);
    expect(sharedStart(runs)).toEqual({ members: [0, 1, 2], length: 4 });
    expect(keys(runs[0] as Trace, 4)).toEqual([
      'request',
      'timer-started',
      'invite',
      'agent-invited'
    ]);
  });

  it('does find nothing shared between Stop Processing’s versions', () => {
    const runs = runsOf(realScenario('stop-processing'));
    expect(commonPrefixLength(runs)).toBe(0);
    expect(sharedStart(runs)).toBeNull();
  });

  it('does compare sender, receiver, message, phase and time, not attribute values', () => {
    const [accept, reject] = runsOf(realScenario('deliver-interaction-to-agent'));
    const a = accept?.entries[0];
    const b = reject?.entries[0];
    if (a?.kind !== 'message' || b?.kind !== 'message') throw new Error('expected messages');
    expect(sameEntry(a, b)).toBe(true);
    expect(sameEntry(a, { ...b, to: 'urs' })).toBe(false);
    expect(sameEntry(a, { ...b, phase: 'other' })).toBe(false);
    expect(sameEntry(a, { ...b, at: 1 })).toBe(false);
    expect(sameEntry(a, { ...b, message: { ...b.message, name: 'EventAck' } })).toBe(false);
    expect(sameEntry(a, { ...b, message: { ...b.message, inPlaceOf: 'RequestX' } })).toBe(false);
    expect(sameEntry(a, { ...b, message: { ...b.message, attributes: {} } })).toBe(true);
    const timer = accept?.entries.find((e) => e.kind === 'timer');
    if (!timer) throw new Error('expected a timer entry');
    expect(sameEntry(timer, { ...timer })).toBe(true);
    expect(sameEntry(timer, { ...timer, action: 'expired' })).toBe(false);
  });

  it('does compare lifeline events by lifeline, event and peer', () => {
    const scenario = realScenario('deliver-interaction-to-agent');
    const [accept, reject] = runsOf(scenario).map((t) =>
      withLifelineEvents(t, [
        {
          after: 1,
          lifeline: 'agent-application',
          event: 'disconnects',
          peer: 'interaction-server'
        }
      ])
    );
    const event = accept?.entries[1];
    if (event?.kind !== 'lifeline') throw new Error('expected a lifeline event');
    expect(sameEntry(event, { ...event })).toBe(true);
    expect(sameEntry(event, { ...event, event: 'connects' })).toBe(false);
    expect(sameEntry(event, { ...event, peer: 'urs' })).toBe(false);
    expect(sameEntry(event, { ...event, peer: undefined })).toBe(false);
    expect(sameEntry(event, { ...event, lifeline: 'urs' })).toBe(false);
    const message = accept?.entries[0];
    if (!message) throw new Error('expected a first entry');
    expect(sameEntry(event, { ...message, key: event.key, phase: event.phase, at: event.at })).toBe(
      false
    );
    // Spliced into every run at the same place, it is part of the start they share.
    expect(commonPrefixLength([accept as Trace, reject as Trace])).toBe(6);
  });

  it('does stop at the shortest run when one run is the start of another', () => {
    const [accept] = runsOf(realScenario('transfer'));
    if (!accept) throw new Error('no accept run');
    const start = { entries: accept.entries.slice(0, 3) };
    expect(commonPrefixLength([accept, start])).toBe(3);
    expect(commonPrefixLength([])).toBe(0);
    expect(commonPrefixLength([accept])).toBe(accept.entries.length);
  });

  it('does put every column’s step n on one row, with the marker after the shared steps', () => {
    const runs = runsOf(realScenario('transfer'));
    const layout = compareLayout(runs);
    expect(layout.order).toEqual([0, 1, 2, 3]);
    expect(layout.shared).toEqual({ length: 4, span: 3 });
    expect(layout.longest).toBe(10);
    expect(layout.captionRow).toBe(2);
    // Headings, caption, steps 1–4, marker, steps 5–10, end notes.
    expect([1, 2, 3, 4].map((s) => rowOfStep(layout, s))).toEqual([3, 4, 5, 6]);
    expect(layout.markerRow).toBe(7);
    expect([5, 10, 11].map((s) => rowOfStep(layout, s))).toEqual([8, 13, 14]);
    expect(layout.rows).toBe(14);
  });

  it('does put the marker before step 1 when no two runs start alike', () => {
    const layout = compareLayout(runsOf(realScenario('stop-processing')));
    expect(layout.shared).toBeNull();
    expect(layout.captionRow).toBe(0);
    expect(layout.markerRow).toBe(2);
    expect([1, 5, 6].map((s) => rowOfStep(layout, s))).toEqual([3, 7, 8]);
    expect(layout.rows).toBe(8);
  });

  it('does move the sharing runs next to each other, keeping the options’ order otherwise', () => {
    const [accept, , , invalid] = runsOf(realScenario('transfer'));
    if (!accept || !invalid) throw new Error('missing runs');
    const layout = compareLayout([invalid, accept, invalid]);
    expect(layout.order).toEqual([0, 2, 1]);
    expect(layout.shared).toEqual({ length: 2, span: 2 });
  });

  it('does give every row to exactly one step of each column, for every scenario', () => {
    for (const scenario of realContent.scenarios) {
      const runs = runsOf(scenario);
      const layout = compareLayout(runs);
      const rows = Array.from({ length: layout.longest }, (_, i) => rowOfStep(layout, i + 1));
      expect(new Set(rows).size, scenario.id).toBe(rows.length);
      expect(rows.includes(layout.markerRow), scenario.id).toBe(false);
      expect(rows.includes(layout.captionRow), scenario.id).toBe(false);
      expect(Math.min(...rows), scenario.id).toBeGreaterThan(1);
      expect(rowOfStep(layout, layout.longest + 1), scenario.id).toBe(layout.rows);
    }
  });

  it('does clamp a step to a run’s length', () => {
    expect([0, 3, 7, 12, -1].map((s) => shownAt(s, 7))).toEqual([0, 3, 7, 7, 0]);
  });
});

describe('compare steps', () => {
  const reached = (steps: CompareSteps) =>
    steps.runs.map((r) => r.marks.list.filter((m) => m.reached).length);

  it('does move every run together, each clamped to its length', () => {
    const steps = new CompareSteps([10, 10, 8, 2]);
    expect(steps.total).toBe(10);
    expect(reached(steps)).toEqual([0, 0, 0, 0]);
    steps.next();
    steps.next();
    expect(reached(steps)).toEqual([2, 2, 2, 2]);
    steps.next();
    expect(reached(steps)).toEqual([3, 3, 3, 2]);
    expect(steps.runs.map((r) => [r.done, r.over])).toEqual([
      [false, false],
      [false, false],
      [false, false],
      [true, true]
    ]);
    steps.last();
    expect(reached(steps)).toEqual([10, 10, 8, 2]);
    expect(steps.atEnd).toBe(true);
    steps.next();
    expect(steps.shown).toBe(10);
    steps.first();
    expect(reached(steps)).toEqual([1, 1, 1, 1]);
    steps.back();
    steps.back();
    expect(steps.shown).toBe(0);
    expect(steps.atStart).toBe(true);
  });

  it('does mark each run’s newest entry, and end a run at its last step', () => {
    const steps = new CompareSteps([3, 5]);
    steps.seek(3);
    const current = (i: number) =>
      steps.runs[i]?.marks.list.findIndex((m) => m.current) ?? Number.NaN;
    expect([current(0), current(1)]).toEqual([2, 2]);
    expect(steps.runs.map((r) => [r.done, r.over])).toEqual([
      [true, false],
      [false, false]
    ]);
    steps.seek(4);
    expect(current(1)).toBe(3);
    expect(steps.runs[0]?.over).toBe(true);
  });

  it('does take a bad step from a URL as the start or the nearest end', () => {
    const steps = new CompareSteps([4, 6]);
    steps.seek(Number('abc'));
    expect(steps.shown).toBe(0);
    steps.seek(99);
    expect(steps.shown).toBe(6);
    steps.seek(-3);
    expect(steps.shown).toBe(0);
    steps.seek(2.7);
    expect(steps.shown).toBe(2);
  });
});
