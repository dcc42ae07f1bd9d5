/**
 * Where each entry of a run stands at the current step, as one reactive object per entry. A
 * step rewrites only the marks it changes (the entries between the old step and the new, the
 * old and new current, the old and new selection), so the tables, transcript, narration and
 * details re-render two or three rows, however long the run: a view reads `marks[i].reached`
 * instead of comparing every row with the step number.
 */
export interface Mark {
  /** Shown: at or before the current step. */
  reached: boolean;
  /** The newest entry shown. */
  current: boolean;
  /** Its details are open. */
  selected: boolean;
}

export class StepMarks {
  /** One mark per entry, in trace order. */
  list: Mark[] = $state([]);
  #shown = 0;
  #selected: number | null = null;

  /** Sets every mark, for a new run of `total` entries. */
  reset(total: number, shown: number, selected: number | null): void {
    this.list = Array.from({ length: total }, (_, i) => ({
      reached: i < shown,
      current: i === shown - 1,
      selected: i + 1 === selected
    }));
    this.#shown = shown;
    this.#selected = selected;
  }

  /** Moves to `shown` entries with step `selected` open, touching only the marks that change. */
  move(shown: number, selected: number | null): void {
    const list = this.list;
    const set = (i: number, field: keyof Mark, value: boolean) => {
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
