/**
 * The four components as XState actors. Interaction Server's per-interaction delivery logic is
 * the statechart that matters: routing → delivering (the delivery timer is a delayed
 * transition) → handling; back to routing after a reject; back in queue after a timeout.
 * URS, the Agent Application and the Reporting Engine are small actors around it. Messages are
 * typed events between actors; each sender records what it sends through the run's Recorder.
 */
import { enqueueActions, raise, setup, type AnyActorRef } from 'xstate';
import { MESSAGE_STEPS, type MessageStepKey } from './messages';
import type { Recorder } from './recorder';
import type { Message, MessageName, PhaseId, RunInput, StepKey, TimerAction } from './types';

/** A message travelling between actors. */
interface MessageEvent<N extends MessageName = MessageName> {
  type: N;
  message: Extract<Message, { name: N }>;
}

/** Every event an actor here can receive: the messages, and the agent's own answer timer. */
type DeliveryEvent = MessageEvent | { type: 'agent.answer' };

interface ActorInput {
  run: RunInput;
  recorder: Recorder;
}

/** One setup for every actor, so they share the typed `say` and `timer` actions. */
const delivery = setup({
  types: {} as { context: ActorInput; input: ActorInput; events: DeliveryEvent },
  delays: {
    deliveringTimeout: ({ context }) => context.run.timeoutS * 1000,
    agentResponse: ({ context }) => Math.round(context.run.responseS * 1000)
  },
  guards: {
    agentAnswers: ({ context }) => context.run.branch !== 'timeout',
    agentAccepts: ({ context }) => context.run.branch === 'accept'
  },
  actions: {
    /** Records a message step, then sends it to its receiver's actor. */
    say: enqueueActions(
      ({ context, system, enqueue }, params: { key: MessageStepKey; phase: PhaseId }) => {
        const { from, to, message } = MESSAGE_STEPS[params.key];
        context.recorder.message({ ...params, from, to, message });
        const target: AnyActorRef | undefined = system.get(to);
        if (!target) throw new Error(`No actor is registered as ${to}`);
        enqueue.sendTo(target, { type: message.name, message });
      }
    ),
    timer: ({ context }, params: { key: StepKey; action: TimerAction; phase: PhaseId }) =>
      context.recorder.timer(params)
  }
});

const say = (key: MessageStepKey, phase: PhaseId) => ({
  type: 'say' as const,
  params: { key, phase }
});
const timer = (key: StepKey, action: TimerAction, phase: PhaseId) => ({
  type: 'timer' as const,
  params: { key, action, phase }
});

const ursMachine = delivery.createMachine({
  id: 'urs',
  context: ({ input }) => input,
  entry: say('route-call', 'urs-requests-delivery'),
  initial: 'waitingForRouteUsed',
  states: {
    waitingForRouteUsed: { on: { EventRouteUsed: 'requestFilled' } },
    requestFilled: { type: 'final' }
  }
});

// A statistics client only listens; what it does with the events is outside this model.
const reportingEngineMachine = delivery.createMachine({
  id: 'reporting-engine',
  context: ({ input }) => input
});

const agentApplicationMachine = delivery.createMachine({
  id: 'agent-application',
  context: ({ input }) => input,
  initial: 'idle',
  states: {
    idle: {
      on: {
        EventInvite: [
          {
            guard: 'agentAnswers',
            target: 'invited',
            actions: raise({ type: 'agent.answer' }, { delay: 'agentResponse' })
          },
          { target: 'ignoring' }
        ]
      }
    },
    invited: {
      on: {
        'agent.answer': [
          {
            guard: 'agentAccepts',
            target: 'answered',
            actions: say('accept', 'agent-accepts-delivery')
          },
          { target: 'answered', actions: say('reject', 'agent-rejects-delivery') }
        ],
        EventRevoked: 'revokedBeforeAnswer'
      }
    },
    // Modeled variant: the agent's answer was already on its way and arrives after the revoke.
    revokedBeforeAnswer: {
      on: {
        'agent.answer': [
          {
            guard: 'agentAccepts',
            target: 'answered',
            actions: say('late-accept', 'agent-fails-to-respond')
          },
          { target: 'answered', actions: say('late-reject', 'agent-fails-to-respond') }
        ]
      }
    },
    ignoring: { on: { EventRevoked: 'answered' } },
    answered: {}
  }
});

const interactionServerMachine = delivery.createMachine({
  id: 'interaction-server',
  context: ({ input }) => input,
  initial: 'routing',
  // Modeled: a request about an invitation that no longer exists is refused.
  on: {
    RequestAccept: { actions: say('late-error', 'agent-fails-to-respond') },
    RequestReject: { actions: say('late-error', 'agent-fails-to-respond') }
  },
  states: {
    routing: { on: { RequestRouteCall: 'delivering' } },
    delivering: {
      // The delivery timer is this parent state's delayed transition. It is scheduled before the
      // child state sends the invitation, so an answer due at the very deadline loses the race.
      after: {
        deliveringTimeout: {
          target: 'backInQueue',
          actions: [
            timer('timer-expired', 'expired', 'agent-fails-to-respond'),
            say('revoked', 'agent-fails-to-respond'),
            say('revoked-reporting', 'agent-fails-to-respond')
          ]
        }
      },
      initial: 'inviting',
      states: {
        inviting: {
          entry: [
            say('party-removed', 'urs-requests-delivery'),
            say('invite', 'urs-requests-delivery'),
            timer('timer-started', 'started', 'urs-requests-delivery'),
            say('agent-invited', 'urs-requests-delivery')
          ],
          on: {
            RequestAccept: {
              target: '#interaction-server.handling',
              actions: [
                timer('timer-cancelled', 'cancelled', 'agent-accepts-delivery'),
                say('accept-ack', 'agent-accepts-delivery'),
                say('party-added', 'agent-accepts-delivery'),
                say('route-used', 'agent-accepts-delivery')
              ]
            },
            RequestReject: {
              // Modeled: the interaction goes back to the routing strategy, which decides next.
              target: '#interaction-server.routing',
              actions: [
                timer('timer-cancelled', 'cancelled', 'agent-rejects-delivery'),
                say('reject-ack', 'agent-rejects-delivery'),
                say('rejected', 'agent-rejects-delivery'),
                say('route-used', 'agent-rejects-delivery')
              ]
            }
          }
        }
      }
    },
    handling: {},
    // Documented: on expiry the interaction returns to the queue URS took it from.
    backInQueue: {}
  }
});

/** The whole system: one actor per component, addressed by its component id. */
export const deliveryMachine = setup({
  types: {} as { context: ActorInput; input: ActorInput },
  actors: {
    urs: ursMachine,
    interactionServer: interactionServerMachine,
    agentApplication: agentApplicationMachine,
    reportingEngine: reportingEngineMachine
  }
}).createMachine({
  id: 'delivery',
  context: ({ input }) => input,
  // Receivers first, so every one exists by the time URS speaks.
  invoke: [
    { src: 'reportingEngine', systemId: 'reporting-engine', input: ({ context }) => context },
    { src: 'agentApplication', systemId: 'agent-application', input: ({ context }) => context },
    { src: 'interactionServer', systemId: 'interaction-server', input: ({ context }) => context },
    { src: 'urs', systemId: 'urs', input: ({ context }) => context }
  ]
});
