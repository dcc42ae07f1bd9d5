/**
 * The one writer of the compare view's state: a step number that moves every run together. At
 * step n each run shows its first n entries, clamped to its length; step 0 is the start and
 * the last step is the end of the longest run. Each run keeps one mark per entry (as the
 * player does), so a step rewrites only the two or three marks per run that change.
 */
import { StepMarks } from '$lib/player/marks.svelte';
import type { Stepper } from '$lib/player/player.svelte';
import { shownAt } from '$lib/trace/compare';

/** One run's standing at the current step. */
export class CompareRun {
  readonly length: number;
  readonly marks = new StepMarks();
  /** Its last entry is shown: the end note shows. */
  done = $state(false);
  /** The compare has stepped past its end: its last entry is no longer the newest. */
  over = $state(false);

  constructor(length: number) {
    this.length = length;
    this.marks.reset(length, 0, null);
    this.done = length === 0;
  }

  move(step: number): void {
    this.marks.move(shownAt(step, this.length), null);
    const done = step >= this.length;
    const over = step > this.length;
    if (this.done !== done) this.done = done;
    if (this.over !== over) this.over = over;
  }
}

export class CompareSteps implements Stepper {
  /** In the order given (the options' order). */
  readonly runs: CompareRun[];
  readonly total: number;
  #step = $state(0);

  constructor(lengths: readonly number[]) {
    this.runs = lengths.map((length) => new CompareRun(length));
    this.total = Math.max(0, ...lengths);
  }

  get shown() {
    return this.#step;
  }
  get atStart() {
    return this.#step === 0;
  }
  get atEnd() {
    return this.#step === this.total;
  }

  /** Moves every run to a step, clamped to the longest run; a bad number is the start. */
  seek(step: number) {
    const clamped = Math.min(Math.max(0, Math.trunc(step)), this.total);
    const next = Number.isFinite(clamped) ? clamped : 0;
    if (next === this.#step) return;
    this.#step = next;
    for (const run of this.runs) run.move(next);
  }
  next() {
    this.seek(this.#step + 1);
  }
  back() {
    this.seek(this.#step - 1);
  }
  first() {
    this.seek(1);
  }
  last() {
    this.seek(this.total);
  }
}
