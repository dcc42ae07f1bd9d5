import type { ComponentId, Message, StepKey } from './types';

/** Illustrative values, consistent within a run (domain.md: "values are made up"). */
export const IDS = {
  InteractionId: '000AaC7R4VSE001A',
  AgentId: 'agent-1001',
  PlaceId: 'place-1001',
  Queue: 'inbound-email',
  MediaType: 'email',
  InteractionType: 'Inbound',
  /** URS's ReferenceId for RequestRouteCall; EventRouteUsed quotes it back. */
  ursReference: 41,
  /**
   * The routing strategy's party, which leaves as URS hands the interaction to delivery
   * (EventPartyRemoved; domain.md: "the strategy party"). Its identifiers are modeled.
   */
  strategyParty: 'urs-strategy-1',
  /** The agent application's ReferenceId for its answer; EventAck and EventError quote it. */
  agentReference: 7,
  TicketId: 3
} as const;

const party = {
  InteractionId: IDS.InteractionId,
  MediaType: IDS.MediaType,
  Queue: IDS.Queue,
  AgentId: IDS.AgentId,
  PlaceId: IDS.PlaceId
};

const accept: Message = {
  name: 'RequestAccept',
  protocol: 'Interaction Management',
  attributes: {
    TicketId: IDS.TicketId,
    InteractionId: IDS.InteractionId,
    ReferenceId: IDS.agentReference
  }
};

const reject: Message = {
  name: 'RequestReject',
  protocol: 'Interaction Management',
  attributes: {
    TicketId: IDS.TicketId,
    InteractionId: IDS.InteractionId,
    ReferenceId: IDS.agentReference,
    Reason: {
      ReasonSystemName: 'agent-desktop',
      ReasonDescription: 'Agent declined the interaction',
      ReasonCode: 1
    }
  }
};

const ack: Message = {
  name: 'EventAck',
  protocol: 'Interaction Management',
  attributes: { ReferenceId: IDS.agentReference }
};

const routeUsed: Message = {
  name: 'EventRouteUsed',
  protocol: 'T-Library',
  attributes: { ReferenceId: IDS.ursReference, InteractionId: IDS.InteractionId }
};

/** The reason value for an expired delivery is not documented; this one is illustrative. */
const REVOKE_REASON = 'delivering-timeout expired';

export type MessageStepKey = Exclude<StepKey, `timer-${string}`>;

/** What each message step sends, from whom, to whom. The actors decide when. */
export const MESSAGE_STEPS: Record<
  MessageStepKey,
  { from: ComponentId; to: ComponentId; message: Message }
> = {
  'route-call': {
    from: 'urs',
    to: 'interaction-server',
    message: {
      name: 'RequestRouteCall',
      protocol: 'T-Library',
      attributes: {
        InteractionId: IDS.InteractionId,
        ReferenceId: IDS.ursReference,
        AgentId: IDS.AgentId,
        PlaceId: IDS.PlaceId
      }
    }
  },
  'party-removed': {
    from: 'interaction-server',
    to: 'reporting-engine',
    message: {
      name: 'EventPartyRemoved',
      protocol: 'Reporting',
      attributes: { ...party, AgentId: IDS.strategyParty, PlaceId: IDS.strategyParty }
    }
  },
  invite: {
    from: 'interaction-server',
    to: 'agent-application',
    message: {
      name: 'EventInvite',
      protocol: 'Interaction Management',
      attributes: {
        TicketId: IDS.TicketId,
        InteractionId: IDS.InteractionId,
        InteractionType: IDS.InteractionType,
        MediaType: IDS.MediaType,
        Queue: IDS.Queue,
        PlaceId: IDS.PlaceId,
        UserData: { RTargetAgentSelected: IDS.AgentId, RTargetPlaceSelected: IDS.PlaceId }
      }
    }
  },
  'agent-invited': {
    from: 'interaction-server',
    to: 'reporting-engine',
    message: { name: 'EventAgentInvited', protocol: 'Reporting', attributes: party }
  },
  accept: { from: 'agent-application', to: 'interaction-server', message: accept },
  'accept-ack': { from: 'interaction-server', to: 'agent-application', message: ack },
  'party-added': {
    from: 'interaction-server',
    to: 'reporting-engine',
    message: { name: 'EventPartyAdded', protocol: 'Reporting', attributes: party }
  },
  'route-used': { from: 'interaction-server', to: 'urs', message: routeUsed },
  reject: { from: 'agent-application', to: 'interaction-server', message: reject },
  'reject-ack': { from: 'interaction-server', to: 'agent-application', message: ack },
  rejected: {
    from: 'interaction-server',
    to: 'reporting-engine',
    message: { name: 'EventRejected', protocol: 'Reporting', attributes: party }
  },
  revoked: {
    from: 'interaction-server',
    to: 'agent-application',
    message: {
      name: 'EventRevoked',
      protocol: 'Interaction Management',
      attributes: { InteractionId: IDS.InteractionId, Reason: REVOKE_REASON }
    }
  },
  'revoked-reporting': {
    from: 'interaction-server',
    to: 'reporting-engine',
    message: {
      name: 'EventRevoked',
      protocol: 'Reporting',
      attributes: { InteractionId: IDS.InteractionId, Reason: REVOKE_REASON }
    }
  },
  'late-accept': { from: 'agent-application', to: 'interaction-server', message: accept },
  'late-reject': { from: 'agent-application', to: 'interaction-server', message: reject },
  'late-error': {
    from: 'interaction-server',
    to: 'agent-application',
    message: {
      name: 'EventError',
      protocol: 'Interaction Management',
      attributes: {
        ReferenceId: IDS.agentReference,
        ErrorCode: 1,
        ErrorDescription: 'The invitation was revoked; the interaction is not offered to this agent'
      }
    }
  }
};
