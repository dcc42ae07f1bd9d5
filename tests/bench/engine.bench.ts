import { bench, describe } from 'vitest';
import { loadContentFromDisk } from '../../src/lib/content/node';
import { defaultInput } from '../../src/lib/engine/input';
import { run } from '../../src/lib/engine/run';

// The target: one run well under a millisecond, so the player can re-derive a trace on every
// change of an input without the person noticing. A longer warm-up than tinybench's default
// keeps the first case from paying for the JIT on its own.
const options = { warmupTime: 500, time: 1000 };

const { scenarios } = loadContentFromDisk();

// One whole run per scenario and choice, at the scenario's default timing (timeout 30 s and
// response 8 s where there is a timer), plus the late answers, which run the longest.
for (const scenario of scenarios) {
  describe(`run ${scenario.id}`, () => {
    const base = defaultInput(scenario);
    const timing =
      scenario.mechanics === 'invitation'
        ? ` (timeout ${base.timeoutS} s, response ${base.responseS} s)`
        : '';
    for (const option of scenario.choice.options) {
      const input = { ...base, branch: option.id };
      bench(`${option.id} at defaults${timing}`, () => void run(scenario, input), options);
    }
    if (scenario.mechanics === 'invitation') {
      for (const branch of ['accept', 'reject']) {
        const input = { ...base, branch, responseS: base.timeoutS + 20 };
        bench(
          `late ${branch} (timeout ${input.timeoutS} s, response ${input.responseS} s)`,
          () => void run(scenario, input),
          options
        );
      }
    }
  });
}
