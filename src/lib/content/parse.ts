/**
 * Turns the raw text of content/ into validated {@link Content}. Pure: the caller reads the files
 * (index.ts through Vite, node.ts through node:fs), so both paths give the same result.
 */
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import {
  MESSAGE_NAMES,
  contentErrorMap,
  glossarySchema,
  protocolsSchema,
  scenarioSchema
} from './schema';
import type { Content, GlossaryEntry, Scenario } from './types';

/** Every problem found in content/, one line each: `file: field path: what was expected`. */
export class ContentError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ContentError';
    this.problems = problems;
  }
}

export const GLOSSARY_FILE = 'content/glossary.yaml';
export const PROTOCOLS_FILE = 'content/protocols.yaml';
const SCENARIO_FILE = /^content\/scenarios\/([^/]+)\.yaml$/;

/** `/content/x.yaml` (Vite's glob keys), `./content/x.yaml` and `content\x.yaml` all mean one file. */
const normalizePath = (path: string) => path.replaceAll('\\', '/').replace(/^\.?\//, '');

const isMapping = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(top level)';
  return path
    .map((key, i) => {
      if (typeof key === 'number') return `[${key}]`;
      const name = String(key);
      if (!/^[A-Za-z_$][\w$-]*$/.test(name)) return `[${JSON.stringify(name)}]`;
      return i === 0 ? name : `.${name}`;
    })
    .join('');
}

function formatIssues(file: string, issues: z.core.$ZodIssue[]): string[] {
  return issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      const hint = issue.message.startsWith('expected') ? `; ${issue.message}` : '';
      return issue.keys.map(
        (key) => `${file}: ${formatPath([...issue.path, key])}: unknown field${hint}`
      );
    }
    return [`${file}: ${formatPath(issue.path)}: ${issue.message}`];
  });
}

/** Reads YAML, or records where its syntax breaks. `undefined` means "could not read". */
function readYaml(file: string, source: string, problems: string[]): { data: unknown } | undefined {
  const doc = parseDocument(source, { prettyErrors: true });
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      const at = error.linePos?.[0];
      const where = at ? `line ${at.line}, column ${at.col}` : '(unknown line)';
      // prettyErrors appends the position and a code excerpt; the first line is the reason.
      const reason = (error.message.split('\n')[0] ?? '')
        .replace(/ at line \d+, column \d+:?$/, '')
        .trim();
      problems.push(`${file}: ${where}: YAML syntax error: ${reason}`);
    }
    return undefined;
  }
  return { data: doc.toJS() };
}

function validate<S extends z.ZodType>(
  file: string,
  schema: S,
  data: unknown,
  problems: string[]
): z.output<S> | undefined {
  const result = schema.safeParse(data, { error: contentErrorMap, reportInput: true });
  if (result.success) return result.data;
  problems.push(...formatIssues(file, result.error.issues));
  return undefined;
}

/** Checks a scenario's raw data against the glossary, so it works even when the rest is broken. */
function checkReferenceTables(
  file: string,
  raw: unknown,
  glossaryNames: ReadonlySet<string>,
  problems: string[]
) {
  if (!isMapping(raw) || !Array.isArray(raw.phases)) return;
  raw.phases.forEach((phase: unknown, p) => {
    if (!isMapping(phase) || !Array.isArray(phase.referenceTable)) return;
    phase.referenceTable.forEach((row: unknown, r) => {
      const name = isMapping(row) ? row.message : undefined;
      // Names that are not messages at all are the schema's to report.
      if (typeof name !== 'string' || !(MESSAGE_NAMES as readonly string[]).includes(name)) return;
      if (!glossaryNames.has(name)) {
        problems.push(
          `${file}: phases[${p}].referenceTable[${r}].message: expected a message with an entry in ${GLOSSARY_FILE}, got "${name}"`
        );
      }
    });
  });
}

/**
 * Validates every file of content/. Keys are repo-relative paths ('content/glossary.yaml',
 * 'content/scenarios/<id>.yaml'); values are the raw YAML. Throws one {@link ContentError}
 * listing every problem.
 */
export function parseContent(files: Record<string, string>): Content {
  const problems: string[] = [];
  const sources = new Map(
    Object.entries(files)
      .map(([path, source]) => [normalizePath(path), source] as const)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  );

  const load = (file: string, what: string): { data: unknown } | undefined => {
    const source = sources.get(file);
    if (source === undefined) {
      problems.push(`${file}: missing file; expected ${what}`);
      return undefined;
    }
    return readYaml(file, source, problems);
  };

  const glossaryRaw = load(GLOSSARY_FILE, 'the message glossary');
  const glossaryData =
    glossaryRaw && validate(GLOSSARY_FILE, glossarySchema, glossaryRaw.data, problems);
  const protocolsRaw = load(PROTOCOLS_FILE, 'the list of protocols');
  const protocols =
    protocolsRaw && validate(PROTOCOLS_FILE, protocolsSchema, protocolsRaw.data, problems);
  // Without a readable glossary there is nothing to check names against; its own problems say why.
  const glossaryNames =
    glossaryRaw && isMapping(glossaryRaw.data) ? new Set(Object.keys(glossaryRaw.data)) : undefined;

  const scenarios: Scenario[] = [];
  for (const [file, source] of sources) {
    if (file === GLOSSARY_FILE || file === PROTOCOLS_FILE) continue;
    const fileId = SCENARIO_FILE.exec(file)?.[1];
    if (fileId === undefined) {
      problems.push(
        `${file}: unexpected file; expected ${GLOSSARY_FILE}, ${PROTOCOLS_FILE} or content/scenarios/<id>.yaml`
      );
      continue;
    }
    const raw = readYaml(file, source, problems);
    if (!raw) continue;
    const scenario = validate(file, scenarioSchema, raw.data, problems);
    if (isMapping(raw.data) && typeof raw.data.id === 'string' && raw.data.id !== fileId) {
      problems.push(`${file}: id: expected "${fileId}" (the file name), got "${raw.data.id}"`);
    }
    if (glossaryNames) checkReferenceTables(file, raw.data, glossaryNames, problems);
    if (scenario) scenarios.push(scenario);
  }
  if (![...sources.keys()].some((file) => SCENARIO_FILE.test(file))) {
    problems.push('content/scenarios/: missing files; expected at least one <id>.yaml scenario');
  }

  if (problems.length > 0 || !glossaryData || !protocols) throw new ContentError(problems);

  const glossary: Record<string, GlossaryEntry> = {};
  for (const [name, entry] of Object.entries(glossaryData)) {
    if (entry) glossary[name] = { name: name as GlossaryEntry['name'], ...entry };
  }
  // Files were read in path order, so scenarios are already sorted by id.
  return { scenarios, glossary, protocols };
}
