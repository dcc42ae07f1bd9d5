import type { SteppedClock } from './clock';
import type { LifelineStep, MessageStep, TimerStep } from '../content/types';
import type { AttributeValue, TraceEntry } from './types';

/** The timer a run can start: its identity, its owner and its length in ms. */
export interface RunTimer {
  id: string;
  label: string;
  owner: string;
  ms: number;
}

/** Collects trace entries as the actors speak, stamping each with the virtual time. */
export class Recorder {
  readonly entries: TraceEntry[] = [];
  #messages = 0;
  #deadline = 0;
  #running = false;
  /** Entries recorded since the main machine last settled in a state. */
  #unsettled: TraceEntry[] = [];

  constructor(
    private readonly clock: SteppedClock,
    /** The timer's identity and length, for scenarios that have one. */
    private readonly timer: RunTimer | null
  ) {}

  /** Virtual time now (ms). */
  get now() {
    return this.clock.now();
  }

  /** When the running timer expires (ms), or the last deadline it had. */
  get deadline() {
    return this.#deadline;
  }

  /** The timer has been started or restarted and not cancelled or expired since. */
  get timerRunning() {
    return this.#running;
  }

  /** The main machine has settled in `state`: the entries since its last state happened in it. */
  settle(state: string) {
    for (const entry of this.#unsettled) entry.state = state;
    this.#unsettled = [];
  }

  #push(entry: TraceEntry) {
    this.entries.push(entry);
    this.#unsettled.push(entry);
  }

  #base(key: string, phase: string, step: { provenance: TraceEntry['provenance']; note: string }) {
    return {
      step: this.entries.length + 1,
      at: this.clock.now(),
      key,
      phase,
      provenance: step.provenance,
      provenanceNote: step.note,
      state: ''
    };
  }

  /**
   * A message as sent; `bump` is added to the attributes named in `countUp` (a repeated
   * activity's ReferenceId goes up by one each time).
   */
  message(key: string, phase: string, step: MessageStep, bump = 0, countUp?: readonly string[]) {
    let attributes: Record<string, AttributeValue> = step.attributes;
    if (bump !== 0 && countUp) {
      attributes = { ...attributes };
      for (const name of countUp) {
        const value = attributes[name];
        if (typeof value === 'number') attributes[name] = value + bump;
      }
    }
    this.#push({
      kind: 'message',
      ...this.#base(key, phase, step),
      seq: ++this.#messages,
      from: step.from,
      to: step.to,
      message: {
        name: step.message,
        protocol: step.protocol,
        ...(step.inPlaceOf === undefined ? {} : { inPlaceOf: step.inPlaceOf }),
        attributes
      }
    });
  }

  timerStep(key: string, phase: string, step: TimerStep) {
    if (!this.timer) throw new Error(`Step ${key} is a timer step, but the scenario has no timer`);
    if (step.action === 'started' || step.action === 'restarted') {
      this.#deadline = this.clock.now() + this.timer.ms;
      this.#running = true;
    } else {
      this.#running = false;
    }
    this.#push({
      kind: 'timer',
      ...this.#base(key, phase, step),
      action: step.action,
      timer: this.timer.id,
      label: this.timer.label,
      owner: this.timer.owner,
      deadline: this.#deadline
    });
  }

  lifeline(key: string, phase: string, step: LifelineStep) {
    this.#push({
      kind: 'lifeline',
      ...this.#base(key, phase, step),
      lifeline: step.lifeline,
      event: step.event,
      ...(step.peer === undefined ? {} : { peer: step.peer })
    });
  }
}
