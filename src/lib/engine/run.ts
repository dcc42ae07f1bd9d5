import { createActor, type StateValue } from 'xstate';
import type { Scenario } from '../content/types';
import { SteppedClock } from './clock';
import { rolesOf, statePath, systemFor } from './machines';
import { Recorder } from './recorder';
import type { RunInput, Trace } from './types';

/** No run has more than a few hundred things due; more means a loop. */
const MAX_DUE = 10_000;

/** The invitation server's final state → the outcome's id, and the option that names it. */
const OUTCOMES: Record<string, { id: string; option: string }> = {
  accepted: { id: 'accepted', option: 'accept' },
  rejected: { id: 'rejected', option: 'reject' },
  revoked: { id: 'timed-out', option: 'timeout' },
  refused: { id: 'invalid', option: 'invalid' }
};

/**
 * Runs one scenario to the end in virtual time, for one choice, and returns its trace.
 * A pure function of its input: no wall clock, no randomness, nothing kept between runs.
 * The input is trusted: parse it with `parseRunInput` first.
 */
export function run(scenario: Scenario, input: RunInput): Trace {
  const options = scenario.choice.options;
  const chosen = options.find((o) => o.id === input.branch);
  if (!chosen) throw new Error(`${scenario.id} has no option ${input.branch}`);
  const clock = new SteppedClock();
  const roles = scenario.mechanics === 'invitation' ? rolesOf(scenario) : null;
  const timer =
    scenario.mechanics === 'invitation' && roles
      ? {
          id: scenario.timer.id,
          label: scenario.timer.label,
          owner: roles.server,
          ms: input.timeoutS * 1000
        }
      : null;
  const recorder = new Recorder(clock, timer);
  const { system, mainId } = systemFor(scenario);
  const actor = createActor(system, {
    clock,
    input: { run: input, recorder },
    // Each time the main machine settles in a state, the entries since happened in it.
    inspect: (event) => {
      if (event.type !== '@xstate.snapshot') return;
      const ref = event.actorRef as { id?: string };
      const isMain = mainId === null ? ref === actor : ref.id === mainId;
      const snapshot = event.snapshot as { value?: StateValue };
      if (isMain && snapshot.value !== undefined) recorder.settle(statePath(snapshot.value));
    }
  });
  actor.start();
  let due = 0;
  while (clock.advance()) {
    if (++due > MAX_DUE) throw new Error(`The scenario ${scenario.id} did not settle`);
  }

  let outcome = chosen.id;
  let endedAs = chosen.id;
  let outcomeLabel = chosen.outcome;
  let lateAnswer = false;
  if (roles) {
    // The outcome is where the server's statechart ended, not what was chosen.
    const state = String(actor.system.get(roles.server)?.getSnapshot().value);
    const ended = OUTCOMES[state];
    if (!ended) throw new Error(`${scenario.id}: the server ended in an unexpected state ${state}`);
    lateAnswer = actor.system.get(roles.invited)?.getSnapshot().value === 'answeredLate';
    outcome = ended.id;
    endedAs = ended.option;
    outcomeLabel =
      (lateAnswer ? chosen.late : undefined) ??
      options.find((o) => o.id === ended.option)?.outcome ??
      ended.id;
  }
  actor.stop();

  const entries = recorder.entries;
  const first = entries.find((e) => e.kind === 'message');
  return {
    scenario: scenario.id,
    input: { ...input },
    outcome,
    endedAs,
    outcomeLabel,
    lateAnswer,
    origin: first?.kind === 'message' ? first.message.name : '',
    timer:
      timer && entries.some((e) => e.kind === 'timer')
        ? { id: timer.id, label: timer.label, owner: timer.owner }
        : null,
    entries
  };
}
