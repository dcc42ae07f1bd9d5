/**
 * Runs side by side: where they agree from the start, and how a compare grid aligns them so that
 * every column's step n sits on the same row. Pure functions of traces; the compare page runs
 * each option at its default timing and draws what these return.
 */
import type { TraceEntry, Trace } from '../engine/types';

/**
 * Two entries are the same if they are the same step of the scenario, in the same phase, at the
 * same time, between the same parties with the same message (or the same timer action, or the
 * same event of the same lifeline).
 * Attribute values are left out: they are illustrative, and a view draws the name.
 */
export function sameEntry(a: TraceEntry, b: TraceEntry): boolean {
  if (a.key !== b.key || a.phase !== b.phase || a.at !== b.at) return false;
  if (a.kind === 'message' && b.kind === 'message') {
    return (
      a.from === b.from &&
      a.to === b.to &&
      a.message.name === b.message.name &&
      a.message.protocol === b.message.protocol &&
      a.message.inPlaceOf === b.message.inPlaceOf
    );
  }
  if (a.kind === 'timer' && b.kind === 'timer') {
    return a.action === b.action && a.owner === b.owner && a.timer === b.timer;
  }
  if (a.kind === 'lifeline' && b.kind === 'lifeline') {
    return a.lifeline === b.lifeline && a.event === b.event && a.peer === b.peer;
  }
  return false;
}

/** How many entries, from the first, every trace has in common (0 for none, or no traces). */
export function commonPrefixLength(traces: readonly Pick<Trace, 'entries'>[]): number {
  const [first, ...rest] = traces;
  if (!first) return 0;
  let n = 0;
  for (const entry of first.entries) {
    const at = n;
    if (
      !rest.every((t) => {
        const other = t.entries[at];
        return other !== undefined && sameEntry(other, entry);
      })
    )
      break;
    n++;
  }
  return n;
}

/**
 * The start that the most runs share: the runs whose first entry is the same as the most
 * others' (ties: the earliest), and how many entries all of them have in common. Null when no
 * two runs start alike. It is every run when all agree (Deliver's three outcomes); Transfer's
 * invalid request is sent in a phase of its own, so there it is accept, reject and timeout.
 */
export function sharedStart(
  traces: readonly Pick<Trace, 'entries'>[]
): { members: number[]; length: number } | null {
  let best: number[] = [];
  for (const trace of traces) {
    const head = trace.entries[0];
    if (!head) continue;
    const members = traces.flatMap((t, i) => {
      const other = t.entries[0];
      return other && sameEntry(other, head) ? [i] : [];
    });
    if (members.length > best.length) best = members;
  }
  if (best.length < 2) return null;
  return {
    members: best,
    length: commonPrefixLength(best.map((i) => traces[i] ?? { entries: [] }))
  };
}

/**
 * Where things go in the compare grid. Row 1 holds the column headings; if some runs share a
 * start, a caption row names them; then one row per step, with a row for the divergence marker
 * after the shared steps (before step 1 when none are shared); each column's end note sits in
 * the row its next step would take. Columns: the sharing runs first, so the shared block spans
 * neighbours, then the others, each group in the options' order.
 */
export interface CompareLayout {
  /** Indices into the traces given, left to right. */
  order: number[];
  /** The shared start: how many steps, and how many columns (the first ones) it spans. */
  shared: { length: number; span: number } | null;
  /** Steps in the longest run: the compare view's last step. */
  longest: number;
  /** The grid row (1-based) of the caption over the shared block, or 0 when none is shared. */
  captionRow: number;
  /** The grid row of the marker where the runs diverge. */
  markerRow: number;
  /** Grid rows in all. */
  rows: number;
}

export function compareLayout(traces: readonly Pick<Trace, 'entries'>[]): CompareLayout {
  const start = sharedStart(traces);
  const members = start?.members ?? [];
  const others = traces.map((_, i) => i).filter((i) => !members.includes(i));
  const length = start?.length ?? 0;
  const longest = Math.max(0, ...traces.map((t) => t.entries.length));
  const layout = {
    order: [...members, ...others],
    shared: start ? { length, span: members.length } : null,
    longest,
    captionRow: start ? 2 : 0,
    markerRow: (start ? 3 : 2) + length,
    rows: 0
  };
  layout.rows = rowOfStep(layout, longest + 1);
  return layout;
}

/** The grid row of step `step` (1-based); `length + 1` gives the row of a run's end note. */
export function rowOfStep(layout: Pick<CompareLayout, 'shared' | 'markerRow'>, step: number) {
  const sharedLength = layout.shared?.length ?? 0;
  // Shared steps sit under the headings and the caption (rows 3 on); the rest after the marker.
  return step <= sharedLength ? 2 + step : layout.markerRow + step - sharedLength;
}

/** How many of a run's entries show at compare step `step`: its first n, clamped to its length. */
export function shownAt(step: number, length: number): number {
  return Math.max(0, Math.min(Math.trunc(step), length));
}
