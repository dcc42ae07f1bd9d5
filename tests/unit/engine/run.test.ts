import { describe, expect, it } from 'vitest';
import { runDelivery } from '../../../src/lib/engine/run';
import type {
  Branch,
  ComponentId,
  MessageEntry,
  MessageName,
  PhaseId,
  Protocol,
  Provenance,
  TimerAction,
  Trace,
  TraceEntry
} from '../../../src/lib/engine/types';

/*
 * The expected flows below are transcribed by hand from ../shared/domain.md, "Canonical model".
 * They deliberately do not import the engine's own tables (messages.ts, provenance.ts): the point
 * is to fail when the engine drifts from domain.md.
 */

/** What domain.md pins for one trace entry. */
type Expected =
  | {
      kind: 'message';
      from: ComponentId;
      to: ComponentId;
      name: MessageName;
      protocol: Protocol;
      phase: PhaseId;
      provenance: Provenance;
      at: number;
    }
  | {
      kind: 'timer';
      action: TimerAction;
      phase: PhaseId;
      provenance: Provenance;
      at: number;
      deadline: number;
    };

const URS: ComponentId = 'urs';
const IS: ComponentId = 'interaction-server';
const AGENT: ComponentId = 'agent-application';
const REPORTING: ComponentId = 'reporting-engine';
const TLIB: Protocol = 'T-Library';
const IM: Protocol = 'Interaction Management';
const REP: Protocol = 'Reporting';
const DOC: Provenance = 'documented';
const MOD: Provenance = 'modeled';
const P1: PhaseId = 'urs-requests-delivery';
const ACC: PhaseId = 'agent-accepts-delivery';
const REJ: PhaseId = 'agent-rejects-delivery';
const TIME: PhaseId = 'agent-fails-to-respond';

function m(
  from: ComponentId,
  to: ComponentId,
  name: MessageName,
  protocol: Protocol,
  phase: PhaseId,
  provenance: Provenance,
  at: number
): Expected {
  return { kind: 'message', from, to, name, protocol, phase, provenance, at };
}

function t(
  action: TimerAction,
  phase: PhaseId,
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
  return e.kind === 'message'
    ? m(e.from, e.to, e.message.name, e.message.protocol, e.phase, e.provenance, e.at)
    : t(e.action, e.phase, e.provenance, e.at, e.deadline);
}

function messagesOf(trace: Trace): MessageEntry[] {
  return trace.entries.filter((e): e is MessageEntry => e.kind === 'message');
}

/** The one message entry with this name and receiver; fails the test if there is not exactly one. */
function only(trace: Trace, name: MessageName, to?: ComponentId): MessageEntry {
  const found = messagesOf(trace).filter(
    (e) => e.message.name === name && (to === undefined || e.to === to)
  );
  expect(found, `${name}${to ? ` to ${to}` : ''}`).toHaveLength(1);
  return found[0] as MessageEntry;
}

/** Who sends what to whom and when: enough to check the race and the late answer. */
function arrows(trace: Trace): string[] {
  return trace.entries.map((e) =>
    e.kind === 'message'
      ? `${e.at} ${e.from} -> ${e.to} ${e.message.name} (${e.message.protocol})`
      : `${e.at} timer ${e.action} (deadline ${e.deadline})`
  );
}

describe('runDelivery', () => {
  describe('at defaults (timeout 30 s, response 8 s)', () => {
    it('does the accept flow of domain.md arrow for arrow', () => {
      const trace = runDelivery({ branch: 'accept', timeoutS: 30, responseS: 8 });
      expect(trace.entries.map(project)).toEqual(ACCEPT_AT_DEFAULTS);
      expect(trace.outcome).toBe('accepted');
      expect(trace.lateAnswer).toBe(false);
    });

    it('does the reject flow of domain.md arrow for arrow', () => {
      const trace = runDelivery({ branch: 'reject', timeoutS: 30, responseS: 8 });
      expect(trace.entries.map(project)).toEqual(REJECT_AT_DEFAULTS);
      expect(trace.outcome).toBe('rejected');
      expect(trace.lateAnswer).toBe(false);
    });

    it('does the timeout flow of domain.md arrow for arrow', () => {
      const trace = runDelivery({ branch: 'timeout', timeoutS: 30, responseS: 8 });
      expect(trace.entries.map(project)).toEqual(TIMEOUT_AT_DEFAULTS);
      expect(trace.outcome).toBe('timed-out');
      expect(trace.lateAnswer).toBe(false);
    });

    it('does record the input it ran with, as a copy', () => {
      const input = { branch: 'reject' as const, timeoutS: 30, responseS: 8 };
      const trace = runDelivery(input);
      expect(trace.input).toEqual(input);
      expect(trace.input).not.toBe(input);
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
        const trace = runDelivery({ branch: 'accept', timeoutS, responseS });
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
        expect(trace.lateAnswer).toBe(true);
      }
    );

    it('does give timeout 7 s with an accept at 50 s: revoke at 7000, late accept and error at 50000', () => {
      const trace = runDelivery({ branch: 'accept', timeoutS: 7, responseS: 50 });
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
        for (const branch of ['accept', 'reject', 'timeout'] as const) {
          const trace = runDelivery({ branch, timeoutS, responseS: 8 });
          const timers = trace.entries.filter((e) => e.kind === 'timer');
          expect(timers.map((e) => e.deadline)).toEqual([timeoutS * 1000, timeoutS * 1000]);
          expect(timers.every((e) => e.owner === 'interaction-server')).toBe(true);
          expect(timers.every((e) => e.timer === 'delivering-timeout')).toBe(true);
        }
      }
    });
  });

  describe('the race against the deadline (timeout 30 s)', () => {
    it.each<[Branch, 'accepted' | 'rejected', MessageName, MessageName]>([
      ['accept', 'accepted', 'RequestAccept', 'EventPartyAdded'],
      ['reject', 'rejected', 'RequestReject', 'EventRejected']
    ])(
      'does let an answer (%s) at 29.9 s win: %s, timer cancelled at 29900',
      (branch, outcome, request, reporting) => {
        const trace = runDelivery({ branch, timeoutS: 30, responseS: 29.9 });
        expect(trace.outcome).toBe(outcome);
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

    it.each<[Branch, number, MessageName]>([
      ['accept', 30, 'RequestAccept'],
      ['accept', 30.1, 'RequestAccept'],
      ['reject', 30, 'RequestReject'],
      ['reject', 30.1, 'RequestReject']
    ])(
      'does let an answer (%s) at %d s lose: timed out at 30000, late answer refused with EventError',
      (branch, responseS, request) => {
        const trace = runDelivery({ branch, timeoutS: 30, responseS });
        const answeredAt = Math.round(responseS * 1000);
        expect(trace.outcome).toBe('timed-out');
        expect(trace.lateAnswer).toBe(true);
        expect(arrows(trace).slice(5)).toEqual([
          '30000 timer expired (deadline 30000)',
          '30000 interaction-server -> agent-application EventRevoked (Interaction Management)',
          '30000 interaction-server -> reporting-engine EventRevoked (Reporting)',
          `${answeredAt} agent-application -> interaction-server ${request} (Interaction Management)`,
          `${answeredAt} interaction-server -> agent-application EventError (Interaction Management)`
        ]);
        // domain.md: the late answer and its refusal are modeled variants.
        expect(trace.entries.slice(8).map((e) => e.provenance)).toEqual([MOD, MOD]);
        expect(messagesOf(trace).some((e) => e.message.name === 'EventRouteUsed')).toBe(false);
      }
    );

    it('does answer at t = 0 before any timer can fire', () => {
      const trace = runDelivery({ branch: 'accept', timeoutS: 1, responseS: 0 });
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
        const trace = runDelivery({ branch: 'timeout', timeoutS: 30, responseS });
        expect(messagesOf(trace).filter((e) => e.from === AGENT)).toEqual([]);
        expect(trace.entries.map(project)).toEqual(TIMEOUT_AT_DEFAULTS);
        expect(trace.lateAnswer).toBe(false);
      }
    );
  });

  describe('numbering', () => {
    it.each<[Branch, number, number]>([
      ['accept', 30, 8],
      ['reject', 30, 8],
      ['timeout', 30, 8],
      ['accept', 7, 50],
      ['reject', 30, 30]
    ])(
      'does number steps 1..N and messages 1..M (%s, timeout %i, response %d)',
      (branch, timeoutS, responseS) => {
        const trace = runDelivery({ branch, timeoutS, responseS });
        expect(trace.entries.map((e) => e.step)).toEqual(trace.entries.map((_, i) => i + 1));
        const messages = messagesOf(trace);
        expect(messages.map((e) => e.seq)).toEqual(messages.map((_, i) => i + 1));
      }
    );
  });

  describe('message attributes', () => {
    it.each<[Branch, number, number]>([
      ['accept', 30, 8],
      ['reject', 30, 8],
      ['timeout', 30, 8],
      ['accept', 7, 50],
      ['reject', 30, 30.1]
    ])(
      'does keep them consistent within a run (%s, timeout %i, response %d)',
      (branch, timeoutS, responseS) => {
        const trace = runDelivery({ branch, timeoutS, responseS });
        const messages = messagesOf(trace).map((e) => e.message);

        const interactionIds = new Set(
          messages.flatMap((msg) =>
            'InteractionId' in msg.attributes ? [msg.attributes.InteractionId] : []
          )
        );
        expect(interactionIds.size).toBe(1);
        // Only the bare answers to a request leave the interaction unnamed.
        const unnamed = messages.filter((msg) => !('InteractionId' in msg.attributes));
        expect(unnamed.every((msg) => msg.name === 'EventAck' || msg.name === 'EventError')).toBe(
          true
        );

        const routeCall = only(trace, 'RequestRouteCall').message;
        if (routeCall.name !== 'RequestRouteCall') throw new Error('unreachable');
        const invite = only(trace, 'EventInvite').message;
        if (invite.name !== 'EventInvite') throw new Error('unreachable');
        expect(invite.attributes.PlaceId).toBe(routeCall.attributes.PlaceId);
        expect(invite.attributes.UserData).toEqual({
          RTargetAgentSelected: routeCall.attributes.AgentId,
          RTargetPlaceSelected: routeCall.attributes.PlaceId
        });

        for (const msg of messages) {
          if (msg.name === 'EventRouteUsed') {
            expect(msg.attributes.ReferenceId).toBe(routeCall.attributes.ReferenceId);
          }
          if (
            msg.name === 'EventAgentInvited' ||
            msg.name === 'EventPartyAdded' ||
            msg.name === 'EventRejected'
          ) {
            expect(msg.attributes.AgentId).toBe(routeCall.attributes.AgentId);
            expect(msg.attributes.PlaceId).toBe(routeCall.attributes.PlaceId);
            expect(msg.attributes.Queue).toBe(invite.attributes.Queue);
            expect(msg.attributes.MediaType).toBe(invite.attributes.MediaType);
          }
          // domain.md: EventPartyRemoved here names the strategy party, not the invited agent.
          if (msg.name === 'EventPartyRemoved') {
            expect(msg.attributes.AgentId).not.toBe(routeCall.attributes.AgentId);
            expect(msg.attributes.PlaceId).not.toBe(routeCall.attributes.PlaceId);
            expect(msg.attributes.Queue).toBe(invite.attributes.Queue);
          }
        }

        const requests = messages.filter(
          (msg) => msg.name === 'RequestAccept' || msg.name === 'RequestReject'
        );
        const answers = messages.filter(
          (msg) => msg.name === 'EventAck' || msg.name === 'EventError'
        );
        expect(answers).toHaveLength(requests.length);
        const request = requests[0];
        if (request === undefined) {
          expect(branch).toBe('timeout');
          return;
        }
        if (request.name !== 'RequestAccept' && request.name !== 'RequestReject') {
          throw new Error('unreachable');
        }
        expect(request.attributes.TicketId).toBe(invite.attributes.TicketId);
        expect(request.attributes.ReferenceId).not.toBe(routeCall.attributes.ReferenceId);
        for (const answer of answers) {
          if (answer.name !== 'EventAck' && answer.name !== 'EventError')
            throw new Error('unreachable');
          expect(answer.attributes.ReferenceId).toBe(request.attributes.ReferenceId);
        }
      }
    );

    it('does carry exactly the attributes domain.md lists for each message', () => {
      const runs = [
        runDelivery({ branch: 'accept', timeoutS: 30, responseS: 8 }),
        runDelivery({ branch: 'reject', timeoutS: 30, responseS: 8 }),
        runDelivery({ branch: 'accept', timeoutS: 30, responseS: 50 })
      ];
      const party = ['AgentId', 'InteractionId', 'MediaType', 'PlaceId', 'Queue'];
      const expected: Record<MessageName, string[]> = {
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
      const seen = new Set<MessageName>();
      for (const trace of runs) {
        for (const { message } of messagesOf(trace)) {
          seen.add(message.name);
          expect(Object.keys(message.attributes).sort(), message.name).toEqual(
            expected[message.name]
          );
          if (message.name === 'RequestReject') {
            expect(Object.keys(message.attributes.Reason).sort()).toEqual([
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
