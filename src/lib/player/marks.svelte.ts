/**
 * Where each entry of a run stands at the current step, as one reactive object per entry. A
 * step rewrites only the marks it changes (the entries between the old step and the new, the
 * old and new current, the old and new selection), so the tables, transcript, narration and
 * details re-render two or three rows, however long the run: a view reads `marks[i].reached`
 * instead of comparing every row with the step number.
 */
import { untrack } from 'svelte';

/**
 * One entry's standing. A class with a signal per field rather than a `$state` object: a step
 * reads and writes a few of these, and a proxy's traps cost more than the signals themselves.
 */
export class Mark {
  /** Shown: at or before the current step. */
  reached = $state(false);
  /** The newest entry shown. */
  current = $state(false);
  /** Its details are open. */
  selected = $state(false);

  constructor(reached: boolean, current: boolean, selected: boolean) {
    this.reached = reached;
    this.current = current;
    this.selected = selected;
  }
}

export class StepMarks {
  /** One mark per entry, in trace order: a new list for a new run, the same marks for a step. */
  list: readonly Mark[] = $state.raw([]);
  #shown = 0;
  #selected: number | null = null;
  /** The run the marks were last set for (see follow). */
  #run: unknown = undefined;

  /** Sets every mark, for a new run of `total` entries. */
  reset(total: number, shown: number, selected: number | null): void {
    this.list = Array.from(
      { length: total },
      (_, i) => new Mark(i < shown, i === shown - 1, i + 1 === selected)
    );
    this.#shown = shown;
    this.#selected = selected;
  }

  /**
   * Brings the marks to a step of `run`, whatever identifies it (a trace, a layout, a length):
   * every mark for a run other than the last one, else only the marks that move.
   */
  follow(run: unknown, total: number, shown: number, selected: number | null): void {
    if (run !== this.#run) {
      this.reset(total, shown, selected);
      this.#run = run;
    } else {
      this.move(shown, selected);
    }
  }

  /** Moves to `shown` entries with step `selected` open, touching only the marks that change. */
  move(shown: number, selected: number | null): void {
    const list = this.list;
    const set = (i: number, field: 'reached' | 'current' | 'selected', value: boolean) => {
      const mark = list[i];
      if (mark && mark[field] !== value) mark[field] = value;
    };
    const [lo, hi] = [Math.min(this.#shown, shown), Math.max(this.#shown, shown)];
    for (let i = lo; i < hi; i++) set(i, 'reached', i < shown);
    set(this.#shown - 1, 'current', false);
    set(shown - 1, 'current', true);
    if (this.#selected !== null) set(this.#selected - 1, 'selected', false);
    if (selected !== null) set(selected - 1, 'selected', true);
    this.#shown = shown;
    this.#selected = selected;
  }
}

/**
 * Marks that follow what `read` returns (the run, its length, the entries shown, the step
 * selected), for a component that steps on its own props: set as it initialises, then brought to
 * each new step before it updates. Must be called while a component initialises.
 */
export function followedMarks(
  read: () => [run: unknown, total: number, shown: number, selected: number | null]
): StepMarks {
  const marks = new StepMarks();
  untrack(() => marks.follow(...read()));
  // Depends on what `read` reads only: the marks it writes would otherwise re-run it.
  $effect.pre(() => {
    const args = read();
    untrack(() => marks.follow(...args));
  });
  return marks;
}
