/**
 * What every mechanic's machines share: the run's input and recorder as actor context, and
 * performing a list of steps (recording each, and sending each message to its receiver's actor
 * when that receiver reacts).
 */
import type { AnyActorRef } from 'xstate';
import type { Scenario } from '../content/types';
import type { Recorder } from '../engine/recorder';
import type { RunInput } from '../engine/types';

/** A message arriving at an actor, a party's own timer, or news of the scenario's timer. */
export type StepEvent =
  | { type: 'step'; key: string }
  | { type: 'answer' }
  | { type: 'timer'; action: 'started' | 'restarted' | 'cancelled' }
  | { type: 'expired' };

export interface ActorInput {
  run: RunInput;
  recorder: Recorder;
}

/** Steps sent in order in one phase; `bump` is added to the countUp attributes of each. */
export interface Part {
  phase: string;
  steps: string[];
  bump?: number;
  countUp?: string[];
}

/** What `enqueueActions` hands an action, as far as sending steps needs it. */
export interface Enqueue {
  context: ActorInput;
  system: { get(id: string): AnyActorRef | undefined };
  enqueue: { sendTo(target: AnyActorRef, event: StepEvent): void };
}

/**
 * Records each step of a part in order, and sends each message to its receiver when the
 * receiver is one of `reactors`, the lifelines whose machine reacts to what it hears. The
 * others only listen (what a reporting engine does with an event is outside the model), so
 * they need no actor, and a run pays for no event it does not use. A timer step is also sent
 * to `timerOwner`'s actor, when the mechanic gives the timer one.
 */
export function performPart(
  scenario: Scenario,
  { context, system, enqueue }: Enqueue,
  part: Part,
  reactors: ReadonlySet<string>,
  timerOwner?: string
): void {
  for (const key of part.steps) {
    const step = scenario.steps[key];
    if (!step) throw new Error(`No step ${key} in scenario ${scenario.id}`);
    if (step.kind === 'lifeline') {
      context.recorder.lifeline(key, part.phase, step);
      continue;
    }
    if (step.kind === 'timer') {
      context.recorder.timerStep(key, part.phase, step);
      if (timerOwner !== undefined && step.action !== 'expired') {
        const owner = system.get(timerOwner);
        if (!owner) throw new Error(`No actor is registered as ${timerOwner}`);
        enqueue.sendTo(owner, { type: 'timer', action: step.action });
      }
      continue;
    }
    context.recorder.message(key, part.phase, step, part.bump ?? 0, part.countUp);
    if (!reactors.has(step.to)) continue;
    const target = system.get(step.to);
    if (!target) throw new Error(`No actor is registered as ${step.to}`);
    enqueue.sendTo(target, { type: 'step', key });
  }
}
