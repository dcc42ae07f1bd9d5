import { describe, expect, it } from 'vitest';
import { defaultInput } from '../../../src/lib/engine/input';
import { run } from '../../../src/lib/engine/run';
import type { Trace } from '../../../src/lib/engine/types';
import { realScenario } from '../../fixtures/content';
import { expand, messages, row, timers, type Part } from './oracle';

/*
 * Oracle tests for Agent Pulls Interaction and Intrusion. The expected rows are transcribed by
 * hand from ../shared/genem/agent-pulls-interaction.md and intrusion.md ("Canonical model" and
 * "Attributes"), with the error codes of cast.md (which wins where a canonical file differs),
 * never read from content/: the point is to fail when the content or the engine drifts from them.
 */

function attribute(e: { message: { attributes: object } } | undefined, name: string): unknown {
  return e === undefined ? undefined : (e.message.attributes as Record<string, unknown>)[name];
}

function named(trace: Trace, name: string) {
  return messages(trace).filter((e) => e.message.name === name);
}

// ---------------------------------------------------------------------------------------------
// agent-pulls-interaction.md: times from RequestPull at t = 0; the handling timer in minutes.

const MIN = 60; // seconds

const NON_WORKBIN = 'pull-from-non-workbin';
const WORKBIN = 'pull-from-workbin';
const PROCESSING = 'processing-occurs';
const TIMEOUT = 'no-processing-timeout';

const PULL_ROWS: Record<string, Part> = {
  queue: [
    NON_WORKBIN,
    0,
    [
      'agent-application → interaction-server RequestPull (Interaction Management) modeled',
      'interaction-server → agent-application EventPulledInteractions (Interaction Management) documented',
      'interaction-server → reporting-engine EventTakenFromQueue (Reporting) documented',
      'interaction-server → reporting-engine EventPartyAdded (Reporting) documented',
      'timer started documented'
    ]
  ],
  workbin: [
    WORKBIN,
    0,
    [
      'agent-application → interaction-server RequestPull (Interaction Management) modeled',
      'interaction-server → agent-application EventPulledInteractions (Interaction Management) documented',
      'interaction-server → reporting-engine EventTakenFromWorkbin (Reporting) documented',
      'interaction-server → reporting-engine EventTakenFromQueue (Reporting) documented',
      'interaction-server → reporting-engine EventPartyAdded (Reporting) documented',
      'interaction-server → agent-application EventWorkbinContentChanged (Interaction Management) documented',
      'timer started modeled'
    ]
  ]
};

const REQUEST_ROWS = [
  'agent-application → interaction-server RequestChangeProperties (Interaction Management) modeled',
  'timer restarted documented',
  'interaction-server → agent-application EventAck (Interaction Management) modeled'
];

const EXPIRY_ROWS = [
  'timer expired documented',
  'interaction-server → agent-application EventRevoked (Interaction Management) documented',
  'interaction-server → reporting-engine EventPartyRemoved (Reporting) documented'
];

/** The modeled late variant: a request after the revocation is refused. */
const LATE_PULL_ROWS = [
  'agent-application → interaction-server RequestChangeProperties (Interaction Management) modeled',
  'interaction-server → agent-application EventError (Interaction Management) modeled'
];

/** Times in minutes, as the canonical file and the handling-timeout option give them. */
interface Setting {
  timeoutMin: number;
  intervalMin: number;
  count: number;
}

/** The rows of a run where every request beats the timer: pull, requests, expiry. */
function onTime(branch: string, { timeoutMin, intervalMin, count }: Setting): string[] {
  const requests = Array.from({ length: count }, (_, i): Part => [
    PROCESSING,
    (i + 1) * intervalMin * MIN,
    REQUEST_ROWS
  ]);
  const expiresAt = (count * intervalMin + timeoutMin) * MIN;
  return expand(PULL_ROWS[branch] ?? [NON_WORKBIN, 0, []], ...requests, [
    TIMEOUT,
    expiresAt,
    EXPIRY_ROWS
  ]);
}

describe('the agent-pulls-interaction scenario', () => {
  const model = realScenario('agent-pulls-interaction');
  const pull = (branch: string, { timeoutMin, intervalMin, count }: Setting) =>
    run(model, { branch, timeoutS: timeoutMin * MIN, responseS: intervalMin * MIN, count });
  const DEFAULTS: Setting = { timeoutMin: 180, intervalMin: 60, count: 2 };

  it('does default to a 180 min handling timeout, two requests 60 min apart', () => {
    const input = defaultInput(model);
    expect(input.branch).toBe('queue');
    expect([input.timeoutS, input.responseS, input.count]).toEqual([10_800, 3_600, 2]);
  });

  it.each(['queue', 'workbin'])('does version %s arrow for arrow at defaults', (branch) => {
    const trace = run(model, { ...defaultInput(model), branch });
    expect(trace.entries.map(row)).toEqual(
      expand(
        PULL_ROWS[branch] ?? [NON_WORKBIN, 0, []],
        [PROCESSING, 3_600, REQUEST_ROWS],
        [PROCESSING, 7_200, REQUEST_ROWS],
        [TIMEOUT, 18_000, EXPIRY_ROWS]
      )
    );
    expect(messages(trace)).toHaveLength(branch === 'queue' ? 10 : 12);
    expect(trace.lateAnswer).toBe(false);
    // With the defaults the timer expires at 120 + 180 = 300 min.
    expect(named(trace, 'EventRevoked').map((e) => e.at)).toEqual([18_000_000]);
  });

  it('does run the handling-timeout timer, owned by Interaction Server, restarted by each request', () => {
    const trace = pull('queue', DEFAULTS);
    expect(timers(trace).map((t) => [t.timer, t.owner, t.action, t.at, t.deadline])).toEqual([
      ['handling-timeout', 'interaction-server', 'started', 0, 10_800_000],
      ['handling-timeout', 'interaction-server', 'restarted', 3_600_000, 14_400_000],
      ['handling-timeout', 'interaction-server', 'restarted', 7_200_000, 18_000_000],
      ['handling-timeout', 'interaction-server', 'expired', 18_000_000, 18_000_000]
    ]);
  });

  const SETTINGS: Setting[] = [
    DEFAULTS,
    { timeoutMin: 90, intervalMin: 30, count: 3 },
    { timeoutMin: 45, intervalMin: 44, count: 1 },
    { timeoutMin: 1_440, intervalMin: 1, count: 10 },
    { timeoutMin: 1, intervalMin: 60, count: 0 },
    { timeoutMin: 20, intervalMin: 1_440, count: 0 }
  ];

  it.each(SETTINGS)(
    'does revoke exactly one handling timeout after the last request ($timeoutMin min, $count every $intervalMin min)',
    (setting) => {
      for (const branch of ['queue', 'workbin']) {
        const trace = pull(branch, setting);
        expect(trace.entries.map(row), branch).toEqual(onTime(branch, setting));
        const lastRequest = named(trace, 'RequestChangeProperties').at(-1)?.at ?? 0;
        expect(lastRequest, branch).toBe(setting.count * setting.intervalMin * 60_000);
        const revoked = named(trace, 'EventRevoked');
        expect(
          revoked.map((e) => e.at - lastRequest),
          branch
        ).toEqual([setting.timeoutMin * 60_000]);
        expect(trace.lateAnswer, branch).toBe(false);
      }
    }
  );

  it('does count the ReferenceId up from the pull’s 1, and each EventAck quotes its request', () => {
    const trace = pull('workbin', { timeoutMin: 180, intervalMin: 60, count: 5 });
    expect(named(trace, 'RequestPull').map((e) => attribute(e, 'ReferenceId'))).toEqual([1]);
    expect(named(trace, 'EventPulledInteractions').map((e) => attribute(e, 'ReferenceId'))).toEqual(
      [1]
    );
    const requests = named(trace, 'RequestChangeProperties').map((e) =>
      attribute(e, 'ReferenceId')
    );
    expect(requests).toEqual([2, 3, 4, 5, 6]);
    expect(named(trace, 'EventAck').map((e) => attribute(e, 'ReferenceId'))).toEqual(requests);
  });

  it('does give the cast’s interaction, queue, workbin and agent', () => {
    const queue = run(model, { ...defaultInput(model), branch: 'queue' });
    const pulled = named(queue, 'EventPulledInteractions')[0];
    expect(attribute(pulled, 'InteractionId')).toBe('000AaC7R4VSE001A');
    expect(attribute(pulled, 'MediaType')).toBe('email');
    expect(attribute(named(queue, 'EventTakenFromQueue')[0], 'Queue')).toBe('inbound-email');
    for (const name of ['EventPartyAdded', 'EventPartyRemoved']) {
      const e = named(queue, name)[0];
      expect([attribute(e, 'AgentId'), attribute(e, 'PlaceId')], name).toEqual([
        'agent-1001',
        'place-1001'
      ]);
    }
    const workbin = run(model, { ...defaultInput(model), branch: 'workbin' });
    // The page does not say which queue a workbin pull leaves: the model shows none.
    expect(attribute(named(workbin, 'EventTakenFromQueue')[0], 'Queue')).toBeUndefined();
    expect(named(workbin, 'EventWorkbinContentChanged').map((e) => e.to)).toEqual([
      'agent-application'
    ]);
  });

  it.each(['queue', 'workbin'])(
    'does refuse a request that comes after the timeout, in version %s',
    (branch) => {
      const trace = pull(branch, { timeoutMin: 30, intervalMin: 60, count: 2 });
      expect(trace.entries.map(row)).toEqual(
        expand(
          PULL_ROWS[branch] ?? [NON_WORKBIN, 0, []],
          [TIMEOUT, 1_800, EXPIRY_ROWS],
          [TIMEOUT, 3_600, LATE_PULL_ROWS]
        )
      );
      expect(trace.lateAnswer).toBe(true);
      const [late, error] = messages(trace).slice(-2);
      expect(attribute(late, 'ReferenceId')).toBe(2);
      expect(attribute(error, 'ReferenceId')).toBe(2);
      expect(attribute(error, 'ErrorCode')).toBe(55);
      expect(error?.to).toBe('agent-application');
    }
  );

  it('does let the timer win a request that arrives at the very deadline', () => {
    const trace = pull('queue', { timeoutMin: 60, intervalMin: 60, count: 2 });
    expect(trace.entries.map(row)).toEqual(
      expand(
        PULL_ROWS.queue ?? [NON_WORKBIN, 0, []],
        [TIMEOUT, 3_600, EXPIRY_ROWS],
        [TIMEOUT, 3_600, LATE_PULL_ROWS]
      )
    );
    expect(trace.lateAnswer).toBe(true);
    expect(timers(trace).map((t) => [t.action, t.at])).toEqual([
      ['started', 0],
      ['expired', 3_600_000]
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// intrusion.md: Agent 2 asks (RequestIntrude at t = 0) and is the one invited; response 8 s,
// invitation timer 30 s (both modeled).

const REQUESTED = 'intrusion-requested';
const ACCEPTED = 'intrusion-accepted';
const REJECTED = 'intrusion-rejected-by-agent';
const TIMES_OUT = 'request-times-out';
const INVALID = 'server-rejects-request';

const REQUESTED_ROWS = [
  'agent-2 → interaction-server RequestIntrude (Interaction Management) documented',
  'timer started documented',
  'interaction-server → agent-2 EventInvite (Interaction Management) documented',
  'interaction-server → reporting-engine EventAgentInvited (Reporting) documented'
];

const ACCEPTED_ROWS = [
  'agent-2 → interaction-server RequestAccept (Interaction Management) documented',
  'timer cancelled modeled',
  'interaction-server → agent-2 EventAck (Interaction Management) documented',
  'interaction-server → agent-2 EventAck (Interaction Management) documented',
  'interaction-server → agent-1 EventPartyAdded (Interaction Management) documented',
  'interaction-server → reporting-engine EventPartyAdded (Reporting) documented'
];

const REJECTED_ROWS = [
  'agent-2 → interaction-server RequestReject (Interaction Management) documented',
  'timer cancelled modeled',
  'interaction-server → agent-2 EventAck (Interaction Management) documented',
  'interaction-server → agent-2 EventError (Interaction Management) documented',
  'interaction-server → reporting-engine EventRejected (Reporting) documented'
];

const TIMES_OUT_ROWS = [
  'timer expired documented',
  'interaction-server → agent-2 EventRevoked (Interaction Management) modeled',
  'interaction-server → agent-2 EventError (Interaction Management) modeled'
];

const INVALID_ROWS = [
  'agent-2 → interaction-server RequestIntrude (Interaction Management) documented',
  'interaction-server → agent-2 EventError (Interaction Management) modeled'
];

const lateRows = (answer: string) => [
  `agent-2 → interaction-server ${answer} (Interaction Management) modeled`,
  'interaction-server → agent-2 EventError (Interaction Management) modeled'
];

describe('the intrusion scenario', () => {
  const model = realScenario('intrusion');
  const atDefaults = (branch: string) => run(model, { ...defaultInput(model), branch });

  it('does default to a 30 s invitation timer and an 8 s answer', () => {
    const input = defaultInput(model);
    expect([input.branch, input.timeoutS, input.responseS]).toEqual(['accept', 30, 8]);
  });

  it.each([
    {
      branch: 'accept',
      outcome: 'accepted',
      arrows: 8,
      rows: expand([REQUESTED, 0, REQUESTED_ROWS], [ACCEPTED, 8, ACCEPTED_ROWS])
    },
    {
      branch: 'reject',
      outcome: 'rejected',
      arrows: 7,
      rows: expand([REQUESTED, 0, REQUESTED_ROWS], [REJECTED, 8, REJECTED_ROWS])
    },
    {
      branch: 'timeout',
      outcome: 'timed-out',
      arrows: 5,
      rows: expand([REQUESTED, 0, REQUESTED_ROWS], [TIMES_OUT, 30, TIMES_OUT_ROWS])
    },
    { branch: 'invalid', outcome: 'invalid', arrows: 2, rows: expand([INVALID, 0, INVALID_ROWS]) }
  ])(
    'does the $branch outcome arrow for arrow at defaults',
    ({ branch, outcome, arrows, rows }) => {
      const trace = atDefaults(branch);
      expect(trace.entries.map(row)).toEqual(rows);
      expect(messages(trace)).toHaveLength(arrows);
      expect(trace.outcome).toBe(outcome);
      expect(trace.lateAnswer).toBe(false);
    }
  );

  it('does have Agent 2 both ask and be invited', () => {
    const trace = atDefaults('accept');
    const [request, invite] = [named(trace, 'RequestIntrude')[0], named(trace, 'EventInvite')[0]];
    expect([request?.from, invite?.to]).toEqual(['agent-2', 'agent-2']);
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
    expect(named(accept, 'RequestAccept')[0]?.at).toBe(3_500);
    expect(timers(accept).map((t) => [t.action, t.at, t.deadline])).toEqual([
      ['started', 0, 12_000],
      ['cancelled', 3_500, 12_000]
    ]);
    const timeout = run(model, { branch: 'timeout', timeoutS: 12, responseS: 3.5 });
    expect(timers(timeout).map((t) => [t.action, t.at])).toEqual([
      ['started', 0],
      ['expired', 12_000]
    ]);
    expect(named(timeout, 'EventRevoked').map((e) => e.at)).toEqual([12_000]);
    expect(messages(timeout).at(-1)?.at).toBe(12_000);
  });

  it.each([
    { branch: 'accept', answer: 'RequestAccept' },
    { branch: 'reject', answer: 'RequestReject' }
  ])('does refuse a late $answer with EventError 55 to agent-2', ({ branch, answer }) => {
    const trace = run(model, { branch, timeoutS: 5, responseS: 8 });
    expect(trace.entries.map(row)).toEqual(
      expand(
        [REQUESTED, 0, REQUESTED_ROWS],
        [TIMES_OUT, 5, TIMES_OUT_ROWS],
        [TIMES_OUT, 8, lateRows(answer)]
      )
    );
    expect(trace.outcome).toBe('timed-out');
    expect(trace.lateAnswer).toBe(true);
    const [late, error] = messages(trace).slice(-2);
    expect([attribute(late, 'ReferenceId'), attribute(late, 'TicketId')]).toEqual([2, 1]);
    expect([attribute(error, 'ReferenceId'), attribute(error, 'ErrorCode')]).toEqual([2, 55]);
  });

  it('does let the timer win an answer that arrives at the very deadline', () => {
    const trace = run(model, { branch: 'accept', timeoutS: 8, responseS: 8 });
    expect(trace.outcome).toBe('timed-out');
    expect(trace.lateAnswer).toBe(true);
    expect(trace.entries.map(row)).toEqual(
      expand(
        [REQUESTED, 0, REQUESTED_ROWS],
        [TIMES_OUT, 8, TIMES_OUT_ROWS],
        [TIMES_OUT, 8, lateRows('RequestAccept')]
      )
    );
  });

  it('does send no invitation and start no timer when the request is invalid', () => {
    const trace = atDefaults('invalid');
    expect(timers(trace)).toEqual([]);
    expect(named(trace, 'EventInvite')).toEqual([]);
  });

  it('does number RequestIntrude 1 and the answer 2, and acknowledge them in that order', () => {
    const trace = atDefaults('accept');
    expect(attribute(named(trace, 'RequestIntrude')[0], 'ReferenceId')).toBe(1);
    expect(attribute(named(trace, 'EventInvite')[0], 'TicketId')).toBe(1);
    const accept = named(trace, 'RequestAccept')[0];
    expect([attribute(accept, 'ReferenceId'), attribute(accept, 'TicketId')]).toEqual([2, 1]);
    // The page: the first EventAck answers RequestAccept, the other RequestIntrude.
    expect(named(trace, 'EventAck').map((e) => attribute(e, 'ReferenceId'))).toEqual([2, 1]);
    for (const e of named(trace, 'EventPartyAdded')) {
      expect([attribute(e, 'AgentId'), attribute(e, 'Operation')], e.to).toEqual([
        'agent-2040',
        'Intrude'
      ]);
    }
  });

  it.each([
    { branch: 'reject', code: 53 },
    { branch: 'timeout', code: 54 },
    { branch: 'invalid', code: 51 }
  ])(
    'does refuse RequestIntrude with error $code when the outcome is $branch',
    ({ branch, code }) => {
      const trace = atDefaults(branch);
      const errors = named(trace, 'EventError');
      expect(
        errors.map((e) => [e.to, attribute(e, 'ReferenceId'), attribute(e, 'ErrorCode')])
      ).toEqual([['agent-2', 1, code]]);
      if (branch === 'reject') {
        expect(named(trace, 'EventAck').map((e) => attribute(e, 'ReferenceId'))).toEqual([2]);
      }
    }
  );

  it('does tell Agent 1 nothing unless Agent 2 joins', () => {
    for (const branch of ['reject', 'timeout', 'invalid']) {
      expect(
        messages(atDefaults(branch)).filter((e) => e.to === 'agent-1' || e.from === 'agent-1'),
        branch
      ).toEqual([]);
    }
  });
});
