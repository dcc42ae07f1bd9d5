/**
 * The export command's logic, kept free of process.* so tests can call it: arguments in,
 * `{ code, stdout, stderr }` out. scripts/export.ts is the thin wrapper that npm runs.
 *
 *   npm run export -- --scenario <id> --branch <option> [--timeout S] [--response S]
 *                     --format json|mermaid|markdown|text
 *   npm run export -- --verify <file or folder>…
 *
 * The options a scenario has (`--branch`), and whether it has a timer (`--timeout`,
 * `--response`), come from its content file. `--verify` checks the stamped exports pasted into
 * Markdown and mermaid files against the model as it is now (see {@link verifyFiles}).
 *
 * Exit codes: 0 written to stdout, or every stamped block is current; 1 content/ is invalid
 * (ContentError), or a stamped block is stale or its stamp broken; 2 bad arguments, with one line
 * on stderr naming the bad value and the valid ones, and nothing on stdout.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  defaultInput,
  grouped,
  inputFieldsOf,
  optionList,
  parseBranch,
  parseResponse,
  parseRunInput,
  rangeText,
  RESPONSE_RANGE
} from '../src/lib/engine/input';
import { run } from '../src/lib/engine/run';
import type { RunInput } from '../src/lib/engine/types';
import { siteUrl } from '../src/lib/server/site';
import { loadContentFromDisk } from '../src/lib/content/node';
import { ContentError } from '../src/lib/content/parse';
import type { Content } from '../src/lib/content/types';
import {
  EXPORT_FORMATS as FORMATS,
  exportRun,
  type ExportFormat as Format
} from '../src/lib/trace/export';
import {
  isMarkdownEndMarker,
  MARKDOWN_END_MARKER,
  markdownStampPayload,
  mermaidStampPayload,
  parseStamp,
  siteUrlOfStamp
} from '../src/lib/trace/stamp';

export { FORMATS, type Format };

const OPTIONS = {
  scenario: { type: 'string' },
  branch: { type: 'string' },
  timeout: { type: 'string' },
  response: { type: 'string' },
  count: { type: 'string' },
  format: { type: 'string' },
  verify: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' }
} as const;
type OptionName = keyof typeof OPTIONS;
/** The options that take a value; the others are switches. */
type ValueOption = Exclude<OptionName, 'help' | 'verify'>;
/** The options of one run, which --verify does not take: it reads each run from its stamp. */
const RUN_OPTIONS = ['scenario', 'branch', 'timeout', 'response', 'count', 'format'] as const;

const VALID_OPTIONS = Object.keys(OPTIONS)
  .map((o) => `--${o}`)
  .join(', ');

/**
 * The command's help. The scenarios, their options and the fields each takes come from
 * content/, never from code: a new model shows up here as soon as its file exists.
 */
export function usageOf(content: Content | null): string {
  const lines = [
    `Usage: npm run export -- --scenario <id> --branch <option> [--timeout N] [--response N] [--count N] --format ${FORMATS.join('|')}`,
    '       npm run export -- --verify <file or folder>…',
    '',
    'Writes one run of a scenario to stdout, starting with a stamp that names where it came from.',
    '  --scenario  a scenario id (below)',
    "  --branch    one of the scenario's options: an outcome or a version (below)",
    "  --timeout   the scenario's timer length, in the timer's unit (default from the scenario)",
    '  --response  a response time, in its unit, in steps of 0.1 (scenarios that have one)',
    '  --count     how many times a party acts against the timer (scenarios that have one)',
    '  --format    json, mermaid (sequenceDiagram), markdown (tables) or text (ladder)',
    '',
    '  --verify    checks stamped exports pasted into .md, .markdown and .mmd files (folders are',
    '              searched): each is regenerated from its stamp and compared. Exits 1 listing',
    '              every stale block with a diff, or naming a broken stamp; 0 when all are current.'
  ];
  if (content) {
    lines.push('', 'Scenarios (from content/):');
    for (const scenario of content.scenarios) {
      const fields = inputFieldsOf(scenario).map(
        (f) =>
          `--${f.name} ${rangeText(f.min, f.max)}${f.unit ? ` ${f.unit}` : ''} (default ${grouped(f.default)})`
      );
      lines.push(`  ${scenario.id}`, `    --branch ${optionList(scenario)}`);
      if (fields.length > 0) lines.push(`    ${fields.join('; ')}`);
    }
  } else {
    lines.push('', 'content/ could not be loaded, so its scenarios are not listed here.');
  }
  return `${lines.join('\n')}\n`;
}

export interface ExportResult {
  /** 0 success, 1 invalid content/, 2 bad arguments. */
  code: 0 | 1 | 2;
  stdout: string;
  stderr: string;
}

export interface ExportDeps {
  /** Loads and validates content/; throws ContentError when it is invalid. */
  loadContent: () => Content;
  /** Where the site is published, for the stamp's link; default SITE_URL or localhost:4173. */
  siteUrl?: () => string;
  /**
   * The folder --verify's relative paths start from; default the current one. `npm run` moves
   * to the package's folder, so scripts/export.ts passes the one npm was started in (INIT_CWD).
   */
  cwd?: string;
}

/** content/, or exit 1 naming what is wrong with it. */
function loadContent(deps: ExportDeps): Content | ExportResult {
  try {
    return deps.loadContent();
  } catch (error) {
    if (error instanceof ContentError) {
      return { code: 1, stdout: '', stderr: `export: content/ is invalid:\n${error.message}\n` };
    }
    throw error;
  }
}

/** What each option expects, for "missing" and "needs a value" messages. */
const EXPECTED: Record<ValueOption, string> = {
  scenario: 'a scenario id, e.g. deliver-interaction-to-agent',
  branch: 'one of the scenario’s options, e.g. accept',
  timeout: 'a whole number within the scenario’s timer range, in its unit, e.g. 1 to 86,400 s',
  response: `a time from ${RESPONSE_RANGE}, in steps of 0.1, in the scenario’s unit`,
  count: 'a whole number within the scenario’s range, e.g. 0 to 10',
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
    // Positionals never fail parsing (they are --verify's paths); runExport checks them.
    if (token.kind !== 'option') continue;
    if (!(token.name in OPTIONS)) {
      return `unknown option ${JSON.stringify(token.rawName)}; options are ${VALID_OPTIONS}`;
    }
    const name = token.name as OptionName;
    if (name === 'help' || name === 'verify') {
      if (token.value !== undefined) {
        const after = name === 'verify' ? '; write the files and folders after it' : '';
        return `--${name} takes no value (got ${JSON.stringify(token.value)})${after}`;
      }
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
function checkValue(name: ValueOption, value: string): string | undefined {
  switch (name) {
    case 'branch':
      // No option id starts with a dash: ids are slugs.
      return value.startsWith('-')
        ? `branch must be ${EXPECTED.branch} (got ${JSON.stringify(value)})`
        : undefined;
    case 'timeout':
    case 'count':
      return /^\s*-/.test(value)
        ? `${name} must be ${EXPECTED[name]} (got ${JSON.stringify(value)})`
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

/**
 * parseArgs as the command uses it: strict, tokens kept to spot repeats. Positionals are the
 * paths of --verify; without it, runExport refuses them.
 */
const parseStrict = (argv: string[]) =>
  parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: true, tokens: true });

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
  const { values, tokens, positionals } = parsed;
  if (values.help) {
    const content = loadContent(deps);
    return { code: 0, stdout: usageOf('code' in content ? null : content), stderr: '' };
  }

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

  if (values.verify) {
    const mixed = RUN_OPTIONS.find((name) => values[name] !== undefined);
    if (mixed) {
      return usageError(
        `--verify reads each run from its stamp and takes no --${mixed}; give only files and folders`
      );
    }
    return verifyFiles(positionals, deps);
  }
  const [stray] = positionals;
  if (stray !== undefined) {
    return usageError(`unexpected argument ${JSON.stringify(stray)}; options are ${VALID_OPTIONS}`);
  }

  // --scenario is checked last: its valid values come from content/.
  if (values.format === undefined) return usageError(`missing --format: ${EXPECTED.format}`);
  for (const name of ['branch', 'timeout', 'response', 'count', 'format'] as const) {
    const value = values[name];
    const problem = value === undefined ? undefined : checkValue(name, value);
    if (problem) return usageError(problem);
  }

  const content = loadContent(deps);
  if ('code' in content) return content;
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
    timeout: values.timeout,
    response: values.response,
    count: values.count
  });
  if (!input.ok) return usageError(input.errors[0] ?? 'invalid arguments');
  const site = publishedAt(deps);
  if (!site.ok) return usageError(site.error);
  const trace = run(scenario, input.value);
  return {
    code: 0,
    stdout: exportRun(trace, scenario, values.format as Format, { siteUrl: site.url }),
    stderr: ''
  };
}

/** The site's URL for the stamp's link, or SITE_URL's problem in one line. */
function publishedAt(deps: ExportDeps): { ok: true; url: string } | { ok: false; error: string } {
  try {
    return { ok: true, url: (deps.siteUrl ?? siteUrl)() };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

// --verify ------------------------------------------------------------------------------------

/** The files a folder is searched for; a file named on the command line is read whatever it is. */
const VERIFY_EXTENSIONS = new Set(['.md', '.markdown', '.mmd']);
/** Folders never searched: dependencies and hidden folders (.git) hold no one's docs. */
const SKIPPED_FOLDER = (name: string) => name === 'node_modules' || name.startsWith('.');
/** How many changed lines a stale block's diff shows before it says how many more there are. */
const DIFF_LINES = 8;

/**
 * A stamped block found in a file: where its stamp is, the lines as pasted (the stamp first) and
 * the export format that wrote it; or a problem with its shape that makes it uncheckable.
 */
export type FoundBlock =
  | { line: number; format: 'mermaid' | 'markdown'; payload: string; lines: string[] }
  | { line: number; problem: string };

/** A fence opening or closing line: its indent, its fence characters and what follows. */
const FENCE = /^(\s*)(`{3,}|~{3,})(.*)$/;

/**
 * The stamped blocks of one file's text (lines separated by \n): a ```mermaid fenced block whose
 * first line is a stamp; a Markdown export from its stamp comment to its end marker (outside
 * fenced blocks, so a stamp quoted in a code example is left alone); or, for a .mmd file, the
 * whole file when it starts with a stamp. Everything else is unstamped text and is not looked at.
 */
export function findStampedBlocks(text: string, kind: 'markdown' | 'mermaid'): FoundBlock[] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  if (kind === 'mermaid') {
    const payload = mermaidStampPayload(lines[0] ?? '');
    if (payload !== undefined) return [{ line: 1, format: 'mermaid', payload, lines }];
    const later = lines.findIndex((l) => mermaidStampPayload(l) !== undefined);
    return later < 0
      ? []
      : [{ line: later + 1, problem: 'a stamp must be the first line of a .mmd file' }];
  }

  const found: FoundBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const open = FENCE.exec(line);
    if (open) {
      const [, indent = '', fence = '', info = ''] = open;
      // A fence closes with the same character, at least as many, and nothing after it.
      let close = i + 1;
      while (close < lines.length) {
        const m = FENCE.exec(lines[close] as string);
        if (m?.[2]?.[0] === fence[0] && (m?.[2]?.length ?? 0) >= fence.length && !m?.[3]?.trim())
          break;
        close++;
      }
      if (info.trim().split(/\s+/)[0]?.toLowerCase() === 'mermaid') {
        // Content lines lose the fence's own indent, as Markdown reads them (e.g. in a list).
        const strip = new RegExp(`^ {0,${indent.length}}`);
        const content = lines.slice(i + 1, close).map((l) => l.replace(strip, ''));
        const payload = mermaidStampPayload(content[0] ?? '');
        const later = content.findIndex((l, j) => j > 0 && mermaidStampPayload(l) !== undefined);
        if (payload !== undefined) {
          found.push({ line: i + 2, format: 'mermaid', payload, lines: content });
        } else if (later >= 0) {
          found.push({
            line: i + 2 + later,
            problem: 'a stamp must be the first line of its mermaid block'
          });
        }
      }
      i = close;
      continue;
    }
    if (isMarkdownEndMarker(line)) {
      found.push({ line: i + 1, problem: `${MARKDOWN_END_MARKER} with no stamp before it` });
      continue;
    }
    const payload = markdownStampPayload(line);
    if (payload === undefined) continue;
    let end = i + 1;
    while (
      end < lines.length &&
      !isMarkdownEndMarker(lines[end] as string) &&
      markdownStampPayload(lines[end] as string) === undefined
    ) {
      end++;
    }
    if (end >= lines.length || !isMarkdownEndMarker(lines[end] as string)) {
      const next = end < lines.length ? ` before the next stamp, at line ${end + 1}` : '';
      found.push({ line: i + 1, problem: `no end marker ${MARKDOWN_END_MARKER}${next}` });
      i = end - 1;
      continue;
    }
    found.push({ line: i + 1, format: 'markdown', payload, lines: lines.slice(i, end + 1) });
    i = end;
  }
  return found;
}

/** One file to verify: the path as shown in reports, and how to read it. */
interface VerifyFile {
  /** The path as the person wrote it (joined with the folder's own paths). */
  shown: string;
  /** The absolute path. */
  path: string;
  kind: 'markdown' | 'mermaid';
}

/**
 * The files under `given` (a file or a folder, relative to `cwd`), sorted, or undefined when there
 * is no such path.
 */
function filesAt(given: string, cwd: string): VerifyFile[] | undefined {
  const root = resolve(cwd, given);
  let isFolder: boolean;
  try {
    isFolder = statSync(root).isDirectory();
  } catch {
    return undefined;
  }
  const kindOf = (file: string) =>
    extname(file).toLowerCase() === '.mmd' ? 'mermaid' : 'markdown';
  if (!isFolder) return [{ shown: given, path: root, kind: kindOf(given) }];
  const files: VerifyFile[] = [];
  const walk = (shown: string, folder: string) => {
    const entries = readdirSync(folder, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0
    );
    for (const entry of entries) {
      const child = { shown: join(shown, entry.name), path: join(folder, entry.name) };
      if (entry.isDirectory() && !SKIPPED_FOLDER(entry.name)) walk(child.shown, child.path);
      else if (entry.isFile() && VERIFY_EXTENSIONS.has(extname(entry.name).toLowerCase())) {
        files.push({ ...child, kind: kindOf(entry.name) });
      }
    }
  };
  walk(given, root);
  return files;
}

/** What checking one block found. */
type Verdict =
  | { status: 'current' }
  | { status: 'stale'; report: string }
  | { status: 'broken'; problem: string };

/**
 * Regenerates one block from its stamp and compares: the stamp names the scenario, the option
 * and the timing; its link gives the site URL, so only a change of the model (content/ or the
 * views) can make a block stale.
 */
function verifyBlock(
  block: Extract<FoundBlock, { format: string }>,
  content: Content,
  where: string
): Verdict {
  const parsed = parseStamp(block.payload);
  if (!parsed.ok) return { status: 'broken', problem: parsed.error };
  const { stamp } = parsed;
  const scenario = content.scenarios.find((s) => s.id === stamp.scenario);
  if (!scenario) {
    const ids = content.scenarios.map((s) => s.id).join(', ');
    return {
      status: 'broken',
      problem: `scenario must be one of ${ids} (got ${JSON.stringify(stamp.scenario)})`
    };
  }
  const branch = parseBranch(scenario, stamp.branch);
  if (!branch.ok) return { status: 'broken', problem: branch.error };
  // A stamp without timing for a scenario that has a timer (or the reverse) is checked at the
  // default timing: the regenerated stamp then differs, and the block shows as stale.
  let input: RunInput = { ...defaultInput(scenario), branch: branch.value };
  for (const field of inputFieldsOf(scenario)) {
    const value = field.parse(stamp[field.name] ?? field.get(input));
    if (!value.ok) return { status: 'broken', problem: value.error };
    input = field.set(input, value.value);
  }
  const site = siteUrlOfStamp(stamp);
  if (site === undefined) {
    return {
      status: 'broken',
      problem: `link must be an http(s) link to …/scenarios/${stamp.scenario} (got ${JSON.stringify(stamp.link)})`
    };
  }
  const expected = exportRun(run(scenario, input), scenario, block.format, { siteUrl: site });
  const fresh = expected.split('\n');
  if (fresh.at(-1) === '') fresh.pop();
  if (sameLines(block.lines, fresh)) return { status: 'current' };
  const why =
    stamp.model === scenario.version
      ? 'its text differs from a fresh export'
      : `the model changed (${stamp.model} → ${scenario.version})`;
  const heading = `${where}: stale: ${scenario.id}, ${scenario.choice.name.toLowerCase()} ${branch.value}; ${why}`;
  return {
    status: 'stale',
    report: [heading, ...shortDiff(block.lines, fresh, block.line)].join('\n')
  };
}

const sameLines = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((line, i) => line === b[i]);

type DiffOp = { op: ' ' | '-' | '+'; text: string };

/**
 * A line diff of `before` into `after` (longest common subsequence). The common start and end are
 * matched first; a middle too large to compare line by line is shown as replaced whole.
 */
export function diffLines(before: readonly string[], after: readonly string[]): DiffOp[] {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (
    end < before.length - start &&
    end < after.length - start &&
    before[before.length - 1 - end] === after[after.length - 1 - end]
  ) {
    end++;
  }
  const a = before.slice(start, before.length - end);
  const b = after.slice(start, after.length - end);
  const same = (lines: readonly string[]) => lines.map((text): DiffOp => ({ op: ' ', text }));
  const middle: DiffOp[] = [];
  if (a.length * b.length > 4_000_000) {
    middle.push(...a.map((text): DiffOp => ({ op: '-', text })));
    middle.push(...b.map((text): DiffOp => ({ op: '+', text })));
  } else {
    // lcs[i][j]: the longest common subsequence of a[i..] and b[j..], one row per line of a.
    const width = b.length + 1;
    const lcs = new Uint32Array((a.length + 1) * width);
    for (let i = a.length - 1; i >= 0; i--) {
      for (let j = b.length - 1; j >= 0; j--) {
        lcs[i * width + j] =
          a[i] === b[j]
            ? (lcs[(i + 1) * width + j + 1] as number) + 1
            : Math.max(lcs[(i + 1) * width + j] as number, lcs[i * width + j + 1] as number);
      }
    }
    let i = 0;
    let j = 0;
    while (i < a.length || j < b.length) {
      if (i < a.length && j < b.length && a[i] === b[j]) {
        middle.push({ op: ' ', text: a[i++] as string });
        j++;
      } else if (
        // On a tie the removal comes first, as unified diffs show a replaced line.
        j < b.length &&
        (i >= a.length || (lcs[i * width + j + 1] as number) > (lcs[(i + 1) * width + j] as number))
      ) {
        middle.push({ op: '+', text: b[j++] as string });
      } else {
        middle.push({ op: '-', text: a[i++] as string });
      }
    }
  }
  return [...same(before.slice(0, start)), ...middle, ...same(before.slice(before.length - end))];
}

/**
 * The first few changed lines as unified-diff hunks without context, numbered as lines of the
 * file (`firstLine` is the block's first), each line indented under the block's heading.
 */
function shortDiff(
  pasted: readonly string[],
  fresh: readonly string[],
  firstLine: number
): string[] {
  const ops = diffLines(pasted, fresh);
  const out: string[] = [];
  let shown = 0;
  let changed = 0;
  let oldLine = firstLine;
  let newLine = firstLine;
  for (let k = 0; k < ops.length;) {
    const op = ops[k] as DiffOp;
    if (op.op === ' ') {
      oldLine++;
      newLine++;
      k++;
      continue;
    }
    const hunk: DiffOp[] = [];
    while (k < ops.length && (ops[k] as DiffOp).op !== ' ') hunk.push(ops[k++] as DiffOp);
    const removed = hunk.filter((h) => h.op === '-').length;
    const added = hunk.length - removed;
    changed += hunk.length;
    if (shown < DIFF_LINES) {
      const range = (line: number, count: number) =>
        count === 1 ? `${line}` : `${count === 0 ? line - 1 : line},${count}`;
      out.push(`  @@ -${range(oldLine, removed)} +${range(newLine, added)} @@`);
      // Removed lines first, then added ones, as unified diffs show a replacement.
      const ordered = [...hunk.filter((h) => h.op === '-'), ...hunk.filter((h) => h.op === '+')];
      for (const h of ordered.slice(0, DIFF_LINES - shown)) out.push(`  ${h.op}${h.text}`);
      shown += Math.min(ordered.length, DIFF_LINES - shown);
    }
    oldLine += removed;
    newLine += added;
  }
  if (changed > shown) out.push(`  … and ${changed - shown} more changed lines`);
  return out;
}

/**
 * `--verify <file or folder>…`: finds the stamped blocks (see {@link findStampedBlocks}) and
 * checks each against a fresh export of the run its stamp names. Stale blocks go to stdout as
 * `file:line: stale: …` with a short diff; a broken stamp (unreadable, an unknown scenario or
 * option, timing out of range, a Markdown block without its end marker) goes to stderr as
 * `export: file:line: broken stamp: …`. Both exit 1; a last stdout line counts what was checked.
 */
export function verifyFiles(paths: readonly string[], deps: ExportDeps): ExportResult {
  if (paths.length === 0) {
    return usageError('--verify needs at least one file or folder, e.g. --verify docs/');
  }
  const files: VerifyFile[] = [];
  for (const given of paths) {
    const found = filesAt(given, deps.cwd ?? '.');
    if (!found) return usageError(`--verify: no such file or folder ${JSON.stringify(given)}`);
    for (const file of found) {
      if (!files.some((f) => f.path === file.path)) files.push(file);
    }
  }

  const content = loadContent(deps);
  if ('code' in content) return content;

  const stale: string[] = [];
  const errors: string[] = [];
  let current = 0;
  let broken = 0;
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file.path, 'utf8');
    } catch (error) {
      errors.push(`export: ${file.shown}: cannot be read (${(error as Error).message})`);
      continue;
    }
    // A byte-order mark and Windows line ends are how the file is stored, not what it says.
    text = text.replace(/^\uFEFF/, '').replaceAll('\r\n', '\n');
    for (const block of findStampedBlocks(text, file.kind)) {
      const where = `${file.shown}:${block.line}`;
      const verdict =
        'problem' in block
          ? ({ status: 'broken', problem: block.problem } as const)
          : verifyBlock(block, content, where);
      if (verdict.status === 'current') current++;
      else if (verdict.status === 'stale') stale.push(verdict.report);
      else {
        broken++;
        errors.push(`export: ${where}: broken stamp: ${verdict.problem}`);
      }
    }
  }

  const blocks = current + stale.length + broken;
  const noun = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const summary =
    `verify: ${noun(blocks, 'stamped block', 'stamped blocks')} in ${noun(files.length, 'file', 'files')}: ` +
    `${current} current, ${stale.length} stale, ${broken} broken`;
  return {
    code: stale.length > 0 || errors.length > 0 ? 1 : 0,
    stdout: [...stale, summary].map((l) => `${l}\n`).join(''),
    stderr: errors.map((l) => `${l}\n`).join('')
  };
}
