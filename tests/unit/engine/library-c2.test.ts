import { describe, expect, it } from 'vitest';
import { defaultInput } from '../../../src/lib/engine/input';
import { run } from '../../../src/lib/engine/run';
import type { RunInput } from '../../../src/lib/engine/types';
import { realScenario } from '../../fixtures/content';
import { expand, messages, row, type Part } from './oracle';

/*
 * Oracle tests for four models of the library, transcribed by hand from the "Canonical model" and
 * "Attributes" tables of ../shared/genem/media-server-submits.md, agent-submits.md,
 * invoke-autoresponse.md and place-in-queue.md (values from cast.md), never read from content/:
 * the point is to fail when the content or the engine drifts from them.
 */

type Trace = ReturnType<typeof run>;

/** The attributes of every message called `name`, in the order they were sent. */
function attributesOf(trace: Trace, name: string): Record<string, unknown>[] {
  return messages(trace)
    .filter((e) => e.message.name === name)
    .map((e) => e.message.attributes as Record<string, unknown>);
}

/** A run of a model at the defaults its canonical file states, with one option picked. */
function atDefaults(id: string, branch: string, timing: Partial<RunInput> = {}): Trace {
  const model = realScenario(id);
  return run(model, { ...defaultInput(model), branch, ...timing });
}

/** Every EventAck, EventError and EventRouteUsed quotes the ReferenceId of its receiver's request. */
function expectAnswersQuoteTheirRequests(trace: Trace): void {
  const sent = messages(trace);
  const referenceId = (e: (typeof sent)[number] | undefined): unknown =>
    e === undefined ? undefined : (e.message.attributes as Record<string, unknown>).ReferenceId;
  sent.forEach((e, i) => {
    if (!['EventAck', 'EventError', 'EventRouteUsed'].includes(e.message.name)) return;
    const request = sent.slice(0, i).findLast((r) => r.from === e.to);
    expect(referenceId(request), `the request ${e.message.name} to ${e.to} answers`).toBeDefined();
    expect(referenceId(e), `${e.message.name} to ${e.to}`).toBe(referenceId(request));
  });
}

/** The cast's one interaction and its autoresponse child (cast.md). */
const INTERACTION = '000AaC7R4VSE001A';
const CHILD = '000AaC7R4VSE001B';

/** The cast's "Client is not registered" error (cast.md's table). */
const NOT_REGISTERED = { ErrorCode: 52, ErrorDescription: 'Client is not registered' };

/** Every model here but Invoke Autoresponse is a plain sequence: each option's rows, all at t = 0. */
const SEQUENCES: Record<string, Record<string, Part>> = {
  // media-server-submits.md
  'media-server-submits': {
    valid: [
      'media-server-asks-to-submit',
      0,
      [
        'media-server → interaction-server RequestSubmit (Interaction Management) documented',
        'interaction-server → media-server EventAck (Interaction Management) documented',
        'interaction-server → reporting-engine EventInteractionSubmitted (Reporting) documented'
      ]
    ],
    invalid: [
      'unsuccessful-submission-by-media-server',
      0,
      [
        'media-server → interaction-server RequestSubmit (Interaction Management) documented',
        'interaction-server → media-server EventError (Interaction Management) documented'
      ]
    ]
  },
  // agent-submits.md
  'agent-submits': {
    valid: [
      'successful-submission',
      0,
      [
        'agent-application → interaction-server RequestSubmit (Interaction Management) modeled',
        'interaction-server → agent-application EventAck (Interaction Management) documented',
        'interaction-server → reporting-engine EventInteractionSubmitted (Reporting) documented',
        'interaction-server → reporting-engine EventPartyAdded (Reporting) documented'
      ]
    ],
    invalid: [
      'unsuccessful-submission',
      0,
      [
        'agent-application → interaction-server RequestSubmit (Interaction Management) modeled',
        'interaction-server → agent-application EventError (Interaction Management) documented'
      ]
    ]
  },
  // place-in-queue.md
  'place-in-queue': {
    urs: [
      'place-interaction-in-queue',
      0,
      [
        'urs → interaction-server RequestRouteCall in place of RequestPlaceInQueue (T-Library) documented',
        'interaction-server → urs EventRouteUsed in place of EventAck (T-Library) documented',
        'interaction-server → reporting-engine EventPartyRemoved (Reporting) documented',
        'interaction-server → reporting-engine EventPlacedInQueue (Reporting) documented'
      ]
    ],
    agent: [
      'place-interaction-in-queue',
      0,
      [
        'agent-application → interaction-server RequestPlaceInQueue (Interaction Management) documented',
        'interaction-server → agent-application EventAck (Interaction Management) documented',
        'interaction-server → reporting-engine EventPartyRemoved (Reporting) documented',
        'interaction-server → reporting-engine EventPlacedInQueue (Reporting) documented'
      ]
    ]
  }
};

describe.each(Object.keys(SEQUENCES))('the %s model', (id) => {
  const options = Object.entries(SEQUENCES[id] ?? {});

  it('does offer exactly the canonical options, in order', () => {
    expect(realScenario(id).choice.options.map((o) => o.id)).toEqual(options.map(([b]) => b));
  });

  it.each(options)('does option %s arrow for arrow, all at t = 0', (branch, part) => {
    const trace = atDefaults(id, branch);
    expect(trace.entries.map(row)).toEqual(expand(part));
    expect(trace.outcome).toBe(branch);
    expect(trace.lateAnswer).toBe(false);
    expect(trace.timer).toBeNull();
    expectAnswersQuoteTheirRequests(trace);
  });
});

describe('the media-server-submits model', () => {
  it('does submit the cast’s inbound e-mail to inbound-email as request 1', () => {
    const trace = atDefaults('media-server-submits', 'valid');
    expect(attributesOf(trace, 'RequestSubmit')[0]).toMatchObject({
      ReferenceId: 1,
      TenantId: 101,
      Queue: 'inbound-email',
      MediaType: 'email',
      InteractionType: 'Inbound',
      InteractionSubtype: 'InboundNew',
      InteractionId: INTERACTION
    });
    expect(attributesOf(trace, 'EventAck')).toEqual([{ ReferenceId: 1 }]);
    expect(attributesOf(trace, 'EventInteractionSubmitted')[0]).toMatchObject({
      InteractionId: INTERACTION,
      Queue: 'inbound-email',
      TenantId: 101
    });
  });

  it('does refuse an unregistered media server with error 52 and report nothing', () => {
    const trace = atDefaults('media-server-submits', 'invalid');
    expect(attributesOf(trace, 'EventError')).toEqual([{ ReferenceId: 1, ...NOT_REGISTERED }]);
    expect(messages(trace).some((e) => e.to === 'reporting-engine')).toBe(false);
  });
});

describe('the agent-submits model', () => {
  it('does report agent-1001 joining the interaction it submitted', () => {
    const trace = atDefaults('agent-submits', 'valid');
    expect(attributesOf(trace, 'RequestSubmit')[0]).toMatchObject({
      ReferenceId: 1,
      InteractionId: INTERACTION
    });
    expect(attributesOf(trace, 'EventPartyAdded')[0]).toMatchObject({
      InteractionId: INTERACTION,
      AgentId: 'agent-1001',
      PlaceId: 'place-1001'
    });
  });

  it('does refuse an unregistered agent application with error 52', () => {
    const trace = atDefaults('agent-submits', 'invalid');
    expect(attributesOf(trace, 'EventError')).toEqual([{ ReferenceId: 1, ...NOT_REGISTERED }]);
  });
});

describe('the place-in-queue model', () => {
  it('does mark the URS version’s T-Library stand-ins, and only them', () => {
    const standIns = ['urs', 'agent'].flatMap((branch) =>
      messages(atDefaults('place-in-queue', branch)).flatMap((e) =>
        e.message.inPlaceOf ? [[branch, e.message.name, e.message.inPlaceOf]] : []
      )
    );
    expect(standIns).toEqual([
      ['urs', 'RequestRouteCall', 'RequestPlaceInQueue'],
      ['urs', 'EventRouteUsed', 'EventAck']
    ]);
  });

  it.each([
    { branch: 'urs', party: { AgentId: 'urs-strategy-1', PlaceId: 'urs-strategy-1' } },
    { branch: 'agent', party: { AgentId: 'agent-1001', PlaceId: 'place-1001' } }
  ])('does remove the $branch version’s party and queue in inbound-email', ({ branch, party }) => {
    const trace = atDefaults('place-in-queue', branch);
    expect(messages(trace)[0]?.message.attributes).toMatchObject({
      ReferenceId: 1,
      InteractionId: INTERACTION,
      Queue: 'inbound-email'
    });
    expect(attributesOf(trace, 'EventPartyRemoved')).toEqual([
      { InteractionId: INTERACTION, MediaType: 'email', ...party }
    ]);
    expect(attributesOf(trace, 'EventPlacedInQueue')).toEqual([
      {
        InteractionId: INTERACTION,
        MediaType: 'email',
        InteractionType: 'Inbound',
        Queue: 'inbound-email'
      }
    ]);
  });
});

// invoke-autoresponse.md: one option; URS's request at t = 0, E-mail Server Java submits one
// response time later (default 2 s), and everything after that goes at the same instant.
const INVOKE = 'invoke-autoresponse';
const BEFORE_SUBMIT = [
  'urs → interaction-server Request3rdServer (ESP) documented',
  'interaction-server → email-server Request3rdServer (ESP) documented',
  'interaction-server → reporting-engine EventExternalServiceRequested (Reporting) documented'
];
const FROM_SUBMIT = [
  'email-server → interaction-server RequestSubmit (Interaction Management) documented',
  'interaction-server → email-server EventAck (Interaction Management) documented',
  'interaction-server → reporting-engine EventInteractionSubmitted (Reporting) documented',
  'email-server → interaction-server Event3rdServerResponse (ESP) documented',
  'interaction-server → urs Event3rdServerResponse (ESP) documented',
  'interaction-server → reporting-engine EventExternalServiceResponded (Reporting) documented'
];

describe('the invoke-autoresponse model', () => {
  it('does offer one outcome, with a 2 s response time by default and no timer', () => {
    const model = realScenario(INVOKE);
    expect(model.choice.options.map((o) => o.id)).toEqual(['success']);
    expect(defaultInput(model).responseS).toBe(2);
  });

  it('does the success outcome arrow for arrow at defaults', () => {
    const trace = atDefaults(INVOKE, 'success');
    expect(trace.entries.map(row)).toEqual(
      expand(['invoke-autoresponse', 0, BEFORE_SUBMIT], ['invoke-autoresponse', 2, FROM_SUBMIT])
    );
    expect(trace.outcome).toBe('success');
    expect(trace.lateAnswer).toBe(false);
    expect(trace.timer).toBeNull();
    expect(trace.entries.some((e) => e.kind === 'timer')).toBe(false);
  });

  it('does submit one response time after the relay, whatever the time', () => {
    const trace = atDefaults(INVOKE, 'success', { responseS: 7.5 });
    expect(trace.entries.map(row)).toEqual(
      expand(['invoke-autoresponse', 0, BEFORE_SUBMIT], ['invoke-autoresponse', 7.5, FROM_SUBMIT])
    );
  });

  it('does relay the same Request3rdServer and Event3rdServerResponse, ReferenceId 1', () => {
    const trace = atDefaults(INVOKE, 'success');
    const requests = attributesOf(trace, 'Request3rdServer');
    expect(requests).toHaveLength(2);
    expect(requests[1]).toEqual(requests[0]);
    expect(requests[0]).toMatchObject({ ReferenceId: 1, InteractionId: INTERACTION });
    const responses = attributesOf(trace, 'Event3rdServerResponse');
    expect(responses).toHaveLength(2);
    expect(responses[1]).toEqual(responses[0]);
    expect(responses[0]).toMatchObject({ ReferenceId: 1 });
    expect(attributesOf(trace, 'EventExternalServiceRequested')[0]).toMatchObject({
      ReferenceId: 1,
      InteractionId: INTERACTION
    });
    expect(attributesOf(trace, 'EventExternalServiceResponded')[0]).toMatchObject({
      ReferenceId: 1
    });
  });

  it('does submit the autoresponse as the child interaction, request 2', () => {
    const trace = atDefaults(INVOKE, 'success');
    expect(attributesOf(trace, 'RequestSubmit')).toEqual([
      {
        ReferenceId: 2,
        InteractionId: CHILD,
        ParentInteractionId: INTERACTION,
        TenantId: 101,
        MediaType: 'email',
        InteractionType: 'Outbound',
        InteractionSubtype: 'OutboundAutoResponse',
        Queue: '—'
      }
    ]);
    expect(attributesOf(trace, 'EventAck')).toEqual([{ ReferenceId: 2 }]);
    expect(attributesOf(trace, 'EventInteractionSubmitted')).toEqual([
      {
        InteractionId: CHILD,
        ParentInteractionId: INTERACTION,
        MediaType: 'email',
        InteractionType: 'Outbound',
        TenantId: 101
      }
    ]);
    expectAnswersQuoteTheirRequests(trace);
  });

  it('does show the ESP messages as their own names, with no stand-in', () => {
    const esp = messages(atDefaults(INVOKE, 'success')).filter((e) => e.message.protocol === 'ESP');
    expect(esp.map((e) => [e.message.name, e.message.inPlaceOf])).toEqual([
      ['Request3rdServer', undefined],
      ['Request3rdServer', undefined],
      ['Event3rdServerResponse', undefined],
      ['Event3rdServerResponse', undefined]
    ]);
  });
});
