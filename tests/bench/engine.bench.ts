import { bench, describe } from 'vitest';
import { loadContentFromDisk, readContentFiles } from '../../src/lib/content/node';
import { parseContent } from '../../src/lib/content/parse';
import { defaultInput } from '../../src/lib/engine/input';
import { run } from '../../src/lib/engine/run';
import { GENERATED_ID, generatedScenarioYaml } from '../fixtures/generated-scenario';

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

// The target: a generated 200-message scenario (a test fixture) in under a millisecond on
// average, so long models stay cheap to re-derive.
describe('run a generated 200-message scenario', () => {
  const files = readContentFiles();
  files[`content/scenarios/${GENERATED_ID}.yaml`] = generatedScenarioYaml(200);
  const generated = parseContent(files).scenarios.find((s) => s.id === GENERATED_ID);
  if (!generated) throw new Error('The generated scenario did not load');
  const input = defaultInput(generated);
  bench('200 messages, all at t = 0', () => void run(generated, input), options);
});
