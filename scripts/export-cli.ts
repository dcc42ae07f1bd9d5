/**
 * The export command's logic, kept free of process.* so tests can call it: arguments in,
 * `{ code, stdout, stderr }` out. scripts/export.ts is the thin wrapper that npm runs.
 *
 *   npm run export -- --scenario <id> --branch <option> [--timeout S] [--response S]
 *                     --format json|mermaid|markdown|text
 *
 * The options a scenario has (`--branch`), and whether it has a timer (`--timeout`,
 * `--response`), come from its content file.
 *
 * Exit codes: 0 written to stdout; 1 content/ is invalid (ContentError); 2 bad arguments, with
 * one line on stderr naming the bad value and the valid ones, and nothing on stdout.
 */
import { parseArgs } from 'node:util';
import { optionList, parseResponse, parseRunInput, RESPONSE_RANGE } from '../src/lib/engine/input';
import { run } from '../src/lib/engine/run';
import { siteUrl } from '../src/lib/server/site';
import { loadContentFromDisk } from '../src/lib/content/node';
import { ContentError } from '../src/lib/content/parse';
import type { Content } from '../src/lib/content/types';
import {
  EXPORT_FORMATS as FORMATS,
  exportRun,
  type ExportFormat as Format
} from '../src/lib/trace/export';

export { FORMATS, type Format };

const OPTIONS = {
  scenario: { type: 'string' },
  branch: { type: 'string' },
  timeout: { type: 'string' },
  response: { type: 'string' },
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' }
} as const;
type OptionName = keyof typeof OPTIONS;

const VALID_OPTIONS = Object.keys(OPTIONS)
  .map((o) => `--${o}`)
  .join(', ');

export const USAGE = `Usage: npm run export -- --scenario <id> --branch <option> [--timeout S] [--response S] --format ${FORMATS.join('|')}

Writes one run of a scenario to stdout.
  --scenario  scenario id, e.g. deliver-interaction-to-agent, transfer, stop-processing
  --branch    one of the scenario's options: an outcome (accept, reject, timeout, invalid)
              or a version (a, b, c, d)
  --timeout   scenarios with a timer: its length, whole seconds (default from the scenario)
  --response  scenarios with a timer: seconds until the invited party answers, steps of 0.1
  --format    json, mermaid (sequenceDiagram), markdown (tables) or text (ladder)
`;

export interface ExportResult {
  /** 0 success, 1 invalid content/, 2 bad arguments. */
  code: 0 | 1 | 2;
  stdout: string;
  stderr: string;
}

export interface ExportDeps {
  /** Loads and validates content/; throws ContentError when it is invalid. */
  loadContent: () => Content;
}

/** What each option expects, for "missing" and "needs a value" messages. */
const EXPECTED: Record<Exclude<OptionName, 'help'>, string> = {
  scenario: 'a scenario id, e.g. deliver-interaction-to-agent',
  branch: 'one of the scenario’s options, e.g. accept',
  timeout: 'whole seconds within the scenario’s timer range, e.g. 1 to 86,400',
  response: `seconds from ${RESPONSE_RANGE}, in steps of 0.1`,
  format: `one of ${FORMATS.join(', ')}`
};

const usageError = (message: string): ExportResult => ({
  code: 2,
  stdout: '',
  stderr: `export: ${message}\n`
});

const oneOf = (what: string, valid: readonly string[], got: unknown) =>
  `${what} must be one of ${valid.join(', ')} (got ${JSON.stringify(got)})`;

/**
 * Explains, in one line, why parseArgs (strict) refused the arguments. Its own messages span
 * lines and cannot name a value that starts with a dash (`--timeout -5`), so this reads the
 * arguments again without strictness and describes the first problem it finds.
 */
function describeArgsError(argv: string[], error: unknown): string {
  const { tokens } = parseArgs({ args: argv, options: OPTIONS, strict: false, tokens: true });
  for (const token of tokens) {
    if (token.kind === 'positional') {
      return `unexpected argument ${JSON.stringify(token.value)}; options are ${VALID_OPTIONS}`;
    }
    if (token.kind !== 'option') continue;
    if (!(token.name in OPTIONS)) {
      return `unknown option ${JSON.stringify(token.rawName)}; options are ${VALID_OPTIONS}`;
    }
    const name = token.name as OptionName;
    if (name === 'help') {
      if (token.value !== undefined)
        return `--help takes no value (got ${JSON.stringify(token.value)})`;
      continue;
    }
    if (token.value === undefined) return `${token.rawName} needs a value: ${EXPECTED[name]}`;
    // A value starting with '-' is "ambiguous" to strict parseArgs: check it as a value instead.
    if (token.value.startsWith('-')) {
      return (
        checkValue(name, token.value) ??
        `write ${token.rawName}=${token.value} for a value that starts with "-"`
      );
    }
  }
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? 'invalid arguments';
}

/**
 * The one-line problem with one option's value, as far as it can be known before content/ is
 * loaded, or undefined. A scenario's options and timer range are checked once it is loaded.
 */
function checkValue(name: Exclude<OptionName, 'help'>, value: string): string | undefined {
  switch (name) {
    case 'branch':
      // No option id starts with a dash: ids are slugs.
      return value.startsWith('-')
        ? `branch must be ${EXPECTED.branch} (got ${JSON.stringify(value)})`
        : undefined;
    case 'timeout':
      return /^\s*-/.test(value)
        ? `timeout must be ${EXPECTED.timeout} (got ${JSON.stringify(value)})`
        : undefined;
    case 'response': {
      const r = parseResponse(value);
      return r.ok ? undefined : r.error;
    }
    case 'format':
      return (FORMATS as readonly string[]).includes(value)
        ? undefined
        : oneOf('format', FORMATS, value);
    case 'scenario':
      return undefined; // Known only once content/ is loaded.
  }
}

/** parseArgs as the command uses it: strict, no positionals, tokens kept to spot repeats. */
const parseStrict = (argv: string[]) =>
  parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false, tokens: true });

/** Runs the export command for `argv` (the arguments after the script name) and reports. */
export function runExport(
  argv: string[],
  deps: ExportDeps = { loadContent: () => loadContentFromDisk() }
): ExportResult {
  let parsed;
  try {
    parsed = parseStrict(argv);
  } catch (error) {
    return usageError(describeArgsError(argv, error));
  }
  const { values, tokens } = parsed;
  if (values.help) return { code: 0, stdout: USAGE, stderr: '' };

  // parseArgs keeps the last of a repeated option; a run has one of each, so say so instead.
  const seen = new Set<string>();
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    if (seen.has(token.name)) {
      const given = tokens.flatMap((t) =>
        t.kind === 'option' && t.name === token.name ? [JSON.stringify(t.value)] : []
      );
      return usageError(`--${token.name} is given more than once (${given.join(', ')})`);
    }
    seen.add(token.name);
  }

  // --scenario is checked last: its valid values come from content/.
  if (values.format === undefined) return usageError(`missing --format: ${EXPECTED.format}`);
  for (const name of ['branch', 'timeout', 'response', 'format'] as const) {
    const value = values[name];
    const problem = value === undefined ? undefined : checkValue(name, value);
    if (problem) return usageError(problem);
  }

  let content: Content;
  try {
    content = deps.loadContent();
  } catch (error) {
    if (error instanceof ContentError) {
      return { code: 1, stdout: '', stderr: `export: content/ is invalid:\n${error.message}\n` };
    }
    throw error;
  }
  const ids = content.scenarios.map((s) => s.id);
  if (values.scenario === undefined)
    return usageError(`missing --scenario: one of ${ids.join(', ')}`);
  const scenario = content.scenarios.find((s) => s.id === values.scenario);
  if (!scenario) return usageError(oneOf('scenario', ids, values.scenario));

  if (values.branch === undefined) {
    return usageError(`missing --branch: one of ${optionList(scenario)}`);
  }
  // The scenario's own options and timer decide the rest; the first problem is the line shown.
  const input = parseRunInput(scenario, {
    branch: values.branch,
    timeoutS: values.timeout,
    responseS: values.response
  });
  if (!input.ok) return usageError(input.errors[0] ?? 'invalid arguments');
  const trace = run(scenario, input.value);
  return {
    code: 0,
    stdout: exportRun(trace, scenario, values.format as Format, { siteUrl: siteUrl() }),
    stderr: ''
  };
}
