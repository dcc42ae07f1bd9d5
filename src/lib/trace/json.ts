/**
 * The machine-readable export of one run. Keys are written in a fixed order so that two runs
 * with the same input give byte-identical files.
 */
import type {
  Branch,
  ComponentId,
  Message,
  Outcome,
  PhaseId,
  Protocol,
  Provenance,
  TimerAction,
  Trace
} from '../engine/types';
import type { Scenario } from '../content/types';

interface ExportEventBase {
  /** 1-based position in the trace. */
  step: number;
  /** Virtual time, ms since RequestRouteCall. */
  at: number;
}

export interface ExportMessageEvent extends ExportEventBase {
  kind: 'message';
  from: ComponentId;
  to: ComponentId;
  name: Message['name'];
  protocol: Protocol;
  phase: PhaseId;
  provenance: Provenance;
  attributes: Message['attributes'];
}

export interface ExportTimerEvent extends ExportEventBase {
  kind: 'timer';
  action: TimerAction;
  timer: 'delivering-timeout';
  owner: ComponentId;
  /** Virtual time, ms, at which the timer expires unless cancelled. */
  deadline: number;
  phase: PhaseId;
  provenance: Provenance;
}

export type ExportEvent = ExportMessageEvent | ExportTimerEvent;

export interface ExportJson {
  /** The scenario's id (its file name in content/). */
  scenario: string;
  branch: Branch;
  outcome: Outcome;
  lateAnswer: boolean;
  input: { timeoutS: number; responseS: number };
  events: ExportEvent[];
}

/** A deep copy (keys keep their order), so the export never shares objects with the engine. */
function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** The export of one run as a plain object, keys in a stable order. */
export function toExportJson(trace: Trace, scenario: Pick<Scenario, 'id'>): ExportJson {
  return {
    scenario: scenario.id,
    branch: trace.input.branch,
    outcome: trace.outcome,
    lateAnswer: trace.lateAnswer,
    input: { timeoutS: trace.input.timeoutS, responseS: trace.input.responseS },
    events: trace.entries.map((e): ExportEvent => {
      if (e.kind === 'message') {
        return {
          step: e.step,
          at: e.at,
          kind: 'message',
          from: e.from,
          to: e.to,
          name: e.message.name,
          protocol: e.message.protocol,
          phase: e.phase,
          provenance: e.provenance,
          attributes: copy(e.message.attributes)
        };
      }
      return {
        step: e.step,
        at: e.at,
        kind: 'timer',
        action: e.action,
        timer: e.timer,
        owner: e.owner,
        deadline: e.deadline,
        phase: e.phase,
        provenance: e.provenance
      };
    })
  };
}

/** The export as JSON text: two-space indent and a trailing newline. */
export function toJsonText(trace: Trace, scenario: Pick<Scenario, 'id'>): string {
  return `${JSON.stringify(toExportJson(trace, scenario), null, 2)}\n`;
}
