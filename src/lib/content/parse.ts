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
import {
  contentErrorMap,
  glossarySchema,
  invitationFlowSchema,
  isMapping,
  protocolsSchema,
  scenarioSchema,
  sequenceFlowSchema
} from './schema';
import type {
  Content,
  GlossaryEntry,
  InvitationFlow,
  InvitationScenario,
  MessageStep,
  ProtocolInfo,
  Scenario,
  Segment,
  SequenceFlow,
  SequenceScenario,
  Step
} from './types';

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

/** `/content/x.yaml`, `./content/x.yaml` and `content\x.yaml` all mean one file. */
const normalizePath = (path: string) => path.replaceAll('\\', '/').replace(/^\.?\//, '');

type Path = readonly PropertyKey[];

function formatPath(path: Path): string {
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

/** The checks one scenario needs beyond its schema; each problem names the field. */
class ScenarioChecks {
  constructor(
    private readonly file: string,
    private readonly scenario: Omit<Scenario, 'flow' | 'mechanics' | 'protocols' | 'version'>,
    private readonly glossary: Record<string, GlossaryEntry>,
    private readonly protocolIds: readonly string[],
    private readonly problems: string[]
  ) {}

  report(path: Path, message: string) {
    this.problems.push(`${this.file}: ${formatPath(path)}: ${message}`);
  }

  /** Lifelines, glossary names, attributes and protocols of every step. */
  steps() {
    const lifelines = this.scenario.lifelines.map((l) => l.id);
    for (const [key, step] of Object.entries(this.scenario.steps)) {
      if (step.kind !== 'message') continue;
      const at = (field: string) => ['steps', key, field];
      for (const side of ['from', 'to'] as const) {
        if (!lifelines.includes(step[side])) {
          this.report(
            at(side),
            `expected a lifeline (${lifelines.join(', ')}), got "${step[side]}"`
          );
        }
      }
      if (step.from === step.to) this.report(at('to'), `expected a lifeline other than "from"`);
      if (!this.protocolIds.includes(step.protocol)) {
        this.report(
          at('protocol'),
          `expected a protocol of ${PROTOCOLS_FILE} (${this.protocolIds.join(', ')}), got "${step.protocol}"`
        );
      }
      if (step.inPlaceOf !== undefined && !(step.inPlaceOf in this.glossary)) {
        this.report(
          at('inPlaceOf'),
          `expected a message with an entry in ${GLOSSARY_FILE}, got "${step.inPlaceOf}"`
        );
      }
      const entry = this.glossary[step.message];
      if (!entry) {
        this.report(
          at('message'),
          `expected a message with an entry in ${GLOSSARY_FILE}, got "${step.message}"`
        );
        continue;
      }
      if (this.protocolIds.includes(step.protocol) && !entry.protocols.includes(step.protocol)) {
        this.report(
          at('protocol'),
          `expected a protocol ${GLOSSARY_FILE} lists for ${step.message} (${entry.protocols.join(', ')}), got "${step.protocol}"`
        );
      }
      for (const name of Object.keys(step.attributes)) {
        if (!(name in entry.attributes)) {
          this.report(
            ['steps', key, 'attributes', name],
            `expected an attribute ${GLOSSARY_FILE} describes for ${step.message} (${Object.keys(entry.attributes).join(', ') || 'none'})`
          );
        }
      }
    }
  }

  /** A list of step keys: each one declared. Returns the steps it names. */
  stepList(path: Path, keys: string[]): Step[] {
    return keys.flatMap((key, i) => {
      const step = this.scenario.steps[key];
      if (!step) {
        this.report([...path, i], `expected a step declared under steps, got "${key}"`);
        return [];
      }
      return [step];
    });
  }

  phase(path: Path, id: string) {
    if (!this.scenario.phases.some((p) => p.id === id)) {
      const ids = this.scenario.phases.map((p) => p.id).join(', ');
      this.report(path, `expected a phase declared under phases (${ids}), got "${id}"`);
    }
  }

  segment(path: Path, segment: Segment): Step[] {
    this.phase([...path, 'phase'], segment.phase);
    return this.stepList([...path, 'steps'], segment.steps);
  }

  /** The choice's options are exactly `expected`, in any order. */
  options(expected: string[], why: string) {
    const got = this.scenario.choice.options.map((o) => o.id);
    const sorted = (ids: string[]) => [...ids].sort().join(', ');
    if (sorted(got) !== sorted(expected)) {
      this.report(
        ['choice', 'options'],
        `expected the options ${sorted(expected)} (${why}), got ${got.join(', ')}`
      );
    }
  }

  /** What every scenario needs once its flow is known: steps used, phases used, tables, links. */
  finish(used: Step[], usedPhases: Set<string>) {
    const usedSet = new Set(used);
    for (const [key, step] of Object.entries(this.scenario.steps)) {
      if (!usedSet.has(step)) this.report(['steps', key], 'expected the flow to use this step');
    }
    this.scenario.phases.forEach((phase, p) => {
      if (!usedPhases.has(phase.id)) {
        this.report(['phases', p, 'id'], `expected a phase the flow uses, got "${phase.id}"`);
      }
      phase.referenceTable.forEach((row, r) => {
        for (const protocol of row.protocols) {
          const produced = used.some(
            (s) =>
              s.kind === 'message' &&
              s.message === row.message &&
              s.protocol === protocol &&
              (row.inPlaceOf === undefined || s.inPlaceOf === row.inPlaceOf)
          );
          if (!produced) {
            const what = row.inPlaceOf
              ? `${row.message} in place of ${row.inPlaceOf}`
              : row.message;
            this.report(
              ['phases', p, 'referenceTable', r],
              `expected a message some option produces, got ${what} (${protocol}), which no step sends`
            );
          }
        }
      });
    });
    const options = this.scenario.choice.options.map((o) => o.id);
    this.scenario.disagreements.forEach((d, i) => {
      d.branches.forEach((b, j) => {
        if (!options.includes(b)) {
          this.report(
            ['disagreements', i, 'branches', j],
            `expected an option (${options.join(', ')}), got "${b}"`
          );
        }
      });
    });
    const after = this.scenario.decisionPoint?.after;
    if (after !== undefined && !used.some((s) => s === this.scenario.steps[after])) {
      this.report(['decisionPoint', 'after'], `expected a step the flow uses, got "${after}"`);
    }
  }
}

const isMessage = (step: Step | undefined): step is MessageStep => step?.kind === 'message';
const timers = (steps: Step[], action: string) =>
  steps.filter((s) => s.kind === 'timer' && s.action === action).length;

/** The invitation's parts: who sends what, and where the timer stands (content/README.md). */
function checkInvitation(c: ScenarioChecks, raw: Record<string, unknown>, flow: InvitationFlow) {
  const used: Step[] = [];
  const phases = new Set<string>();
  const part = (name: keyof InvitationFlow): Step[] => {
    const segment = flow[name] as Segment | undefined;
    if (!segment) return [];
    phases.add(segment.phase);
    const steps = c.segment(['flow', name], segment);
    used.push(...steps);
    return steps;
  };
  const request = part('request');
  const invite = part('invite');
  const accept = part('accept');
  const reject = part('reject');
  const timeout = part('timeout');
  const invalid = part('invalid');
  c.phase(['flow', 'late', 'phase'], flow.late.phase);
  phases.add(flow.late.phase);
  const lateAccept = c.stepList(['flow', 'late', 'accept'], flow.late.accept);
  const lateReject = c.stepList(['flow', 'late', 'reject'], flow.late.reject);
  used.push(...lateAccept, ...lateReject);

  const first = request[0];
  if (!isMessage(first)) {
    c.report(['flow', 'request', 'steps', 0], 'expected a message: the request');
  } else {
    request.forEach((s, i) => {
      if (!isMessage(s) || s.from !== first.from || s.to !== first.to) {
        c.report(
          ['flow', 'request', 'steps', i],
          `expected a message from ${first.from} to ${first.to}, like the first`
        );
      }
    });
  }
  if (
    timers(invite, 'started') !== 1 ||
    invite.some((s) => s.kind === 'timer' && s.action !== 'started')
  ) {
    c.report(
      ['flow', 'invite', 'steps'],
      'expected exactly one step with timer: started, and no other timer step'
    );
  }
  const requester = isMessage(first) ? first.from : undefined;
  const server = isMessage(first) ? first.to : undefined;
  // The invited party is who answers; when accept's first step is wrong, reject's says who.
  const answer = [accept[0], reject[0]].find(isMessage);
  const invited = answer?.from;
  const answers: [string, Step[]][] = [
    ['accept', accept],
    ['reject', reject]
  ];
  for (const [name, steps] of answers) {
    const s = steps[0];
    if (!isMessage(s) || s.to !== server || s.from !== invited || invited === server) {
      c.report(
        ['flow', name, 'steps', 0],
        `expected a message from the invited party to ${server ?? 'the server'}: its answer`
      );
    }
    if (
      timers(steps, 'cancelled') !== 1 ||
      timers(steps, 'started') + timers(steps, 'expired') > 0
    ) {
      c.report(
        ['flow', name, 'steps'],
        'expected exactly one step with timer: cancelled, and no other timer step'
      );
    }
  }
  if (
    timeout[0]?.kind !== 'timer' ||
    timeout[0].action !== 'expired' ||
    timeout.filter((s) => s.kind === 'timer').length !== 1
  ) {
    c.report(
      ['flow', 'timeout', 'steps', 0],
      'expected a step with timer: expired first, and no other timer step'
    );
  }
  if (invited !== undefined && !timeout.some((s) => isMessage(s) && s.to === invited)) {
    c.report(
      ['flow', 'timeout', 'steps'],
      `expected a message to the invited party (${invited ?? 'accept’s first sender'}): it must learn the invitation is gone`
    );
  }
  for (const [name, steps] of [
    ['accept', lateAccept],
    ['reject', lateReject]
  ] as const) {
    const s = steps[0];
    if (!isMessage(s) || s.from !== invited || s.to !== server) {
      c.report(
        ['flow', 'late', name, 0],
        `expected a message from the invited party to ${server ?? 'the server'}: the late answer`
      );
    }
    if (steps.some((s) => s.kind === 'timer')) {
      c.report(['flow', 'late', name], 'expected no timer step: the timer has expired');
    }
  }
  if (flow.invalid) {
    const s = invalid[0];
    if (!isMessage(s) || s.from !== requester || s.to !== server) {
      c.report(
        ['flow', 'invalid', 'steps', 0],
        `expected a message from ${requester ?? 'the requester'} to ${server ?? 'the server'}: the request`
      );
    }
    if (invalid.some((s) => s.kind === 'timer')) {
      c.report(
        ['flow', 'invalid', 'steps'],
        'expected no timer step: an invalid request starts no timer'
      );
    }
  }
  for (const field of ['timer', 'response'] as const) {
    if (raw[field] === undefined)
      c.report([field], `expected a mapping: mechanics invitation has a ${field}`);
  }
  c.options(
    ['accept', 'reject', 'timeout', ...(flow.invalid ? ['invalid'] : [])],
    flow.invalid ? 'an invitation with an invalid part' : 'an invitation'
  );
  c.finish(used, phases);
}

function checkSequence(c: ScenarioChecks, raw: Record<string, unknown>, flow: SequenceFlow) {
  const used: Step[] = [];
  const phases = new Set<string>();
  for (const [id, segment] of Object.entries(flow)) {
    phases.add(segment.phase);
    const steps = c.segment(['flow', id], segment);
    steps.forEach((s, i) => {
      if (s.kind === 'timer')
        c.report(['flow', id, 'steps', i], 'expected a message: a sequence has no timer');
    });
    used.push(...steps);
  }
  for (const field of ['timer', 'response'] as const) {
    if (raw[field] !== undefined)
      c.report([field], 'unknown field; mechanics sequence has no timer');
  }
  c.options(Object.keys(flow), 'one per part of the flow');
  c.finish(used, phases);
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
  scenario: Omit<Scenario, 'version'>,
  glossary: Record<string, GlossaryEntry>
): string {
  const names = new Set<string>();
  for (const step of Object.values(scenario.steps)) {
    if (step.kind !== 'message') continue;
    names.add(step.message);
    if (step.inPlaceOf !== undefined) names.add(step.inPlaceOf);
  }
  for (const row of scenario.phases.flatMap((p) => p.referenceTable)) {
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
    const checks = new ScenarioChecks(file, base, glossary, protocolIds, problems);
    checks.steps();
    const used = new Set(
      Object.values(base.steps).flatMap((s) => (s.kind === 'message' ? [s.protocol] : []))
    );
    const scenarioProtocols = protocolIds.filter((id) => used.has(id));
    if (base.mechanics === 'invitation') {
      const flow = validate(file, invitationFlowSchema, base.flow, problems, ['flow']);
      if (!flow) continue;
      checkInvitation(checks, raw.data, flow);
      if (problems.length > before || !base.timer || !base.response) continue;
      const scenario: Omit<InvitationScenario, 'version'> = {
        ...base,
        mechanics: 'invitation',
        timer: base.timer,
        response: base.response,
        flow,
        protocols: scenarioProtocols
      };
      scenarios.push({ ...scenario, version: modelVersion(scenario, glossary) });
    } else {
      const flow = validate(file, sequenceFlowSchema, base.flow, problems, ['flow']);
      if (!flow) continue;
      checkSequence(checks, raw.data, flow);
      if (problems.length > before) continue;
      const { timer: _t, response: _r, ...rest } = base;
      void _t;
      void _r;
      const scenario: Omit<SequenceScenario, 'version'> = {
        ...rest,
        mechanics: 'sequence',
        flow,
        protocols: scenarioProtocols
      };
      scenarios.push({ ...scenario, version: modelVersion(scenario, glossary) });
    }
  }
  if (![...sources.keys()].some((file) => SCENARIO_FILE.test(file))) {
    problems.push('content/scenarios/: missing files; expected at least one <id>.yaml scenario');
  }

  if (problems.length > 0 || !glossaryData || !protocols) throw new ContentError(problems);

  scenarios.sort((a, b) => (a.order ?? Infinity) - (b.order ?? Infinity) || (a.id < b.id ? -1 : 1));
  return { scenarios, glossary, protocols };
}
