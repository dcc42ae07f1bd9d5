import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORMATS, runExport } from '../../../scripts/export-cli';
import { loadContentFromDisk } from '../../../src/lib/content/node';
import { ContentError } from '../../../src/lib/content/parse';
import { run } from '../../../src/lib/engine/run';
import type { Trace } from '../../../src/lib/engine/types';
import { DEFAULT_SITE_URL, siteUrl } from '../../../src/lib/server/site';
import { exportRun, type ExportFormat } from '../../../src/lib/trace/export';
import { realContent, realScenario } from '../../fixtures/content';

const SCENARIO = 'deliver-interaction-to-agent';
const content = realContent;
// The site URL is given, so the stamps' links do not depend on the caller's SITE_URL.
const deps = { loadContent: () => content, siteUrl: () => DEFAULT_SITE_URL };

/** The export as the command must write it: the single entry point, stamp and all. */
const expectedExport = (trace: Trace, id: string, format: ExportFormat, site = DEFAULT_SITE_URL) =>
  exportRun(trace, realScenario(id), format, { siteUrl: site });
const base = ['--scenario', SCENARIO, '--branch', 'accept', '--format', 'json'];

/** Runs the export in-process against the already loaded content/. */
const exportWith = (...argv: string[]) => runExport(argv, deps);

/** Replaces (or adds) one option in the base arguments. */
function withOption(name: string, value: string): string[] {
  const argv = [...base];
  const i = argv.indexOf(`--${name}`);
  if (i >= 0) argv[i + 1] = value;
  else argv.push(`--${name}`, value);
  return argv;
}

const real = realScenario(SCENARIO);

describe('export', () => {
  describe('runExport', () => {
    it('does write each format to stdout, stamped, exactly as exportRun writes it', () => {
      const trace = run(real, { branch: 'reject', timeoutS: 12, responseS: 3.5 });
      for (const format of FORMATS) {
        const result = exportWith(
          '--scenario',
          SCENARIO,
          '--branch',
          'reject',
          '--timeout',
          '12',
          '--response=3.5',
          '--format',
          format
        );
        expect(result).toEqual({
          code: 0,
          stdout: expectedExport(trace, SCENARIO, format),
          stderr: ''
        });
      }
    });

    it('does start each export with a stamp naming the run and linking to its last step', () => {
      const result = exportWith(...withOption('format', 'mermaid'));
      const steps = run(real, { branch: 'accept', timeoutS: 30, responseS: 8 }).entries.length;
      expect(result.stdout.split('\n')[0]).toBe(
        `%% interaction-lab: scenario=${SCENARIO} branch=accept timeout=30 response=8 model=${real.version} link=${DEFAULT_SITE_URL}/scenarios/${SCENARIO}?branch=accept&step=${steps}&timeout=30&response=8`
      );
    });

    it('does exit 2 with one line when SITE_URL is not a usable URL', () => {
      const result = runExport(base, {
        loadContent: () => content,
        siteUrl: () => siteUrl({ SITE_URL: 'ftp://lab.example.com' })
      });
      expect(result).toEqual({
        code: 2,
        stdout: '',
        stderr: 'export: SITE_URL must use http or https (got ftp://lab.example.com)\n'
      });
    });

    it('does take any scenario and its own choices', () => {
      const cases = [
        ['transfer', 'invalid'],
        ['conference', 'reject'],
        ['stop-processing', 'c']
      ] as const;
      for (const [id, branch] of cases) {
        const result = exportWith('--scenario', id, '--branch', branch, '--format', 'text');
        const trace = run(realScenario(id), { branch, timeoutS: 30, responseS: 8 });
        expect(result).toEqual({ code: 0, stdout: expectedExport(trace, id, 'text'), stderr: '' });
      }
    });

    it('does add inPlaceOf to a stand-in in JSON and keep the other fields', () => {
      const result = exportWith(
        '--scenario',
        'stop-processing',
        '--branch',
        'd',
        '--format',
        'json'
      );
      const json = JSON.parse(result.stdout) as {
        input: object;
        events: { name: string; inPlaceOf?: string }[];
      };
      expect(json.input).toEqual({});
      expect(json.events.slice(0, 2)).toMatchObject([
        { name: 'RequestRouteCall', inPlaceOf: 'RequestStopProcessing' },
        { name: 'EventRouteUsed', inPlaceOf: 'EventAck' }
      ]);
      expect(json.events.slice(2).every((e) => !('inPlaceOf' in e))).toBe(true);
    });

    it('does default the timeout to 30 s and the response to 8 s', () => {
      const result = exportWith(...base);
      const json = JSON.parse(result.stdout) as { input: unknown; outcome: string };
      expect(json.input).toEqual({ timeoutS: 30, responseS: 8 });
      expect(json.outcome).toBe('accepted');
    });

    it('does print usage for --help and exit 0', () => {
      const result = exportWith('--help');
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('Usage: npm run export --');
      expect(result.stderr).toBe('');
    });

    const BAD: [string, string[], string[]][] = [
      ['an unknown scenario', withOption('scenario', 'nope'), ['"nope"', SCENARIO]],
      ['an unknown branch', withOption('branch', 'maybe'), ['"maybe"', 'accept, reject, timeout']],
      [
        'an unknown format',
        withOption('format', 'svg'),
        ['"svg"', 'json, mermaid, markdown, text']
      ],
      ['a missing --scenario', base.slice(2), ['--scenario', SCENARIO]],
      [
        'a missing --branch',
        [...base.slice(0, 2), ...base.slice(4)],
        ['--branch', 'accept, reject, timeout']
      ],
      ['a missing --format', base.slice(0, 4), ['--format', 'json, mermaid, markdown, text']],
      ['an unknown option', [...base, '--colour', 'red'], ['"--colour"', '--scenario', '--format']],
      ['a positional argument', [...base, 'extra'], ['"extra"', '--scenario']],
      ['a timeout that is not a number', withOption('timeout', 'soon'), ['"soon"', '1 to 86,400']],
      ['a timeout of 0', withOption('timeout', '0'), ['"0"', '1 to 86,400']],
      ['a timeout above 86,400', withOption('timeout', '86401'), ['"86401"', '1 to 86,400']],
      ['a negative timeout', withOption('timeout', '-5'), ['"-5"', '1 to 86,400']],
      ['a fractional timeout', withOption('timeout', '2.5'), ['"2.5"', 'whole number']],
      ['a response that is not a number', withOption('response', '8s'), ['"8s"', '0 to 86,400']],
      ['a negative response', withOption('response', '-1'), ['"-1"', '0 to 86,400']],
      ['a response finer than 0.1 s', withOption('response', '8.25'), ['"8.25"', 'steps of 0.1']],
      ['an option without a value', [...base, '--timeout'], ['--timeout', '1 to 86,400']],
      [
        'an option given twice',
        [...base, '--branch', 'reject'],
        ['--branch', '"accept", "reject"']
      ],
      ['a value for --help', ['--help=yes'], ['--help', '"yes"']],
      [
        'a branch another scenario has',
        ['--scenario', 'stop-processing', '--branch', 'accept', '--format', 'json'],
        ['"accept"', 'a, b, c, d']
      ],
      [
        'an outcome Deliver does not have',
        withOption('branch', 'invalid'),
        ['"invalid"', 'accept, reject, timeout']
      ],
      [
        'a timeout for a scenario without a timer',
        ['--scenario', 'stop-processing', '--branch', 'a', '--timeout', '5', '--format', 'json'],
        ['timeout', 'no timer', '"5"']
      ]
    ];

    it.each(BAD)('does exit 2 with one line naming the value for %s', (_, argv, mentions) => {
      const result = exportWith(...argv);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr.endsWith('\n')).toBe(true);
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
      for (const m of mentions) expect(result.stderr).toContain(m);
    });

    it('does report invalid content/ and exit 1', () => {
      const result = runExport(base, {
        loadContent: () => {
          throw new ContentError(['content/glossary.yaml: EventInvite.meaning: expected a string']);
        }
      });
      expect(result).toEqual({
        code: 1,
        stdout: '',
        stderr:
          'export: content/ is invalid:\ncontent/glossary.yaml: EventInvite.meaning: expected a string\n'
      });
    });

    it('does exit 1 when content/ is missing altogether', () => {
      const empty = mkdtempSync(join(tmpdir(), 'export-'));
      try {
        const result = runExport(base, { loadContent: () => loadContentFromDisk(empty) });
        expect(result.code).toBe(1);
        expect(result.stdout).toBe('');
        expect(result.stderr).toMatch(/^export: content\/ is invalid:\n/u);
      } finally {
        rmSync(empty, { recursive: true });
      }
    });

    it('does not load content/ for arguments that are bad on their own', () => {
      let loaded = false;
      const result = runExport(withOption('format', 'pdf'), {
        loadContent: () => {
          loaded = true;
          return content;
        }
      });
      expect(result.code).toBe(2);
      expect(loaded).toBe(false);
    });
  });

  describe('scripts/export.ts', () => {
    /**
     * The real script, as `npm run export` runs it. `--no` stops npx from ever downloading; npm
     * may print its own warnings on stderr, which are not the script's.
     */
    const SITE = 'https://lab.example.com/docs';
    const script = (...argv: string[]) => {
      const r = spawnSync('npx', ['--no', 'tsx', 'scripts/export.ts', ...argv], {
        cwd: process.cwd(),
        encoding: 'utf8',
        env: { ...process.env, SITE_URL: SITE }
      });
      const stderr = r.stderr
        .split('\n')
        .filter((l) => l !== '' && !l.startsWith('npm warn'))
        .join('\n');
      return { code: r.status, stdout: r.stdout, stderr };
    };

    it('does write the export, its link on SITE_URL, and exit 0', () => {
      const r = script('--scenario', SCENARIO, '--branch', 'timeout', '--format', 'text');
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      const trace = run(real, { branch: 'timeout', timeoutS: 30, responseS: 8 });
      expect(r.stdout).toBe(expectedExport(trace, SCENARIO, 'text', SITE));
    }, 30_000);

    it('does exit 2 with one line on stderr and nothing on stdout', () => {
      const r = script('--scenario', SCENARIO, '--branch', 'later', '--format', 'text');
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe('export: branch must be one of accept, reject, timeout (got "later")');
    }, 30_000);
  });
});
