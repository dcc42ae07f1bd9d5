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
import {
  and,
  enqueueActions,
  raise,
  setup,
  type AnyActorRef,
  type AnyStateMachine,
  type StateValue
} from 'xstate';
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
export function rolesOf(scenario: InvitationScenario) {
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

/** A scenario's system, and the machine whose states the statechart shows and the trace records. */
interface Built {
  system: AnyStateMachine;
  /** Interaction Server's statechart for an invitation; the sender's for a sequence. */
  main: AnyStateMachine;
  /** The main machine's actor id in the system; null when it is the system's root. */
  mainId: string | null;
}

function invitationSystem(scenario: InvitationScenario): Built {
  const { flow } = scenario;
  const r = rolesOf(scenario);
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
      refuses: and(['invalid', 'isInvalidRequest']),
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
          // Only a scenario with an invalid part has a request that can be refused.
          step: flow.invalid
            ? [
                { guard: 'refuses', target: 'refused', actions: perform(invalid, 1) },
                { guard: 'isRequest', target: 'inviting' }
              ]
            : [{ guard: 'isRequest', target: 'inviting' }]
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
      ...(flow.invalid ? { refused: {} } : {})
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
  const system = setup({
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
  return { system, main: server, mainId: r.server };
}

/** Sends a version's steps in order; nobody reacts, so one actor is the whole mechanics. */
function sequenceSystem(scenario: SequenceScenario): Built {
  const nobody = new Set<string>();
  const machine = setup({
    types: {} as { context: ActorInput; input: ActorInput; events: StepEvent },
    actions: {
      perform: enqueueActions((args, params: { part: Part }) =>
        sendPart(scenario, args, params.part, nobody)
      )
    }
  }).createMachine({
    id: 'sequence',
    context: ({ input }) => input,
    initial: 'sending',
    states: {
      sending: {
        entry: {
          type: 'perform',
          params: ({ context }) => ({ part: scenario.flow[context.run.branch] as Part })
        },
        always: 'done'
      },
      done: { type: 'final' }
    }
  });
  return { system: machine, main: machine, mainId: null };
}

const cache = new WeakMap<Scenario, Built>();

/** The machines that run a scenario, built once per scenario object. */
export function systemFor(scenario: Scenario): Built {
  let built = cache.get(scenario);
  if (!built) {
    built =
      scenario.mechanics === 'invitation' ? invitationSystem(scenario) : sequenceSystem(scenario);
    cache.set(scenario, built);
  }
  return built;
}

/** A state value as one dotted path: `{ inviting: 'waiting' }` → `inviting.waiting`. */
export function statePath(value: StateValue): string {
  if (typeof value === 'string') return value;
  const [key, child] = Object.entries(value)[0] ?? ['', ''];
  return child ? `${key}.${statePath(child as StateValue)}` : key;
}

export interface ChartState {
  /** Dotted path from the machine's root, as trace entries' `state` names it. */
  id: string;
  /** The state's own name. */
  key: string;
  /** The enclosing state's id; null at the top. */
  parent: string | null;
  initial: boolean;
  final: boolean;
}

export interface ChartTransition {
  from: string;
  to: string;
  /** What makes it happen, in words. */
  label: string;
}

/** The main machine's states and transitions, read from its XState definition. */
export interface Statechart {
  /** The machine's id, e.g. `server`. */
  machine: string;
  states: ChartState[];
  transitions: ChartTransition[];
}

/** What each guard or event of the mechanics means, for a statechart's labels. */
const TRANSITION_WORDS: Record<string, string> = {
  isRequest: 'the request arrives',
  isAccept: 'the accept arrives',
  isReject: 'the reject arrives',
  refuses: 'the request is invalid',
  timeout: 'the timer expires',
  always: 'every step sent'
};

interface DefinitionNode {
  key: string;
  type: string;
  initial?: { target: { key: string }[] };
  states: Record<string, DefinitionNode>;
  transitions: Map<string, DefinitionTransition[]>;
  always?: DefinitionTransition[];
}

interface DefinitionTransition {
  eventType: string;
  target?: { path: string[] }[];
  guard?: string | { type: string };
}

/**
 * The statechart of a scenario's main machine (Interaction Server's for an invitation), read
 * from the engine's own XState definition rather than restated, so it cannot drift from what
 * runs. Targetless transitions (a late answer refused in place) are left out.
 */
export function statechartOf(scenario: Scenario): Statechart {
  const { main } = systemFor(scenario);
  const states: ChartState[] = [];
  const transitions: ChartTransition[] = [];
  const walk = (node: DefinitionNode, path: string[]) => {
    const initialKey = node.initial?.target[0]?.key;
    for (const child of Object.values(node.states)) {
      const childPath = [...path, child.key];
      states.push({
        id: childPath.join('.'),
        key: child.key,
        parent: path.length > 0 ? path.join('.') : null,
        initial: child.key === initialKey,
        final: child.type === 'final'
      });
      const all: [string, DefinitionTransition[]][] = [
        ...child.transitions,
        ['always', child.always ?? []]
      ];
      for (const [eventType, list] of all) {
        for (const t of list) {
          const target = t.target?.[0];
          if (!target) continue;
          const guard = typeof t.guard === 'string' ? t.guard : t.guard?.type;
          const event = eventType.startsWith('xstate.after') ? 'timeout' : eventType || 'always';
          transitions.push({
            from: childPath.join('.'),
            to: target.path.join('.'),
            label: TRANSITION_WORDS[guard ?? event] ?? guard ?? event
          });
        }
      }
      walk(child, childPath);
    }
  };
  walk(main.root as unknown as DefinitionNode, []);
  return { machine: main.id, states, transitions };
}
