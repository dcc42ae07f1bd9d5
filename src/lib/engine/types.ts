/**
 * The typed vocabulary of the delivery model: who talks, in which protocol, and what one run
 * produces. Every view (diagram, tables, transcript, exports) reads a {@link Trace} and nothing
 * else. Facts marked "documented" come from the seed or Genesys's public docs; "modeled" are our
 * own reasoned choices (see ../shared/domain.md and the README's "What the model assumes").
 */

/** Lifelines, left to right, as domain.md names them. */
export const COMPONENT_IDS = [
  'urs',
  'interaction-server',
  'agent-application',
  'reporting-engine'
] as const;
export type ComponentId = (typeof COMPONENT_IDS)[number];

export const PROTOCOLS = ['T-Library', 'Interaction Management', 'Reporting'] as const;
export type Protocol = (typeof PROTOCOLS)[number];

/**
 * What the agent does with the invitation. `timeout` means the agent never answers. The
 * *outcome* can still differ from the branch: an answer at or after the deadline loses the race
 * to the delivery timer.
 */
export const BRANCHES = ['accept', 'reject', 'timeout'] as const;
export type Branch = (typeof BRANCHES)[number];

/** What actually happened to the delivery attempt. */
export type Outcome = 'accepted' | 'rejected' | 'timed-out';

/** Phases carry the seed's section ids; their titles live in content/. */
export const PHASE_IDS = [
  'urs-requests-delivery',
  'agent-accepts-delivery',
  'agent-rejects-delivery',
  'agent-fails-to-respond'
] as const;
export type PhaseId = (typeof PHASE_IDS)[number];

/** The phase every outcome shares; the agent's choice matters after it. */
export const COMMON_PHASE: PhaseId = 'urs-requests-delivery';

/** `documented`: the seed or Genesys docs state it. `modeled`: our choice where they are silent. */
export type Provenance = 'documented' | 'modeled';

/** Illustrative identifiers, made up but consistent within one run. */
interface Ids {
  /** The interaction being delivered, as Interaction Server names it. */
  InteractionId: string;
}

/** A reason, as Interaction Server carries one (ReasonInfo). */
export interface ReasonInfo {
  /** Which system the reason code belongs to. */
  ReasonSystemName: string;
  ReasonDescription: string;
  ReasonCode: number;
}

/** Attributes shared by the Reporting-protocol party events in this scenario. */
interface PartyAttributes extends Ids {
  MediaType: string;
  /** The queue URS took the interaction from. */
  Queue: string;
  AgentId: string;
  PlaceId: string;
}

/**
 * Every message the model can send, discriminated by `name` and `protocol` (EventRevoked and
 * EventAck travel in more than one context).
 */
export type Message =
  | {
      name: 'RequestRouteCall';
      protocol: 'T-Library';
      attributes: Ids & {
        /** URS's number for this request; EventRouteUsed quotes it back. */
        ReferenceId: number;
        /** The agent URS's strategy selected. */
        AgentId: string;
        PlaceId: string;
      };
    }
  | { name: 'EventRouteUsed'; protocol: 'T-Library'; attributes: Ids & { ReferenceId: number } }
  | {
      name: 'EventInvite';
      protocol: 'Interaction Management';
      attributes: Ids & {
        /** Identifies this one invitation; the agent's answer must quote it. */
        TicketId: number;
        InteractionType: string;
        MediaType: string;
        Queue: string;
        PlaceId: string;
        /** Key-value pairs attached by the routing strategy. */
        UserData: { RTargetAgentSelected: string; RTargetPlaceSelected: string };
      };
    }
  | {
      name: 'RequestAccept';
      protocol: 'Interaction Management';
      attributes: Ids & { TicketId: number; ReferenceId: number };
    }
  | {
      name: 'RequestReject';
      protocol: 'Interaction Management';
      attributes: Ids & { TicketId: number; ReferenceId: number; Reason: ReasonInfo };
    }
  | {
      name: 'EventAck';
      protocol: 'Interaction Management';
      /** ReferenceId of the request this acknowledges. */
      attributes: { ReferenceId: number };
    }
  | {
      name: 'EventRevoked';
      protocol: 'Interaction Management' | 'Reporting';
      attributes: Ids & {
        /** The exact reason value for an expired delivery is not documented. */
        Reason: string;
      };
    }
  | {
      name: 'EventError';
      protocol: 'Interaction Management';
      attributes: { ReferenceId: number; ErrorCode: number; ErrorDescription: string };
    }
  | {
      name: 'EventPartyRemoved' | 'EventAgentInvited' | 'EventPartyAdded' | 'EventRejected';
      protocol: 'Reporting';
      attributes: PartyAttributes;
    };

export type MessageName = Message['name'];

/** Fields every trace entry has. */
interface EntryBase {
  /** 1-based position in the trace; one step of the player is one entry. */
  step: number;
  /** Virtual time in milliseconds since RequestRouteCall (t = 0). */
  at: number;
  /** Stable id of what happened, used to look up narration in content/. */
  key: StepKey;
  phase: PhaseId;
  provenance: Provenance;
  /** Why this entry is documented or modeled, for the detail panel and footnotes. */
  provenanceNote: string;
}

export interface MessageEntry extends EntryBase {
  kind: 'message';
  /** 1-based number among messages only, like mermaid's autonumber. */
  seq: number;
  from: ComponentId;
  to: ComponentId;
  message: Message;
}

export type TimerAction = 'started' | 'cancelled' | 'expired';

export interface TimerEntry extends EntryBase {
  kind: 'timer';
  action: TimerAction;
  /** The Interaction Server option that sets it (section `settings`). */
  timer: 'delivering-timeout';
  /** The lifeline that owns the timer. */
  owner: 'interaction-server';
  /** Virtual time (ms) at which the timer expires if nothing cancels it. */
  deadline: number;
}

export type TraceEntry = MessageEntry | TimerEntry;

/** Every step the model can produce; content/ narrates each one. */
export const STEP_KEYS = [
  'route-call',
  'party-removed',
  'invite',
  'timer-started',
  'agent-invited',
  'accept',
  'timer-cancelled',
  'accept-ack',
  'party-added',
  'route-used',
  'reject',
  'reject-ack',
  'rejected',
  'timer-expired',
  'revoked',
  'revoked-reporting',
  'late-accept',
  'late-reject',
  'late-error'
] as const;
export type StepKey = (typeof STEP_KEYS)[number];

/** The choices that define one run. Times are in seconds, as Interaction Server options are. */
export interface RunInput {
  branch: Branch;
  /** Interaction Server's `delivering-timeout`, whole seconds, 1 to 86,400. */
  timeoutS: number;
  /** When the agent answers after the invitation, seconds (ignored for `timeout`). */
  responseS: number;
}

export interface Trace {
  input: RunInput;
  outcome: Outcome;
  /** True when the agent answered after the timer had already revoked the invitation. */
  lateAnswer: boolean;
  entries: TraceEntry[];
}
