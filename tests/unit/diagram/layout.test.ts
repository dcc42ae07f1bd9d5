import { describe, expect, it } from 'vitest';
import type { Scenario } from '$lib/content/types';
import { layoutDiagram, placeLabel, visibleHeight, type Layout } from '$lib/diagram/layout';
import { defaultInput } from '$lib/engine/input';
import { run } from '$lib/engine/run';
import type { RunInput, Trace, TraceEntry } from '$lib/engine/types';
import { SAMPLE_EVENTS, fixtureScenario, withLifelineEvents } from '../../fixtures/scenario';
import { realScenario } from '../../fixtures/content';

const transfer = realScenario('transfer');
const stopProcessing = realScenario('stop-processing');

/** The element at `i`, failing the test (not the type checker) when it is missing. */
function nth<T>(list: readonly T[], i: number): T {
  const item = list[i];
  if (item === undefined) throw new Error(`no element at ${i} of ${list.length}`);
  return item;
}

function layoutOf(
  input: Partial<RunInput>,
  scenario: Scenario = fixtureScenario
): { trace: Trace; layout: Layout } {
  const trace = run(scenario, { ...defaultInput(scenario), ...input });
  return { trace, layout: layoutDiagram(trace, scenario) };
}

const runs: [string, Scenario, Partial<RunInput>][] = [
  ['deliver accept', fixtureScenario, { branch: 'accept' }],
  ['deliver reject', fixtureScenario, { branch: 'reject' }],
  ['deliver timeout', fixtureScenario, { branch: 'timeout' }],
  ['deliver late accept', fixtureScenario, { branch: 'accept', responseS: 40 }],
  ['transfer invalid', transfer, { branch: 'invalid' }],
  ['conference reject', realScenario('conference'), { branch: 'reject' }],
  ...stopProcessing.choice.options.map((o): [string, Scenario, Partial<RunInput>] => [
    `stop-processing ${o.id}`,
    stopProcessing,
    { branch: o.id }
  ])
];

describe('layout', () => {
  describe('layoutDiagram', () => {
    it('does place the lifelines left to right in the scenario’s order, with their names', () => {
      const { layout } = layoutOf({ branch: 'accept' });
      expect(layout.lifelines.map((l) => l.id)).toEqual(fixtureScenario.lifelines.map((l) => l.id));
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

    it('does follow a reordering of the lifelines, arrows and all', () => {
      const { trace, layout } = layoutOf({ branch: 'accept' });
      const reversed = { ...fixtureScenario, lifelines: [...fixtureScenario.lifelines].reverse() };
      const flipped = layoutDiagram(trace, reversed);
      expect(flipped.lifelines.map((l) => l.name)).toEqual([
        'Reporting Engine',
        'Agent Application',
        'Interaction Server',
        'URS'
      ]);
      expect(flipped.lifelines.map((l) => l.x)).toEqual(layout.lifelines.map((l) => l.x));
      const routeCall = flipped.items.find(
        (i) => i.kind === 'message' && i.name === 'RequestRouteCall'
      );
      expect(routeCall).toMatchObject({ direction: -1, x1: nth(flipped.lifelines, 3).x });
    });

    it('does give Stop Processing five lifelines and room for them', () => {
      const { layout } = layoutOf({ branch: 'a' }, stopProcessing);
      const four = layoutOf({ branch: 'accept' }).layout;
      expect(layout.lifelines.map((l) => l.name)).toEqual([
        'Media Server',
        'URS',
        'Interaction Server',
        'Agent Application',
        'Reporting Engine'
      ]);
      expect(layout.width / 5).toBe(four.width / 4);
      expect(nth(layout.lifelines, 4).x).toBeLessThan(layout.width);
    });

    describe.each(runs)('for a %s run', (_, scenario, input) => {
      const { trace, layout } = layoutOf(input, scenario);

      it('does give every entry one row, in order, each below the last', () => {
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

      it('does draw each message from its sender to its receiver, at its row', () => {
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

      it('does have exactly one focusable item per entry and one label per message, numbered by seq', () => {
        expect(layout.items.map((item) => item.step)).toEqual(trace.entries.map((e) => e.step));
        const arrows = layout.items.filter((item) => item.kind === 'message');
        const messages = trace.entries.filter((e) => e.kind === 'message');
        expect(arrows.map((a) => a.name)).toEqual(messages.map((m) => m.message.name));
        expect(arrows.map((a) => a.seq)).toEqual(messages.map((_, i) => i + 1));
        expect(new Set(layout.items.map((item) => item.ariaLabel)).size).toBe(layout.items.length);
      });

      it('does span a timer bar exactly from its started row to its end, for each timer started', () => {
        const started = trace.entries.findIndex(
          (e) => e.kind === 'timer' && e.action === 'started'
        );
        if (started === -1) {
          expect(trace.timer).toBeNull();
          expect(layout.timers).toEqual([]);
          return;
        }
        expect(layout.timers).toHaveLength(1);
        const bar = nth(layout.timers, 0);
        const ended = trace.entries.findIndex(
          (e) => e.kind === 'timer' && (e.action === 'cancelled' || e.action === 'expired')
        );
        expect(bar.startIndex).toBe(started);
        expect(bar.endIndex).toBe(ended);
        expect(bar.y1).toBe(nth(layout.rows, started).y);
        expect(bar.y2).toBe(nth(layout.rows, ended).y);
        expect(bar.x).toBe(layout.lifelines.find((l) => l.id === 'interaction-server')?.x);
        expect(bar.startLabel).toBe(`${trace.timer?.id} 30 s`);
      });

      it('does band the phases without overlap, covering every row once, titled from content', () => {
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

      it('does grow each band and timer bar a row at a time, to its own end and never past it', () => {
        const rowsFrom = (first: number, last: number) =>
          layout.rows.slice(first, last + 1).map((r) => r.index);
        for (const band of layout.phases) {
          expect(band.reach.map((r) => r.index)).toEqual(rowsFrom(band.firstIndex, band.lastIndex));
          // Each reaches its own row's bottom, so the band ends where the current row does.
          for (const r of band.reach) expect(r.y).toBe(nth(layout.rows, r.index).bottom);
          expect(band.reach.at(-1)?.y).toBe(band.y2);
        }
        for (const bar of layout.timers) {
          const last = bar.endIndex ?? layout.rows.length - 1;
          expect(bar.reach.map((r) => r.index)).toEqual(rowsFrom(bar.startIndex, last));
          const ys = bar.reach.map((r) => r.y);
          expect(ys).toEqual([...ys].sort((a, b) => a - b));
          expect(Math.min(...ys)).toBeGreaterThan(bar.y1);
          expect(Math.max(...ys)).toBe(bar.y2);
          // Until it ends, the bar reaches the bottom of the row shown: it does not give away where.
          for (const r of bar.reach.slice(0, -1)) {
            expect(r.y).toBe(nth(layout.rows, r.index).bottom);
          }
        }
      });
    });

    it('does label the timer as cancelled when the agent answers in time', () => {
      const { layout } = layoutOf({ branch: 'reject' });
      expect(nth(layout.timers, 0).endLabel).toBe('cancelled at 8 s');
      expect(layout.items.filter((i) => i.kind === 'timer').map((i) => i.label)).toEqual([
        'delivering-timeout 30 s',
        'cancelled at 8 s'
      ]);
    });

    it('does label the timer as expired at its deadline when nobody answers', () => {
      const { layout } = layoutOf({ branch: 'timeout', timeoutS: 45 });
      expect(nth(layout.timers, 0).startLabel).toBe('delivering-timeout 45 s');
      expect(nth(layout.timers, 0).endLabel).toBe('expired at 45 s');
      const other = layoutOf({ branch: 'timeout', timeoutS: 12 }, transfer).layout;
      expect(nth(other.timers, 0).startLabel).toBe('invitation-timeout 12 s');
      expect(nth(other.timers, 0).endLabel).toBe('expired at 12 s');
    });

    describe('with lifeline events', () => {
      const plain = layoutOf({ branch: 'accept' });
      const trace = withLifelineEvents(plain.trace, SAMPLE_EVENTS);
      const layout = layoutDiagram(trace, fixtureScenario);
      const x = (id: string) => layout.lifelines.find((l) => l.id === id)?.x;
      const events = layout.items.filter((i) => i.kind === 'lifeline');

      it('does give each event a row and a mark on its own lifeline, at that row', () => {
        expect(layout.rows.map((r) => r.kind)).toEqual(trace.entries.map((e) => e.kind));
        expect(layout.items.map((i) => i.step)).toEqual(trace.entries.map((e) => e.step));
        expect(events.map((e) => [e.step, e.lifeline, e.event])).toEqual([
          [2, 'interaction-server', 'restarts'],
          [4, 'reporting-engine', 'becomes-secondary'],
          [8, 'agent-application', 'disconnects'],
          [9, 'agent-application', 'connects'],
          [15, 'urs', 'becomes-primary']
        ]);
        for (const e of events) {
          expect(e.x).toBe(x(e.lifeline));
          expect(e.y).toBe(nth(layout.rows, e.index).y);
          const row = nth(layout.rows, e.index);
          expect(row.bottom - row.top).toBeLessThan(50);
        }
      });

      it('does write the event in words beside its mark, inside the drawing', () => {
        expect(events.map((e) => e.label)).toEqual([
          'restarts',
          'becomes secondary',
          'disconnects from Interaction Server',
          'connects to Interaction Server',
          'becomes primary'
        ]);
        for (const e of events) {
          // To the right of the mark, except on the last lifeline, where it ends left of it.
          const last = e.lifeline === layout.lifelines.at(-1)?.id;
          expect(e.anchor).toBe(last ? 'end' : 'start');
          expect(Math.sign(e.labelX - e.x)).toBe(last ? -1 : 1);
          expect(e.hit.x).toBeGreaterThanOrEqual(0);
          expect(e.hit.x + e.hit.width).toBeLessThanOrEqual(layout.width);
          expect(e.hit.x).toBeLessThan(e.x);
          expect(e.hit.x + e.hit.width).toBeGreaterThan(e.x);
        }
      });

      it('does name each event for a screen reader, as the transcript says it', () => {
        expect(events.map((e) => e.ariaLabel)).toEqual([
          'Interaction Server restarts, at 0 s, modeled',
          'Reporting Engine becomes secondary, at 0 s, documented',
          'Agent Application disconnects from Interaction Server, at 0 s, documented',
          'Agent Application connects to Interaction Server, at 0 s, documented',
          'URS becomes primary, at 8 s, documented'
        ]);
        expect(new Set(layout.items.map((i) => i.ariaLabel)).size).toBe(layout.items.length);
      });

      it('does leave the arrows’ numbers and the timer bar to the messages and the timer', () => {
        const arrows = (l: Layout) =>
          l.items.flatMap((i) => (i.kind === 'message' ? [[i.seq, i.name]] : []));
        expect(arrows(layout)).toEqual(arrows(plain.layout));
        const bar = nth(layout.timers, 0);
        expect(trace.entries[bar.startIndex]).toMatchObject({ kind: 'timer', action: 'started' });
        expect(trace.entries[bar.endIndex ?? -1]).toMatchObject({
          kind: 'timer',
          action: 'cancelled'
        });
      });
    });

    it('does run a timer bar on through a restart, to where the timer ends', () => {
      const { trace } = layoutOf({ branch: 'timeout' });
      const started = trace.entries.findIndex((e) => e.kind === 'timer' && e.action === 'started');
      const start = nth(trace.entries, started);
      if (start.kind !== 'timer') throw new Error('expected a timer');
      // A restart at 10 s, spliced in after the start: the timer now expires at 40 s.
      const restart = { ...start, action: 'restarted' as const, at: 10_000, deadline: 40_000 };
      const later = (e: TraceEntry): TraceEntry =>
        e.kind === 'timer' && e.action === 'expired' ? { ...e, at: 40_000, deadline: 40_000 } : e;
      const entries = [
        ...trace.entries.slice(0, started + 1),
        restart,
        ...trace.entries.slice(started + 1).map(later)
      ].map((e, i) => ({ ...e, step: i + 1 }));
      const layout = layoutDiagram({ ...trace, entries }, fixtureScenario);
      expect(layout.timers).toHaveLength(1);
      const bar = nth(layout.timers, 0);
      expect(bar.startIndex).toBe(started);
      expect(nth(entries, bar.endIndex ?? -1)).toMatchObject({ action: 'expired' });
      const marks = layout.items.filter((i) => i.kind === 'timer');
      expect(marks.map((m) => m.label)).toEqual([
        'delivering-timeout 30 s',
        'restarted at 10 s',
        'expired at 40 s'
      ]);
      expect(nth(marks, 1).ariaLabel).toBe(
        'Timer: delivering-timeout restarted on Interaction Server, at 10 s, documented'
      );
    });

    it('does point requests and replies the right way', () => {
      const { layout } = layoutOf({ branch: 'accept' });
      const byName = (name: string) =>
        layout.items.find((i) => i.kind === 'message' && i.name === name);
      expect(byName('RequestRouteCall')).toMatchObject({ direction: 1, seq: 1 });
      expect(byName('RequestAccept')).toMatchObject({ direction: -1, seq: 5 });
      expect(byName('EventRouteUsed')).toMatchObject({ direction: -1, seq: 8 });
    });

    it('does name an item the way a screen reader should announce it', () => {
      const { layout } = layoutOf({ branch: 'accept' });
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

    it('does keep a stand-in’s own name on the arrow and say what it stands in for', () => {
      const { layout } = layoutOf({ branch: 'd' }, stopProcessing);
      const [request, answer, removed] = layout.items;
      expect(answer).toMatchObject({
        kind: 'message',
        name: 'EventRouteUsed',
        protocol: 'T-Library',
        protocolLabel: 'T-Library · in place of EventAck',
        ariaLabel:
          '2: Interaction Server → URS, EventRouteUsed, in place of EventAck, T-Library, at 0 s, documented'
      });
      expect(request).toMatchObject({
        name: 'RequestRouteCall',
        protocolLabel: 'T-Library · in place of RequestStopProcessing'
      });
      expect(removed).toMatchObject({ name: 'EventPartyRemoved', protocolLabel: 'Reporting' });
    });

    it('does label virtual time only where it moves on', () => {
      const { layout } = layoutOf({ branch: 'accept' });
      expect(layout.rows.map((r) => r.timeLabel).filter((t) => t !== null)).toEqual([
        't = 0 s',
        't = 8 s'
      ]);
      const sequence = layoutOf({ branch: 'b' }, stopProcessing).layout;
      expect(sequence.rows.map((r) => r.timeLabel).filter((t) => t !== null)).toEqual(['t = 0 s']);
    });

    it('does fall back to ids for phases the content does not name', () => {
      const { trace } = layoutOf({ branch: 'accept' });
      const layout = layoutDiagram(trace, { lifelines: fixtureScenario.lifelines, phases: [] });
      expect(layout.phases.map((p) => p.title)).toEqual([
        'urs-requests-delivery',
        'agent-accepts-delivery'
      ]);
    });

    it('does draw an empty trace as bare lifelines', () => {
      const trace: Trace = {
        scenario: fixtureScenario.id,
        input: defaultInput(fixtureScenario),
        outcome: 'accepted',
        endedAs: 'accept',
        outcomeLabel: 'Accepted',
        lateAnswer: false,
        origin: '',
        timer: null,
        entries: []
      };
      const layout = layoutDiagram(trace, fixtureScenario);
      expect(layout.rows).toEqual([]);
      expect(layout.phases).toEqual([]);
      expect(layout.items).toEqual([]);
      expect(layout.timers).toEqual([]);
      expect(layout.lifelines).toHaveLength(4);
      expect(visibleHeight(layout, 0)).toBeGreaterThan(0);
    });
  });

  describe('visibleHeight', () => {
    it('does grow with each shown row and stop at the full height', () => {
      const { layout } = layoutOf({ branch: 'timeout' });
      const heights = layout.rows.map((_, i) => visibleHeight(layout, i + 1));
      expect(heights).toEqual([...heights].sort((a, b) => a - b));
      expect(new Set(heights).size).toBe(heights.length);
      expect(visibleHeight(layout, layout.rows.length)).toBe(layout.height);
      expect(visibleHeight(layout, layout.rows.length + 5)).toBe(layout.height);
      expect(visibleHeight(layout, 0)).toBeLessThan(nth(heights, 0));
    });
  });
});

describe('placeLabel', () => {
  it('does put a label that fits to the right of its mark, on one line', () => {
    expect(placeLabel('restarts', 100, 800, 13)).toEqual({
      labelX: 113,
      anchor: 'start',
      lines: ['restarts']
    });
  });

  it('does put a label with no room on the right to the left, broken into lines that fit', () => {
    const placed = placeLabel(
      'disconnects from Agent Application (the registering client)',
      300,
      400,
      13
    );
    expect(placed.anchor).toBe('end');
    expect(placed.labelX).toBe(287);
    expect(placed.lines.join(' ')).toBe(
      'disconnects from Agent Application (the registering client)'
    );
    // Every line fits between the drawing's left edge and the mark.
    for (const line of placed.lines) expect(line.length * 7.4).toBeLessThanOrEqual(287);
    expect(placed.lines.length).toBeGreaterThan(1);
  });
});
