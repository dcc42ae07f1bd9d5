/**
 * The shape of what an author writes in content/, after validation: schema.ts holds the rules
 * for one file, parse.ts the checks across files. A scenario declares its lifelines, the
 * mechanics that run it (an invitation racing a timer, or a plain sequence), its choice, its
 * phases and its steps; the engine (src/lib/engine) knows only the mechanics.
 */

import type { Capabilities } from '../mechanics/types';

/** `documented`: GenEM or Genesys's public docs state it. `modeled`: our choice where they are silent. */
export type Provenance = 'documented' | 'modeled';

/** An attribute's illustrative value; Reason and UserData are nested mappings. */
export type AttributeValue = string | number | boolean | { [name: string]: AttributeValue };

/** A lifeline, left to right. */
export interface Lifeline {
  /** A slug, e.g. `interaction-server`; in the trace and the JSON export. */
  id: string;
  /** Shown on the lifeline's header, e.g. "Interaction Server". */
  name: string;
  /** One sentence for a newcomer. */
  description: string;
}

/** One option of the scenario's choice: an outcome the learner picks, or a version. */
export interface ChoiceOption {
  /** In URLs (`branch=`) and on the command line (`--branch`). */
  id: string;
  label: string;
  /** Words after the label, e.g. "the agent accepts". */
  hint?: string;
  /** How a run of this option ends, e.g. "Accepted". */
  outcome: string;
  /** Invitation answers only: how the run ends when the answer loses the race to the timer. */
  late?: string;
}

export interface Choice {
  /** The radio group's name: "Outcome", "Version". */
  name: string;
  /** A sentence under the options. */
  note?: string;
  options: ChoiceOption[];
}

/** The unit a timer option and a response time are set in: seconds, or minutes. */
export type TimeUnit = 's' | 'min';

/**
 * A timer, owned by one lifeline: the invitation's (its server's), or any lifeline's in a
 * timeline. Its default and range are in its `unit`, as the option that sets it is.
 */
export interface TimerSpec {
  /** In the trace and JSON; the documented option's name where there is one. */
  id: string;
  /** The lifeline whose timer it is; an invitation's is its server, read from the flow. */
  owner?: string;
  /** In sentences: "starts the delivery timer". */
  label: string;
  /** The timing field's label, without the unit. */
  field: string;
  unit: TimeUnit;
  default: number;
  min: number;
  max: number;
  provenance: Provenance;
  /** Under the timing field, before its range and default. */
  help: string;
  /** Markdown for the timer's detail card. */
  details: string;
}

/** When a party answers or acts, unless the learner changes it; in `unit`. */
export interface ResponseSpec {
  /** Who answers, in sentences: "agent accepts after 8 s". */
  party: string;
  field: string;
  unit: TimeUnit;
  default: number;
  min: number;
  max: number;
  help: string;
}

/** A party's activity that restarts a timeline's timer: how many times it acts. */
export interface ActivitySpec {
  /** Who acts, in sentences. */
  party: string;
  field: string;
  default: number;
  min: number;
  max: number;
  help: string;
}

export interface ReferenceRow {
  message: string;
  /** The message this one stands in for, where the page says "used here in place of". */
  inPlaceOf?: string;
  /** Usually one; GenEM lists a few messages under two protocols at once. */
  protocols: string[];
  /**
   * Markdown: why no step of this phase sends it, where the page lists it here anyway (the
   * model sends it in a later phase, or only its stand-in). Without it, such a row is an error.
   */
  elsewhere?: string;
}

export interface Phase {
  id: string;
  /** The page's section title, e.g. "Invitation Issued". */
  title: string;
  /** The title of the page's lost figure where it differs, e.g. "Time Limit Reached". */
  figureTitle?: string;
  /** Markdown: what this phase is about. */
  intro: string;
  /**
   * The page's own table for this phase: sorted by name, never an order of arrows. Null when
   * the page has no table for this phase.
   */
  referenceTable: ReferenceRow[] | null;
}

interface StepBase {
  /** Timeline only: sent one response time after the step before it. */
  wait?: 'response';
  provenance: Provenance;
  /** Why documented or modeled: which parts (name, order, receiver) are ours. */
  note: string;
  /** Markdown: what happens and what a learner should notice. */
  narration: string;
}

export interface MessageStep extends StepBase {
  kind: 'message';
  from: string;
  to: string;
  /** A glossary entry's name. */
  message: string;
  protocol: string;
  /** The message this one stands in for, e.g. EventRouteUsed in place of EventAck. */
  inPlaceOf?: string;
  /** Illustrative values, consistent within a run; names from the glossary. */
  attributes: Record<string, AttributeValue>;
}

export type TimerAction = 'started' | 'restarted' | 'cancelled' | 'expired';

export interface TimerStep extends StepBase {
  kind: 'timer';
  action: TimerAction;
}

/** What can happen to a lifeline itself, with no message. */
export type LifelineEvent =
  'connects' | 'disconnects' | 'restarts' | 'becomes-primary' | 'becomes-secondary';

export interface LifelineStep extends StepBase {
  kind: 'lifeline';
  lifeline: string;
  event: LifelineEvent;
  /** The other end, for `connects` and `disconnects`. */
  peer?: string;
}

export type Step = MessageStep | TimerStep | LifelineStep;

/** Steps sent in order, all in one phase. */
export interface Segment {
  phase: string;
  steps: string[];
}

/** The parts of an invitation (see content/README.md): who sends each, the engine knows. */
export interface InvitationFlow {
  request: Segment;
  invite: Segment;
  accept: Segment;
  reject: Segment;
  timeout: Segment;
  late: { phase: string; accept: string[]; reject: string[] };
  invalid?: Segment;
}

/** A plain sequence: per option (version), its phases in order. */
export type SequenceFlow = Record<string, Segment[]>;

/** One part of a timeline option (content/README.md, `mechanics: timeline`). */
export interface TimelinePart extends Segment {
  /** `activity`: run once per activity the learner sets, each one response time apart. */
  repeat?: 'activity';
  /** Attributes that go up by one in each repetition. */
  countUp?: string[];
}

/** A timeline option: its parts in order, and what follows an expiry or a late step. */
export interface TimelineOption {
  parts: TimelinePart[];
  /** Sent by the timer's owner when the timer expires. */
  expiry?: Segment;
  /** A step still due when the timer expired is sent late, then these follow it. */
  late?: Segment;
}

export type TimelineFlow = Record<string, TimelineOption>;

export interface Disagreement {
  id: string;
  title: string;
  /** Markdown: what the page says, what the model does, and why. */
  body: string;
  /** Options where it applies. */
  branches: string[];
}

interface ScenarioBase {
  /** The file name without extension; also the URL slug. */
  id: string;
  /** Where the scenario list puts it; lower first, then by id. */
  order?: number;
  /** Where `/` lists it: the stage of an interaction's life, e.g. "Connect and log in". */
  group?: string;
  title: string;
  /** Markdown, a short paragraph for the scenario list. */
  summary: string;
  /** Markdown: where the GenEM page is partial, said wherever the model is read. */
  partial?: string;
  source: { title: string; chapter: string; url: string };
  lifelines: Lifeline[];
  choice: Choice;
  decisionPoint?: { after: string; text: string };
  phases: Phase[];
  steps: Record<string, Step>;
  disagreements: Disagreement[];
  /** Derived: the protocols its steps use, in content/protocols.yaml's order. */
  protocols: string[];
  /**
   * Derived by its mechanic: what views may ask (its timer and owner, what the learner sets,
   * whether it races, whether it can be played live), so no view needs to name a mechanic.
   */
  capabilities: Capabilities;
  /**
   * Derived: the model's version, 12 hex digits hashed from the scenario's content and the
   * glossary entries it uses. Any change to either changes it; stamped exports name it, so a
   * pasted copy can tell that the model has moved since.
   */
  version: string;
}

export interface InvitationScenario extends ScenarioBase {
  mechanics: 'invitation';
  timer: TimerSpec;
  response: ResponseSpec;
  flow: InvitationFlow;
}

export interface SequenceScenario extends ScenarioBase {
  mechanics: 'sequence';
  flow: SequenceFlow;
}

export interface TimelineScenario extends ScenarioBase {
  mechanics: 'timeline';
  timer?: TimerSpec;
  response?: ResponseSpec;
  activity?: ActivitySpec;
  flow: TimelineFlow;
}

export type Scenario = InvitationScenario | SequenceScenario | TimelineScenario;

export interface GlossaryEntry {
  name: string;
  /** Protocols it travels in; EventRevoked travels in two. */
  protocols: string[];
  /** Markdown: what it means, in general. */
  meaning: string;
  /** Every attribute a scenario gives it, with one line on what it carries. */
  attributes: Record<string, string>;
}

export interface ProtocolInfo {
  id: string;
  /** Arrows and labels of this protocol on a light page, e.g. "#0b6e6e". */
  colour: string;
  /** The same on a dark page. */
  darkColour: string;
  /** Markdown: what it is and who speaks it. */
  description: string;
  /** e.g. "URS ⇄ Interaction Server". */
  carries: string;
}

export interface Content {
  scenarios: Scenario[];
  glossary: Record<string, GlossaryEntry>;
  protocols: ProtocolInfo[];
}
