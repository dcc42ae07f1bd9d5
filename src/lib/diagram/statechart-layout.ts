/**
 * Where everything in the statechart view goes, as a pure function of the engine's
 * {@link Statechart}. The component draws this once per scenario and, as the player steps, only
 * toggles which states are lit.
 *
 * The layout is layered and deterministic: the children of each state (and the top-level states)
 * are put in rows by the longest chain of transitions leading to them, so arrows run downwards,
 * and in definition order within a row. A compound state holds its children's own rows. Each
 * transition is drawn at the level where its two ends part (inviting.waiting → accepted between
 * the top-level `inviting` and `accepted`), from the actual source box down to the actual target
 * box, its label in the gap just above the target's row. Text is not measured (there is no DOM
 * here): widths are estimated generously from character counts.
 */
import type { ChartState, ChartTransition, Statechart } from '$lib/engine';

/** Estimated width of one character of a state's name (13px) and of a transition label (12px). */
const NAME_CHAR_WIDTH = 8;
const LABEL_CHAR_WIDTH = 6.8;
/** A simple state's box. */
const BOX_HEIGHT = 34;
const BOX_MIN_WIDTH = 84;
const BOX_PADDING_X = 14;
/** A compound state: its name sits in a header band, its children under it. */
const HEADER_HEIGHT = 24;
const COMPOUND_PADDING = 10;
/** Room left of a level's content for the initial-state marker (a dot and a short arrow). */
const MARKER_SPACE = 26;
const MARKER_RADIUS = 5;
/** Horizontal gap between two slots of a row. */
const SLOT_GAP = 16;
/** A gap between rows: a slanted run down to the labels, one lane per label, a straight stem. */
const SLANT_HEIGHT = 30;
const LANE_HEIGHT = 20;
const STEM_HEIGHT = 12;
/** A gap between rows that no arrow crosses. */
const PLAIN_GAP = 16;
/** Horizontal padding inside a label's backdrop. */
const LABEL_PADDING_X = 4;
/** Room on the right for an arrow that cannot run downwards (a loop back or within a row). */
const SIDE_OFFSET = 16;
const MARGIN = 6;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PlacedState extends Box {
  id: string;
  key: string;
  parent: string | null;
  initial: boolean;
  final: boolean;
  /** Has children, drawn inside its box under a header. */
  compound: boolean;
  /** Where the name's text is centred. */
  labelX: number;
  labelY: number;
}

export interface PlacedArrow {
  from: string;
  to: string;
  label: string;
  /** SVG path data, ending where the arrowhead goes. */
  path: string;
  /** First and last points of the path. */
  start: { x: number; y: number };
  end: { x: number; y: number };
  /** The label's backdrop; its text is centred in it. */
  labelBox: Box;
}

/** The dot and the arrow from it into a level's initial state. */
export interface InitialMarker {
  state: string;
  cx: number;
  cy: number;
  r: number;
  /** Where the arrow from the dot ends: the initial state's left edge. */
  x2: number;
}

export interface StatechartLayout {
  width: number;
  height: number;
  /** Parents before their children, in definition order: the order to draw and to read. */
  states: PlacedState[];
  arrows: PlacedArrow[];
  markers: InitialMarker[];
}

/** What one level (a state's children, or the top) needs, measured before it is placed. */
interface Level {
  parent: string | null;
  nodes: string[];
  rank: Map<string, number>;
  rows: string[][];
  /** Width of each node's slot: its box, or wider for the labels of arrows ending on it. */
  slot: Map<string, number>;
  /** Lanes of labels in the gap above each row (0 for none). */
  lanes: number[];
  /** The row with the most room, without the marker space. */
  contentWidth: number;
  /** Extra room on the right for arrows that go round the side. */
  sideWidth: number;
  width: number;
  height: number;
  /** Absolute top of each row once placed. */
  rowTop: number[];
  /** Absolute right edge of the rows, where side arrows turn. */
  right: number;
}

/** A transition as its level sees it: the two children of `parent` its ends fall in. */
interface Routed {
  transition: ChartTransition;
  parent: string | null;
  /** Null when one end contains the other (drawn round the side). */
  fromChild: string | null;
  toChild: string | null;
}

export const labelWidth = (text: string) => text.length * LABEL_CHAR_WIDTH + 2 * LABEL_PADDING_X;

function parentOf(path: string[]): string | null {
  return path.length > 0 ? path.join('.') : null;
}

/** Finds the level where a transition's ends part, and which child of it each end is in. */
function route(transition: ChartTransition): Routed {
  const from = transition.from.split('.');
  const to = transition.to.split('.');
  let common = 0;
  while (common < from.length && common < to.length && from[common] === to[common]) common++;
  // A state back into itself (a timer restarted) loops round its own level, like any loop back.
  if (common === from.length && common === to.length) common--;
  const parent = parentOf(from.slice(0, common));
  const inside = common < from.length && common < to.length;
  return {
    transition,
    parent,
    fromChild: inside ? from.slice(0, common + 1).join('.') : null,
    toChild: inside ? to.slice(0, common + 1).join('.') : null
  };
}

/**
 * Longest chain of edges from a node with nothing coming in, ignoring edges that close a cycle
 * (found by a depth-first walk in definition order, so the result does not depend on chance).
 */
function ranks(nodes: string[], edges: [string, string][]): Map<string, number> {
  const out = new Map(nodes.map((n) => [n, [] as string[]]));
  for (const [a, b] of edges) out.get(a)?.push(b);
  const forward: [string, string][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (n: string) => {
    state.set(n, 'open');
    for (const m of out.get(n) ?? []) {
      if (state.get(m) === 'open') continue; // closes a cycle
      forward.push([n, m]);
      if (!state.has(m)) visit(m);
    }
    state.set(n, 'done');
  };
  for (const n of nodes) if (!state.has(n)) visit(n);
  const rank = new Map(nodes.map((n) => [n, 0]));
  // Longest path by relaxation: with no cycle left, nodes.length rounds are enough.
  for (let round = 0; round < nodes.length; round++) {
    let changed = false;
    for (const [a, b] of forward) {
      const next = (rank.get(a) ?? 0) + 1;
      if (next > (rank.get(b) ?? 0)) {
        rank.set(b, next);
        changed = true;
      }
    }
    if (!changed) break;
  }
  return rank;
}

export function layoutStatechart(chart: Statechart): StatechartLayout {
  const byId = new Map(chart.states.map((s) => [s.id, s]));
  const childrenOf = new Map<string | null, ChartState[]>();
  for (const s of chart.states) {
    const list = childrenOf.get(s.parent) ?? [];
    list.push(s);
    childrenOf.set(s.parent, list);
  }
  const routed = chart.transitions.filter((t) => byId.has(t.from) && byId.has(t.to)).map(route);
  const levels = new Map<string | null, Level>();
  const size = new Map<string, { width: number; height: number }>();

  /** An arrow runs downwards when its target's row is below its source's at their level. */
  const downward = (r: Routed): boolean => {
    const level = levels.get(r.parent);
    if (!level || r.fromChild === null || r.toChild === null) return false;
    return (level.rank.get(r.toChild) ?? 0) > (level.rank.get(r.fromChild) ?? 0);
  };

  /** Measures a level, and every level inside it first (a compound's size is its children's). */
  const measure = (parent: string | null): Level => {
    const nodes = (childrenOf.get(parent) ?? []).map((s) => s.id);
    for (const id of nodes) {
      const state = byId.get(id) as ChartState;
      const nameWidth = state.key.length * NAME_CHAR_WIDTH + 2 * BOX_PADDING_X;
      if (childrenOf.has(id)) {
        const inner = measure(id);
        size.set(id, {
          width: Math.max(nameWidth, inner.width + 2 * COMPOUND_PADDING),
          height: HEADER_HEIGHT + inner.height + COMPOUND_PADDING
        });
      } else {
        size.set(id, { width: Math.max(BOX_MIN_WIDTH, nameWidth), height: BOX_HEIGHT });
      }
    }
    const mine = routed.filter((r) => r.parent === parent);
    const edges = mine.flatMap((r): [string, string][] =>
      r.fromChild && r.toChild ? [[r.fromChild, r.toChild]] : []
    );
    const rank = ranks(nodes, edges);
    const rowCount = Math.max(0, ...rank.values()) + (nodes.length > 0 ? 1 : 0);
    const rows = Array.from({ length: rowCount }, (_, r) => nodes.filter((n) => rank.get(n) === r));
    const level: Level = {
      parent,
      nodes,
      rank,
      rows,
      slot: new Map(),
      lanes: rows.map(() => 0),
      contentWidth: 0,
      sideWidth: 0,
      width: 0,
      height: 0,
      rowTop: [],
      right: 0
    };
    levels.set(parent, level);
    const incoming = new Map<string, number>();
    for (const r of mine) {
      if (!downward(r) || r.toChild === null) continue;
      const lane = incoming.get(r.toChild) ?? 0;
      incoming.set(r.toChild, lane + 1);
      const row = rank.get(r.toChild) ?? 0;
      level.lanes[row] = Math.max(level.lanes[row] ?? 0, lane + 1);
      const wanted = labelWidth(r.transition.label) + 8;
      level.slot.set(r.toChild, Math.max(level.slot.get(r.toChild) ?? 0, wanted));
    }
    for (const id of nodes) {
      level.slot.set(id, Math.max(level.slot.get(id) ?? 0, size.get(id)?.width ?? 0));
    }
    const rowWidth = (row: string[]) =>
      row.reduce((sum, id) => sum + (level.slot.get(id) ?? 0), 0) +
      SLOT_GAP * Math.max(0, row.length - 1);
    level.contentWidth = Math.max(0, ...rows.map(rowWidth));
    const sideLabels = mine.filter((r) => !downward(r)).map((r) => labelWidth(r.transition.label));
    level.sideWidth = sideLabels.length > 0 ? SIDE_OFFSET + Math.max(...sideLabels) + 4 : 0;
    level.width = MARKER_SPACE + level.contentWidth + level.sideWidth;
    level.height = rows.reduce(
      (sum, row, r) =>
        sum +
        Math.max(0, ...row.map((id) => size.get(id)?.height ?? 0)) +
        (r === 0 ? 0 : gapHeight(level.lanes[r] ?? 0)),
      0
    );
    return level;
  };

  const placed = new Map<string, PlacedState>();
  const markers: InitialMarker[] = [];

  /** Places a measured level with its top-left corner at (x0, y0), and every level inside it. */
  const place = (level: Level, x0: number, y0: number) => {
    let y = y0;
    level.right = x0 + MARKER_SPACE + level.contentWidth;
    level.rows.forEach((row, r) => {
      if (r > 0) y += gapHeight(level.lanes[r] ?? 0);
      level.rowTop[r] = y;
      const width =
        row.reduce((sum, id) => sum + (level.slot.get(id) ?? 0), 0) +
        SLOT_GAP * Math.max(0, row.length - 1);
      let x = x0 + MARKER_SPACE + (level.contentWidth - width) / 2;
      let rowHeight = 0;
      for (const id of row) {
        const state = byId.get(id) as ChartState;
        const { width: w, height: h } = size.get(id) ?? { width: 0, height: 0 };
        const slot = level.slot.get(id) ?? w;
        const box = { x: x + (slot - w) / 2, y, width: w, height: h };
        const compound = childrenOf.has(id);
        placed.set(id, {
          ...state,
          ...box,
          compound,
          labelX: box.x + w / 2,
          labelY: compound ? y + HEADER_HEIGHT / 2 + 2 : y + h / 2
        });
        if (state.initial) {
          markers.push({
            state: id,
            cx: box.x - MARKER_SPACE + MARKER_RADIUS + 2,
            cy: compound ? y + HEADER_HEIGHT / 2 : y + h / 2,
            r: MARKER_RADIUS,
            x2: box.x
          });
        }
        if (compound) {
          const inner = levels.get(id) as Level;
          place(inner, box.x + (w - inner.width) / 2, y + HEADER_HEIGHT);
        }
        x += slot + SLOT_GAP;
        rowHeight = Math.max(rowHeight, h);
      }
      y += rowHeight;
    });
  };

  const top = measure(null);
  place(top, MARGIN, MARGIN);

  // Source points are spread along the source's bottom in the order of their targets, so two
  // arrows leaving one box do not start on top of each other.
  const arrows: PlacedArrow[] = [];
  const downwards = routed.filter(downward);
  const ends = new Map<Routed, { x: number; laneY: number }>();
  const intoTarget = new Map<string, Routed[]>();
  for (const r of downwards) {
    const list = intoTarget.get(r.transition.to) ?? [];
    list.push(r);
    intoTarget.set(r.transition.to, list);
  }
  const laneOf = new Map<Routed, number>();
  const perChild = new Map<string, number>();
  for (const r of downwards) {
    const key = `${r.parent ?? ''}>${r.toChild ?? ''}`;
    const lane = perChild.get(key) ?? 0;
    perChild.set(key, lane + 1);
    laneOf.set(r, lane);
  }
  for (const [to, list] of intoTarget) {
    const target = placed.get(to) as PlacedState;
    list.forEach((r, j) => {
      const level = levels.get(r.parent) as Level;
      const row = level.rank.get(r.toChild as string) ?? 0;
      const gapTop = (level.rowTop[row] ?? 0) - gapHeight(level.lanes[row] ?? 0);
      ends.set(r, {
        x: target.x + (target.width * (j + 1)) / (list.length + 1),
        laneY: gapTop + SLANT_HEIGHT + (laneOf.get(r) ?? 0) * LANE_HEIGHT
      });
    });
  }
  // Arrows leave the box their level sees (a compound for an arrow from its child), spread along
  // its bottom in the order of their targets so that they do not cross; one from a child first
  // drops straight out of the compound.
  const leaving = new Map<string, Routed[]>();
  for (const r of downwards) {
    const list = leaving.get(r.fromChild as string) ?? [];
    list.push(r);
    leaving.set(r.fromChild as string, list);
  }
  const starts = new Map<Routed, number>();
  for (const [child, list] of leaving) {
    const box = placed.get(child) as PlacedState;
    const sorted = [...list].sort((a, b) => (ends.get(a)?.x ?? 0) - (ends.get(b)?.x ?? 0));
    sorted.forEach((r, i) => {
      const source = placed.get(r.transition.from) as PlacedState;
      const spread = box.x + (box.width * (i + 1)) / (sorted.length + 1);
      const inset = Math.min(6, source.width / 2);
      starts.set(r, Math.min(Math.max(spread, source.x + inset), source.x + source.width - inset));
    });
  }

  for (const r of routed) {
    const { from, to, label } = r.transition;
    const source = placed.get(from) as PlacedState;
    const target = placed.get(to) as PlacedState;
    const width = labelWidth(label);
    const end = ends.get(r);
    if (end) {
      const start = { x: starts.get(r) ?? source.x, y: source.y + source.height };
      const outer = placed.get(r.fromChild as string) as PlacedState;
      const exit = outer.y + outer.height;
      const drop = exit > start.y ? ` L${start.x},${exit}` : '';
      const tip = { x: end.x, y: target.y };
      arrows.push({
        from,
        to,
        label,
        path: `M${start.x},${start.y}${drop} L${end.x},${end.laneY} L${tip.x},${tip.y}`,
        start,
        end: tip,
        labelBox: { x: end.x - width / 2, y: end.laneY, width, height: LANE_HEIGHT }
      });
      continue;
    }
    // Round the right-hand side of the level: a loop back, or between a state and its child.
    const level = levels.get(r.parent) as Level;
    const turn = level.right + SIDE_OFFSET;
    const start = { x: source.x + source.width, y: source.y + source.height / 2 };
    const tip = { x: target.x + target.width, y: target.y + Math.min(target.height / 2, 12) };
    const middle = (start.y + tip.y) / 2;
    arrows.push({
      from,
      to,
      label,
      path: `M${start.x},${start.y} C${turn},${start.y} ${turn},${tip.y} ${tip.x},${tip.y}`,
      start,
      end: tip,
      labelBox: { x: turn - 8, y: middle - LANE_HEIGHT / 2, width, height: LANE_HEIGHT }
    });
  }

  const states = chart.states.map((s) => placed.get(s.id) as PlacedState);
  const right = Math.max(MARGIN + top.width, ...arrows.map((a) => a.labelBox.x + a.labelBox.width));
  return {
    width: Math.ceil(right + MARGIN),
    height: Math.ceil(MARGIN + top.height + MARGIN),
    states,
    arrows,
    markers
  };
}

function gapHeight(lanes: number): number {
  return lanes > 0 ? SLANT_HEIGHT + lanes * LANE_HEIGHT + STEM_HEIGHT : PLAIN_GAP;
}

/** The states lit when `id` is current: it and every state that contains it, outermost first. */
export function statePathOf(id: string): string[] {
  const parts = id.split('.');
  return parts.map((_, i) => parts.slice(0, i + 1).join('.'));
}

/** Where the machine starts: its initial top-level state, then that state's initial child, … */
export function initialStateOf(chart: Statechart): string {
  let parent: string | null = null;
  let id: string | null = null;
  for (;;) {
    const next = chart.states.find((s) => s.parent === parent && s.initial);
    if (!next) return id ?? chart.states[0]?.id ?? '';
    id = next.id;
    parent = next.id;
  }
}
