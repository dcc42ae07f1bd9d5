import type { Provenance, StepKey } from './types';

/**
 * Where each step of the canonical model comes from (../shared/domain.md, "Canonical model").
 * `provenance` answers "does the reference say this happens?"; the note says which parts of it
 * (order, receiver, name) are ours.
 */
export const STEP_PROVENANCE: Record<StepKey, { provenance: Provenance; provenanceNote: string }> =
  {
    'route-call': {
      provenance: 'documented',
      provenanceNote: 'The seed’s prose: URS sends RequestRouteCall naming the agent and place.'
    },
    'party-removed': {
      provenance: 'documented',
      provenanceNote:
        'Listed in the seed’s phase-1 table. Its meaning (the strategy’s party leaves), its place in the flow and its receiver are modeled.'
    },
    invite: {
      provenance: 'documented',
      provenanceNote:
        'The seed’s prose: Interaction Server sends EventInvite to the agent application.'
    },
    'timer-started': {
      provenance: 'documented',
      provenanceNote:
        'The seed’s prose: Interaction Server sends EventInvite and sets a timer. Its length is Interaction Server’s delivering-timeout option (section settings), from the option’s documentation.'
    },
    'agent-invited': {
      provenance: 'documented',
      provenanceNote:
        'Listed in the seed’s phase-1 table. Its place in the flow and its receiver are modeled.'
    },
    accept: {
      provenance: 'modeled',
      provenanceNote:
        'The seed says only that the agent application accepts; RequestAccept is Interaction Server’s request for that.'
    },
    'timer-cancelled': {
      provenance: 'documented',
      provenanceNote:
        'The seed’s prose: Interaction Server cancels the timer once the agent answers.'
    },
    'accept-ack': {
      provenance: 'modeled',
      provenanceNote:
        'GenEM documents EventAck answering RequestAccept in its Intrusion model, not here.'
    },
    'party-added': {
      provenance: 'documented',
      provenanceNote: 'Listed in the seed’s Agent Accepts Delivery table. Its receiver is modeled.'
    },
    'route-used': {
      provenance: 'documented',
      provenanceNote:
        'The seed’s prose: Interaction Server sends EventRouteUsed to URS, telling it that its request has been filled (after an accept) or informing it of the situation (after a reject).'
    },
    reject: {
      provenance: 'documented',
      provenanceNote: 'The seed’s prose: the agent rejects the interaction using RequestReject.'
    },
    'reject-ack': {
      provenance: 'documented',
      provenanceNote:
        'The seed’s prose: Interaction Server acknowledges RequestReject using EventAck.'
    },
    rejected: {
      provenance: 'documented',
      provenanceNote: 'Listed in the seed’s Agent Rejects Delivery table. Its receiver is modeled.'
    },
    'timer-expired': {
      provenance: 'documented',
      provenanceNote:
        'The delivering-timeout option: on expiry the interaction is revoked and returns to the queue URS took it from.'
    },
    revoked: {
      provenance: 'documented',
      provenanceNote:
        'The seed’s prose and its Time Limit Reached table: Interaction Server revokes the interaction.'
    },
    'revoked-reporting': {
      provenance: 'modeled',
      provenanceNote:
        'Interaction Server’s event log lists EventRevoked among reporting events; that it goes to the Reporting Engine here is modeled.'
    },
    'late-accept': {
      provenance: 'modeled',
      provenanceNote:
        'A variant beyond the seed: the agent answers after the invitation was revoked.'
    },
    'late-reject': {
      provenance: 'modeled',
      provenanceNote:
        'A variant beyond the seed: the agent answers after the invitation was revoked.'
    },
    'late-error': {
      provenance: 'modeled',
      provenanceNote:
        'A variant beyond the seed: Interaction Server refuses a request for an invitation it has revoked.'
    }
  };
