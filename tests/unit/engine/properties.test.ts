import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runDelivery } from '../../../src/lib/engine/run';
import {
  BRANCHES,
  type MessageEntry,
  type Outcome,
  type RunInput,
  type StepKey,
  type TimerEntry,
  type Trace
} from '../../../src/lib/engine/types';

const NUM_RUNS = 300;

const branch = fc.constantFrom(...BRANCHES);
const timeoutS = fc.integer({ min: 1, max: 86_400 });
/** Any response from 0 to 86,400 s in tenths, as parseResponse accepts it. */
const anyResponseS = fc.integer({ min: 0, max: 864_000 }).map((tenths) => tenths / 10);

/**
 * Inputs anywhere in the allowed ranges, plus inputs whose answer lands within a second of the
 * deadline: uniform sampling over a day would almost never test the race itself.
 */
const runInput: fc.Arbitrary<RunInput> = fc.oneof(
  fc.record({ branch, timeoutS, responseS: anyResponseS }),
  fc.tuple(branch, timeoutS, fc.integer({ min: -10, max: 10 })).map(([b, t, offsetTenths]) => ({
    branch: b,
    timeoutS: t,
    responseS: Math.min(864_000, Math.max(0, t * 10 + offsetTenths)) / 10
  }))
);

function property(check: (input: RunInput) => void): void {
  fc.assert(fc.property(runInput, check), { numRuns: NUM_RUNS });
}

function messagesOf(trace: Trace): MessageEntry[] {
  return trace.entries.filter((e): e is MessageEntry => e.kind === 'message');
}

function timersOf(trace: Trace): TimerEntry[] {
  return trace.entries.filter((e): e is TimerEntry => e.kind === 'timer');
}

/** The race, stated independently of the engine: in whole tenths, strictly before wins. */
function expectedOutcome(input: RunInput): Outcome {
  if (input.branch === 'timeout') return 'timed-out';
  const answersInTime = Math.round(input.responseS * 10) < input.timeoutS * 10;
  if (!answersInTime) return 'timed-out';
  return input.branch === 'accept' ? 'accepted' : 'rejected';
}

const PHASE_1: StepKey[] = [
  'route-call',
  'party-removed',
  'invite',
  'timer-started',
  'agent-invited'
];

describe('engine properties', () => {
  it('does end every run in exactly the outcome the race gives', () => {
    property((input) => {
      const trace = runDelivery(input);
      const outcome = expectedOutcome(input);
      expect(trace.outcome).toBe(outcome);
      expect(trace.lateAnswer).toBe(outcome === 'timed-out' && input.branch !== 'timeout');

      const keys = trace.entries.map((e) => e.key);
      const has = (key: StepKey) => keys.includes(key);
      // Exactly one ending: an answer that wins, or the timer.
      expect([has('accept'), has('reject'), has('timer-expired')].filter(Boolean)).toHaveLength(1);
      const rest: Record<Outcome, StepKey[]> = {
        accepted: ['accept', 'timer-cancelled', 'accept-ack', 'party-added', 'route-used'],
        rejected: ['reject', 'timer-cancelled', 'reject-ack', 'rejected', 'route-used'],
        'timed-out': ['timer-expired', 'revoked', 'revoked-reporting']
      };
      const late: StepKey[] = trace.lateAnswer
        ? [input.branch === 'accept' ? 'late-accept' : 'late-reject', 'late-error']
        : [];
      expect(keys).toEqual([...PHASE_1, ...rest[outcome], ...late]);
    });
  });

  it('does start the delivery timer once and end it once, after it started', () => {
    property((input) => {
      const trace = runDelivery(input);
      const deadline = input.timeoutS * 1000;
      const timers = timersOf(trace);
      expect(timers).toHaveLength(2);
      const [started, ended] = timers as [TimerEntry, TimerEntry];
      expect(started.action).toBe('started');
      expect(started.at).toBe(0);
      expect(ended.step).toBeGreaterThan(started.step);
      expect(timers.every((e) => e.deadline === deadline)).toBe(true);
      if (trace.outcome === 'timed-out') {
        expect(ended.action).toBe('expired');
        expect(ended.at).toBe(deadline);
      } else {
        expect(ended.action).toBe('cancelled');
        expect(ended.at).toBe(Math.round(input.responseS * 1000));
        expect(ended.at).toBeLessThan(deadline);
      }
    });
  });

  it('does keep entries in non-decreasing virtual time, numbered 1..N and 1..M', () => {
    property((input) => {
      const trace = runDelivery(input);
      trace.entries.forEach((e, i) => {
        expect(e.step).toBe(i + 1);
        if (i > 0) expect(e.at).toBeGreaterThanOrEqual((trace.entries[i - 1] as typeof e).at);
      });
      messagesOf(trace).forEach((e, i) => expect(e.seq).toBe(i + 1));
    });
  });

  it('does send the agent application nothing but EventError after EventRevoked', () => {
    property((input) => {
      const trace = runDelivery(input);
      const revokedAt = trace.entries.findIndex(
        (e) =>
          e.kind === 'message' && e.message.name === 'EventRevoked' && e.to === 'agent-application'
      );
      expect(revokedAt >= 0).toBe(trace.outcome === 'timed-out');
      if (revokedAt < 0) return;
      const after = messagesOf({ ...trace, entries: trace.entries.slice(revokedAt + 1) });
      const toAgent = after.filter((e) => e.to === 'agent-application').map((e) => e.message.name);
      expect(toAgent.every((name) => name === 'EventError')).toBe(true);
      // And each late answer gets exactly one.
      expect(toAgent).toHaveLength(trace.lateAnswer ? 1 : 0);
    });
  });

  it('does tell URS its route was used only when the agent answered in time', () => {
    property((input) => {
      const trace = runDelivery(input);
      const routeUsed = messagesOf(trace).filter((e) => e.message.name === 'EventRouteUsed');
      expect(routeUsed).toHaveLength(trace.outcome === 'timed-out' ? 0 : 1);
    });
  });

  it('does never let the timeout branch send anything from the agent', () => {
    fc.assert(
      fc.property(timeoutS, anyResponseS, (t, r) => {
        const trace = runDelivery({ branch: 'timeout', timeoutS: t, responseS: r });
        expect(messagesOf(trace).filter((e) => e.from === 'agent-application')).toEqual([]);
      }),
      { numRuns: NUM_RUNS }
    );
  });

  it('does make the trace a pure function of its input', () => {
    fc.assert(
      fc.property(runInput, runInput, (a, b) => {
        const first = runDelivery(a);
        // Another run in between must leave no trace on the next one.
        runDelivery(b);
        const again = runDelivery({ ...a });
        expect(again).toEqual(first);
        expect(JSON.stringify(again)).toBe(JSON.stringify(first));
        expect(first.input).toEqual(a);
      }),
      { numRuns: NUM_RUNS }
    );
  });
});
