import { describe, expect, it } from 'vitest';
import type { Scenario } from '$lib/content/types';
import { layoutDiagram, visibleHeight, type Layout } from '$lib/diagram/layout';
import { runDelivery } from '$lib/engine/run';
import { COMPONENT_IDS, type RunInput, type Trace } from '$lib/engine/types';

const scenario: Pick<Scenario, 'components' | 'phases'> = {
  components: [
    // Out of order on purpose: the layout places lifelines by COMPONENT_IDS, not by content order.
    { id: 'reporting-engine', name: 'Reporting Engine', description: '' },
    { id: 'urs', name: 'URS', description: '' },
    { id: 'interaction-server', name: 'Interaction Server', description: '' },
    { id: 'agent-application', name: 'Agent Application', description: '' }
  ],
  phases: [
    { id: 'urs-requests-delivery', title: 'URS Requests Delivery', intro: '', referenceTable: [] },
    { id: 'agent-accepts-delivery', title: 'Agent Accepts', intro: '', referenceTable: [] },
    { id: 'agent-rejects-delivery', title: 'Agent Rejects', intro: '', referenceTable: [] },
    { id: 'agent-fails-to-respond', title: 'Time Limit Reached', intro: '', referenceTable: [] }
  ]
};

const runs: [string, RunInput][] = [
  ['accept', { branch: 'accept', timeoutS: 30, responseS: 8 }],
  ['reject', { branch: 'reject', timeoutS: 30, responseS: 8 }],
  ['timeout', { branch: 'timeout', timeoutS: 30, responseS: 8 }],
  ['late accept', { branch: 'accept', timeoutS: 30, responseS: 40 }]
];

/** The element at `i`, failing the test (not the type checker) when it is missing. */
function nth<T>(list: readonly T[], i: number): T {
  const item = list[i];
  if (item === undefined) throw new Error(`no element at ${i} of ${list.length}`);
  return item;
}

function layoutOf(input: RunInput): { trace: Trace; layout: Layout } {
  const trace = runDelivery(input);
  return { trace, layout: layoutDiagram(trace, scenario) };
}

describe('layoutDiagram', () => {
  it('places the four lifelines left to right in COMPONENT_IDS order, with their names', () => {
    const { layout } = layoutOf(nth(runs, 0)[1]);
    expect(layout.lifelines.map((l) => l.id)).toEqual([...COMPONENT_IDS]);
    expect(layout.lifelines.map((l) => l.name)).toEqual([
      'URS',
      'Interaction Server',
      'Agent Application',
      'Reporting Engine'
    ]);
    const xs = layout.lifelines.map((l) => l.x);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(xs[0]).toBeGreaterThan(0);
    expect(xs.at(-1)).toBeLessThan(layout.width);
  });

  describe.each(runs)('for a %s run', (_, input) => {
    const { trace, layout } = layoutOf(input);

    it('gives every entry one row, in order, each below the last', () => {
      expect(layout.rows).toHaveLength(trace.entries.length);
      layout.rows.forEach((row, i) => {
        expect(row.index).toBe(i);
        expect(row.step).toBe(nth(trace.entries, i).step);
        expect(row.top).toBeLessThan(row.y);
        expect(row.y).toBeLessThan(row.bottom);
        if (i > 0) expect(row.top).toBeGreaterThanOrEqual(nth(layout.rows, i - 1).bottom);
      });
      expect(layout.height).toBeGreaterThan(nth(layout.rows, layout.rows.length - 1).bottom);
    });

    it('draws each message from its sender to its receiver, at its row', () => {
      const x = (id: string) => layout.lifelines.find((l) => l.id === id)?.x;
      for (const entry of trace.entries) {
        if (entry.kind !== 'message') continue;
        const arrow = layout.items.find((item) => item.step === entry.step);
        expect(arrow?.kind).toBe('message');
        if (arrow?.kind !== 'message') continue;
        expect(arrow.x1).toBe(x(entry.from));
        expect(arrow.x2).toBe(x(entry.to));
        expect(arrow.direction).toBe(Math.sign(arrow.x2 - arrow.x1));
        expect(arrow.y).toBe(nth(layout.rows, arrow.index).y);
      }
    });

    it('has exactly one focusable item per entry and one label per message, numbered by seq', () => {
      expect(layout.items.map((item) => item.step)).toEqual(trace.entries.map((e) => e.step));
      const arrows = layout.items.filter((item) => item.kind === 'message');
      const messages = trace.entries.filter((e) => e.kind === 'message');
      expect(arrows.map((a) => a.name)).toEqual(messages.map((m) => m.message.name));
      expect(arrows.map((a) => a.seq)).toEqual(messages.map((_, i) => i + 1));
      expect(new Set(layout.items.map((item) => item.ariaLabel)).size).toBe(layout.items.length);
    });

    it('spans the timer bar exactly from its started row to its cancelled or expired row', () => {
      expect(layout.timers).toHaveLength(1);
      const bar = nth(layout.timers, 0);
      const started = trace.entries.findIndex((e) => e.kind === 'timer' && e.action === 'started');
      const ended = trace.entries.findIndex((e) => e.kind === 'timer' && e.action !== 'started');
      expect(bar.startIndex).toBe(started);
      expect(bar.endIndex).toBe(ended);
      expect(bar.y1).toBe(nth(layout.rows, started).y);
      expect(bar.y2).toBe(nth(layout.rows, ended).y);
      expect(bar.x).toBe(layout.lifelines.find((l) => l.id === 'interaction-server')?.x);
      expect(bar.startLabel).toBe('delivering-timeout 30 s');
    });

    it('bands the phases without overlap, covering every row once, titled from content', () => {
      let covered = 0;
      layout.phases.forEach((band, i) => {
        expect(band.firstIndex).toBe(covered);
        expect(band.lastIndex).toBeGreaterThanOrEqual(band.firstIndex);
        covered = band.lastIndex + 1;
        expect(band.y1).toBeLessThan(nth(layout.rows, band.firstIndex).top);
        expect(band.y2).toBe(nth(layout.rows, band.lastIndex).bottom);
        for (let r = band.firstIndex; r <= band.lastIndex; r++) {
          expect(nth(trace.entries, r).phase).toBe(band.id);
        }
        if (i > 0) expect(band.y1).toBeGreaterThanOrEqual(nth(layout.phases, i - 1).y2);
        expect(band.title).toBe(scenario.phases.find((p) => p.id === band.id)?.title);
      });
      expect(covered).toBe(trace.entries.length);
    });
  });

  it('labels the timer as cancelled when the agent answers in time', () => {
    const { layout } = layoutOf({ branch: 'reject', timeoutS: 30, responseS: 8 });
    expect(nth(layout.timers, 0).endLabel).toBe('cancelled at 8 s');
    expect(layout.items.filter((i) => i.kind === 'timer').map((i) => i.label)).toEqual([
      'delivering-timeout 30 s',
      'cancelled at 8 s'
    ]);
  });

  it('labels the timer as expired at its deadline when nobody answers', () => {
    const { layout } = layoutOf({ branch: 'timeout', timeoutS: 45, responseS: 8 });
    expect(nth(layout.timers, 0).startLabel).toBe('delivering-timeout 45 s');
    expect(nth(layout.timers, 0).endLabel).toBe('expired at 45 s');
  });

  it('points requests and replies the right way', () => {
    const { layout } = layoutOf({ branch: 'accept', timeoutS: 30, responseS: 8 });
    const byName = (name: string) =>
      layout.items.find((i) => i.kind === 'message' && i.name === name);
    expect(byName('RequestRouteCall')).toMatchObject({ direction: 1, seq: 1 });
    expect(byName('RequestAccept')).toMatchObject({ direction: -1, seq: 5 });
    expect(byName('EventRouteUsed')).toMatchObject({ direction: -1, seq: 8 });
  });

  it('names an item the way a screen reader should announce it', () => {
    const { layout } = layoutOf({ branch: 'accept', timeoutS: 30, responseS: 8 });
    expect(nth(layout.items, 5).ariaLabel).toBe(
      '5: Agent Application → Interaction Server, RequestAccept, Interaction Management, at 8 s, modeled'
    );
    expect(nth(layout.items, 3).ariaLabel).toBe(
      'Timer: delivering-timeout 30 s started on Interaction Server, at 0 s, documented'
    );
    expect(nth(layout.items, 6).ariaLabel).toBe(
      'Timer: delivering-timeout cancelled on Interaction Server, at 8 s, documented'
    );
  });

  it('labels virtual time only where it moves on', () => {
    const { layout } = layoutOf({ branch: 'accept', timeoutS: 30, responseS: 8 });
    expect(layout.rows.map((r) => r.timeLabel).filter((t) => t !== null)).toEqual([
      't = 0 s',
      't = 8 s'
    ]);
  });

  it('falls back to ids for components and phases the content does not name', () => {
    const trace = runDelivery({ branch: 'accept', timeoutS: 30, responseS: 8 });
    const layout = layoutDiagram(trace, { components: [], phases: [] });
    expect(nth(layout.lifelines, 0).name).toBe('urs');
    expect(nth(layout.phases, 0).title).toBe('urs-requests-delivery');
  });

  it('draws an empty trace as bare lifelines', () => {
    const trace: Trace = {
      input: { branch: 'accept', timeoutS: 30, responseS: 8 },
      outcome: 'accepted',
      lateAnswer: false,
      entries: []
    };
    const layout = layoutDiagram(trace, scenario);
    expect(layout.rows).toEqual([]);
    expect(layout.phases).toEqual([]);
    expect(layout.lifelines).toHaveLength(4);
    expect(visibleHeight(layout, 0)).toBeGreaterThan(0);
  });
});

describe('visibleHeight', () => {
  it('grows with each shown row and stops at the full height', () => {
    const { layout } = layoutOf({ branch: 'timeout', timeoutS: 30, responseS: 8 });
    const heights = layout.rows.map((_, i) => visibleHeight(layout, i + 1));
    expect(heights).toEqual([...heights].sort((a, b) => a - b));
    expect(visibleHeight(layout, layout.rows.length)).toBe(layout.height);
    expect(visibleHeight(layout, layout.rows.length + 5)).toBe(layout.height);
    expect(visibleHeight(layout, 0)).toBeLessThan(nth(heights, 0));
  });
});
