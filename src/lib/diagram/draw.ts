/**
 * The d3 half of the live diagram. `drawDiagram` joins a layout to SVG once per run;
 * `updateDiagram` only flips classes and a few attributes as the player steps, so a step costs a
 * handful of attribute writes instead of a redraw. Styling lives in SequenceDiagram.svelte.
 */
import { select, type Selection } from 'd3';
import type {
  ArrowItem,
  DiagramItem,
  Layout,
  Lifeline,
  PhaseBand,
  Row,
  TimerBar,
  TimerMarkItem
} from './layout';

type Root = Selection<SVGGElement, unknown, null, undefined>;
type Items = Selection<SVGGElement, DiagramItem, SVGGElement, unknown>;

const HEAD_LENGTH = 10;
const HEAD_HALF_WIDTH = 5;
const NUMBER_RADIUS = 9;
const TIMER_BAR_WIDTH = 10;
const TIMER_MARK_RADIUS = 7;

/** Class names that colour an arrow by protocol, e.g. `protocol-t-library`. */
export function protocolClass(protocol: string): string {
  return `protocol-${protocol.toLowerCase().replace(/[^a-z]+/g, '-')}`;
}

/** The layer groups, created once in a fixed paint order: later layers draw on top. */
function layer(root: Root, name: string, decorative: boolean): Root {
  const existing = root.select<SVGGElement>(`:scope > g.${name}`);
  if (!existing.empty()) return existing;
  const g = root.append('g').attr('class', name);
  if (decorative) g.attr('aria-hidden', 'true');
  return g;
}

function layers(node: SVGGElement) {
  const root: Root = select(node);
  return {
    bands: layer(root, 'bands', false),
    lifelines: layer(root, 'lifelines', true),
    times: layer(root, 'times', true),
    timers: layer(root, 'timer-bars', true),
    items: layer(root, 'items', false)
  };
}

function headPath(a: ArrowItem): string {
  const back = a.x2 - a.direction * HEAD_LENGTH;
  return `M${a.x2},${a.y}L${back},${a.y - HEAD_HALF_WIDTH}` + `L${back},${a.y + HEAD_HALF_WIDTH}Z`;
}

function clockPath(m: TimerMarkItem): string {
  // Two hands of a clock face: up to twelve, across to three.
  return `M${m.x},${m.y - 4}V${m.y}H${m.x + 3.5}`;
}

function buildArrow(g: Selection<SVGGElement, ArrowItem, null, undefined>): void {
  g.append('rect').attr('class', 'hit').attr('rx', 6);
  g.append('line').attr('class', 'line');
  g.append('path').attr('class', 'head');
  g.append('circle').attr('class', 'number-bg').attr('r', NUMBER_RADIUS);
  g.append('text').attr('class', 'number').attr('text-anchor', 'middle');
  const name = g.append('text').attr('class', 'name halo').attr('text-anchor', 'middle');
  name.append('tspan').attr('class', 'message-name');
  name.append('tspan').attr('class', 'modeled-tag').attr('dx', 6).text('modeled');
  g.append('text').attr('class', 'protocol halo').attr('text-anchor', 'middle');
}

function placeArrow(g: Selection<SVGGElement, ArrowItem, null, undefined>, a: ArrowItem): void {
  g.select('.line')
    .attr('x1', a.x1)
    .attr('y1', a.y)
    .attr('x2', a.x2 - a.direction * (HEAD_LENGTH - 1))
    .attr('y2', a.y);
  g.select('.head').attr('d', headPath(a));
  g.select('.number-bg').attr('cx', a.x1).attr('cy', a.y);
  g.select('.number')
    .attr('x', a.x1)
    .attr('y', a.y + 3.5)
    .text(a.seq);
  g.select('.name')
    .attr('x', a.labelX)
    .attr('y', a.y - 8);
  g.select('.message-name').text(a.name);
  g.select('.modeled-tag').attr('display', a.provenance === 'modeled' ? null : 'none');
  g.select('.protocol')
    .attr('x', a.labelX)
    .attr('y', a.y + 18)
    .text(a.protocolLabel);
}

function buildTimerMark(g: Selection<SVGGElement, TimerMarkItem, null, undefined>): void {
  g.append('rect').attr('class', 'hit').attr('rx', 6);
  g.append('circle').attr('class', 'clock').attr('r', TIMER_MARK_RADIUS);
  g.append('path').attr('class', 'clock-hands');
  g.append('text').attr('class', 'timer-label halo');
}

function placeTimerMark(
  g: Selection<SVGGElement, TimerMarkItem, null, undefined>,
  m: TimerMarkItem
): void {
  g.select('.clock').attr('cx', m.x).attr('cy', m.y);
  g.select('.clock-hands').attr('d', clockPath(m));
  g.select('.timer-label')
    .attr('x', m.x + TIMER_MARK_RADIUS + 6)
    .attr('y', m.y + 4)
    .text(m.label);
}

/** Items that lost focus because the window did (a person switched to another app). */
const blurredWithWindow = new WeakSet<Element>();

/**
 * Joins one run's layout to the SVG group `node`. Items are keyed by step and kind, so the rows a
 * new run shares with the last one keep their elements (and keyboard focus).
 */
export function drawDiagram(
  node: SVGGElement,
  layout: Layout,
  onselect: (step: number) => void
): void {
  const l = layers(node);

  l.bands
    .selectAll<SVGGElement, PhaseBand>('g.band')
    .data(layout.phases, (b) => `${b.firstIndex}:${b.id}`)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'band');
      g.append('rect').attr('class', 'band-bg');
      g.append('text').attr('class', 'band-title halo');
      return g;
    })
    .each(function (b) {
      const g = select(this);
      g.select('.band-bg')
        .attr('x', 0)
        .attr('y', b.y1)
        .attr('width', layout.width)
        .attr('height', b.y2 - b.y1);
      g.select('.band-title')
        .attr('x', 8)
        .attr('y', b.y1 + 17)
        .text(b.title);
    });

  l.lifelines
    .selectAll<SVGLineElement, Lifeline>('line')
    .data(layout.lifelines, (d) => d.id)
    .join('line')
    .attr('x1', (d) => d.x)
    .attr('x2', (d) => d.x)
    .attr('y1', 0)
    .attr('y2', layout.height);

  l.times
    .selectAll<SVGTextElement, Row>('text')
    .data(
      layout.rows.filter((r) => r.timeLabel !== null),
      (r) => r.index
    )
    .join('text')
    .attr('x', 6)
    .attr('y', (r) => r.y + 4)
    .text((r) => r.timeLabel ?? '');

  l.timers
    .selectAll<SVGRectElement, TimerBar>('rect')
    .data(layout.timers, (t) => t.startIndex)
    .join('rect')
    .attr('class', 'timer-bar')
    .attr('x', (t) => t.x - TIMER_BAR_WIDTH / 2)
    .attr('width', TIMER_BAR_WIDTH)
    .attr('y', (t) => t.y1)
    .attr('height', (t) => t.y2 - t.y1);

  const items: Items = l.items
    .selectAll<SVGGElement, DiagramItem>('g.item')
    .data(layout.items, (d) => `${d.step}:${d.kind}`)
    .join((enter) =>
      enter
        .append('g')
        .attr('role', 'button')
        .each(function (d) {
          if (d.kind === 'message') buildArrow(select(this).datum(d));
          else buildTimerMark(select(this).datum(d));
        })
    );

  items
    .attr('class', (d) =>
      [
        'item',
        d.kind === 'message' ? 'arrow' : 'timer-mark',
        d.provenance,
        d.kind === 'message' ? protocolClass(d.protocol) : `timer-${d.action}`
      ].join(' ')
    )
    .attr('aria-label', (d) => d.ariaLabel)
    .each(function (d) {
      const g = select(this);
      g.select('.hit')
        .attr('x', d.hit.x)
        .attr('y', d.hit.y)
        .attr('width', d.hit.width)
        .attr('height', d.hit.height);
      if (d.kind === 'message') placeArrow(g.datum(d), d);
      else placeTimerMark(g.datum(d), d);
    })
    .on('click', (_event: MouseEvent, d) => onselect(d.step))
    .on('keydown', (event: KeyboardEvent, d) => {
      if (event.key !== 'Enter' && event.key !== ' ') return;
      // Space would otherwise scroll the diagram's container.
      event.preventDefault();
      onselect(d.step);
    })
    .on('blur', function () {
      if (!document.hasFocus()) blurredWithWindow.add(this);
    })
    .on('focus', function (_event: FocusEvent, d) {
      // Focus that comes back with the window is not a choice: the person may have stepped on
      // since, and the details follow the current step until they pick another.
      if (blurredWithWindow.delete(this)) return;
      if (!this.classList.contains('hidden')) onselect(d.step);
    });
  // Keep items in trace order so Tab follows the story.
  items.order();
  // A new run: the next update sets every item, then only the ones a step changes.
  const byIndex: SVGGElement[] = [];
  items.each(function (d) {
    byIndex[d.index] = this;
  });
  drawn.set(node, { items: byIndex, shown: -1, selected: null });
}

/** Per drawing: its items by trace index, and the step they were last updated to. */
const drawn = new WeakMap<
  SVGGElement,
  { items: SVGGElement[]; shown: number; selected: number | null }
>();

/**
 * Writes a class or attribute only when it differs. The browser restyles an element (and lays it
 * out again, for SVG geometry) on every write, even of the value it already has, and a step
 * changes only two or three of the items.
 */
function setClass(el: Element, name: string, on: boolean): void {
  if (el.classList.contains(name) !== on) el.classList.toggle(name, on);
}

function setAttribute(el: Element, name: string, value: string | null): void {
  if (el.getAttribute(name) === value) return;
  if (value === null) el.removeAttribute(name);
  else el.setAttribute(name, value);
}

/**
 * Shows the first `shown` entries, marks entry `shown - 1` as current and `selected` (a step
 * number) as open. Class and attribute writes only, and only of what changed: no elements are
 * created, measured or resized. Bands and timer bars are drawn whole; the frame around the SVG
 * (SequenceDiagram.svelte) cuts them off below the current row.
 */
export function updateDiagram(node: SVGGElement, shown: number, selected: number | null): void {
  const root = select(node);
  const current = shown - 1;
  const state = drawn.get(node);
  if (!state) return;

  // Only the items a step changes: those between the old step and the new, the old and new
  // current, the old and new selection. The first update after a draw sets them all.
  const touched = new Set<number>();
  if (state.shown < 0) {
    state.items.forEach((_, i) => touched.add(i));
  } else {
    const [lo, hi] = [Math.min(state.shown, shown), Math.max(state.shown, shown)];
    for (let i = Math.max(0, lo - 1); i < hi; i++) touched.add(i);
    if (state.selected !== null) touched.add(state.selected - 1);
    if (selected !== null) touched.add(selected - 1);
  }
  for (const i of touched) {
    const el = state.items[i];
    const d = el ? (select(el).datum() as DiagramItem) : undefined;
    if (!el || !d) continue;
    const visible = d.index < shown;
    setClass(el, 'hidden', !visible);
    setClass(el, 'current', d.index === current);
    setClass(el, 'past', d.index < current);
    setClass(el, 'selected', d.step === selected);
    setAttribute(el, 'tabindex', visible ? '0' : '-1');
    setAttribute(el, 'aria-hidden', visible ? null : 'true');
    setAttribute(el, 'aria-current', d.index === current ? 'step' : null);
  }
  state.shown = shown;
  state.selected = selected;

  root.selectAll<SVGGElement, PhaseBand>('g.bands > g.band').each(function (b) {
    setClass(this, 'hidden', b.firstIndex >= shown);
  });

  root.selectAll<SVGTextElement, Row>('g.times > text').each(function (r) {
    setClass(this, 'hidden', r.index >= shown);
  });

  root.selectAll<SVGRectElement, TimerBar>('g.timer-bars > rect').each(function (t) {
    setClass(this, 'hidden', t.startIndex >= shown);
  });
}
