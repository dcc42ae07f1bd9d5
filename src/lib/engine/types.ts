/**
 * What one run produces: a typed trace that every view (diagram, tables, transcript, exports)
 * reads, and nothing else. The engine knows mechanics, not words: ids are the scenario's own
 * open strings (checked when content/ is loaded), and the trace carries the few words views
 * need (the timer's label, the message at t = 0, how the run ended).
 */
import type { AttributeValue, LifelineEvent, Provenance, TimerAction } from '../content/types';

export type { AttributeValue, LifelineEvent, Provenance, TimerAction } from '../content/types';

/** A message as it travels: its name, its protocol and its illustrative attribute values. */
export interface Message {
  /** As Genesys names it, e.g. "EventRouteUsed". */
  name: string;
  /** One of content/protocols.yaml, e.g. "T-Library". */
  protocol: string;
  /** A documented stand-in: the message this one is used in place of, e.g. "EventAck". */
  inPlaceOf?: string;
  attributes: Record<string, AttributeValue>;
}

/** Fields every trace entry has. */
interface EntryBase {
  /** 1-based position in the trace; one step of the player is one entry. */
  step: number;
  /** Virtual time in milliseconds since the first message (t = 0). */
  at: number;
  /** The scenario's step key, which content/ narrates. */
  key: string;
  /** The phase of the flow part this step was sent in. */
  phase: string;
  provenance: Provenance;
  /** Why this entry is documented or modeled, for the detail panel and footnotes. */
  provenanceNote: string;
  /**
   * The state of the mechanics' main machine once this entry has happened: Interaction
   * Server's statechart for an invitation (`idle`, `inviting.waiting`, `accepted`, …), the
   * sender's for a sequence. A dotted path into {@link statechartOf}'s states.
   */
  state: string;
}

export interface MessageEntry extends EntryBase {
  kind: 'message';
  /** 1-based number among messages only, like mermaid's autonumber. */
  seq: number;
  /** Lifeline ids. */
  from: string;
  to: string;
  message: Message;
}

export interface TimerEntry extends EntryBase {
  kind: 'timer';
  action: TimerAction;
  /** The timer's id, e.g. Interaction Server's option `delivering-timeout`. */
  timer: string;
  /** The timer in sentences, e.g. "delivery timer". */
  label: string;
  /** The lifeline that owns the timer. */
  owner: string;
  /** Virtual time (ms) at which the timer expires if nothing cancels it. */
  deadline: number;
}

export interface LifelineEntry extends EntryBase {
  kind: 'lifeline';
  /** The lifeline it happens to (its id). */
  lifeline: string;
  event: LifelineEvent;
  /** The other end of a connection, for `connects` and `disconnects`; otherwise absent. */
  peer?: string;
}

export type TraceEntry = MessageEntry | TimerEntry | LifelineEntry;

/** The choices that define one run. Times are in seconds, as Interaction Server options are. */
export interface RunInput {
  /** One of the scenario's choice options: an outcome to aim for, or a version. */
  branch: string;
  /** The timer's length, whole seconds (ignored by scenarios without a timer). */
  timeoutS: number;
  /** When the invited party answers after the invitation, seconds (ignored without a timer). */
  responseS: number;
  /** How many times a party acts against the timer (timeline with `activity` only). */
  count?: number;
}

export interface Trace {
  /** The scenario's id. */
  scenario: string;
  input: RunInput;
  /**
   * What happened: `accepted`, `rejected`, `timed-out` or `invalid` for an invitation; the
   * version's id for a sequence. It can differ from the branch: a late answer is a timeout.
   */
  outcome: string;
  /** The option whose outcome this run had: a late accept ends as `timeout`. */
  endedAs: string;
  /** The outcome in words, from content/: "Accepted", "Timed out; …arrived too late". */
  outcomeLabel: string;
  /** True when the invited party answered after the timer had already revoked the invitation. */
  lateAnswer: boolean;
  /**
   * What times count from ("from RequestRouteCall at 0 s"): the first message's name when one
   * is sent at t = 0, else "the start of the run" (a client that connects, then waits).
   */
  origin: string;
  /** The timer this run raced, if the scenario has one and the run started it. */
  timer: { id: string; label: string; owner: string } | null;
  entries: TraceEntry[];
}
