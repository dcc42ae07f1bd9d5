import { createActor } from 'xstate';
import { SteppedClock } from './clock';
import { deliveryMachine } from './machines';
import { Recorder } from './recorder';
import type { Outcome, RunInput, Trace } from './types';

/** No run of this model has more than a dozen things due; more means a loop. */
const MAX_DUE = 1_000;

/**
 * Runs one delivery attempt to the end in virtual time and returns its trace.
 * A pure function of its input: no wall clock, no randomness, nothing kept between runs.
 */
export function runDelivery(input: RunInput): Trace {
  const clock = new SteppedClock();
  const recorder = new Recorder(clock, input);
  const actor = createActor(deliveryMachine, { clock, input: { run: input, recorder } });
  actor.start();
  let due = 0;
  while (clock.advance()) {
    if (++due > MAX_DUE) throw new Error('The delivery model did not settle');
  }
  actor.stop();

  const entries = recorder.entries;
  const has = (key: string) => entries.some((e) => e.key === key);
  const outcome: Outcome = has('timer-expired')
    ? 'timed-out'
    : has('accept')
      ? 'accepted'
      : 'rejected';
  return {
    input: { ...input },
    outcome,
    lateAnswer: has('late-accept') || has('late-reject'),
    entries
  };
}
