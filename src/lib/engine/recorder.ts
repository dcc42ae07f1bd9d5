import type { SteppedClock } from './clock';
import { STEP_PROVENANCE } from './provenance';
import type {
  ComponentId,
  Message,
  PhaseId,
  RunInput,
  StepKey,
  TimerAction,
  TraceEntry
} from './types';

/** Collects trace entries as the actors speak, stamping each with the virtual time. */
export class Recorder {
  readonly entries: TraceEntry[] = [];
  #messages = 0;
  #deadline = 0;

  constructor(
    private readonly clock: SteppedClock,
    private readonly run: RunInput
  ) {}

  message(m: {
    key: StepKey;
    phase: PhaseId;
    from: ComponentId;
    to: ComponentId;
    message: Message;
  }) {
    this.entries.push({
      kind: 'message',
      step: this.entries.length + 1,
      seq: ++this.#messages,
      at: this.clock.now(),
      key: m.key,
      phase: m.phase,
      ...STEP_PROVENANCE[m.key],
      from: m.from,
      to: m.to,
      message: m.message
    });
  }

  timer(t: { key: StepKey; phase: PhaseId; action: TimerAction }) {
    if (t.action === 'started') this.#deadline = this.clock.now() + this.run.timeoutS * 1000;
    this.entries.push({
      kind: 'timer',
      step: this.entries.length + 1,
      at: this.clock.now(),
      key: t.key,
      phase: t.phase,
      ...STEP_PROVENANCE[t.key],
      action: t.action,
      timer: 'delivering-timeout',
      owner: 'interaction-server',
      deadline: this.#deadline
    });
  }
}
