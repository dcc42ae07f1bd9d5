/**
 * Sequence: no timer and no race. Each option (a version) is a list of the page's phases, each a
 * list of steps, all sent in order at t = 0 by one actor; nobody reacts.
 */
import { enqueueActions, setup, type AnyActor } from 'xstate';
import type { ChoiceOption, SequenceScenario } from '../content/types';
import { performPart, type ActorInput, type Part, type StepEvent } from './perform';
import type { Built, Capabilities, Ending, Mechanic } from './types';

function build(scenario: SequenceScenario): Built {
  const nobody = new Set<string>();
  const machine = setup({
    types: {} as { context: ActorInput; input: ActorInput; events: StepEvent },
    actions: {
      perform: enqueueActions((args) => {
        for (const part of scenario.flow[args.context.run.branch] ?? [])
          performPart(scenario, args, part as Part, nobody);
      })
    }
  }).createMachine({
    id: 'sequence',
    context: ({ input }) => input,
    initial: 'sending',
    states: {
      sending: { entry: 'perform', always: 'done' },
      done: { type: 'final' }
    }
  });
  return { system: machine, main: machine, mainId: null, settleOn: 'snapshot' };
}

function ending(_scenario: SequenceScenario, _actor: AnyActor, chosen: ChoiceOption): Ending {
  return {
    outcome: chosen.id,
    endedAs: chosen.id,
    outcomeLabel: chosen.outcome,
    lateAnswer: false
  };
}

/** A sequence has nothing a learner sets and nothing that races. */
function capabilities(): Capabilities {
  return {
    timer: null,
    response: null,
    activity: null,
    racing: [],
    live: null,
    expiryWords: null,
    statechartOf: 'the sender',
    statechartIntro:
      'This model is a plain sequence: Interaction Server’s states are not modeled here, so the chart is the sender’s, which sends the version’s messages and is done.'
  };
}

export const sequence: Mechanic<SequenceScenario> = {
  id: 'sequence',
  summary: 'each option is a list of steps sent in order at t = 0, with no timer',
  segments: (scenario) => Object.values(scenario.flow).flat(),
  build,
  ending,
  capabilities
};
