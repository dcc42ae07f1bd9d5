import type { SteppedClock } from './clock';
import type { MessageStep, TimerStep } from '../content/types';
import type { TraceEntry } from './types';

/** Collects trace entries as the actors speak, stamping each with the virtual time. */
export class Recorder {
  readonly entries: TraceEntry[] = [];
  #messages = 0;
  #deadline = 0;
  /** Entries recorded since the main machine last settled in a state. */
  #unsettled: TraceEntry[] = [];

  constructor(
    private readonly clock: SteppedClock,
    /** The timer's identity and length (ms), for scenarios that have one. */
    private readonly timer: { id: string; label: string; owner: string; ms: number } | null
  ) {}

  /** The main machine has settled in `state`: the entries since its last state happened in it. */
  settle(state: string) {
    for (const entry of this.#unsettled) entry.state = state;
    this.#unsettled = [];
  }

  #push(entry: TraceEntry) {
    this.entries.push(entry);
    this.#unsettled.push(entry);
  }

  message(key: string, phase: string, step: MessageStep) {
    this.#push({
      kind: 'message',
      step: this.entries.length + 1,
      seq: ++this.#messages,
      at: this.clock.now(),
      key,
      phase,
      provenance: step.provenance,
      provenanceNote: step.note,
      state: '',
      from: step.from,
      to: step.to,
      message: {
        name: step.message,
        protocol: step.protocol,
        ...(step.inPlaceOf === undefined ? {} : { inPlaceOf: step.inPlaceOf }),
        attributes: step.attributes
      }
    });
  }

  timerStep(key: string, phase: string, step: TimerStep) {
    if (!this.timer) throw new Error(`Step ${key} is a timer step, but the scenario has no timer`);
    if (step.action === 'started') this.#deadline = this.clock.now() + this.timer.ms;
    this.#push({
      kind: 'timer',
      step: this.entries.length + 1,
      at: this.clock.now(),
      key,
      phase,
      provenance: step.provenance,
      provenanceNote: step.note,
      state: '',
      action: step.action,
      timer: this.timer.id,
      label: this.timer.label,
      owner: this.timer.owner,
      deadline: this.#deadline
    });
  }
}
