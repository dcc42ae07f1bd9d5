/**
 * Golden files: every view of four runs, written from the real content/ and compared byte for
 * byte with tests/fixtures/golden/<run>.<ext>. After an intended change to a view or to the
 * names and titles in content/, rewrite them and review the diff:
 *
 *   UPDATE_GOLDEN=1 npx vitest run --project unit tests/unit/trace/golden.test.ts
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import mermaid from 'mermaid';
import { describe, expect, it } from 'vitest';
import { loadContentFromDisk } from '../../../src/lib/content/node';
import type { Scenario } from '../../../src/lib/content/types';
import { RESPONSE_DEFAULT_S, TIMEOUT_DEFAULT_S } from '../../../src/lib/engine/input';
import { runDelivery } from '../../../src/lib/engine/run';
import type { RunInput, Trace } from '../../../src/lib/engine/types';
import { toJsonText, toMarkdown, toMermaid, toText } from '../../../src/lib/trace';

const GOLDEN_DIR = join(process.cwd(), 'tests/fixtures/golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

const RUNS: { name: string; input: RunInput }[] = [
  {
    name: 'accept',
    input: { branch: 'accept', timeoutS: TIMEOUT_DEFAULT_S, responseS: RESPONSE_DEFAULT_S }
  },
  {
    name: 'reject',
    input: { branch: 'reject', timeoutS: TIMEOUT_DEFAULT_S, responseS: RESPONSE_DEFAULT_S }
  },
  {
    name: 'timeout',
    input: { branch: 'timeout', timeoutS: TIMEOUT_DEFAULT_S, responseS: RESPONSE_DEFAULT_S }
  },
  // The race lost: the agent's accept at 8 s arrives after the 5 s timer revoked the invitation.
  { name: 'accept-late', input: { branch: 'accept', timeoutS: 5, responseS: 8 } }
];

const VIEWS: { ext: string; render: (trace: Trace, scenario: Scenario) => string }[] = [
  { ext: 'json', render: toJsonText },
  { ext: 'mmd', render: (trace, scenario) => toMermaid(trace, scenario) },
  { ext: 'md', render: toMarkdown },
  { ext: 'txt', render: toText }
];

const scenario = loadContentFromDisk().scenarios.find(
  (s) => s.id === 'deliver-interaction-to-agent'
);

/** Compares with the golden file, or (re)writes it when UPDATE_GOLDEN=1. */
function matchGolden(file: string, actual: string) {
  const path = join(GOLDEN_DIR, file);
  if (UPDATE) {
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path)) {
    throw new Error(`${file} is missing: run with UPDATE_GOLDEN=1 to write it, then review it`);
  }
  expect(actual, `${file} differs; if intended, rerun with UPDATE_GOLDEN=1`).toBe(
    readFileSync(path, 'utf8')
  );
}

describe('golden', () => {
  it('does find the real scenario in content/', () => {
    expect(scenario?.id).toBe('deliver-interaction-to-agent');
  });

  for (const { name, input } of RUNS) {
    for (const { ext, render } of VIEWS) {
      it(`does match ${name}.${ext}`, () => {
        if (!scenario) throw new Error('content/ has no deliver-interaction-to-agent scenario');
        matchGolden(`${name}.${ext}`, render(runDelivery(input), scenario));
      });
    }

    it(`does keep ${name}.mmd parseable by stock mermaid`, async () => {
      if (!scenario) throw new Error('content/ has no deliver-interaction-to-agent scenario');
      await expect(mermaid.parse(toMermaid(runDelivery(input), scenario))).resolves.toMatchObject({
        diagramType: 'sequence'
      });
    });
  }
});
