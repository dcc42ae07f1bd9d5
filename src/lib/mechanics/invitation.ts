/**
 * Invitation: a requester asks a server for something that needs another party; the server
 * invites that party and starts a timer; the answer races the timer (content/README.md,
 * `mechanics: invitation`). The server's statechart is the one that matters: idle → inviting
 * (the timer is the parent state's delayed transition) → accepted | rejected | revoked, or
 * refused when the request is invalid. The invited party answers after its response time, or
 * never; an answer that arrives after the revoke is refused. The requester may be the invited
 * party itself (Intrusion): then one actor both asks and answers.
 */
import { and, enqueueActions, raise, setup, type AnyActor } from 'xstate';
import type { InvitationScenario, MessageStep, Segment } from '../content/types';
import { performPart, type ActorInput, type Part, type StepEvent } from './perform';
import type { Built, Capabilities, Ending, Mechanic } from './types';

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

function build(scenario: InvitationScenario): Built {
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
        performPart(scenario, args, params.part, reactors)
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

  /** The request, sent when the run starts: the invalid one for the invalid option. */
  const requestEntry = {
    type: 'perform' as const,
    params: ({ context }: { context: ActorInput }) =>
      context.run.branch === 'invalid' && flow.invalid
        ? { part: { phase: flow.invalid.phase, steps: flow.invalid.steps.slice(0, 1) } }
        : { part: flow.request }
  };

  const requester = base.createMachine({
    id: 'requester',
    context: ({ input }) => input,
    entry: [requestEntry]
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
    // When the invited party is also the requester, it asks first (Intrusion).
    ...(r.requester === r.invited ? { entry: [requestEntry] } : {}),
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
      ...(r.requester === r.invited
        ? []
        : [{ src: 'requester' as const, id: r.requester, systemId: r.requester, input }])
    ]
  });
  return { system, main: server, mainId: r.server, settleOn: 'snapshot' };
}

/** The server's final state → the outcome's id, and the option that names it. */
const OUTCOMES: Record<string, { id: string; option: string }> = {
  accepted: { id: 'accepted', option: 'accept' },
  rejected: { id: 'rejected', option: 'reject' },
  revoked: { id: 'timed-out', option: 'timeout' },
  refused: { id: 'invalid', option: 'invalid' }
};

function ending(scenario: InvitationScenario, actor: AnyActor, chosen: { late?: string }): Ending {
  const roles = rolesOf(scenario);
  // The outcome is where the server's statechart ended, not what was chosen.
  const state = String(actor.system.get(roles.server)?.getSnapshot().value);
  const ended = OUTCOMES[state];
  if (!ended) throw new Error(`${scenario.id}: the server ended in an unexpected state ${state}`);
  const lateAnswer = actor.system.get(roles.invited)?.getSnapshot().value === 'answeredLate';
  return {
    outcome: ended.id,
    endedAs: ended.option,
    outcomeLabel:
      (lateAnswer ? chosen.late : undefined) ??
      scenario.choice.options.find((o) => o.id === ended.option)?.outcome ??
      ended.id,
    lateAnswer
  };
}

function capabilities(scenario: InvitationScenario): Capabilities {
  const roles = rolesOf(scenario);
  const server = scenario.lifelines.find((l) => l.id === roles.server);
  return {
    timer: { ...scenario.timer, owner: roles.server },
    response: scenario.response,
    activity: null,
    racing: scenario.choice.options
      .map((o) => o.id)
      .filter((id) => id === 'accept' || id === 'reject'),
    live: { party: roles.invited, server: roles.server },
    expiryWords: 'revokes the invitation',
    statechartOf: server?.name ?? roles.server,
    statechartIntro: `${server?.name ?? roles.server}’s states in this model, read from the engine’s own state machine: the reference describes messages, not the server’s states.`
  };
}

function segments({ flow }: InvitationScenario): Segment[] {
  const { late, ...parts } = flow;
  return [
    ...Object.values(parts).filter((p): p is Segment => p !== undefined),
    { phase: late.phase, steps: late.accept },
    { phase: late.phase, steps: late.reject }
  ];
}

export const invitation: Mechanic<InvitationScenario> = {
  id: 'invitation',
  summary:
    'a requester asks a server for something that needs another party, whose answer races a timer',
  segments,
  build,
  ending,
  capabilities
};
