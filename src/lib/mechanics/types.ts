/**
 * What a mechanic is: one module that owns its flow's schema, its structural checks, its XState
 * machine, how its runs end, and what views may ask of a scenario that uses it. Register a new
 * one in ./index.ts; nothing outside this folder names a mechanic.
 */
import type { AnyActor, AnyStateMachine } from 'xstate';
import type { z } from 'zod';
import type { ScenarioChecks, ScenarioDraft } from '../content/checks';
import type {
  ActivitySpec,
  ChoiceOption,
  ResponseSpec,
  Scenario,
  Segment,
  TimerSpec
} from '../content/types';

/** A scenario's XState system, and the machine whose states the statechart shows. */
export interface Built {
  system: AnyStateMachine;
  /** The machine the statechart draws and each trace entry's `state` names. */
  main: AnyStateMachine;
  /** The main machine's actor id in the system; null when it is the system's root. */
  mainId: string | null;
  /**
   * When an entry takes the main machine's state: at the machine's next state (`snapshot`: an
   * invitation's request is recorded in `idle`, the server's reaction in the state it moves to),
   * or once the instant it happened in has settled (`instant`: a timeline's timer reacts to the
   * script's steps only after the step, so its next state is not the step's).
   */
  settleOn: 'snapshot' | 'instant';
}

/** How a run ended, read from the machines once they settle. */
export interface Ending {
  outcome: string;
  endedAs: string;
  outcomeLabel: string;
  lateAnswer: boolean;
}

/** A timer as views need it: its spec with the lifeline that owns it. */
export type OwnedTimer = TimerSpec & { owner: string };

/** What views ask of a scenario, so none of them needs to know its mechanic. */
export interface Capabilities {
  /** The timer a run can start, with its owner; null without one. */
  timer: OwnedTimer | null;
  /** The response time the learner sets (an answer's, or the wait between a party's acts). */
  response: ResponseSpec | null;
  /** How many times a party acts against the timer, when the learner sets it. */
  activity: ActivitySpec | null;
  /**
   * The options whose ending follows from racing the timer (an answer, or a party's activity):
   * the outcome map has a row for each. Empty when nothing races a timer.
   */
  racing: string[];
  /**
   * A person can play a party live against the timer ("You are the agent"): the lifeline they
   * play and the one whose timer they race. Null where no one can.
   */
  live: { party: string; server: string } | null;
  /** What the timer's owner does when it expires, in words ("revokes the invitation"), if one thing. */
  expiryWords: string | null;
  /** Whose states the statechart shows, in words: "Interaction Server". */
  statechartOf: string;
  /** One or two sentences over the statechart: what it is the machine of, and its standing. */
  statechartIntro: string;
}

/**
 * A mechanic's content half: the flow's shape and the checks beyond it. Kept apart from the
 * runtime half so that loading content (build time) brings zod, and the browser never does.
 */
export interface MechanicFlow<S extends Scenario = Scenario> {
  /** The flow's shape in the scenario file. */
  flowSchema: z.ZodType<S['flow']>;
  /** Checks beyond the schema: who sends what, where timers stand, which options exist. */
  check(c: ScenarioChecks, scenario: ScenarioDraft, flow: S['flow']): void;
}

/** A mechanic's runtime half: its machines, how its runs end, and what views may ask. */
export interface Mechanic<S extends Scenario = Scenario> {
  id: S['mechanics'];
  /** One line for the content README and errors: what it models. */
  summary: string;
  /** Every list of steps the flow names, with its phase: what each phase can send. */
  segments(scenario: S): Segment[];
  build(scenario: S): Built;
  /** How a run of `chosen` ended, from the system's actors once the clock has run out. */
  ending(scenario: S, actor: AnyActor, chosen: ChoiceOption): Ending;
  capabilities(scenario: S): Capabilities;
}
