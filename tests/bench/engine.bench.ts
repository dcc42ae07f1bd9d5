import { bench, describe } from 'vitest';
import { runDelivery } from '../../src/lib/engine/run';
import type { RunInput } from '../../src/lib/engine/types';

// The target: one run well under a millisecond, so the player can re-derive a trace on every
// change of an input without the person noticing. A longer warm-up than tinybench's default
// keeps the first case from paying for the JIT on its own.
const options = { warmupTime: 500, time: 1000 };

const CASES: [string, RunInput][] = [
  [
    'accept at defaults (timeout 30 s, response 8 s)',
    { branch: 'accept', timeoutS: 30, responseS: 8 }
  ],
  [
    'reject at defaults (timeout 30 s, response 8 s)',
    { branch: 'reject', timeoutS: 30, responseS: 8 }
  ],
  ['timeout at defaults (timeout 30 s)', { branch: 'timeout', timeoutS: 30, responseS: 8 }],
  ['late accept (timeout 30 s, response 50 s)', { branch: 'accept', timeoutS: 30, responseS: 50 }],
  ['late reject (timeout 30 s, response 50 s)', { branch: 'reject', timeoutS: 30, responseS: 50 }]
];

describe('runDelivery', () => {
  for (const [name, input] of CASES) bench(name, () => void runDelivery(input), options);
});
