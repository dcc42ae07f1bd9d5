import { describe, expect, it } from 'vitest';
import { loadContentFromDisk } from '../../../src/lib/content/node';
import type { InvitationScenario } from '../../../src/lib/content/types';
import { run } from '../../../src/lib/engine/run';
import type {
  AttributeValue,
  MessageEntry,
  Provenance,
  RunInput,
  TimerAction,
  Trace,
  TraceEntry
} from '../../../src/lib/engine/types';

/*
 * Deliver's oracle. The expected flows below are transcribed by hand from ../shared/domain.md,
 * "Canonical model", and run through the engine with the real content/deliver-interaction-to-
 * agent.yaml. They deliberately do not read the scenario's flow or steps: the point is to fail
 * when the content or the engine drifts from domain.md.
 */

const DELIVER = 'deliver-interaction-to-agent';

function loadDeliver(): InvitationScenario {
  const found = loadContentFromDisk().scenarios.find((s) => s.id === DELIVER);
  if (found?.mechanics !== 'invitation') throw new Error(`no invitation ${DELIVER} in content/`);
  return found;
}

const deliver = loadDeliver();

function runDeliver(input: RunInput): Trace {
  return run(deliver, input);
}

/** What domain.md pins for one trace entry. */
type Expected =
  | {
      kind: 'message';
      from: string;
      to: string;
      name: string;
      protocol: string;
      phase: string;
      provenance: Provenance;
      at: number;
    }
  | {
      kind: 'timer';
      action: TimerAction;
      phase: string;
      provenance: Provenance;
      at: number;
      deadline: number;
    };

const URS = 'urs';
const IS = 'interaction-server';
const AGENT = 'agent-application';
const REPORTING = 'reporting-engine';
const TLIB = 'T-Library';
const IM = 'Interaction Management';
const REP = 'Reporting';
const DOC: Provenance = 'documented';
const MOD: Provenance = 'modeled';
const P1 = 'urs-requests-delivery';
const ACC = 'agent-accepts-delivery';
const REJ = 'agent-rejects-delivery';
const TIME = 'agent-fails-to-respond';

function m(
  from: string,
  to: string,
  name: string,
  protocol: string,
  phase: string,
  provenance: Provenance,
  at: number
): Expected {
  return { kind: 'message', from, to, name, protocol, phase, provenance, at };
}

function t(
  action: TimerAction,
  phase: string,
  provenance: Provenance,
  at: number,
  deadline: number
): Expected {
  return { kind: 'timer', action, phase, provenance, at, deadline };
}

/** Phase 1, common to all branches, with the timer starting at EventInvite (#3). */
function phase1(deadline: number): Expected[] {
  return [
    m(URS, IS, 'RequestRouteCall', TLIB, P1, DOC, 0),
    m(IS, REPORTING, 'EventPartyRemoved', REP, P1, DOC, 0),
    m(IS, AGENT, 'EventInvite', IM, P1, DOC, 0),
    t('started', P1, DOC, 0, deadline),
    m(IS, REPORTING, 'EventAgentInvited', REP, P1, DOC, 0)
  ];
}

const ACCEPT_AT_DEFAULTS: Expected[] = [
  ...phase1(30_000),
  m(AGENT, IS, 'RequestAccept', IM, ACC, MOD, 8_000),
  t('cancelled', ACC, DOC, 8_000, 30_000),
  m(IS, AGENT, 'EventAck', IM, ACC, MOD, 8_000),
  m(IS, REPORTING, 'EventPartyAdded', REP, ACC, DOC, 8_000),
  m(IS, URS, 'EventRouteUsed', TLIB, ACC, DOC, 8_000)
];

const REJECT_AT_DEFAULTS: Expected[] = [
  ...phase1(30_000),
  m(AGENT, IS, 'RequestReject', IM, REJ, DOC, 8_000),
  t('cancelled', REJ, DOC, 8_000, 30_000),
  m(IS, AGENT, 'EventAck', IM, REJ, DOC, 8_000),
  m(IS, REPORTING, 'EventRejected', REP, REJ, DOC, 8_000),
  m(IS, URS, 'EventRouteUsed', TLIB, REJ, DOC, 8_000)
];

const TIMEOUT_AT_DEFAULTS: Expected[] = [
  ...phase1(30_000),
  t('expired', TIME, DOC, 30_000, 30_000),
  m(IS, AGENT, 'EventRevoked', IM, TIME, DOC, 30_000),
  m(IS, REPORTING, 'EventRevoked', REP, TIME, MOD, 30_000)
];

/** Projects a trace entry onto the fields domain.md pins, in the shape of {@link Expected}. */
function project(e: TraceEntry): Expected {
  if (e.kind === 'lifeline') throw new Error('Deliver has no lifeline events');
  return e.kind === 'message'
    ? m(e.from, e.to, e.message.name, e.message.protocol, e.phase, e.provenance, e.at)
    : t(e.action, e.phase, e.provenance, e.at, e.deadline);
}

function messagesOf(trace: Trace): MessageEntry[] {
  return trace.entries.filter((e): e is MessageEntry => e.kind === 'message');
}

/** The one message entry with this name; fails the test if there is not exactly one. */
function only(trace: Trace, name: string): MessageEntry {
  const found = messagesOf(trace).filter((e) => e.message.name === name);
  expect(found, name).toHaveLength(1);
  return found[0] as MessageEntry;
}

/** Who sends what to whom and when: enough to check the race and the late answer. */
function arrows(trace: Trace): string[] {
  return trace.entries.map((e) =>
    e.kind === 'message'
      ? `${e.at} ${e.from} -> ${e.to} ${e.message.name} (${e.message.protocol})`
      : e.kind === 'timer'
        ? `${e.at} timer ${e.action} (deadline ${e.deadline})`
        : `${e.at} ${e.lifeline} ${e.event}`
  );
}

/** The words content/ gives an option: how a run of it ends, and how it ends when late. */
function option(id: string) {
  const found = deliver.choice.options.find((o) => o.id === id);
  if (!found) throw new Error(`${DELIVER} has no option ${id}`);
  return found;
}

describe('run', () => {
  describe('deliver-interaction-to-agent at defaults (timeout 30 s, response 8 s)', () => {
    it.each([
      { branch: 'accept', expected: ACCEPT_AT_DEFAULTS, outcome: 'accepted' },
      { branch: 'reject', expected: REJECT_AT_DEFAULTS, outcome: 'rejected' },
      { branch: 'timeout', expected: TIMEOUT_AT_DEFAULTS, outcome: 'timed-out' }
    ])('does the $branch flow of domain.md arrow for arrow', ({ branch, expected, outcome }) => {
      const trace = runDeliver({ branch, timeoutS: 30, responseS: 8 });
      expect(trace.entries.map(project)).toEqual(expected);
      expect(trace.outcome).toBe(outcome);
      expect(trace.endedAs).toBe(branch);
      expect(trace.outcomeLabel).toBe(option(branch).outcome);
      expect(trace.lateAnswer).toBe(false);
    });

    it('does record the scenario and the input it ran with, as a copy', () => {
      const input = { branch: 'reject', timeoutS: 30, responseS: 8 };
      const trace = runDeliver(input);
      expect(trace.scenario).toBe(DELIVER);
      expect(trace.input).toEqual(input);
      expect(trace.input).not.toBe(input);
    });

    it('does count time from RequestRouteCall and name the delivering-timeout timer', () => {
      for (const branch of ['accept', 'reject', 'timeout']) {
        const trace = runDeliver({ branch, timeoutS: 30, responseS: 8 });
        expect(trace.origin, branch).toBe('RequestRouteCall');
        expect(trace.timer, branch).toEqual({
          id: 'delivering-timeout',
          label: deliver.timer.label,
          owner: IS
        });
      }
    });

    it('does refuse a branch that Deliver does not offer', () => {
      expect(() => runDeliver({ branch: 'invalid', timeoutS: 30, responseS: 8 })).toThrow(
        /no option invalid/
      );
    });
  });

  describe('the delivery timer', () => {
    it.each([
      [1, 2],
      [7, 50],
      [30, 38],
      [30, 86_400],
      [86_400, 86_400]
    ])(
      'does expire exactly at its deadline (timeout %i s, accept at %d s)',
      (timeoutS, responseS) => {
        const trace = runDeliver({ branch: 'accept', timeoutS, responseS });
        const deadline = timeoutS * 1000;
        expect(trace.entries.slice(5, 8).map(project)).toEqual([
          t('expired', TIME, DOC, deadline, deadline),
          m(IS, AGENT, 'EventRevoked', IM, TIME, DOC, deadline),
          m(IS, REPORTING, 'EventRevoked', REP, TIME, MOD, deadline)
        ]);
        expect(arrows(trace).slice(8)).toEqual([
          `${responseS * 1000} agent-application -> interaction-server RequestAccept (Interaction Management)`,
          `${responseS * 1000} interaction-server -> agent-application EventError (Interaction Management)`
        ]);
        expect(trace.outcome).toBe('timed-out');
        expect(trace.endedAs).toBe('timeout');
        expect(trace.lateAnswer).toBe(true);
      }
    );

    it('does give timeout 7 s with an accept at 50 s: revoke at 7000, late accept and error at 50000', () => {
      const trace = runDeliver({ branch: 'accept', timeoutS: 7, responseS: 50 });
      expect(arrows(trace)).toEqual([
        '0 urs -> interaction-server RequestRouteCall (T-Library)',
        '0 interaction-server -> reporting-engine EventPartyRemoved (Reporting)',
        '0 interaction-server -> agent-application EventInvite (Interaction Management)',
        '0 timer started (deadline 7000)',
        '0 interaction-server -> reporting-engine EventAgentInvited (Reporting)',
        '7000 timer expired (deadline 7000)',
        '7000 interaction-server -> agent-application EventRevoked (Interaction Management)',
        '7000 interaction-server -> reporting-engine EventRevoked (Reporting)',
        '50000 agent-application -> interaction-server RequestAccept (Interaction Management)',
        '50000 interaction-server -> agent-application EventError (Interaction Management)'
      ]);
    });

    it('does start with the invitation and carry the same deadline on every timer entry', () => {
      for (const timeoutS of [1, 30, 86_400]) {
        for (const branch of ['accept', 'reject', 'timeout']) {
          const trace = runDeliver({ branch, timeoutS, responseS: 8 });
          const timers = trace.entries.filter((e) => e.kind === 'timer');
          expect(timers.map((e) => e.deadline)).toEqual([timeoutS * 1000, timeoutS * 1000]);
          expect(timers.every((e) => e.owner === IS)).toBe(true);
          expect(timers.every((e) => e.timer === 'delivering-timeout')).toBe(true);
        }
      }
    });
  });

  describe('the race against the deadline (timeout 30 s)', () => {
    it.each([
      ['accept', 'accepted', 'RequestAccept', 'EventPartyAdded'],
      ['reject', 'rejected', 'RequestReject', 'EventRejected']
    ])(
      'does let an answer (%s) at 29.9 s win: %s, timer cancelled at 29900',
      (branch, outcome, request, reporting) => {
        const trace = runDeliver({ branch, timeoutS: 30, responseS: 29.9 });
        expect(trace.outcome).toBe(outcome);
        expect(trace.endedAs).toBe(branch);
        expect(trace.lateAnswer).toBe(false);
        expect(arrows(trace).slice(5)).toEqual([
          `29900 agent-application -> interaction-server ${request} (Interaction Management)`,
          '29900 timer cancelled (deadline 30000)',
          '29900 interaction-server -> agent-application EventAck (Interaction Management)',
          `29900 interaction-server -> reporting-engine ${reporting} (Reporting)`,
          '29900 interaction-server -> urs EventRouteUsed (T-Library)'
        ]);
      }
    );

    it.each([
      ['accept', 30, 'RequestAccept'],
      ['accept', 30.1, 'RequestAccept'],
      ['reject', 30, 'RequestReject'],
      ['reject', 30.1, 'RequestReject']
    ])(
      'does let an answer (%s) at %d s lose: timed out at 30000, late answer refused with EventError',
      (branch, responseS, request) => {
        const trace = runDeliver({ branch, timeoutS: 30, responseS });
        const answeredAt = Math.round(responseS * 1000);
        expect(trace.outcome).toBe('timed-out');
        expect(trace.endedAs).toBe('timeout');
        expect(trace.lateAnswer).toBe(true);
        // A late answer ends in its own words, not the plain timeout's.
        expect(trace.outcomeLabel).toBe(option(branch).late);
        expect(trace.outcomeLabel).not.toBe(option('timeout').outcome);
        expect(arrows(trace).slice(5)).toEqual([
          '30000 timer expired (deadline 30000)',
          '30000 interaction-server -> agent-application EventRevoked (Interaction Management)',
          '30000 interaction-server -> reporting-engine EventRevoked (Reporting)',
          `${answeredAt} agent-application -> interaction-server ${request} (Interaction Management)`,
          `${answeredAt} interaction-server -> agent-application EventError (Interaction Management)`
        ]);
        // domain.md: the late answer and its refusal are modeled variants.
        expect(trace.entries.slice(8).map((e) => [e.phase, e.provenance])).toEqual([
          [TIME, MOD],
          [TIME, MOD]
        ]);
        expect(messagesOf(trace).some((e) => e.message.name === 'EventRouteUsed')).toBe(false);
      }
    );

    it('does answer at t = 0 before any timer can fire', () => {
      const trace = runDeliver({ branch: 'accept', timeoutS: 1, responseS: 0 });
      expect(trace.outcome).toBe('accepted');
      expect(trace.entries.map(project)).toEqual([
        ...phase1(1_000),
        m(AGENT, IS, 'RequestAccept', IM, ACC, MOD, 0),
        t('cancelled', ACC, DOC, 0, 1_000),
        m(IS, AGENT, 'EventAck', IM, ACC, MOD, 0),
        m(IS, REPORTING, 'EventPartyAdded', REP, ACC, DOC, 0),
        m(IS, URS, 'EventRouteUsed', TLIB, ACC, DOC, 0)
      ]);
    });
  });

  describe('the timeout branch', () => {
    it.each([0, 8, 29.9, 30, 30.1, 50, 86_400])(
      'does never send anything from the agent (response %d s)',
      (responseS) => {
        const trace = runDeliver({ branch: 'timeout', timeoutS: 30, responseS });
        expect(messagesOf(trace).filter((e) => e.from === AGENT)).toEqual([]);
        expect(trace.entries.map(project)).toEqual(TIMEOUT_AT_DEFAULTS);
        expect(trace.lateAnswer).toBe(false);
        expect(trace.outcomeLabel).toBe(option('timeout').outcome);
      }
    );
  });

  describe('numbering', () => {
    it.each([
      ['accept', 30, 8],
      ['reject', 30, 8],
      ['timeout', 30, 8],
      ['accept', 7, 50],
      ['reject', 30, 30]
    ])(
      'does number steps 1..N and messages 1..M (%s, timeout %i, response %d)',
      (branch, timeoutS, responseS) => {
        const trace = runDeliver({ branch, timeoutS, responseS });
        expect(trace.entries.map((e) => e.step)).toEqual(trace.entries.map((_, i) => i + 1));
        const messages = messagesOf(trace);
        expect(messages.map((e) => e.seq)).toEqual(messages.map((_, i) => i + 1));
      }
    );
  });

  describe('message attributes', () => {
    /** One attribute of a message, or undefined. */
    const attr = (e: MessageEntry, name: string): AttributeValue | undefined =>
      e.message.attributes[name];

    it.each([
      ['accept', 30, 8],
      ['reject', 30, 8],
      ['timeout', 30, 8],
      ['accept', 7, 50],
      ['reject', 30, 30.1]
    ])(
      'does keep them consistent within a run (%s, timeout %i, response %d)',
      (branch, timeoutS, responseS) => {
        const trace = runDeliver({ branch, timeoutS, responseS });
        const messages = messagesOf(trace);

        const interactionIds = new Set(
          messages.flatMap((e) =>
            'InteractionId' in e.message.attributes ? [attr(e, 'InteractionId')] : []
          )
        );
        expect(interactionIds.size).toBe(1);
        // Only the bare answers to a request leave the interaction unnamed.
        const unnamed = messages.filter((e) => !('InteractionId' in e.message.attributes));
        expect(
          unnamed.every((e) => e.message.name === 'EventAck' || e.message.name === 'EventError')
        ).toBe(true);

        const routeCall = only(trace, 'RequestRouteCall');
        const invite = only(trace, 'EventInvite');
        expect(attr(invite, 'PlaceId')).toBe(attr(routeCall, 'PlaceId'));
        expect(attr(invite, 'UserData')).toEqual({
          RTargetAgentSelected: attr(routeCall, 'AgentId'),
          RTargetPlaceSelected: attr(routeCall, 'PlaceId')
        });

        for (const e of messages) {
          const name = e.message.name;
          if (name === 'EventRouteUsed') {
            expect(attr(e, 'ReferenceId')).toBe(attr(routeCall, 'ReferenceId'));
          }
          if (
            name === 'EventAgentInvited' ||
            name === 'EventPartyAdded' ||
            name === 'EventRejected'
          ) {
            expect(attr(e, 'AgentId'), name).toBe(attr(routeCall, 'AgentId'));
            expect(attr(e, 'PlaceId'), name).toBe(attr(routeCall, 'PlaceId'));
            expect(attr(e, 'Queue'), name).toBe(attr(invite, 'Queue'));
            expect(attr(e, 'MediaType'), name).toBe(attr(invite, 'MediaType'));
          }
          // domain.md: EventPartyRemoved here names the strategy party, not the invited agent.
          if (name === 'EventPartyRemoved') {
            expect(attr(e, 'AgentId')).not.toBe(attr(routeCall, 'AgentId'));
            expect(attr(e, 'PlaceId')).not.toBe(attr(routeCall, 'PlaceId'));
            expect(attr(e, 'Queue')).toBe(attr(invite, 'Queue'));
          }
        }

        const requests = messages.filter(
          (e) => e.message.name === 'RequestAccept' || e.message.name === 'RequestReject'
        );
        const answers = messages.filter(
          (e) => e.message.name === 'EventAck' || e.message.name === 'EventError'
        );
        expect(answers).toHaveLength(requests.length);
        const request = requests[0];
        if (request === undefined) {
          expect(branch).toBe('timeout');
          return;
        }
        expect(attr(request, 'TicketId')).toBe(attr(invite, 'TicketId'));
        expect(attr(request, 'ReferenceId')).not.toBe(attr(routeCall, 'ReferenceId'));
        for (const answer of answers) {
          expect(attr(answer, 'ReferenceId')).toBe(attr(request, 'ReferenceId'));
        }
      }
    );

    it('does carry exactly the attributes domain.md lists for each message', () => {
      const runs = [
        runDeliver({ branch: 'accept', timeoutS: 30, responseS: 8 }),
        runDeliver({ branch: 'reject', timeoutS: 30, responseS: 8 }),
        runDeliver({ branch: 'timeout', timeoutS: 30, responseS: 8 }),
        runDeliver({ branch: 'accept', timeoutS: 30, responseS: 50 })
      ];
      const party = ['AgentId', 'InteractionId', 'MediaType', 'PlaceId', 'Queue'];
      const expected: Record<string, string[]> = {
        RequestRouteCall: ['AgentId', 'InteractionId', 'PlaceId', 'ReferenceId'],
        EventInvite: [
          'InteractionId',
          'InteractionType',
          'MediaType',
          'PlaceId',
          'Queue',
          'TicketId',
          'UserData'
        ],
        RequestAccept: ['InteractionId', 'ReferenceId', 'TicketId'],
        RequestReject: ['InteractionId', 'Reason', 'ReferenceId', 'TicketId'],
        EventAck: ['ReferenceId'],
        EventRevoked: ['InteractionId', 'Reason'],
        EventRouteUsed: ['InteractionId', 'ReferenceId'],
        EventAgentInvited: party,
        EventPartyAdded: party,
        EventPartyRemoved: party,
        EventRejected: party,
        EventError: ['ErrorCode', 'ErrorDescription', 'ReferenceId']
      };
      const seen = new Set<string>();
      for (const trace of runs) {
        for (const e of messagesOf(trace)) {
          const { name, attributes } = e.message;
          seen.add(name);
          expect(Object.keys(attributes).sort(), name).toEqual(expected[name]);
          if (name === 'RequestReject') {
            const reason = attributes.Reason;
            expect(typeof reason === 'object' ? Object.keys(reason).sort() : reason).toEqual([
              'ReasonCode',
              'ReasonDescription',
              'ReasonSystemName'
            ]);
          }
        }
      }
      expect([...seen].sort()).toEqual(Object.keys(expected).sort());
    });
  });
});
