import { describe, expect, it } from 'vitest';
import {
  initialStateOf,
  labelWidth,
  layoutStatechart,
  statePathOf,
  type Box,
  type PlacedState,
  type StatechartLayout
} from '$lib/diagram/statechart-layout';
import { statechartOf, type Statechart } from '$lib/engine';
import { realContent } from '../../fixtures/content';

function stateOf(layout: StatechartLayout, id: string): PlacedState {
  const found = layout.states.find((s) => s.id === id);
  if (!found) throw new Error(`no state ${id} in the layout`);
  return found;
}

const inside = (inner: Box, outer: Box) =>
  inner.x >= outer.x &&
  inner.y >= outer.y &&
  inner.x + inner.width <= outer.x + outer.width &&
  inner.y + inner.height <= outer.y + outer.height;

const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

const near = (a: number, b: number) => Math.abs(a - b) < 1e-6;
/** A point on a box's border (within a pixel, for rounding). */
const onBorder = (p: { x: number; y: number }, b: Box) =>
  p.x >= b.x - 1 &&
  p.x <= b.x + b.width + 1 &&
  p.y >= b.y - 1 &&
  p.y <= b.y + b.height + 1 &&
  (near(p.x, b.x) || near(p.x, b.x + b.width) || near(p.y, b.y) || near(p.y, b.y + b.height));

/** Every scenario's chart as the engine gives it, and two made-up ones the engine has not. */
const charts: [string, Statechart][] = [
  ...realContent.scenarios.map((s): [string, Statechart] => [s.id, statechartOf(s)]),
  [
    'a loop back and a nested target',
    {
      machine: 'made-up',
      states: [
        { id: 'a', key: 'a', parent: null, initial: true, final: false },
        { id: 'b', key: 'b', parent: null, initial: false, final: false },
        { id: 'b.one', key: 'one', parent: 'b', initial: true, final: false },
        { id: 'b.two', key: 'two', parent: 'b', initial: false, final: false },
        { id: 'c', key: 'c', parent: null, initial: false, final: true }
      ],
      transitions: [
        { from: 'a', to: 'b.two', label: 'go straight to two' },
        { from: 'b.one', to: 'b.two', label: 'next' },
        { from: 'b', to: 'c', label: 'finish' },
        { from: 'c', to: 'a', label: 'start over' },
        { from: 'a', to: 'c', label: 'skip' }
      ]
    }
  ]
];

describe('layoutStatechart', () => {
  it.each(charts)('places every state of %s once, children inside their parents', (_, chart) => {
    const layout = layoutStatechart(chart);
    expect(layout.states.map((s) => s.id)).toEqual(chart.states.map((s) => s.id));
    for (const s of layout.states) {
      expect(s.width).toBeGreaterThan(0);
      expect(s.height).toBeGreaterThan(0);
      expect(inside(s, { x: 0, y: 0, width: layout.width, height: layout.height })).toBe(true);
      if (s.parent) expect(inside(s, stateOf(layout, s.parent))).toBe(true);
      expect(s.compound).toBe(chart.states.some((c) => c.parent === s.id));
    }
    // Siblings never overlap.
    for (const a of layout.states) {
      for (const b of layout.states) {
        if (a !== b && a.parent === b.parent)
          expect(overlap(a, b), `${a.id} and ${b.id}`).toBe(false);
      }
    }
  });

  it.each(charts)('draws each transition of %s between the right boxes', (_, chart) => {
    const layout = layoutStatechart(chart);
    expect(layout.arrows.map((a) => [a.from, a.to, a.label])).toEqual(
      chart.transitions.map((t) => [t.from, t.to, t.label])
    );
    for (const arrow of layout.arrows) {
      expect(onBorder(arrow.start, stateOf(layout, arrow.from)), `${arrow.from} start`).toBe(true);
      expect(onBorder(arrow.end, stateOf(layout, arrow.to)), `${arrow.to} end`).toBe(true);
      expect(arrow.path.startsWith(`M${arrow.start.x},${arrow.start.y}`)).toBe(true);
      expect(arrow.path.endsWith(`${arrow.end.x},${arrow.end.y}`)).toBe(true);
      expect(arrow.labelBox.width).toBe(labelWidth(arrow.label));
      expect(arrow.labelBox.x + arrow.labelBox.width).toBeLessThanOrEqual(layout.width);
    }
    // Labels never cover one another or a state's name.
    const labels = layout.arrows.map((a) => a.labelBox);
    labels.forEach((a, i) => labels.slice(i + 1).forEach((b) => expect(overlap(a, b)).toBe(false)));
    for (const label of labels) {
      for (const s of layout.states.filter((st) => !st.compound)) {
        expect(overlap(label, s), `label over ${s.id}`).toBe(false);
      }
    }
  });

  it.each(charts)('marks where %s starts at every level', (_, chart) => {
    const layout = layoutStatechart(chart);
    const initials = chart.states.filter((s) => s.initial).map((s) => s.id);
    expect(layout.markers.map((m) => m.state)).toEqual(expect.arrayContaining(initials));
    expect(layout.markers).toHaveLength(initials.length);
    for (const m of layout.markers) {
      const s = stateOf(layout, m.state);
      expect(m.x2).toBe(s.x);
      expect(m.cx + m.r).toBeLessThan(s.x);
      expect(m.cy).toBeGreaterThan(s.y);
      expect(m.cy).toBeLessThan(s.y + s.height);
    }
  });

  it('puts the invitation in rows: idle, then inviting with waiting inside, then the outcomes', () => {
    const transfer = realContent.scenarios.find((s) => s.id === 'transfer');
    if (!transfer) throw new Error('no transfer');
    const layout = layoutStatechart(statechartOf(transfer));
    const y = (id: string) => stateOf(layout, id).y;
    expect(y('inviting')).toBeGreaterThan(y('idle'));
    expect(y('refused')).toBe(y('inviting'));
    for (const end of ['accepted', 'rejected', 'revoked']) {
      expect(y(end)).toBeGreaterThan(y('inviting') + stateOf(layout, 'inviting').height);
    }
    // Within a row, definition order runs left to right.
    const x = (id: string) => stateOf(layout, id).x;
    expect(x('accepted')).toBeLessThan(x('rejected'));
    expect(x('rejected')).toBeLessThan(x('revoked'));
    // It fits the side column (~500px) without shrinking the text.
    expect(layout.width).toBeLessThanOrEqual(500);
  });

  it('lays out the same chart the same way every time', () => {
    const chart = charts[0]?.[1] as Statechart;
    expect(layoutStatechart(chart)).toEqual(layoutStatechart(structuredClone(chart)));
  });
});

describe('statePathOf', () => {
  it('lists a state and every state containing it, outermost first', () => {
    expect(statePathOf('inviting.waiting')).toEqual(['inviting', 'inviting.waiting']);
    expect(statePathOf('idle')).toEqual(['idle']);
  });
});

describe('initialStateOf', () => {
  it('follows initial states down from the top', () => {
    const made = charts.at(-1)?.[1] as Statechart;
    expect(initialStateOf(made)).toBe('a');
    expect(
      initialStateOf({
        ...made,
        states: made.states.map((s) => ({ ...s, initial: s.id === 'b' || s.id === 'b.one' }))
      })
    ).toBe('b.one');
    const deliver = realContent.scenarios.find((s) => s.mechanics === 'invitation');
    if (!deliver) throw new Error('no invitation');
    expect(initialStateOf(statechartOf(deliver))).toBe('idle');
  });
});
