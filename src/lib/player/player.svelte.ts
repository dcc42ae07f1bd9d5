/**
 * The state of one playing scenario: the only place that writes UI state. Components read its
 * getters and call its verbs; the URL is a projection of it (see url.ts). Stepping back is
 * re-deriving from the trace, never undoing anything.
 */
import type { Scenario } from '$lib/content/types';
import { StepMarks, type Mark } from './marks.svelte';
import {
  defaultInput,
  parseResponse,
  parseTimeout,
  run,
  type RunInput,
  type Trace,
  type TraceEntry
} from '$lib/engine';

/** Playback speeds, in milliseconds per step. */
export const SPEEDS = [
  { id: 'slow', label: 'Slow (a step every 2 s)', ms: 2000 },
  { id: 'normal', label: 'Normal (a step every second)', ms: 1000 },
  { id: 'fast', label: 'Fast (two steps a second)', ms: 500 }
] as const;
export type SpeedId = (typeof SPEEDS)[number]['id'];

/** What a timing field shows: the text as typed, and why it is not used if it is invalid. */
export interface FieldState {
  text: string;
  error: string | null;
}

export interface Scheduler {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(id: unknown): void;
}

const browserScheduler: Scheduler = {
  setInterval: (fn, ms) => globalThis.setInterval(fn, ms),
  clearInterval: (id) => globalThis.clearInterval(id as ReturnType<typeof setInterval>)
};

/** What steps a player: the seam a presenter, a quiz or an embed wraps. */
export interface Stepper {
  readonly shown: number;
  readonly total: number;
  readonly atStart: boolean;
  readonly atEnd: boolean;
  next(): void;
  back(): void;
  first(): void;
  last(): void;
  seek(step: number): void;
}

export class Player implements Stepper {
  readonly scenario: Scenario;
  #branch = $state('');
  #timeoutS = $state(0);
  #responseS = $state(0);
  #timeoutField = $state<FieldState>({ text: '', error: null });
  #responseField = $state<FieldState>({ text: '', error: null });
  /** How many trace entries are shown: 0 is the start, before anything is sent. */
  #shown = $state(0);
  #selected = $state<number | null>(null);
  #playing = $state(false);
  #speed = $state<SpeedId>('normal');
  #timer: unknown = null;
  #scheduler: Scheduler;
  #marks = new StepMarks();
  /** The run the marks were last set for. */
  #marked: Trace | null = null;

  /** The run for the current choices; every view derives from it. */
  readonly trace: Trace = $derived.by(() =>
    run(this.scenario, {
      branch: this.#branch,
      timeoutS: this.#timeoutS,
      responseS: this.#responseS
    })
  );

  /**
   * The step after which the scenario's decision note shows (where the choice starts to
   * matter), or 0 when this run does not reach it.
   */
  readonly decisionStep: number = $derived.by(() => {
    const after = this.scenario.decisionPoint?.after;
    return this.trace.entries.find((e) => e.key === after)?.step ?? 0;
  });

  constructor(scenario: Scenario, scheduler: Scheduler = browserScheduler) {
    this.scenario = scenario;
    this.#scheduler = scheduler;
    const start = defaultInput(scenario);
    this.#branch = start.branch;
    this.#timeoutS = start.timeoutS;
    this.#responseS = start.responseS;
    this.#timeoutField = { text: String(start.timeoutS), error: null };
    this.#responseField = { text: String(start.responseS), error: null };
    this.#mark();
  }

  /**
   * Each entry's standing at the current step (reached, current, selected). Views read these
   * rather than the step number, so a step re-renders only the entries it changes.
   */
  get marks(): readonly Mark[] {
    return this.#marks.list;
  }

  /** The current choices, as the URL and the exports take them. */
  get input(): RunInput {
    return { branch: this.#branch, timeoutS: this.#timeoutS, responseS: this.#responseS };
  }

  get branch() {
    return this.#branch;
  }
  get timeoutS() {
    return this.#timeoutS;
  }
  get responseS() {
    return this.#responseS;
  }
  get timeoutField(): Readonly<FieldState> {
    return this.#timeoutField;
  }
  get responseField(): Readonly<FieldState> {
    return this.#responseField;
  }
  get shown() {
    return this.#shown;
  }
  get total() {
    return this.trace.entries.length;
  }
  get playing() {
    return this.#playing;
  }
  get speed() {
    return this.#speed;
  }
  get atStart() {
    return this.#shown === 0;
  }
  get atEnd() {
    return this.#shown === this.total;
  }
  /** The newest entry shown, or null at the start. */
  get current(): TraceEntry | null {
    return this.trace.entries[this.#shown - 1] ?? null;
  }
  /** The choice is about to matter: the scenario's decision point is the current step. */
  get atDecisionPoint() {
    return this.decisionStep > 0 && this.#shown === this.decisionStep;
  }
  /** The step whose details are open: the one picked, else the current one. */
  get selected(): number | null {
    return this.#selected ?? this.current?.step ?? null;
  }
  get selectedEntry(): TraceEntry | null {
    const step = this.selected;
    return step === null ? null : (this.trace.entries[step - 1] ?? null);
  }

  /** Moves to a step, clamped to the run. Picking details follows the current step again. */
  seek(step: number) {
    const next = Math.min(Math.max(0, Math.trunc(step)), this.total);
    this.#shown = Number.isFinite(next) ? next : 0;
    this.#selected = null;
    this.#mark();
    if (this.atEnd) this.pause();
  }
  next() {
    this.seek(this.#shown + 1);
  }
  back() {
    this.seek(this.#shown - 1);
  }
  first() {
    this.seek(1);
  }
  last() {
    this.seek(this.total);
  }

  /** Opens the details of a shown step. */
  select(step: number) {
    if (step >= 1 && step <= this.#shown) this.#selected = step;
    this.#mark();
  }

  /** Changes the choice; the steps shown stay where the runs agree, what follows is redrawn. */
  choose(branch: string) {
    this.#branch = branch;
    this.#clampAfterRerun();
  }

  /** Takes the timer's length as typed; an invalid value is reported and the last valid run stays. */
  setTimeoutText(text: string) {
    if (this.scenario.mechanics !== 'invitation') return;
    const r = parseTimeout(this.scenario.timer, text);
    this.#timeoutField = { text, error: r.ok ? null : r.error };
    if (r.ok) {
      this.#timeoutS = r.value;
      this.#clampAfterRerun();
    }
  }

  setResponseText(text: string) {
    if (this.scenario.mechanics !== 'invitation') return;
    const r = parseResponse(text);
    this.#responseField = { text, error: r.ok ? null : r.error };
    if (r.ok) {
      this.#responseS = r.value;
      this.#clampAfterRerun();
    }
  }

  setSpeed(speed: SpeedId) {
    this.#speed = speed;
    if (this.#playing) {
      this.#stopTimer();
      this.#startTimer();
    }
  }

  play() {
    if (this.#playing) return;
    if (this.atEnd) this.seek(0);
    this.#playing = true;
    this.#startTimer();
  }

  pause() {
    this.#playing = false;
    this.#stopTimer();
  }

  togglePlay() {
    if (this.#playing) this.pause();
    else this.play();
  }

  /** Restores a whole view at once (from a URL); values are trusted to be valid. */
  restore(view: RunInput & { step: number }) {
    this.pause();
    this.#branch = view.branch;
    this.#timeoutS = view.timeoutS;
    this.#responseS = view.responseS;
    this.#timeoutField = { text: String(view.timeoutS), error: null };
    this.#responseField = { text: String(view.responseS), error: null };
    this.seek(view.step);
  }

  destroy() {
    this.pause();
  }

  #clampAfterRerun() {
    if (this.#shown > this.total) this.#shown = this.total;
    if (this.#selected !== null && this.#selected > this.#shown) this.#selected = null;
    this.#mark();
  }

  /** Brings the marks to the current step: all of them for a new run, else what moved. */
  #mark() {
    const trace = this.trace;
    if (trace !== this.#marked) {
      this.#marks.reset(trace.entries.length, this.#shown, this.selected);
      this.#marked = trace;
    } else {
      this.#marks.move(this.#shown, this.selected);
    }
  }

  #startTimer() {
    const ms = SPEEDS.find((s) => s.id === this.#speed)?.ms ?? 1000;
    this.#timer = this.#scheduler.setInterval(() => {
      if (this.atEnd) this.pause();
      else this.next();
    }, ms);
  }

  #stopTimer() {
    if (this.#timer !== null) this.#scheduler.clearInterval(this.#timer);
    this.#timer = null;
  }
}
