/**
 * Golden files: every export of every scenario's choices at default timing (and Deliver's late
 * answer), written from the real content/ by exportRun, as `npm run export` and the site write
 * them, and compared byte for byte with tests/fixtures/golden/. Each starts with its stamp, whose
 * link uses the default site URL whatever SITE_URL says, and whose model version changes with
 * any edit to the scenario's content; after the stamp comes the view's own text, unchanged. Deliver's files sit at the top of that folder, where they were before
 * there were other scenarios; the others are in a folder per scenario. After an intended change
 * to a view or to the names and titles in content/, rewrite them and review the diff:
 *
 *   UPDATE_GOLDEN=1 npx vitest run --project unit tests/unit/trace/golden.test.ts
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import mermaid from 'mermaid';
import { describe, expect, it } from 'vitest';
import { LIBRARY_IDS } from '../../fixtures/content';
import { loadContentFromDisk } from '../../../src/lib/content/node';
import type { Scenario } from '../../../src/lib/content/types';
import { defaultInput } from '../../../src/lib/engine/input';
import { run } from '../../../src/lib/engine/run';
import type { RunInput, Trace } from '../../../src/lib/engine/types';
import { DEFAULT_SITE_URL } from '../../../src/lib/server/site';
import { toJsonText, toMarkdown, toMermaid, toText } from '../../../src/lib/trace';
import { exportRun, type ExportFormat } from '../../../src/lib/trace/export';
import { withoutStamp } from '../../../src/lib/trace/stamp';

const GOLDEN_DIR = join(process.cwd(), 'tests/fixtures/golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const DELIVER = 'deliver-interaction-to-agent';

/** Each export format, its file extension and the view that writes its body. */
const VIEWS: {
  format: ExportFormat;
  ext: string;
  render: (trace: Trace, scenario: Scenario) => string;
}[] = [
  { format: 'json', ext: 'json', render: toJsonText },
  { format: 'mermaid', ext: 'mmd', render: (trace, scenario) => toMermaid(trace, scenario) },
  { format: 'markdown', ext: 'md', render: toMarkdown },
  { format: 'text', ext: 'txt', render: toText }
];

/** The export as the golden files hold it: the default site URL, not the caller's SITE_URL. */
const exported = (trace: Trace, scenario: Scenario, format: ExportFormat) =>
  exportRun(trace, scenario, format, { siteUrl: DEFAULT_SITE_URL });

const { scenarios } = loadContentFromDisk();

/** Each option at default timing, plus the race lost where there is a timer. */
function runsOf(scenario: Scenario): { name: string; input: RunInput }[] {
  const base = defaultInput(scenario);
  const runs = scenario.choice.options.map((o) => ({
    name: o.id,
    input: { ...base, branch: o.id }
  }));
  // The race lost: the answer at 8 s arrives after a 5 s timer revoked the invitation.
  if (scenario.capabilities.live) {
    runs.push({ name: 'accept-late', input: { ...base, branch: 'accept', timeoutS: 5 } });
    return runs;
  }
  // A timeline's race lost: the shortest timer, and a party that waits at least as long.
  const { timer, response } = scenario.capabilities;
  if (timer && response) {
    const k = timer.unit === 'min' ? 60 : 1;
    const rk = response.unit === 'min' ? 60 : 1;
    for (const id of scenario.capabilities.racing) {
      const responseS = Math.max(timer.min * k, response.min * rk);
      runs.push({
        name: `${id}-late`,
        input: { ...base, branch: id, timeoutS: timer.min * k, responseS }
      });
    }
  }
  return runs;
}

/** Compares with the golden file, or (re)writes it when UPDATE_GOLDEN=1. */
function matchGolden(file: string, actual: string) {
  const path = join(GOLDEN_DIR, file);
  if (UPDATE) {
    mkdirSync(dirname(path), { recursive: true });
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
  it('does find the eighteen models of the library in content/', () => {
    expect(scenarios.map((s) => s.id).sort()).toEqual(LIBRARY_IDS);
  });

  for (const scenario of scenarios) {
    const folder = scenario.id === DELIVER ? '' : `${scenario.id}/`;
    describe(scenario.id, () => {
      for (const { name, input } of runsOf(scenario)) {
        for (const { format, ext, render } of VIEWS) {
          const file = `${folder}${name}.${ext}`;
          it(`does match ${file}`, () => {
            matchGolden(file, exported(run(scenario, input), scenario, format));
          });

          // The stamp is added, never woven in: after it the file is the view's text, byte for byte.
          it(`does keep ${file} the view's own text after its stamp`, () => {
            const trace = run(scenario, input);
            const golden = UPDATE
              ? exported(trace, scenario, format)
              : readFileSync(join(GOLDEN_DIR, file), 'utf8');
            expect(withoutStamp(format, golden)).toBe(render(trace, scenario));
          });
        }

        it(`does keep ${folder}${name}.mmd, stamp and all, parseable by stock mermaid`, async () => {
          await expect(
            mermaid.parse(exported(run(scenario, input), scenario, 'mermaid'))
          ).resolves.toMatchObject({ diagramType: 'sequence' });
        });
      }
    });
  }
});
