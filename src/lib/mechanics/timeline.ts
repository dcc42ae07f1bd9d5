/**
 * Timeline: a sequence on the clock (content/README.md, `mechanics: timeline`). A script actor
 * sends an option's steps in order, waiting one response time before each `wait: response` step
 * and before each repetition of the party's activity. A timer, owned by any lifeline, is that
 * lifeline's own machine: idle → running → cancelled | expired, restarted by the activity. When
 * it expires its owner sends the expiry steps; a step still waiting then has lost the race, and
 * is sent late with the `on: late` steps, or never.
 *
 * The tie rule is decided by the script, not by which timeout the clock fires first: a wait that
 * ends at or after the deadline has lost (as an invitation's answer at the deadline does).
 */
import { assign, enqueueActions, setup, type AnyActor } from 'xstate';
import type { ChoiceOption, TimelineOption, TimelineScenario } from '../content/types';
import type { RunInput } from '../engine/types';
import { performPart, type ActorInput, type Enqueue, type Part, type StepEvent } from './perform';
import type { Built, Capabilities, Ending, Mechanic } from './types';

/** One step of a run's script, with what the scheduler needs to know of it. */
interface Item {
  phase: string;
  key: string;
  /** Sent one response time after the item before it. */
  waits: boolean;
  bump: number;
  countUp?: string[];
}

/** An option's parts as one list of steps, its activity repeated `count` times. */
export function scriptOf(
  scenario: TimelineScenario,
  option: TimelineOption,
  count: number
): Item[] {
  const items: Item[] = [];
  for (const part of option.parts) {
    const times = part.repeat === 'activity' ? count : 1;
    for (let n = 0; n < times; n++) {
      part.steps.forEach((key, i) => {
        items.push({
          phase: part.phase,
          key,
          // Each repetition is one response time after the last thing sent.
          waits:
            scenario.steps[key]?.wait === 'response' || (part.repeat === 'activity' && i === 0),
          bump: n,
          ...(part.countUp ? { countUp: part.countUp } : {})
        });
      });
    }
  }
  return items;
}

/** Milliseconds of a value in a timer's or response's unit. */
export const unitMs = (unit: 's' | 'min') => (unit === 'min' ? 60_000 : 1000);

interface ScriptContext extends ActorInput {
  index: number;
  /** When the item the script waits for is due (ms). */
  due: number;
}

function build(scenario: TimelineScenario): Built {
  const owner = scenario.timer?.owner;
  const nobody = new Set<string>();
  const scripts = new Map<string, Item[]>();
  const itemsOf = (run: RunInput): Item[] => {
    const id = `${run.branch}|${run.count ?? 0}`;
    let items = scripts.get(id);
    if (!items) {
      const option = scenario.flow[run.branch];
      if (!option) throw new Error(`${scenario.id} has no option ${run.branch}`);
      items = scriptOf(scenario, option, run.count ?? scenario.activity?.default ?? 0);
      scripts.set(id, items);
    }
    return items;
  };
  const option = (run: RunInput) => scenario.flow[run.branch] as TimelineOption;
  const responseMs = (run: RunInput) => Math.round(run.responseS * 1000);
  const timeoutMs = (run: RunInput) => run.timeoutS * 1000;
  /** Sends items from `from` up to the next that waits; returns where it stopped. */
  const sendFrom = (args: Enqueue, from: number): number => {
    const items = itemsOf(args.context.run);
    let i = from;
    do {
      const item = items[i] as Item;
      performPart(
        scenario,
        args,
        { phase: item.phase, steps: [item.key], bump: item.bump, countUp: item.countUp },
        nobody,
        owner
      );
      i++;
    } while (i < items.length && !(items[i] as Item).waits);
    return i;
  };

  const base = setup({
    types: {} as { context: ScriptContext; input: ActorInput; events: StepEvent },
    delays: {
      wait: ({ context }) => responseMs(context.run),
      lateBy: ({ context }) => Math.max(0, context.due - context.recorder.deadline)
    },
    guards: {
      finished: ({ context }) => context.index >= itemsOf(context.run).length,
      /** The next item waits, and would be due at or after a running timer's deadline. */
      outpaced: ({ context }) =>
        context.recorder.timerRunning &&
        context.recorder.now + responseMs(context.run) >= context.recorder.deadline,
      hasLate: ({ context }) => option(context.run).late !== undefined
    },
    actions: {
      /** At t = 0, sends every step up to the first that waits. */
      sendFirst: enqueueActions((args) => {
        const items = itemsOf(args.context.run);
        if (items.length === 0 || (items[0] as Item).waits) return;
        args.enqueue.assign({ index: sendFrom(args as unknown as Enqueue, 0) });
      }),
      sendWaited: enqueueActions((args) => {
        args.enqueue.assign({ index: sendFrom(args as unknown as Enqueue, args.context.index) });
      }),
      noteDue: assign({ due: ({ context }) => context.recorder.now + responseMs(context.run) }),
      sendLate: enqueueActions((args) =>
        performPart(
          scenario,
          args as unknown as Enqueue,
          option(args.context.run).late as Part,
          nobody
        )
      )
    }
  });

  const script = base.createMachine({
    id: 'script',
    context: ({ input }) => ({ ...input, index: 0, due: 0 }),
    entry: 'sendFirst',
    initial: 'sending',
    states: {
      // What comes next, once what is due now has been sent.
      sending: {
        always: [
          { guard: 'finished', target: 'done' },
          { guard: 'outpaced', target: 'outpaced', actions: 'noteDue' },
          { target: 'waiting' }
        ]
      },
      waiting: {
        after: { wait: { target: 'sending', actions: 'sendWaited' } }
      },
      // The next step is due at or after the deadline: the timer expires first.
      outpaced: {
        on: {
          expired: [{ guard: 'hasLate', target: 'late' }, { target: 'cut' }]
        }
      },
      late: {
        after: { lateBy: { target: 'sentLate', actions: 'sendLate' } }
      },
      sentLate: {},
      // Not final: a final child leaves the system, and the ending reads where the script stopped.
      cut: {},
      done: {}
    }
  });
  if (!owner) return { system: script, main: script, mainId: null, settleOn: 'instant' };

  const timerMachine = setup({
    types: {} as { context: ActorInput; input: ActorInput; events: StepEvent },
    delays: { timeout: ({ context }) => timeoutMs(context.run) },
    guards: {
      isStart: ({ event }) => event.type === 'timer' && event.action === 'started',
      isRestart: ({ event }) => event.type === 'timer' && event.action === 'restarted',
      isCancel: ({ event }) => event.type === 'timer' && event.action === 'cancelled'
    },
    actions: {
      expire: enqueueActions((args) => {
        const expiry = option(args.context.run).expiry;
        if (expiry) performPart(scenario, args as unknown as Enqueue, expiry, nobody);
        const script = args.system.get('script');
        if (script) args.enqueue.sendTo(script, { type: 'expired' });
      })
    }
  }).createMachine({
    id: 'timer',
    context: ({ input }) => input,
    initial: 'idle',
    states: {
      idle: { on: { timer: { guard: 'isStart', target: 'running' } } },
      running: {
        after: { timeout: { target: 'expired', actions: 'expire' } },
        on: {
          timer: [
            { guard: 'isRestart', target: 'running', reenter: true },
            { guard: 'isCancel', target: 'cancelled' }
          ]
        }
      },
      // Not final, like the script's ends: the run reads the timer's state once it is over.
      cancelled: {},
      expired: {}
    }
  });

  const input = ({ context }: { context: ActorInput }) => context;
  const system = setup({
    types: {} as { context: ActorInput; input: ActorInput },
    actors: { timer: timerMachine, script: script }
  }).createMachine({
    id: 'timeline',
    context: ({ input }) => input,
    // The timer's owner first, so it exists by the time the script starts it.
    invoke: [
      { src: 'timer', id: owner, systemId: owner, input },
      { src: 'script', id: 'script', systemId: 'script', input }
    ]
  });
  return { system, main: timerMachine, mainId: owner, settleOn: 'instant' };
}

function ending(scenario: TimelineScenario, actor: AnyActor, chosen: ChoiceOption): Ending {
  const script = scenario.timer?.owner ? actor.system.get('script') : actor;
  const state = String(script?.getSnapshot().value);
  const lateAnswer = state === 'late' || state === 'sentLate' || state === 'cut';
  return {
    outcome: chosen.id,
    endedAs: chosen.id,
    outcomeLabel: (lateAnswer ? chosen.late : undefined) ?? chosen.outcome,
    lateAnswer
  };
}

function capabilities(scenario: TimelineScenario): Capabilities {
  const { timer, response, activity } = scenario;
  const owner = timer?.owner;
  const ownerName = owner ? (scenario.lifelines.find((l) => l.id === owner)?.name ?? owner) : null;
  // An option races when a step it sends waits, or repeats, while its timer can expire.
  const racing = Object.entries(scenario.flow).flatMap(([id, option]) => {
    const waits = option.parts.some(
      (p) => p.repeat === 'activity' || p.steps.some((k) => scenario.steps[k]?.wait === 'response')
    );
    return timer && option.expiry && waits ? [id] : [];
  });
  return {
    timer: timer && owner ? { ...timer, owner } : null,
    response: response ?? null,
    activity: activity ?? null,
    racing,
    live: null,
    expiryWords: null,
    statechartOf: ownerName ?? 'the script',
    statechartIntro:
      timer && ownerName
        ? `The ${timer.label} as ${ownerName} runs it, read from the engine’s own state machine: started, perhaps restarted, then cancelled or expired.`
        : 'This model has no timer: the chart is the script’s, which sends each step in order and waits where a party takes time.'
  };
}

export const timeline: Mechanic<TimelineScenario> = {
  id: 'timeline',
  summary:
    'a sequence on the clock, with waits, a timer owned by any lifeline, and activity that races it',
  segments: (scenario) =>
    Object.values(scenario.flow).flatMap((o) => [
      ...o.parts,
      ...(o.expiry ? [o.expiry] : []),
      ...(o.late ? [o.late] : [])
    ]),
  build,
  ending,
  capabilities
};
