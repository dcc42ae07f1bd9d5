/**
 * The checks one scenario needs beyond its schema, shared by every mechanic: lifelines, glossary
 * names, attributes, protocols, the steps and phases a flow names, and each phase's table against
 * the steps sent in that phase. A mechanic's own structural checks (src/lib/mechanics) call these
 * and report through {@link ScenarioChecks.report}, so every problem is one line naming the file
 * and the field.
 */
import type { GlossaryEntry, MessageStep, Scenario, Segment, Step } from './types';

export const GLOSSARY_FILE = 'content/glossary.yaml';
export const PROTOCOLS_FILE = 'content/protocols.yaml';

export type Path = readonly PropertyKey[];

export function formatPath(path: Path): string {
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

/** A scenario as its schema gives it, before its mechanic has read the flow. */
export type ScenarioDraft = Omit<
  Scenario,
  'flow' | 'mechanics' | 'protocols' | 'version' | 'capabilities'
> & {
  mechanics: string;
  flow: unknown;
  timer?: Extract<Scenario, { timer?: unknown }>['timer'];
  response?: Extract<Scenario, { response?: unknown }>['response'];
  activity?: Extract<Scenario, { mechanics: 'timeline' }>['activity'];
};

export const isMessage = (step: Step | undefined): step is MessageStep => step?.kind === 'message';

/** Counts a list's timer steps of one action. */
export const timers = (steps: Step[], action: string) =>
  steps.filter((s) => s.kind === 'timer' && s.action === action).length;

export class ScenarioChecks {
  /** The steps each phase sends, across every option: what its table is checked against. */
  readonly #byPhase = new Map<string, Step[]>();

  constructor(
    readonly file: string,
    readonly scenario: ScenarioDraft,
    private readonly glossary: Record<string, GlossaryEntry>,
    private readonly protocolIds: readonly string[],
    private readonly problems: string[]
  ) {}

  report(path: Path, message: string) {
    this.problems.push(`${this.file}: ${formatPath(path)}: ${message}`);
  }

  get lifelineIds() {
    return this.scenario.lifelines.map((l) => l.id);
  }

  #lifeline(path: Path, id: string) {
    const ids = this.lifelineIds;
    if (!ids.includes(id))
      this.report(path, `expected a lifeline (${ids.join(', ')}), got "${id}"`);
  }

  /** Lifelines, glossary names, attributes and protocols of every step. */
  steps() {
    for (const [key, step] of Object.entries(this.scenario.steps)) {
      const at = (field: string) => ['steps', key, field];
      if (step.kind === 'lifeline') {
        this.#lifeline(at('lifeline'), step.lifeline);
        const joins = step.event === 'connects' || step.event === 'disconnects';
        if (joins && step.peer === undefined) {
          this.report(
            at('peer'),
            `expected the lifeline it ${step.event === 'connects' ? 'connects to' : 'disconnects from'}`
          );
        } else if (!joins && step.peer !== undefined) {
          this.report(at('peer'), `unknown field; only connects and disconnects have a peer`);
        } else if (step.peer !== undefined) {
          this.#lifeline(at('peer'), step.peer);
          if (step.peer === step.lifeline)
            this.report(at('peer'), `expected a lifeline other than "lifeline"`);
        }
        continue;
      }
      if (step.kind !== 'message') continue;
      for (const side of ['from', 'to'] as const) this.#lifeline(at(side), step[side]);
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

  /**
   * Steps sent in a phase: declared, and counted towards that phase's table. The phase is
   * checked at `phasePath` unless that is null (a phase shared by two lists, checked once).
   */
  sent(phasePath: Path | null, phase: string, stepsPath: Path, keys: string[]): Step[] {
    if (phasePath) this.phase(phasePath, phase);
    const steps = this.stepList(stepsPath, keys);
    const list = this.#byPhase.get(phase) ?? [];
    list.push(...steps);
    this.#byPhase.set(phase, list);
    return steps;
  }

  segment(path: Path, segment: Segment): Step[] {
    return this.sent([...path, 'phase'], segment.phase, [...path, 'steps'], segment.steps);
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

  /** A field the mechanics needs, or has no use for. */
  field(name: 'timer' | 'response' | 'activity', wanted: boolean, mechanics: string, why?: string) {
    const present = this.scenario[name] !== undefined;
    if (wanted && !present)
      this.report([name], `expected a mapping: ${why ?? `mechanics ${mechanics} has a ${name}`}`);
    if (!wanted && present)
      this.report([name], `unknown field; ${why ?? `mechanics ${mechanics} has no ${name}`}`);
  }

  /** What every scenario needs once its flow is known: steps used, phases used, tables, links. */
  finish() {
    const used = new Set([...this.#byPhase.values()].flat());
    for (const [key, step] of Object.entries(this.scenario.steps)) {
      if (!used.has(step)) this.report(['steps', key], 'expected the flow to use this step');
    }
    this.scenario.phases.forEach((phase, p) => {
      const sent = this.#byPhase.get(phase.id);
      if (!sent) {
        this.report(['phases', p, 'id'], `expected a phase the flow uses, got "${phase.id}"`);
        return;
      }
      (phase.referenceTable ?? []).forEach((row, r) => {
        if (row.elsewhere !== undefined) return;
        for (const protocol of row.protocols) {
          const produced = sent.some(
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
              `expected a message some step of this phase sends, got ${what} (${protocol}), which no step of ${phase.id} sends`
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
    if (after !== undefined && !used.has(this.scenario.steps[after] as Step)) {
      this.report(['decisionPoint', 'after'], `expected a step the flow uses, got "${after}"`);
    }
  }
}
