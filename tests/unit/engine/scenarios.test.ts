import { describe, expect, it } from 'vitest';
import { run } from '../../../src/lib/engine/run';
import { realScenario } from '../../fixtures/content';
import { expand, messages, row, timers, type Part } from './oracle';

/*
 * Oracle tests for the scenarios beyond Deliver. The expected rows are transcribed by hand from
 * ../shared/genem/transfer.md, conference.md and stop-processing.md ("Canonical model"), never
 * read from content/: the point is to fail when the content or the engine drifts from them.
 */

type Trace = ReturnType<typeof run>;

// transfer.md; conference.md says "everything as in transfer.md with RequestConference", except
// the Invitation Accepted phase.
const ISSUED = 'invitation-issued';
const ACCEPTED = 'invitation-accepted';
const REJECTED = 'invitation-rejected';
const TIMES_OUT = 'invitation-times-out';
const INVALID = 'invitation-is-invalid';

const issued = (request: string) => [
  `agent-1 → interaction-server ${request} (Interaction Management) modeled`,
  'timer started documented',
  'interaction-server → agent-2 EventInvite (Interaction Management) documented',
  'interaction-server → reporting-engine EventAgentInvited (Reporting) documented'
];

const ACCEPTED_ROWS: Record<string, string[]> = {
  transfer: [
    'agent-2 → interaction-server RequestAccept (Interaction Management) modeled',
    'timer cancelled modeled',
    'interaction-server → agent-2 EventAck (Interaction Management) documented',
    'interaction-server → agent-1 EventAck (Interaction Management) modeled',
    'interaction-server → reporting-engine EventPartyAdded (Reporting) documented',
    'interaction-server → reporting-engine EventPartyRemoved (Reporting) documented'
  ],
  conference: [
    'agent-2 → interaction-server RequestAccept (Interaction Management) modeled',
    'timer cancelled modeled',
    'interaction-server → agent-2 EventAck (Interaction Management) documented',
    'interaction-server → agent-1 EventAck (Interaction Management) modeled',
    'interaction-server → agent-1 EventPartyAdded (Interaction Management) documented',
    'interaction-server → reporting-engine EventPartyAdded (Reporting) documented'
  ]
};

const REJECTED_ROWS = [
  'agent-2 → interaction-server RequestReject (Interaction Management) modeled',
  'timer cancelled modeled',
  'interaction-server → agent-2 EventAck (Interaction Management) documented',
  'interaction-server → reporting-engine EventRejected (Reporting) documented',
  'interaction-server → agent-1 EventError (Interaction Management) documented'
];

const TIMES_OUT_ROWS = [
  'timer expired documented',
  'interaction-server → agent-2 EventRevoked (Interaction Management) documented',
  'interaction-server → agent-1 EventError (Interaction Management) documented'
];

const invalidRows = (request: string) => [
  `agent-1 → interaction-server ${request} (Interaction Management) modeled`,
  'interaction-server → agent-1 EventError (Interaction Management) documented'
];

/** The late-answer variant: Agent 2's answer reaches Interaction Server after the timeout. */
const lateRows = (answer: string) => [
  `agent-2 → interaction-server ${answer} (Interaction Management) modeled`,
  'interaction-server → agent-2 EventError (Interaction Management) modeled'
];

const INVITATIONS = [
  { id: 'transfer', request: 'RequestTransfer' },
  { id: 'conference', request: 'RequestConference' }
];

describe.each(INVITATIONS)('the $id scenario', ({ id, request }) => {
  const model = realScenario(id);
  const atDefaults = (branch: string) => run(model, { branch, timeoutS: 30, responseS: 8 });

  it.each([
    {
      branch: 'accept',
      outcome: 'accepted',
      rows: expand([ISSUED, 0, issued(request)], [ACCEPTED, 8, ACCEPTED_ROWS[id] ?? []])
    },
    {
      branch: 'reject',
      outcome: 'rejected',
      rows: expand([ISSUED, 0, issued(request)], [REJECTED, 8, REJECTED_ROWS])
    },
    {
      branch: 'timeout',
      outcome: 'timed-out',
      rows: expand([ISSUED, 0, issued(request)], [TIMES_OUT, 30, TIMES_OUT_ROWS])
    },
    { branch: 'invalid', outcome: 'invalid', rows: expand([INVALID, 0, invalidRows(request)]) }
  ])('does the $branch outcome arrow for arrow at defaults', ({ branch, outcome, rows }) => {
    const trace = atDefaults(branch);
    expect(trace.entries.map(row)).toEqual(rows);
    expect(trace.outcome).toBe(outcome);
    expect(trace.lateAnswer).toBe(false);
  });

  it('does run one invitation timer, owned by Interaction Server, with a 30 s deadline', () => {
    for (const branch of ['accept', 'reject', 'timeout']) {
      const found = timers(atDefaults(branch));
      expect(found.length, branch).toBe(2);
      for (const t of found) {
        expect([t.timer, t.owner, t.deadline], branch).toEqual([
          'invitation-timeout',
          'interaction-server',
          30_000
        ]);
      }
    }
  });

  it('does answer at the response time and time out exactly at the deadline', () => {
    const accept = run(model, { branch: 'accept', timeoutS: 12, responseS: 3.5 });
    expect(messages(accept).find((e) => e.message.name === 'RequestAccept')?.at).toBe(3_500);
    expect(timers(accept).map((t) => [t.action, t.at, t.deadline])).toEqual([
      ['started', 0, 12_000],
      ['cancelled', 3_500, 12_000]
    ]);
    const timeout = run(model, { branch: 'timeout', timeoutS: 12, responseS: 3.5 });
    expect(timers(timeout).map((t) => [t.action, t.at])).toEqual([
      ['started', 0],
      ['expired', 12_000]
    ]);
    expect(messages(timeout).at(-1)?.at).toBe(12_000);
  });

  it.each([
    { branch: 'accept', answer: 'RequestAccept' },
    { branch: 'reject', answer: 'RequestReject' }
  ])('does refuse a late $answer with EventError to agent-2', ({ branch, answer }) => {
    const trace = run(model, { branch, timeoutS: 5, responseS: 8 });
    expect(trace.entries.map(row)).toEqual(
      expand(
        [ISSUED, 0, issued(request)],
        [TIMES_OUT, 5, TIMES_OUT_ROWS],
        [TIMES_OUT, 8, lateRows(answer)]
      )
    );
    expect(trace.outcome).toBe('timed-out');
    expect(trace.lateAnswer).toBe(true);
    const last = messages(trace).slice(-2);
    expect(last.map((e) => [e.message.name, e.to])).toEqual([
      [answer, 'interaction-server'],
      ['EventError', 'agent-2']
    ]);
  });

  it('does let the timer win an answer that arrives at the very deadline', () => {
    const trace = run(model, { branch: 'accept', timeoutS: 8, responseS: 8 });
    expect(trace.outcome).toBe('timed-out');
    expect(trace.lateAnswer).toBe(true);
    expect(trace.entries.map(row)).toEqual(
      expand(
        [ISSUED, 0, issued(request)],
        [TIMES_OUT, 8, TIMES_OUT_ROWS],
        [TIMES_OUT, 8, lateRows('RequestAccept')]
      )
    );
  });

  it('does send no invitation and start no timer when the request is invalid', () => {
    const trace = atDefaults('invalid');
    expect(timers(trace)).toEqual([]);
    expect(messages(trace).map((e) => e.message.name)).not.toContain('EventInvite');
  });

  it('does quote each request’s ReferenceId and the invitation’s TicketId in the answers', () => {
    for (const branch of ['accept', 'reject', 'timeout', 'invalid']) {
      expectAnswersQuoteTheirRequests(atDefaults(branch));
    }
    expectAnswersQuoteTheirRequests(run(model, { branch: 'accept', timeoutS: 5, responseS: 8 }));
    expectAnswersQuoteTheirRequests(run(model, { branch: 'reject', timeoutS: 5, responseS: 8 }));
  });
});

/**
 * Every EventAck, EventError and EventRouteUsed quotes the ReferenceId of the last request its
 * receiver sent; every answer to an invitation quotes the invitation's TicketId.
 */
function expectAnswersQuoteTheirRequests(trace: Trace): void {
  const sent = messages(trace);
  const attribute = (e: (typeof sent)[number] | undefined, name: string): unknown =>
    e === undefined ? undefined : (e.message.attributes as Record<string, unknown>)[name];
  sent.forEach((e, i) => {
    if (['EventAck', 'EventError', 'EventRouteUsed'].includes(e.message.name)) {
      const request = sent.slice(0, i).findLast((r) => r.from === e.to);
      const quoted = attribute(request, 'ReferenceId');
      expect(quoted, `the request ${e.message.name} to ${e.to} answers`).toBeDefined();
      expect(attribute(e, 'ReferenceId'), `${e.message.name} to ${e.to}`).toBe(quoted);
    }
    if (['RequestAccept', 'RequestReject'].includes(e.message.name)) {
      const invite = sent.find((r) => r.message.name === 'EventInvite');
      expect(attribute(e, 'TicketId'), e.message.name).toBe(attribute(invite, 'TicketId'));
    }
  });
}

// stop-processing.md: four versions, every message at t = 0, no timer.
const STOP_ROWS: Record<string, Part> = {
  a: [
    'initiated-by-media-server-agent-involved',
    0,
    [
      'media-server → interaction-server RequestStopProcessing (Interaction Management) documented',
      'interaction-server → media-server EventAck (Interaction Management) documented',
      'interaction-server → agent-application EventRevoked (Interaction Management) documented',
      'interaction-server → reporting-engine EventPartyRemoved (Reporting) documented',
      'interaction-server → reporting-engine EventProcessingStopped (Reporting) documented'
    ]
  ],
  b: [
    'initiated-by-media-server-urs-involved',
    0,
    [
      'media-server → interaction-server RequestStopProcessing (Interaction Management) documented',
      'interaction-server → media-server EventAck (Interaction Management) documented',
      'interaction-server → urs EventAbandoned in place of EventRevoked (T-Library) documented',
      'interaction-server → reporting-engine EventPartyRemoved (Reporting) documented',
      'interaction-server → reporting-engine EventProcessingStopped (Reporting) documented'
    ]
  ],
  c: [
    'initiated-by-agent',
    0,
    [
      'agent-application → interaction-server RequestStopProcessing (Interaction Management) documented',
      'interaction-server → agent-application EventAck (Interaction Management) documented',
      'interaction-server → agent-application EventRevoked (Interaction Management) documented',
      'interaction-server → reporting-engine EventPartyRemoved (Reporting) documented',
      'interaction-server → reporting-engine EventProcessingStopped (Reporting) documented'
    ]
  ],
  d: [
    'initiated-by-urs',
    0,
    [
      'urs → interaction-server RequestRouteCall in place of RequestStopProcessing (T-Library) documented',
      'interaction-server → urs EventRouteUsed in place of EventAck (T-Library) documented',
      'interaction-server → reporting-engine EventPartyRemoved (Reporting) documented',
      'interaction-server → reporting-engine EventProcessingStopped (Reporting) documented'
    ]
  ]
};

describe('the stop-processing scenario', () => {
  const model = realScenario('stop-processing');
  // RunInput always carries timings; a sequence ignores them.
  const version = (branch: string) => run(model, { branch, timeoutS: 30, responseS: 8 });

  it.each(Object.entries(STOP_ROWS))('does version %s arrow for arrow', (branch, part) => {
    const trace = version(branch);
    expect(trace.entries.map(row)).toEqual(expand(part));
    expect(trace.outcome).toBe(branch);
    expect(trace.lateAnswer).toBe(false);
    expect(timers(trace)).toEqual([]);
    expectAnswersQuoteTheirRequests(trace);
  });

  it('does ignore the invitation timings', () => {
    const timed = run(model, { branch: 'c', timeoutS: 5, responseS: 8.5 });
    expect(timed.entries).toEqual(version('c').entries);
  });

  it('does mark the T-Library stand-ins, and only them, with what they stand in for', () => {
    const standIns = ['a', 'b', 'c', 'd'].flatMap((branch) =>
      messages(version(branch)).flatMap((e) =>
        e.message.inPlaceOf ? [[branch, e.message.name, e.message.inPlaceOf]] : []
      )
    );
    expect(standIns).toEqual([
      ['b', 'EventAbandoned', 'EventRevoked'],
      ['d', 'RequestRouteCall', 'RequestStopProcessing'],
      ['d', 'EventRouteUsed', 'EventAck']
    ]);
  });
});
