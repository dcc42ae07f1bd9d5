/**
 * The export command's logic, kept free of process.* so tests can call it: arguments in,
 * `{ code, stdout, stderr }` out. scripts/export.ts is the thin wrapper that npm runs.
 *
 *   npm run export -- --scenario deliver-interaction-to-agent --branch accept|reject|timeout
 *                     [--timeout S] [--response S] --format json|mermaid|markdown|text
 *
 * Exit codes: 0 written to stdout; 1 content/ is invalid (ContentError); 2 bad arguments, with
 * one line on stderr naming the bad value and the valid ones, and nothing on stdout.
 */
import { parseArgs } from 'node:util';
import {
  RESPONSE_DEFAULT_S,
  RESPONSE_MAX_S,
  RESPONSE_MIN_S,
  TIMEOUT_MAX_S,
  TIMEOUT_MIN_S,
  TIMEOUT_DEFAULT_S,
  parseBranch,
  parseResponse,
  parseRunInput,
  parseTimeout
} from '../src/lib/engine/input';
import { runDelivery } from '../src/lib/engine/run';
import { BRANCHES, type Trace } from '../src/lib/engine/types';
import { loadContentFromDisk } from '../src/lib/content/node';
import { ContentError } from '../src/lib/content/parse';
import type { Content, Scenario } from '../src/lib/content/types';
import { toJsonText } from '../src/lib/trace/json';
import { toMarkdown } from '../src/lib/trace/markdown';
import { toMermaid } from '../src/lib/trace/mermaid';
import { toText } from '../src/lib/trace/text';

export const FORMATS = ['json', 'mermaid', 'markdown', 'text'] as const;
export type Format = (typeof FORMATS)[number];

const RENDER: Record<Format, (trace: Trace, scenario: Scenario) => string> = {
  json: toJsonText,
  mermaid: (trace, scenario) => toMermaid(trace, scenario),
  markdown: toMarkdown,
  text: toText
};

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

export const USAGE = `Usage: npm run export -- --scenario <id> --branch ${BRANCHES.join('|')} [--timeout S] [--response S] --format ${FORMATS.join('|')}

Writes one run of a scenario to stdout.
  --scenario  scenario id, e.g. deliver-interaction-to-agent
  --branch    what the agent does with the invitation
  --timeout   Interaction Server's delivering-timeout, whole seconds (default ${TIMEOUT_DEFAULT_S})
  --response  seconds until the agent answers, steps of 0.1 (default ${RESPONSE_DEFAULT_S})
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
  branch: `one of ${BRANCHES.join(', ')}`,
  timeout: `whole seconds from ${TIMEOUT_MIN_S} to ${TIMEOUT_MAX_S.toLocaleString('en-US')}`,
  response: `seconds from ${RESPONSE_MIN_S} to ${RESPONSE_MAX_S.toLocaleString('en-US')}, in steps of 0.1`,
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

/** The one-line problem with one option's value, or undefined when the value is valid. */
function checkValue(name: Exclude<OptionName, 'help'>, value: string): string | undefined {
  switch (name) {
    case 'branch': {
      const r = parseBranch(value);
      return r.ok ? undefined : r.error;
    }
    case 'timeout': {
      const r = parseTimeout(value);
      return r.ok ? undefined : r.error;
    }
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
  for (const name of ['branch', 'format'] as const) {
    if (values[name] === undefined) return usageError(`missing --${name}: ${EXPECTED[name]}`);
  }
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

  // Every value was checked above, one flag at a time; this only converts them.
  const input = parseRunInput({
    branch: values.branch,
    timeoutS: values.timeout,
    responseS: values.response
  });
  if (!input.ok) throw new Error(`unreachable: checked above (${input.errors.join('; ')})`);
  const trace = runDelivery(input.value);
  return { code: 0, stdout: RENDER[values.format as Format](trace, scenario), stderr: '' };
}
