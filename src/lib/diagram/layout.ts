/**
 * Where everything in the live sequence diagram goes, as a pure function of one trace. The
 * component only joins this to SVG and toggles classes as the player steps; every number a test
 * might ask about (rows, arrows, the timer bar, phase bands) is computed here.
 */
import {
  describeEntry,
  formatAt,
  lifelineEventWords,
  lifelineName,
  messageLabel,
  phaseTitle
} from '../trace/format';
import type { Scenario } from '$lib/content/types';
import type { LifelineEvent, Provenance, TimerAction, Trace, TraceEntry } from '$lib/engine/types';
import { LIFELINE_MARK_HALF, TIMER_MARK_RADIUS } from './shapes';

/** Width of one lifeline's column; lifelines sit at column centres, so an HTML grid aligns. */
const COLUMN_WIDTH = 200;
/** Height of a row holding an arrow: name above the line, protocol below it. */
const MESSAGE_ROW_HEIGHT = 50;
/** Height of a row holding a timer mark or a lifeline event's mark. */
const MARK_ROW_HEIGHT = 36;
/** Space at the top of each phase band for its title. */
const PHASE_HEADER_HEIGHT = 26;
/** Gap between two phase bands, so they read as separate. */
const PHASE_GAP = 6;
/** Space above the first band and below the last row. */
const PADDING = 8;

/** Where the arrow line sits inside a message row: room for the name above, protocol below. */
const MESSAGE_LINE_OFFSET = 27;

export interface Lifeline {
  id: string;
  name: string;
  x: number;
}

/** One row per trace entry, in trace order; `index` is the entry's index in `trace.entries`. */
export interface Row {
  index: number;
  step: number;
  kind: TraceEntry['kind'];
  top: number;
  /** Where the arrow, timer mark or lifeline event's mark is drawn. */
  y: number;
  bottom: number;
  /** Virtual time, e.g. "t = 8 s", on the first row at each new time; null when unchanged. */
  timeLabel: string | null;
}

interface ItemBase {
  index: number;
  step: number;
  provenance: Provenance;
  /** The accessible name of the focusable item, e.g. "5: Agent Application → Interaction … ". */
  ariaLabel: string;
  /** The clickable and focus-ring area. */
  hit: { x: number; y: number; width: number; height: number };
}

export interface ArrowItem extends ItemBase {
  kind: 'message';
  /** Number among messages, like mermaid's autonumber. */
  seq: number;
  from: string;
  to: string;
  x1: number;
  x2: number;
  y: number;
  /** 1 when the arrow points right, -1 when it points left. */
  direction: 1 | -1;
  /** Centre of the name (above the line) and the protocol (below it). */
  labelX: number;
  name: string;
  protocol: string;
  /** Under the line, after the protocol: "T-Library · in place of EventAck". */
  protocolLabel: string;
}

export interface TimerMarkItem extends ItemBase {
  kind: 'timer';
  action: TimerAction;
  x: number;
  y: number;
  /** Drawn beside the mark, e.g. "delivering-timeout 30 s" or "cancelled at 8 s". */
  label: string;
  /** The label in lines that fit beside the mark, and where and which side they are drawn. */
  lines: string[];
  labelX: number;
  anchor: 'start' | 'end';
}

/** Something that happens to a lifeline itself: a marked box on it, its words beside it. */
export interface LifelineMarkItem extends ItemBase {
  kind: 'lifeline';
  event: LifelineEvent;
  lifeline: string;
  x: number;
  y: number;
  /** The event in words, e.g. "disconnects from Interaction Server" or "restarts". */
  label: string;
  /**
   * Where the words start (`start`, right of the mark) or end (`end`, left of it): to the left
   * on the last lifeline, so that they stay inside the drawing.
   */
  labelX: number;
  anchor: 'start' | 'end';
  /** The words in lines that fit beside the mark, within the drawing. */
  lines: string[];
}

/** Everything a person can focus and click, one per trace entry, in trace order. */
export type DiagramItem = ArrowItem | TimerMarkItem | LifelineMarkItem;

/**
 * How far a band or a timer bar reaches once row `index` is shown: its bottom edge, `y`. The live
 * diagram draws one shape per reach and shows those of the rows shown, so the shape grows with the
 * run and never gives away where it ends.
 */
export interface Reach {
  index: number;
  y: number;
}

/** A timer's bar on its owner's lifeline, from the row where it starts to where it ends. */
export interface TimerBar {
  owner: string;
  x: number;
  y1: number;
  /** The end row's y, or the last row's when the trace stops before the timer does. */
  y2: number;
  startIndex: number;
  /**
   * Index of the `cancelled` or `expired` entry; null if the trace has none. A restart does not
   * end the bar: the timer runs on, to a later deadline.
   */
  endIndex: number | null;
  /** One per row from the start to the end (or the last row), each reaching no further than y2. */
  reach: Reach[];
  /** e.g. "delivering-timeout 30 s". */
  startLabel: string;
  /** e.g. "cancelled at 8 s" or "expired at 30 s"; null if it never ended. */
  endLabel: string | null;
}

/** A run of consecutive rows in one phase. */
export interface PhaseBand {
  id: string;
  title: string;
  /** Top of the band, title included. */
  y1: number;
  /** Bottom of its last row. */
  y2: number;
  firstIndex: number;
  lastIndex: number;
  /** One per row of the band, each reaching that row's bottom. */
  reach: Reach[];
}

export interface Layout {
  width: number;
  /** Height with every row shown. */
  height: number;
  padding: number;
  lifelines: Lifeline[];
  rows: Row[];
  items: DiagramItem[];
  timers: TimerBar[];
  phases: PhaseBand[];
}

/** About how wide a character of a mark's label is, at its 12.5 px font (DejaVu Sans). */
const LABEL_CHAR_WIDTH = 7.4;
/** How far below one line of a mark's label the next one sits. */
export const LABEL_LINE_HEIGHT = 14;

/**
 * Where a mark's words go beside a mark at `x`: to the right, or to the left when the right
 * holds less room, and broken at spaces into lines that fit that room, so that no label leaves
 * the drawing however long the lifelines' names are.
 */
export function placeLabel(
  text: string,
  x: number,
  width: number,
  gap: number
): { labelX: number; anchor: 'start' | 'end'; lines: string[] } {
  const right = width - x - gap - 4;
  const left = x - gap - 4;
  // To the right where it fits, as a reader expects; else to the side with more room.
  const toLeft = text.length * LABEL_CHAR_WIDTH > right && left > right;
  const room = Math.max(toLeft ? left : right, LABEL_CHAR_WIDTH * 8);
  const perLine = Math.max(8, Math.floor(room / LABEL_CHAR_WIDTH));
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const next = line ? `${line} ${word}` : word;
    if (next.length > perLine && line) {
      lines.push(line);
      line = word;
    } else {
      line = next;
    }
  }
  if (line) lines.push(line);
  return { labelX: toLeft ? x - gap : x + gap, anchor: toLeft ? 'end' : 'start', lines };
}

export function layoutDiagram(
  trace: Trace,
  scenario: Pick<Scenario, 'lifelines' | 'phases'>
): Layout {
  const width = COLUMN_WIDTH * scenario.lifelines.length;

  const lifelines: Lifeline[] = scenario.lifelines.map(({ id }, i) => ({
    id,
    name: lifelineName(id, scenario),
    x: (i + 0.5) * COLUMN_WIDTH
  }));
  const xOf = (id: string): number => lifelines.find((l) => l.id === id)?.x ?? 0;
  const nameOf = (id: string): string => lifelineName(id, scenario);

  const rows: Row[] = [];
  const phases: PhaseBand[] = [];
  let cursor = PADDING;
  let previousAt: number | null = null;

  trace.entries.forEach((entry, index) => {
    const band = phases.at(-1);
    if (band?.id !== entry.phase) {
      if (band) cursor += PHASE_GAP;
      phases.push({
        id: entry.phase,
        title: phaseTitle(entry.phase, scenario),
        y1: cursor,
        y2: cursor,
        firstIndex: index,
        lastIndex: index,
        reach: []
      });
      cursor += PHASE_HEADER_HEIGHT;
    }
    const isMessage = entry.kind === 'message';
    const top = cursor;
    const bottom = top + (isMessage ? MESSAGE_ROW_HEIGHT : MARK_ROW_HEIGHT);
    const y = isMessage ? top + MESSAGE_LINE_OFFSET : (top + bottom) / 2;
    rows.push({
      index,
      step: entry.step,
      kind: entry.kind,
      top,
      y,
      bottom,
      timeLabel: entry.at === previousAt ? null : `t = ${formatAt(entry.at)}`
    });
    previousAt = entry.at;
    cursor = bottom;
    const current = phases.at(-1);
    if (current) {
      current.y2 = bottom;
      current.lastIndex = index;
      current.reach.push({ index, y: bottom });
    }
  });

  const items: DiagramItem[] = [];
  const timers: TimerBar[] = [];
  trace.entries.forEach((entry, index) => {
    const row = rows[index];
    if (!row) return;
    const when = `at ${formatAt(entry.at)}, ${entry.provenance}`;
    if (entry.kind === 'message') {
      const x1 = xOf(entry.from);
      const x2 = xOf(entry.to);
      const left = Math.min(x1, x2);
      items.push({
        kind: 'message',
        index,
        step: entry.step,
        seq: entry.seq,
        provenance: entry.provenance,
        from: entry.from,
        to: entry.to,
        x1,
        x2,
        y: row.y,
        direction: x2 >= x1 ? 1 : -1,
        labelX: (x1 + x2) / 2,
        name: entry.message.name,
        protocol: entry.message.protocol,
        protocolLabel: entry.message.inPlaceOf
          ? `${entry.message.protocol} · in place of ${entry.message.inPlaceOf}`
          : entry.message.protocol,
        ariaLabel:
          `${entry.seq}: ${nameOf(entry.from)} → ${nameOf(entry.to)}, ` +
          `${messageLabel(entry.message)}, ${entry.message.protocol}, ${when}`,
        hit: {
          x: left - 14,
          y: row.top + 2,
          width: Math.abs(x2 - x1) + 28,
          height: row.bottom - row.top - 4
        }
      });
      return;
    }

    if (entry.kind === 'lifeline') {
      const x = xOf(entry.lifeline);
      const offset = LIFELINE_MARK_HALF + 6;
      const label = lifelineEventWords(entry, scenario);
      const placed = placeLabel(label, x, width, offset);
      items.push({
        kind: 'lifeline',
        index,
        step: entry.step,
        provenance: entry.provenance,
        event: entry.event,
        lifeline: entry.lifeline,
        x,
        y: row.y,
        label,
        ...placed,
        ariaLabel: `${describeEntry(entry, scenario)}, ${when}`,
        // The mark and its words, which reach into the next column (the one before, to the left).
        hit: {
          x: placed.anchor === 'end' ? x - COLUMN_WIDTH + 22 : x - 14,
          y: row.top + 2,
          width: COLUMN_WIDTH - 8,
          height: row.bottom - row.top - 4
        }
      });
      return;
    }

    const x = xOf(entry.owner);
    let label: string;
    if (entry.action === 'started') {
      label = `${entry.timer} ${formatAt(entry.deadline - entry.at)}`;
      const endIndex = trace.entries.findIndex(
        (e, i) =>
          i > index &&
          e.kind === 'timer' &&
          e.timer === entry.timer &&
          (e.action === 'cancelled' || e.action === 'expired')
      );
      const end = endIndex === -1 ? undefined : trace.entries[endIndex];
      const endRow = endIndex === -1 ? rows.at(-1) : rows[endIndex];
      const y2 = endRow?.y ?? row.y;
      const lastIndex = endIndex === -1 ? rows.length - 1 : endIndex;
      timers.push({
        owner: entry.owner,
        x,
        y1: row.y,
        y2,
        startIndex: index,
        endIndex: endIndex === -1 ? null : endIndex,
        reach: rows
          .slice(index, lastIndex + 1)
          .map((r) => ({ index: r.index, y: Math.min(r.bottom, y2) })),
        startLabel: label,
        endLabel: end && end.kind === 'timer' ? `${end.action} at ${formatAt(end.at)}` : null
      });
    } else {
      label = `${entry.action} at ${formatAt(entry.at)}`;
    }
    const verb = entry.action === 'started' ? `${label} started` : `${entry.timer} ${entry.action}`;
    const placed = placeLabel(label, x, width, TIMER_MARK_RADIUS + 6);
    items.push({
      kind: 'timer',
      index,
      step: entry.step,
      provenance: entry.provenance,
      action: entry.action,
      x,
      y: row.y,
      label,
      ...placed,
      ariaLabel: `Timer: ${verb} on ${nameOf(entry.owner)}, ${when}`,
      // The label is drawn beside the mark, within the next column (the one before, to the left).
      hit: {
        x: placed.anchor === 'end' ? x - COLUMN_WIDTH + 22 : x - 14,
        y: row.top + 2,
        width: COLUMN_WIDTH - 8,
        height: row.bottom - row.top - 4
      }
    });
  });

  return {
    width,
    height: cursor + PADDING,
    padding: PADDING,
    lifelines,
    rows,
    items,
    timers,
    phases
  };
}

/** Height of the drawing when the first `shown` rows are visible; never zero, so lifelines show. */
export function visibleHeight(layout: Layout, shown: number): number {
  const last = layout.rows[Math.min(shown, layout.rows.length) - 1];
  return last ? last.bottom + layout.padding : layout.padding * 4;
}
