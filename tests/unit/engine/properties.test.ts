import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadContentFromDisk } from '../../../src/lib/content/node';
import type {
  InvitationScenario,
  MessageStep,
  Scenario,
  SequenceScenario,
  TimelineScenario
} from '../../../src/lib/content/types';
import { defaultInput } from '../../../src/lib/engine/input';
import { run } from '../../../src/lib/engine/run';
import type { MessageEntry, RunInput, TimerEntry, Trace } from '../../../src/lib/engine/types';

/*
 * The engine's invariants, for every scenario in content/. The rules are stated here from
 * content/README.md, independently of the engine: an invitation's answer strictly before the
 * deadline wins and an answer at or after it loses; a sequence sends one version's steps at
 * t = 0. Which steps each part holds is the scenario's own, so those are read from its flow.
 */

const NUM_RUNS = 200;

const { scenarios } = loadContentFromDisk();
const invitations = scenarios.filter((s): s is InvitationScenario => s.mechanics === 'invitation');
const sequences = scenarios.filter((s): s is SequenceScenario => s.mechanics === 'sequence');
const timelines = scenarios.filter((s): s is TimelineScenario => s.mechanics === 'timeline');
/** The timelines with a timer: what races it is a wait or a party's activity. */
const timed = timelines.filter((s) => s.timer !== undefined);

/** Any response from 0 to 86,400 s in tenths, as parseResponse accepts it. */
const anyResponseS = fc.integer({ min: 0, max: 864_000 }).map((tenths) => tenths / 10);

/** Any timer length the scenario's timer allows. */
const timeoutOf = (s: InvitationScenario) => fc.integer({ min: s.timer.min, max: s.timer.max });

const branchOf = (s: Scenario) => fc.constantFrom(...s.choice.options.map((o) => o.id));

/**
 * Inputs anywhere in the scenario's ranges, plus inputs whose answer lands within a second of the
 * deadline: uniform sampling over a day would almost never test the race itself.
 */
function inputOf(s: InvitationScenario): fc.Arbitrary<RunInput> {
  const branch = branchOf(s);
  const timeoutS = timeoutOf(s);
  return fc.oneof(
    fc.record({ branch, timeoutS, responseS: anyResponseS }),
    fc.tuple(branch, timeoutS, fc.integer({ min: -10, max: 10 })).map(([b, t, offsetTenths]) => ({
      branch: b,
      timeoutS: t,
      responseS: Math.min(864_000, Math.max(0, t * 10 + offsetTenths)) / 10
    }))
  );
}

function property(s: InvitationScenario, check: (input: RunInput) => void): void {
  fc.assert(fc.property(inputOf(s), check), { numRuns: NUM_RUNS });
}

function messagesOf(trace: Trace): MessageEntry[] {
  return trace.entries.filter((e): e is MessageEntry => e.kind === 'message');
}

function timersOf(trace: Trace): TimerEntry[] {
  return trace.entries.filter((e): e is TimerEntry => e.kind === 'timer');
}

type Outcome = 'accepted' | 'rejected' | 'timed-out' | 'invalid';

/** The race, stated independently of the engine: in whole tenths, strictly before wins. */
function expectedOutcome(input: RunInput): Outcome {
  if (input.branch === 'invalid') return 'invalid';
  if (input.branch === 'timeout') return 'timed-out';
  const answersInTime = Math.round(input.responseS * 10) < input.timeoutS * 10;
  if (!answersInTime) return 'timed-out';
  return input.branch === 'accept' ? 'accepted' : 'rejected';
}

/** Who plays which part, as content/README.md defines it from the flow. */
function rolesOf(s: InvitationScenario) {
  const sender = (key: string | undefined) => (s.steps[key ?? ''] as MessageStep).from;
  const request = s.steps[s.flow.request.steps[0] ?? ''] as MessageStep;
  return { requester: request.from, server: request.to, invited: sender(s.flow.accept.steps[0]) };
}

/** The step keys a run must produce, in order, from the scenario's flow. */
function expectedKeys(s: InvitationScenario, input: RunInput, outcome: Outcome): string[] {
  const { flow } = s;
  if (outcome === 'invalid') return flow.invalid?.steps ?? [];
  const start = [...flow.request.steps, ...flow.invite.steps];
  if (outcome === 'accepted') return [...start, ...flow.accept.steps];
  if (outcome === 'rejected') return [...start, ...flow.reject.steps];
  const late =
    input.branch === 'accept'
      ? flow.late.accept
      : input.branch === 'reject'
        ? flow.late.reject
        : [];
  return [...start, ...flow.timeout.steps, ...late];
}

/** Another scenario than this one, to run in between: runs must not leak into each other. */
function another(s: Scenario): Scenario {
  return scenarios.find((o) => o.id !== s.id) ?? s;
}

describe('engine properties', () => {
  it('does run every scenario in content/ by one of the three mechanics', () => {
    expect(invitations.length + sequences.length + timelines.length).toBe(scenarios.length);
    expect(invitations.length).toBeGreaterThan(0);
    expect(sequences.length).toBeGreaterThan(0);
    expect(timed.length).toBeGreaterThan(0);
    for (const s of scenarios) {
      const trace = run(s, defaultFor(s));
      expect(trace.scenario).toBe(s.id);
      // A timer shows in the trace exactly when the scenario has one and the run starts it.
      const started = trace.entries.some((e) => e.kind === 'timer' && e.action === 'started');
      expect(trace.timer !== null, s.id).toBe(started);
      if (started) expect(s.capabilities.timer, s.id).not.toBeNull();
    }
  });

  describe.each(invitations.map((s) => [s.id, s] as const))('the %s invitation', (_, s) => {
    const roles = rolesOf(s);
    // The invited party's answers: its messages but the request, which it sends itself where it
    // is also the requester (Intrusion: Agent 2 asks to join and is the one invited).
    const answersIn = (trace: Trace) =>
      messagesOf(trace).filter(
        (e) => e.from === roles.invited && !s.flow.request.steps.includes(e.key)
      );
    const timerSteps = new Set(
      Object.entries(s.steps).flatMap(([key, step]) => (step.kind === 'timer' ? [key] : []))
    );

    it('does end every run in exactly the outcome the race gives', () => {
      property(s, (input) => {
        const trace = run(s, input);
        const outcome = expectedOutcome(input);
        expect(trace.outcome).toBe(outcome);
        const late = outcome === 'timed-out' && input.branch !== 'timeout';
        expect(trace.lateAnswer).toBe(late);
        expect(trace.endedAs).toBe(
          { accepted: 'accept', rejected: 'reject', 'timed-out': 'timeout', invalid: 'invalid' }[
            outcome
          ]
        );
        const chosen = s.choice.options.find((o) => o.id === input.branch);
        const ended = s.choice.options.find((o) => o.id === trace.endedAs);
        expect(trace.outcomeLabel).toBe(late ? chosen?.late : ended?.outcome);
        expect(trace.entries.map((e) => e.key)).toEqual(expectedKeys(s, input, outcome));
      });
    });

    it('does answer when the invited party answers, and end the race when the timer says', () => {
      property(s, (input) => {
        const trace = run(s, input);
        const answeredAt = Math.round(input.responseS * 1000);
        const deadline = input.timeoutS * 1000;
        const fromInvited = answersIn(trace);
        // The invited party speaks once, at its response time, unless it ignores the invitation.
        const answers = input.branch === 'accept' || input.branch === 'reject';
        expect(fromInvited.map((e) => e.at)).toEqual(answers ? [answeredAt] : []);
        // The winner's part and the timeout's happen at the moment that decided the race.
        const outcome = expectedOutcome(input);
        if (outcome === 'accepted' || outcome === 'rejected') {
          expect(trace.entries.at(-1)?.at).toBe(answeredAt);
        }
        if (outcome === 'timed-out') {
          const expiredAt = trace.entries.findIndex((e) => e.key === s.flow.timeout.steps[0]);
          const timeoutPart = trace.entries.slice(
            expiredAt,
            expiredAt + s.flow.timeout.steps.length
          );
          expect(timeoutPart.map((e) => e.at)).toEqual(timeoutPart.map(() => deadline));
        }
      });
    });

    it('does start the timer at most once and, once started, end it exactly once', () => {
      property(s, (input) => {
        const trace = run(s, input);
        const deadline = input.timeoutS * 1000;
        const timers = timersOf(trace);
        if (input.branch === 'invalid') {
          // Nothing is invited, so nothing is timed.
          expect(timers).toEqual([]);
          expect(trace.timer).toBeNull();
          return;
        }
        expect(timers.map((e) => e.action)).toEqual([
          'started',
          expectedOutcome(input) === 'timed-out' ? 'expired' : 'cancelled'
        ]);
        const [started, ended] = timers as [TimerEntry, TimerEntry];
        expect(started.at).toBe(0);
        expect(ended.step).toBeGreaterThan(started.step);
        for (const e of timers) {
          expect([e.timer, e.owner, e.deadline]).toEqual([s.timer.id, roles.server, deadline]);
        }
        expect(trace.timer).toEqual({ id: s.timer.id, label: s.timer.label, owner: roles.server });
        if (ended.action === 'expired') {
          expect(ended.at).toBe(deadline);
        } else {
          expect(ended.at).toBe(Math.round(input.responseS * 1000));
          expect(ended.at).toBeLessThan(deadline);
        }
      });
    });

    it('does send nothing after the revoke but the late answer and its refusal', () => {
      property(s, (input) => {
        const trace = run(s, input);
        const timeoutEnd = trace.entries.findIndex((e) => e.key === s.flow.timeout.steps.at(-1));
        expect(timeoutEnd >= 0).toBe(expectedOutcome(input) === 'timed-out');
        if (timeoutEnd < 0) return;
        const after = trace.entries.slice(timeoutEnd + 1);
        expect(after.some((e) => e.kind === 'timer' || timerSteps.has(e.key))).toBe(false);
        if (!trace.lateAnswer) {
          expect(after).toEqual([]);
          return;
        }
        // One late answer from the invited party to the server, at its response time; the server
        // then tells the invited party no, and nobody else hears anything.
        const [answer, ...refusal] = after as MessageEntry[];
        const answeredAt = Math.round(input.responseS * 1000);
        expect([answer?.from, answer?.to, answer?.at]).toEqual([
          roles.invited,
          roles.server,
          answeredAt
        ]);
        expect(refusal.length).toBeGreaterThan(0);
        for (const e of refusal) {
          expect([e.from, e.to, e.at]).toEqual([roles.server, roles.invited, answeredAt]);
        }
      });
    });

    it('does never let the timeout branch send anything from the invited party', () => {
      fc.assert(
        fc.property(timeoutOf(s), anyResponseS, (timeoutS, responseS) => {
          const trace = run(s, { branch: 'timeout', timeoutS, responseS });
          expect(answersIn(trace)).toEqual([]);
          expect(trace.lateAnswer).toBe(false);
        }),
        { numRuns: NUM_RUNS }
      );
    });

    it('does keep entries in non-decreasing virtual time, numbered 1..N and 1..M', () => {
      property(s, (input) => {
        const trace = run(s, input);
        expect(trace.entries[0]?.at).toBe(0);
        trace.entries.forEach((e, i) => {
          expect(e.step).toBe(i + 1);
          if (i > 0) expect(e.at).toBeGreaterThanOrEqual((trace.entries[i - 1] as typeof e).at);
        });
        messagesOf(trace).forEach((e, i) => expect(e.seq).toBe(i + 1));
      });
    });

    it('does make the trace a pure function of its input', () => {
      const other = another(s);
      fc.assert(
        fc.property(inputOf(s), inputOf(s), (a, b) => {
          const first = run(s, a);
          // Other runs in between, of this scenario and another, must leave no trace.
          run(s, b);
          run(other, defaultFor(other));
          const again = run(s, { ...a });
          expect(again).toEqual(first);
          expect(JSON.stringify(again)).toBe(JSON.stringify(first));
          expect(first.input).toEqual(a);
        }),
        { numRuns: NUM_RUNS }
      );
    });
  });

  describe('deliver-interaction-to-agent', () => {
    const deliver = invitations.find((s) => s.id === 'deliver-interaction-to-agent');
    if (!deliver) throw new Error('no deliver-interaction-to-agent in content/');

    // domain.md: EventRouteUsed follows only an accept or a reject, never a timeout.
    it('does tell URS its route was used only when the agent answered in time', () => {
      property(deliver, (input) => {
        const trace = run(deliver, input);
        const routeUsed = messagesOf(trace).filter((e) => e.message.name === 'EventRouteUsed');
        expect(routeUsed.map((e) => e.to)).toEqual(trace.outcome === 'timed-out' ? [] : ['urs']);
      });
    });
  });

  describe.each(sequences.map((s) => [s.id, s] as const))('the %s sequence', (_, s) => {
    const input = fc.record({
      branch: branchOf(s),
      timeoutS: fc.integer({ min: 0, max: 86_400 }),
      responseS: anyResponseS
    });

    it('does send every version’s steps in order, all at t = 0, whatever the timings', () => {
      fc.assert(
        fc.property(input, (i) => {
          const trace = run(s, i);
          expect(trace.entries.map((e) => e.key)).toEqual(
            s.flow[i.branch]?.flatMap((p) => p.steps)
          );
          expect(trace.entries.every((e) => e.at === 0 && e.kind !== 'timer')).toBe(true);
          expect(trace.entries.map((e) => e.step)).toEqual(trace.entries.map((_, n) => n + 1));
          messagesOf(trace).forEach((e, n) => expect(e.seq).toBe(n + 1));
          expect(trace.outcome).toBe(i.branch);
          expect(trace.endedAs).toBe(i.branch);
          expect(trace.lateAnswer).toBe(false);
          expect(trace.timer).toBeNull();
        }),
        { numRuns: NUM_RUNS }
      );
    });

    it('does make the trace a pure function of its input, timings aside', () => {
      const other = another(s);
      fc.assert(
        fc.property(input, input, (a, b) => {
          const first = run(s, a);
          run(s, b);
          run(other, defaultFor(other));
          const again = run(s, { ...a });
          expect(again).toEqual(first);
          expect(first.input).toEqual(a);
          // The timings are recorded but change nothing a sequence sends.
          expect(run(s, { ...b, branch: a.branch }).entries).toEqual(first.entries);
        }),
        { numRuns: NUM_RUNS }
      );
    });
  });
});

/** Some valid input for a scenario, whatever its mechanics. */
function defaultFor(s: Scenario): RunInput {
  return defaultInput(s);
}

/*
 * A timeline with a timer, stated from content/README.md: the timer expires exactly one timer
 * length after its last start or restart, unless cancelled first; a step that waits is sent one
 * response time after the step before it, unless it is due at or after the deadline, when the
 * timer expires first and the step is late (sent with the `on: late` steps, or never).
 */
describe.each(timed.map((s) => [s.id, s] as const))('the %s timeline', (_, s) => {
  const timer = s.timer as NonNullable<TimelineScenario['timer']>;
  const k = timer.unit === 'min' ? 60 : 1;
  const r = s.response as NonNullable<TimelineScenario['response']>;
  const rk = r.unit === 'min' ? 60 : 1;
  const input: fc.Arbitrary<RunInput> = fc
    .record({
      branch: branchOf(s),
      timeout: fc.integer({ min: timer.min, max: Math.min(timer.max, timer.default * 4) }),
      // Near the deadline as often as anywhere: the race is what is tested.
      response: fc.oneof(
        fc.integer({ min: r.min * 10, max: Math.min(r.max, timer.default * 4) * 10 }),
        fc.integer({ min: -20, max: 20 })
      ),
      count: fc.integer({ min: s.activity?.min ?? 0, max: Math.min(s.activity?.max ?? 0, 6) })
    })
    .map(({ branch, timeout, response, count }) => {
      const tenths = response < r.min * 10 ? timeout * 10 + response : response;
      const responseUnits = Math.min(r.max, Math.max(r.min, tenths / 10));
      return {
        branch,
        timeoutS: timeout * k,
        responseS: Math.round(responseUnits * rk * 10) / 10,
        ...(s.activity ? { count } : {})
      };
    });

  it('does expire the timer exactly one length after its last start, unless cancelled', () => {
    fc.assert(
      fc.property(input, (i) => {
        const trace = run(s, i);
        let deadline: number | null = null;
        for (const e of trace.entries) {
          if (e.kind !== 'timer') continue;
          if (e.action === 'started' || e.action === 'restarted') {
            deadline = e.at + i.timeoutS * 1000;
            expect(e.deadline).toBe(deadline);
          } else if (e.action === 'cancelled') {
            expect(deadline).not.toBeNull();
            expect(e.at).toBeLessThan(deadline as number);
            deadline = null;
          } else {
            expect(e.at).toBe(deadline);
            deadline = null;
          }
        }
        // A timer still running at the end would have expired: it never is.
        expect(deadline).toBeNull();
      }),
      { numRuns: NUM_RUNS }
    );
  });

  it('does send nothing late but a late step, and only after the expiry', () => {
    fc.assert(
      fc.property(input, (i) => {
        const trace = run(s, i);
        const expiry = trace.entries.find((e) => e.kind === 'timer' && e.action === 'expired');
        const option = s.flow[i.branch];
        const lateKeys = new Set(option?.late?.steps ?? []);
        const lateEntries = trace.entries.filter((e) => lateKeys.has(e.key));
        if (lateEntries.length > 0) {
          expect(trace.lateAnswer).toBe(true);
          expect(expiry).toBeDefined();
          for (const e of lateEntries) expect(e.at).toBeGreaterThanOrEqual(expiry?.at ?? Infinity);
        }
        // Entries are in time order and numbered from 1.
        trace.entries.forEach((e, n) => {
          expect(e.step).toBe(n + 1);
          if (n > 0) expect(e.at).toBeGreaterThanOrEqual(trace.entries[n - 1]?.at ?? 0);
        });
        // A late run ends in the option's late words; an on-time one in its outcome.
        const chosen = s.choice.options.find((o) => o.id === i.branch);
        expect(trace.outcomeLabel).toBe(
          trace.lateAnswer ? (chosen?.late ?? chosen?.outcome) : chosen?.outcome
        );
      }),
      { numRuns: NUM_RUNS }
    );
  });

  it('does make the trace a pure function of its input', () => {
    const other = scenarios.find((o) => o.id !== s.id) ?? s;
    fc.assert(
      fc.property(input, input, (a, b) => {
        const first = run(s, a);
        run(s, b);
        run(other, defaultFor(other));
        expect(run(s, { ...a })).toEqual(first);
      }),
      { numRuns: 50 }
    );
  });
});
