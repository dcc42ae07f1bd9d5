/**
 * Turns the raw text of content/ into validated {@link Content}. Pure: the caller reads the files
 * (node.ts through node:fs), so the build, the tests and the CLI give the same result.
 *
 * schema.ts checks each file's shape; this file checks what needs the whole scenario or more
 * than one file: lifelines, glossary names and attributes, protocols, the flow's parts, phases,
 * reference tables and choices.
 */
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { mechanicOf } from '../mechanics';
import { flowOf, MECHANIC_IDS } from '../mechanics/flows';
import {
  formatPath,
  GLOSSARY_FILE,
  PROTOCOLS_FILE,
  ScenarioChecks,
  type Path,
  type ScenarioDraft
} from './checks';
import {
  contentErrorMap,
  glossarySchema,
  isMapping,
  protocolsSchema,
  scenarioSchema
} from './schema';
import type { Content, GlossaryEntry, ProtocolInfo, Scenario } from './types';

export { GLOSSARY_FILE, PROTOCOLS_FILE } from './checks';

/** Every problem found in content/, one line each: `file: field path: what was expected`. */
export class ContentError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ContentError';
    this.problems = problems;
  }
}

const SCENARIO_FILE = /^content\/scenarios\/([^/]+)\.yaml$/;

/** `/content/x.yaml`, `./content/x.yaml` and `content\x.yaml` all mean one file. */
const normalizePath = (path: string) => path.replaceAll('\\', '/').replace(/^\.?\//, '');

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
  const doc = parseDocument(source, { prettyErrors: true, uniqueKeys: true });
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
  problems: string[],
  prefix: Path = []
): z.output<S> | undefined {
  const result = schema.safeParse(data, { error: contentErrorMap, reportInput: true });
  if (result.success) return result.data;
  problems.push(
    ...formatIssues(
      file,
      result.error.issues.map((issue) => ({ ...issue, path: [...prefix, ...issue.path] }))
    )
  );
  return undefined;
}

/**
 * A value as one string that does not depend on the order of its keys: the same content written
 * in another order, or with other YAML comments and layout, gives the same text.
 */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical(record[key])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * cyrb53 (public domain): a 53-bit string hash, small and synchronous, giving the same result in
 * Node and in browsers, which node:crypto and SubtleCrypto do not both offer. It only tells
 * versions apart; it is not a security measure.
 */
function cyrb53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * The model's version ({@link Scenario.version}): 12 hex digits of a hash over the validated
 * scenario and the glossary entries its steps and reference tables name, so editing a narration,
 * a step, the flow or one of those entries gives a new version.
 */
function modelVersion(
  scenario: Omit<Scenario, 'version' | 'capabilities'>,
  glossary: Record<string, GlossaryEntry>
): string {
  const names = new Set<string>();
  for (const step of Object.values(scenario.steps)) {
    if (step.kind !== 'message') continue;
    names.add(step.message);
    if (step.inPlaceOf !== undefined) names.add(step.inPlaceOf);
  }
  for (const row of scenario.phases.flatMap((p) => p.referenceTable ?? [])) {
    names.add(row.message);
    if (row.inPlaceOf !== undefined) names.add(row.inPlaceOf);
  }
  const entries = [...names].sort().map((name) => glossary[name]);
  return cyrb53(canonical({ scenario, glossary: entries }))
    .toString(16)
    .padStart(12, '0')
    .slice(-12);
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
  const protocols: ProtocolInfo[] | undefined =
    protocolsRaw && validate(PROTOCOLS_FILE, protocolsSchema, protocolsRaw.data, problems);
  const protocolIds = protocols?.map((p) => p.id) ?? [];

  const glossary: Record<string, GlossaryEntry> = {};
  for (const [name, entry] of Object.entries(glossaryData ?? {})) {
    glossary[name] = { name, ...entry };
    entry.protocols.forEach((protocol, i) => {
      if (protocols && !protocolIds.includes(protocol)) {
        problems.push(
          `${GLOSSARY_FILE}: ${name}.protocols[${i}]: expected a protocol of ${PROTOCOLS_FILE} (${protocolIds.join(', ')}), got "${protocol}"`
        );
      }
    });
  }

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
    if (isMapping(raw.data) && typeof raw.data.id === 'string' && raw.data.id !== fileId) {
      problems.push(`${file}: id: expected "${fileId}" (the file name), got "${raw.data.id}"`);
    }
    const base = validate(file, scenarioSchema, raw.data, problems);
    if (!base || !isMapping(raw.data)) continue;
    // Names are checked against the glossary and protocols only once those files are readable.
    if (!glossaryData || !protocols) continue;
    const before = problems.length;
    const mechanic = mechanicOf(base.mechanics);
    const mechanicFlow = flowOf(base.mechanics);
    if (!mechanic || !mechanicFlow) {
      problems.push(
        `${file}: mechanics: expected one of ${MECHANIC_IDS.map((m) => JSON.stringify(m)).join(', ')}, got ${JSON.stringify(base.mechanics)}`
      );
      continue;
    }
    const draft = base as ScenarioDraft;
    const checks = new ScenarioChecks(file, draft, glossary, protocolIds, problems);
    checks.steps();
    const flow = validate(file, mechanicFlow.flowSchema, base.flow, problems, ['flow']);
    if (!flow) continue;
    mechanicFlow.check(checks, draft, flow as never);
    checks.finish();
    if (problems.length > before) continue;
    const used = new Set(
      Object.values(base.steps).flatMap((s) => (s.kind === 'message' ? [s.protocol] : []))
    );
    // Only the fields its mechanic reads are kept; the checks reported any other.
    const { timer, response, activity, ...rest } = base;
    const scenario = {
      ...rest,
      ...(timer ? { timer } : {}),
      ...(response ? { response } : {}),
      ...(activity ? { activity } : {}),
      mechanics: mechanic.id,
      flow,
      protocols: protocolIds.filter((id) => used.has(id))
    } as Omit<Scenario, 'version' | 'capabilities'>;
    const versioned = { ...scenario, version: modelVersion(scenario, glossary) } as Scenario;
    scenarios.push({ ...versioned, capabilities: mechanic.capabilities(versioned as never) });
  }
  if (![...sources.keys()].some((file) => SCENARIO_FILE.test(file))) {
    problems.push('content/scenarios/: missing files; expected at least one <id>.yaml scenario');
  }

  if (problems.length > 0 || !glossaryData || !protocols) throw new ContentError(problems);

  scenarios.sort((a, b) => (a.order ?? Infinity) - (b.order ?? Infinity) || (a.id < b.id ? -1 : 1));
  return { scenarios, glossary, protocols };
}
