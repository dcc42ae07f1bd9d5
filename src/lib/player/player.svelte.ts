/**
 * The state of one playing scenario: the only place that writes UI state. Components read its
 * getters and call its verbs; the URL is a projection of it (see url.ts). Stepping back is
 * re-deriving from the trace, never undoing anything.
 */
import {
  COMMON_PHASE,
  DEFAULT_INPUT,
  parseResponse,
  parseTimeout,
  runDelivery,
  type Branch,
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

export class Player {
  #branch = $state<Branch>(DEFAULT_INPUT.branch);
  #timeoutS = $state(DEFAULT_INPUT.timeoutS);
  #responseS = $state(DEFAULT_INPUT.responseS);
  #timeoutField = $state<FieldState>({ text: String(DEFAULT_INPUT.timeoutS), error: null });
  #responseField = $state<FieldState>({ text: String(DEFAULT_INPUT.responseS), error: null });
  /** How many trace entries are shown: 0 is the start, before anything is sent. */
  #shown = $state(0);
  #selected = $state<number | null>(null);
  #playing = $state(false);
  #speed = $state<SpeedId>('normal');
  #timer: unknown = null;
  #scheduler: Scheduler;

  /** The run for the current choices; every view derives from it. */
  readonly trace: Trace = $derived(
    runDelivery({ branch: this.#branch, timeoutS: this.#timeoutS, responseS: this.#responseS })
  );

  /** Entries of the first phase, common to every outcome; the choice matters after them. */
  readonly commonLength: number = $derived(
    this.trace.entries.filter((e) => e.phase === COMMON_PHASE).length
  );

  constructor(scheduler: Scheduler = browserScheduler) {
    this.#scheduler = scheduler;
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
  /** The agent has been invited and the outcome is about to matter. */
  get atDecisionPoint() {
    return this.#shown === this.commonLength;
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
  }

  /** Changes the agent's choice; the common steps stay, what follows is redrawn. */
  choose(branch: Branch) {
    this.#branch = branch;
    this.#clampAfterRerun();
  }

  /** Takes the delivery timeout as typed; an invalid value is reported and the last valid run stays. */
  setTimeoutText(text: string) {
    const r = parseTimeout(text);
    this.#timeoutField = { text, error: r.ok ? null : r.error };
    if (r.ok) {
      this.#timeoutS = r.value;
      this.#clampAfterRerun();
    }
  }

  setResponseText(text: string) {
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
  restore(view: { branch: Branch; timeoutS: number; responseS: number; step: number }) {
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
