/**
 * The machine-readable export of one run. Keys are written in a fixed order so that two runs
 * with the same input give byte-identical files.
 */
import type { Scenario } from '../content/types';
import type {
  AttributeValue,
  LifelineEvent,
  Provenance,
  TimerAction,
  Trace,
  TraceEntry
} from '../engine/types';

interface ExportEventBase {
  /** 1-based position in the trace. */
  step: number;
  /** Virtual time, ms since the first message. */
  at: number;
}

export interface ExportMessageEvent extends ExportEventBase {
  kind: 'message';
  from: string;
  to: string;
  name: string;
  /** Only on a stand-in: the message it is used in place of. */
  inPlaceOf?: string;
  protocol: string;
  phase: string;
  provenance: Provenance;
  attributes: Record<string, AttributeValue>;
}

export interface ExportTimerEvent extends ExportEventBase {
  kind: 'timer';
  action: TimerAction;
  /** The timer's id, e.g. `delivering-timeout`. */
  timer: string;
  owner: string;
  /** Virtual time, ms, at which the timer expires unless cancelled. */
  deadline: number;
  phase: string;
  provenance: Provenance;
}

/** Something that happens to a lifeline itself: it connects, disconnects, restarts, … */
export interface ExportLifelineEvent extends ExportEventBase {
  kind: 'lifeline';
  /** The lifeline's id. */
  lifeline: string;
  event: LifelineEvent;
  /** Only for `connects` and `disconnects`: the other end's id. */
  peer?: string;
  phase: string;
  provenance: Provenance;
}

export type ExportEvent = ExportMessageEvent | ExportTimerEvent | ExportLifelineEvent;

export interface ExportJson {
  /** The scenario's id (its file name in content/). */
  scenario: string;
  /** The option chosen. */
  branch: string;
  /** What happened; a late answer is a timeout. */
  outcome: string;
  lateAnswer: boolean;
  /** The timing, for scenarios with a timer; empty for the others. */
  input: { timeoutS?: number; responseS?: number; count?: number };
  events: ExportEvent[];
}

/** A deep copy (keys keep their order), so the export never shares objects with the engine. */
function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** The export of one run as a plain object, keys in a stable order. */
export function toExportJson(
  trace: Trace,
  scenario: Pick<Scenario, 'id' | 'capabilities'>
): ExportJson {
  return {
    scenario: scenario.id,
    branch: trace.input.branch,
    outcome: trace.outcome,
    lateAnswer: trace.lateAnswer,
    input: {
      ...(scenario.capabilities.timer ? { timeoutS: trace.input.timeoutS } : {}),
      ...(scenario.capabilities.response ? { responseS: trace.input.responseS } : {}),
      ...(scenario.capabilities.activity ? { count: trace.input.count } : {})
    },
    events: trace.entries.map(exportEvent)
  };
}

/** One entry as an event of the export, its keys in the documented order. */
function exportEvent(e: TraceEntry): ExportEvent {
  switch (e.kind) {
    case 'message':
      return {
        step: e.step,
        at: e.at,
        kind: 'message',
        from: e.from,
        to: e.to,
        name: e.message.name,
        ...(e.message.inPlaceOf === undefined ? {} : { inPlaceOf: e.message.inPlaceOf }),
        protocol: e.message.protocol,
        phase: e.phase,
        provenance: e.provenance,
        attributes: copy(e.message.attributes)
      };
    case 'timer':
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
    case 'lifeline':
      return {
        step: e.step,
        at: e.at,
        kind: 'lifeline',
        lifeline: e.lifeline,
        event: e.event,
        ...(e.peer === undefined ? {} : { peer: e.peer }),
        phase: e.phase,
        provenance: e.provenance
      };
  }
}

/** The export as JSON text: two-space indent and a trailing newline. */
export function toJsonText(trace: Trace, scenario: Pick<Scenario, 'id' | 'capabilities'>): string {
  return `${JSON.stringify(toExportJson(trace, scenario), null, 2)}\n`;
}
