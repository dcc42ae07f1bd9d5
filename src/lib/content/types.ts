/**
 * The shape of what an author writes in content/, after validation. The schema in schema.ts
 * is the single source of these rules; this file only names the result.
 */
import type {
  Branch,
  ComponentId,
  MessageName,
  PhaseId,
  Protocol,
  Provenance,
  StepKey
} from '$lib/engine/types';

/** A lifeline: one of the four components, in left-to-right order. */
export interface Component {
  id: ComponentId;
  /** Name shown on the lifeline header, e.g. "Interaction Server". */
  name: string;
  /** One sentence for a newcomer. */
  description: string;
}

/** One row of a reference table, exactly as the seed prints it. */
export interface ReferenceRow {
  message: MessageName;
  protocol: Protocol;
}

export interface Phase {
  id: PhaseId;
  /** The seed's section title, e.g. "URS Requests Delivery". */
  title: string;
  /** The title of the seed's lost figure where it differs, e.g. "Time Limit Reached". */
  figureTitle?: string;
  /** The branch this phase belongs to; absent for the common first phase. */
  branch?: Branch;
  /** Markdown: what this phase is about. */
  intro: string;
  /** The seed's own table for this phase: sorted by name, never an order of arrows. */
  referenceTable: ReferenceRow[];
}

/** A place where the model and the reference disagree (domain.md lists three). */
export interface Disagreement {
  id: string;
  title: string;
  /** Markdown: what the reference says, what the model does, and why. */
  body: string;
  /** Branches where it applies; the player shows it there. */
  branches: Branch[];
}

export interface Scenario {
  /** The file name without extension; also the URL slug. */
  id: string;
  title: string;
  /** Markdown, a short paragraph for the scenario list. */
  summary: string;
  /** Which engine mechanics run this scenario. */
  model: 'deliver-interaction-to-agent';
  source: { title: string; chapter: string; url: string };
  components: Component[];
  phases: Phase[];
  /** Markdown per step the engine can produce: what happens and why. */
  narration: Record<StepKey, string>;
  /** Markdown shown when the player reaches the decision point (the agent has been invited). */
  decisionPoint: string;
  disagreements: Disagreement[];
}

export interface GlossaryAttribute {
  name: string;
  /** One line: what it carries. */
  description: string;
}

export interface GlossaryEntry {
  name: MessageName;
  /** Protocols it travels in; EventRevoked travels in two. */
  protocols: Protocol[];
  /** e.g. "Interaction Server → Agent Application". */
  direction: string;
  /** Markdown: what it means and why it is sent. */
  meaning: string;
  provenance: Provenance;
  /** Why documented or modeled, in one sentence. */
  provenanceNote: string;
  attributes: GlossaryAttribute[];
}

export interface ProtocolInfo {
  id: Protocol;
  /** Markdown: what it is and who speaks it here. */
  description: string;
  /** e.g. "URS ⇄ Interaction Server". */
  carries: string;
}

export interface Content {
  scenarios: Scenario[];
  glossary: Record<string, GlossaryEntry>;
  protocols: ProtocolInfo[];
}
