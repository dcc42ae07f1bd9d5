import { bench, describe } from 'vitest';
import { runDelivery } from '../../src/lib/engine/run';

// The target: one run well under a millisecond, so the player can re-derive a trace on every
// change of an input without the person noticing. A longer warm-up than tinybench's default
// keeps the first case from paying for the JIT on its own.
const options = { warmupTime: 500, time: 1000 };

describe('runDelivery', () => {
  bench(
    'accept at defaults (timeout 30 s, response 8 s)',
    () => {
      runDelivery({ branch: 'accept', timeoutS: 30, responseS: 8 });
    },
    options
  );

  bench(
    'reject at defaults (timeout 30 s, response 8 s)',
    () => {
      runDelivery({ branch: 'reject', timeoutS: 30, responseS: 8 });
    },
    options
  );

  bench(
    'timeout at defaults (timeout 30 s)',
    () => {
      runDelivery({ branch: 'timeout', timeoutS: 30, responseS: 8 });
    },
    options
  );

  bench(
    'late accept (timeout 30 s, response 50 s)',
    () => {
      runDelivery({ branch: 'accept', timeoutS: 30, responseS: 50 });
    },
    options
  );

  bench(
    'late reject (timeout 30 s, response 50 s)',
    () => {
      runDelivery({ branch: 'reject', timeoutS: 30, responseS: 50 });
    },
    options
  );
});
