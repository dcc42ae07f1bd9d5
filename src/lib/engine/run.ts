import { createActor, type StateValue } from 'xstate';
import type { Scenario } from '../content/types';
import { mechanicOf } from '../mechanics';
import { SteppedClock } from './clock';
import { statePath, systemFor } from './machines';
import { Recorder } from './recorder';
import type { RunInput, Trace } from './types';

/** No run has more than a few hundred things due; more means a loop. */
const MAX_DUE = 10_000;

/**
 * Runs one scenario to the end in virtual time, for one choice, and returns its trace.
 * A pure function of its input: no wall clock, no randomness, nothing kept between runs.
 * The input is trusted: parse it with `parseRunInput` first. The scenario's mechanic
 * (src/lib/mechanics) builds the machines and says how the run ended.
 */
export function run(scenario: Scenario, input: RunInput): Trace {
  const chosen = scenario.choice.options.find((o) => o.id === input.branch);
  if (!chosen) throw new Error(`${scenario.id} has no option ${input.branch}`);
  const clock = new SteppedClock();
  const spec = scenario.capabilities.timer;
  const timer = spec
    ? { id: spec.id, label: spec.label, owner: spec.owner, ms: input.timeoutS * 1000 }
    : null;
  const recorder = new Recorder(clock, timer);
  const { system, mainId } = systemFor(scenario);
  const actor = createActor(system, { clock, input: { run: input, recorder } });
  /**
   * Each entry's state is the main machine's once everything due at its time has happened: the
   * actors pass events among themselves within one instant, so the instant's end is when the
   * machine has reacted to all of it.
   */
  const settle = () => {
    const main = mainId === null ? actor : actor.system.get(mainId);
    const value = (main?.getSnapshot() as { value?: StateValue } | undefined)?.value;
    if (value !== undefined) recorder.settle(statePath(value));
  };
  actor.start();
  settle();
  let due = 0;
  while (clock.advance()) {
    settle();
    if (++due > MAX_DUE) throw new Error(`The scenario ${scenario.id} did not settle`);
  }
  const ended = mechanicOf(scenario).ending(scenario, actor, chosen);
  actor.stop();

  const entries = recorder.entries;
  // Times count from the first message, when one is sent at t = 0; otherwise from the start.
  const first = entries.find((e) => e.kind === 'message' && e.at === 0);
  return {
    scenario: scenario.id,
    input: { ...input },
    ...ended,
    origin: first?.kind === 'message' ? first.message.name : 'the start of the run',
    timer:
      timer && entries.some((e) => e.kind === 'timer')
        ? { id: timer.id, label: timer.label, owner: timer.owner }
        : null,
    entries
  };
}
