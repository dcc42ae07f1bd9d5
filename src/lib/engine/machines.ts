/**
 * The two mechanics a scenario can declare, as XState machines built from its flow (once per
 * scenario, cached). The machines know who reacts to what and when; the scenario's steps say
 * what is sent.
 *
 * - Invitation: a requester asks a server for something that needs another party. The server's
 *   statechart is the one that matters: idle → inviting (the timer is the parent state's
 *   delayed transition) → accepted | rejected | revoked, or refused when the request is
 *   invalid. The invited party answers after its response time, or never; an answer that
 *   arrives after the revoke is refused.
 * - Sequence: one actor sends a version's steps in order, all at t = 0; nobody reacts.
 *
 * The lifelines that react are actors addressed by their lifeline id; each message to one of
 * them is an event `{ type: 'step', key }`. Each sender records what it sends through the run's
 * Recorder, so the trace has every message, including those to lifelines that only listen.
 */
import { and, enqueueActions, raise, setup, type AnyActorRef, type AnyStateMachine } from 'xstate';
import type {
  InvitationScenario,
  MessageStep,
  Scenario,
  Segment,
  SequenceScenario
} from '../content/types';
import type { Recorder } from './recorder';
import type { RunInput } from './types';

/** A message arriving at an actor, or the invited party's own answer timer. */
type StepEvent = { type: 'step'; key: string } | { type: 'answer' };

export interface ActorInput {
  run: RunInput;
  recorder: Recorder;
}

/** A list of steps to send, in the phase they belong to. */
type Part = Segment;

/** What `enqueueActions` hands an action, as far as sending steps needs it. */
interface Enqueue {
  context: ActorInput;
  system: { get(id: string): AnyActorRef | undefined };
  enqueue: { sendTo(target: AnyActorRef, event: StepEvent): void };
}

/**
 * Records each step of a part in order, and sends each message to its receiver when the
 * receiver is one of `reactors`, the lifelines whose machine reacts to what it hears. The
 * others only listen (what a reporting engine does with an event is outside the model), so
 * they need no actor, and a run pays for no event it does not use.
 */
function sendPart(
  scenario: Scenario,
  { context, system, enqueue }: Enqueue,
  part: Part,
  reactors: ReadonlySet<string>
): void {
  for (const key of part.steps) {
    const step = scenario.steps[key];
    if (!step) throw new Error(`No step ${key} in scenario ${scenario.id}`);
    if (step.kind === 'timer') {
      context.recorder.timerStep(key, part.phase, step);
      continue;
    }
    context.recorder.message(key, part.phase, step);
    if (!reactors.has(step.to)) continue;
    const target = system.get(step.to);
    if (!target) throw new Error(`No actor is registered as ${step.to}`);
    enqueue.sendTo(target, { type: 'step', key });
  }
}

/** The roles of an invitation, read from its flow (content/README.md says how). */
function roles(scenario: InvitationScenario) {
  const { flow, steps } = scenario;
  const message = (key: string | undefined) => {
    const step = key === undefined ? undefined : steps[key];
    if (step?.kind !== 'message') throw new Error(`Step ${key} of ${scenario.id} is not a message`);
    return step;
  };
  const request = message(flow.request.steps.at(-1));
  const answer = message(flow.accept.steps[0]);
  return {
    requester: request.from,
    server: request.to,
    invited: answer.from,
    requestKey: flow.request.steps.at(-1) as string,
    invalidKey: flow.invalid?.steps[0],
    acceptKey: flow.accept.steps[0] as string,
    rejectKey: flow.reject.steps[0] as string,
    /** Steps that tell the invited party its invitation is gone. */
    revokeKeys: new Set(
      flow.timeout.steps.filter((k) => (steps[k] as MessageStep).to === answer.from)
    )
  };
}

function invitationSystem(scenario: InvitationScenario): AnyStateMachine {
  const { flow } = scenario;
  const r = roles(scenario);
  // The server answers requests and answers; the invited party answers the invitation.
  const reactors = new Set([r.server, r.invited]);
  const base = setup({
    types: {} as { context: ActorInput; input: ActorInput; events: StepEvent },
    delays: {
      timeout: ({ context }) => context.run.timeoutS * 1000,
      response: ({ context }) => Math.round(context.run.responseS * 1000)
    },
    guards: {
      answers: ({ context }) => context.run.branch === 'accept' || context.run.branch === 'reject',
      accepts: ({ context }) => context.run.branch === 'accept',
      invalid: ({ context }) => context.run.branch === 'invalid',
      isRequest: ({ event }) => event.type === 'step' && event.key === r.requestKey,
      isInvalidRequest: ({ event }) => event.type === 'step' && event.key === r.invalidKey,
      isAccept: ({ event }) => event.type === 'step' && event.key === r.acceptKey,
      isReject: ({ event }) => event.type === 'step' && event.key === r.rejectKey,
      isLateAccept: ({ event }) => event.type === 'step' && event.key === flow.late.accept[0],
      isLateReject: ({ event }) => event.type === 'step' && event.key === flow.late.reject[0],
      isRevoke: ({ event }) => event.type === 'step' && r.revokeKeys.has(event.key)
    },
    actions: {
      perform: enqueueActions((args, params: { part: Part }) =>
        sendPart(scenario, args, params.part, reactors)
      )
    }
  });
  /** Steps `from` to `to` (exclusive) of a part, as an action. */
  const perform = (part: Part, from = 0, to?: number) => ({
    type: 'perform' as const,
    params: { part: { phase: part.phase, steps: part.steps.slice(from, to) } }
  });
  const invalid = flow.invalid ?? { phase: flow.request.phase, steps: [] };
  const lateAccept = { phase: flow.late.phase, steps: flow.late.accept };
  const lateReject = { phase: flow.late.phase, steps: flow.late.reject };

  const requester = base.createMachine({
    id: 'requester',
    context: ({ input }) => input,
    entry: [
      {
        type: 'perform',
        params: ({ context }) =>
          context.run.branch === 'invalid' && flow.invalid
            ? { part: { phase: flow.invalid.phase, steps: flow.invalid.steps.slice(0, 1) } }
            : { part: flow.request }
      }
    ]
  });

  const server = base.createMachine({
    id: 'server',
    context: ({ input }) => input,
    initial: 'idle',
    // Modeled: an answer about an invitation that no longer exists is refused.
    on: {
      step: [
        { guard: 'isLateAccept', actions: perform(lateAccept, 1) },
        { guard: 'isLateReject', actions: perform(lateReject, 1) }
      ]
    },
    states: {
      idle: {
        on: {
          step: [
            // Only a scenario with an invalid part has a request that can be refused.
            {
              guard: and(['invalid', 'isInvalidRequest']),
              target: 'refused',
              actions: perform(invalid, 1)
            },
            { guard: 'isRequest', target: 'inviting' }
          ]
        }
      },
      inviting: {
        // The timer is this parent state's delayed transition. It is scheduled before the child
        // state sends the invitation, so an answer due at the very deadline loses the race.
        after: { timeout: { target: 'revoked', actions: perform(flow.timeout) } },
        initial: 'waiting',
        states: {
          waiting: {
            entry: perform(flow.invite),
            on: {
              step: [
                { guard: 'isAccept', target: '#server.accepted', actions: perform(flow.accept, 1) },
                { guard: 'isReject', target: '#server.rejected', actions: perform(flow.reject, 1) }
              ]
            }
          }
        }
      },
      accepted: {},
      rejected: {},
      revoked: {},
      refused: {}
    }
  });

  const invited = base.createMachine({
    id: 'invited',
    context: ({ input }) => input,
    initial: 'idle',
    states: {
      idle: {
        on: {
          step: [
            {
              guard: 'answers',
              target: 'invited',
              actions: raise({ type: 'answer' }, { delay: 'response' })
            },
            { target: 'ignoring' }
          ]
        }
      },
      invited: {
        on: {
          answer: [
            { guard: 'accepts', target: 'answered', actions: perform(flow.accept, 0, 1) },
            { target: 'answered', actions: perform(flow.reject, 0, 1) }
          ],
          step: { guard: 'isRevoke', target: 'revokedBeforeAnswer' }
        }
      },
      // Modeled variant: the answer was already on its way and arrives after the revoke.
      revokedBeforeAnswer: {
        on: {
          answer: [
            { guard: 'accepts', target: 'answeredLate', actions: perform(lateAccept, 0, 1) },
            { target: 'answeredLate', actions: perform(lateReject, 0, 1) }
          ]
        }
      },
      ignoring: {},
      answered: {},
      answeredLate: {}
    }
  });

  const input = ({ context }: { context: ActorInput }) => context;
  return setup({
    types: {} as { context: ActorInput; input: ActorInput },
    actors: { server, invited, requester }
  }).createMachine({
    id: 'invitation',
    context: ({ input }) => input,
    // Receivers first, so each exists by the time the requester speaks.
    invoke: [
      { src: 'server', id: r.server, systemId: r.server, input },
      { src: 'invited', id: r.invited, systemId: r.invited, input },
      { src: 'requester', id: r.requester, systemId: r.requester, input }
    ]
  });
}

/** Sends a version's steps in order; nobody reacts, so one actor is the whole mechanics. */
function sequenceSystem(scenario: SequenceScenario): AnyStateMachine {
  const nobody = new Set<string>();
  return setup({
    types: {} as { context: ActorInput; input: ActorInput; events: StepEvent },
    actions: {
      perform: enqueueActions((args, params: { part: Part }) =>
        sendPart(scenario, args, params.part, nobody)
      )
    }
  }).createMachine({
    id: 'sequence',
    context: ({ input }) => input,
    entry: {
      type: 'perform',
      params: ({ context }) => ({ part: scenario.flow[context.run.branch] as Part })
    },
    type: 'final'
  });
}

const cache = new WeakMap<Scenario, AnyStateMachine>();

/** The machine that runs a scenario, built once per scenario object. */
export function systemFor(scenario: Scenario): AnyStateMachine {
  let machine = cache.get(scenario);
  if (!machine) {
    machine =
      scenario.mechanics === 'invitation' ? invitationSystem(scenario) : sequenceSystem(scenario);
    cache.set(scenario, machine);
  }
  return machine;
}

/** Who requests, serves and is invited in an invitation: the actors' system ids. */
export function rolesOf(scenario: InvitationScenario) {
  return roles(scenario);
}
