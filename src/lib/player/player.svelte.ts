/**
 * The state of one playing scenario: the only place that writes UI state. Components read its
 * getters and call its verbs; the URL is a projection of it (see url.ts). Stepping back is
 * re-deriving from the trace, never undoing anything.
 */
import type { Scenario } from '$lib/content/types';
import { StepMarks, type Mark } from './marks.svelte';
import { defaultInput, inputFieldsOf, type FieldName, type InputField } from '$lib/engine/input';
import type { RunInput, Trace, TraceEntry } from '$lib/engine/types';
import { writeView } from './url';

/** The engine's `run`, as the player calls it. */
export type RunFn = (scenario: Scenario, input: RunInput) => Trace;

/**
 * Where the player's runs come from. Either the engine itself (`run`), or the runs at the
 * scenario's default timing made at build time (`precomputed`, one per option) with the engine
 * loaded only when a timing differs (`loadRun`): XState is the largest part of the page's code,
 * and most people never change the timing.
 */
export type RunSource =
  { run: RunFn } | { precomputed: Record<string, Trace>; loadRun: () => Promise<RunFn> };

/** Where the engine stands when it loads on demand. */
export type EngineStatus = 'ready' | 'loading' | 'failed';

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
  #count = $state<number | undefined>(undefined);
  /** What each of the scenario's fields holds as typed, and its problem. */
  #fieldStates = $state<Partial<Record<FieldName, FieldState>>>({});
  /** The fields this scenario's learner sets (timer, response time, activity). */
  readonly fields: readonly InputField[];
  /** How many trace entries are shown: 0 is the start, before anything is sent. */
  #shown = $state(0);
  #selected = $state<number | null>(null);
  #playing = $state(false);
  #speed = $state<SpeedId>('normal');
  #timer: unknown = null;
  #scheduler: Scheduler;
  #marks = new StepMarks();
  #run = $state<RunFn | null>(null);
  #engine = $state<EngineStatus>('ready');
  #precomputed: Record<string, Trace>;
  #loadRun: (() => Promise<RunFn>) | null;
  /** The last run shown, kept while the engine loads for a new timing. */
  #lastTrace: Trace | null = null;
  #pendingStep: number | null = null;
  #loading: Promise<void> | null = null;

  /**
   * The run for the current choices; every view derives from it. Until the engine has loaded,
   * a timing other than the default shows the last run, and `engine` says it is loading.
   */
  readonly trace: Trace = $derived.by(() => {
    const input = this.input;
    const trace =
      this.#run?.(this.scenario, input) ??
      (this.#isDefaultTiming(input) ? this.#precomputed[input.branch] : undefined) ??
      this.#lastTrace ??
      this.#precomputed[input.branch];
    if (!trace) throw new Error(`No run of ${this.scenario.id} for ${input.branch}`);
    this.#lastTrace = trace;
    return trace;
  });

  /**
   * The step after which the scenario's decision note shows (where the choice starts to
   * matter), or 0 when this run does not reach it.
   */
  readonly decisionStep: number = $derived.by(() => {
    const after = this.scenario.decisionPoint?.after;
    return this.trace.entries.find((e) => e.key === after)?.step ?? 0;
  });

  /**
   * Where the player stands as a URL query (see writeView): the page's own URL and every link that
   * carries the run (the modes, an embed's code, the presenter's way back). Built once per step,
   * however many read it.
   */
  readonly viewQuery: string = $derived.by(() =>
    writeView(this.scenario, { ...this.input, step: this.#shown })
  );

  constructor(scenario: Scenario, source: RunSource, scheduler: Scheduler = browserScheduler) {
    this.scenario = scenario;
    this.fields = inputFieldsOf(scenario);
    this.#scheduler = scheduler;
    if ('run' in source) {
      this.#run = source.run;
      this.#precomputed = {};
      this.#loadRun = null;
    } else {
      this.#precomputed = source.precomputed;
      this.#loadRun = source.loadRun;
    }
    this.#take(defaultInput(scenario));
    this.#mark();
  }

  /** Takes a whole, valid input: the choice, the timing, and the fields that show it. */
  #take(input: RunInput) {
    this.#branch = input.branch;
    this.#timeoutS = input.timeoutS;
    this.#responseS = input.responseS;
    this.#count = input.count;
    this.#fieldStates = Object.fromEntries(
      this.fields.map((f) => [f.name, { text: String(f.get(input)), error: null }])
    );
  }

  /**
   * Each entry's standing at the current step (reached, current, selected). Views read these
   * rather than the step number, so a step re-renders only the entries it changes.
   */
  get marks(): readonly Mark[] {
    return this.#marks.list;
  }

  /** 'loading' while the engine loads for a timing other than the default; 'failed' if it could not. */
  get engine(): EngineStatus {
    return this.#engine;
  }

  #isDefaultTiming(input: RunInput) {
    const start = defaultInput(this.scenario);
    return (
      input.timeoutS === start.timeoutS &&
      input.responseS === start.responseS &&
      input.count === start.count
    );
  }

  /** How many steps the run for `input` has, or null until the engine can tell. */
  stepsOf(input: RunInput): number | null {
    if (this.#run) return this.#run(this.scenario, input).entries.length;
    const made = this.#isDefaultTiming(input) ? this.#precomputed[input.branch] : undefined;
    return made ? made.entries.length : null;
  }

  /** Resolves once the current run is the engine's or one made at build time (loaded or failed). */
  settled(): Promise<void> {
    return this.#loading ?? Promise.resolve();
  }

  /** Loads the engine when the current timing has no run made at build time. */
  #needEngine() {
    if (this.#isDefaultTiming(this.input) && this.#precomputed[this.#branch]) return;
    this.loadEngine();
  }

  /** Loads the engine now (a view about to run other timings); the trace follows when it arrives. */
  loadEngine() {
    const load = this.#loadRun;
    if (this.#run || !load || this.#engine === 'loading') return;
    this.#engine = 'loading';
    this.#loading = load().then(
      (run) => {
        this.#run = run;
        this.#engine = 'ready';
        if (this.#pendingStep !== null) this.seek(this.#pendingStep);
        else this.#clampAfterRerun();
        this.#pendingStep = null;
      },
      () => {
        this.#engine = 'failed';
      }
    );
  }

  /** The current choices, as the URL and the exports take them. */
  get input(): RunInput {
    return {
      branch: this.#branch,
      timeoutS: this.#timeoutS,
      responseS: this.#responseS,
      ...(this.#count === undefined ? {} : { count: this.#count })
    };
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
  /** A field as typed and its problem; blank for a field the scenario does not have. */
  fieldState(name: FieldName): Readonly<FieldState> {
    return this.#fieldStates[name] ?? { text: '', error: null };
  }
  get timeoutField(): Readonly<FieldState> {
    return this.fieldState('timeout');
  }
  get responseField(): Readonly<FieldState> {
    return this.fieldState('response');
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
    this.#needEngine();
    this.#clampAfterRerun();
  }

  /**
   * Takes a field as typed, in its unit; an invalid value is reported and the last valid run
   * stays. A field the scenario does not have is ignored.
   */
  setFieldText(name: FieldName, text: string) {
    const field = this.fields.find((f) => f.name === name);
    if (!field) return;
    const r = field.parse(text);
    this.#fieldStates[name] = { text, error: r.ok ? null : r.error };
    if (r.ok) {
      const next = field.set(this.input, r.value);
      this.#timeoutS = next.timeoutS;
      this.#responseS = next.responseS;
      this.#count = next.count;
      this.#needEngine();
      this.#clampAfterRerun();
    }
  }

  /** Takes the timer's length as typed, in its unit. */
  setTimeoutText(text: string) {
    this.setFieldText('timeout', text);
  }

  /** Takes the response time as typed, in its unit. */
  setResponseText(text: string) {
    this.setFieldText('response', text);
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
    this.#take(view);
    this.#needEngine();
    // A step beyond the run shown while the engine loads is sought again once it has run.
    this.#pendingStep = this.#engine === 'loading' ? view.step : null;
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
    this.#marks.follow(this.trace, this.trace.entries.length, this.#shown, this.selected);
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
