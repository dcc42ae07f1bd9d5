/**
 * The real content/: it loads, it holds the library's eighteen models, and each scenario holds together
 * when the engine runs it, not only when parseContent reads it. Facts about one scenario's
 * messages belong to tests/unit/engine/scenarios.test.ts and the golden files.
 */
import { describe, expect, it } from 'vitest';
import { LIBRARY_IDS } from '../../fixtures/content';
import { content, getScenario, glossary, protocols, scenarios } from '$lib/content';
import { loadContentFromDisk, readContentFiles } from '$lib/content/node';
import type { ReferenceRow, Scenario } from '$lib/content/types';
import { defaultInput, unitSeconds } from '$lib/engine/input';
import { run } from '$lib/engine/run';
import { mechanicOf } from '$lib/mechanics';
import type { RunInput, Trace, TraceEntry } from '$lib/engine/types';

interface Run {
  input: RunInput;
  /** The answer comes after the timer has expired. */
  late: boolean;
  trace: Trace;
}

/**
 * Every option at its default timing; for an invitation both answers arriving too late, and for
 * a timeline each racing option with its party acting at the timer's shortest length or later,
 * the only runs that send a flow's `on: late` steps.
 */
function runsOf(scenario: Scenario): Run[] {
  const base = defaultInput(scenario);
  const inputs = scenario.choice.options.map((o) => ({
    input: { ...base, branch: o.id },
    late: false
  }));
  if (scenario.mechanics === 'invitation') {
    const { min } = scenario.timer;
    for (const branch of ['accept', 'reject']) {
      inputs.push({ input: { branch, timeoutS: min, responseS: min + 1 }, late: true });
    }
  }
  const { timer, response, racing } = scenario.capabilities;
  if (scenario.mechanics === 'timeline' && timer && response) {
    const timeoutS = timer.min * unitSeconds(timer.unit);
    const responseS = Math.max(timeoutS, response.min * unitSeconds(response.unit));
    for (const branch of racing) {
      inputs.push({ input: { ...base, branch, timeoutS, responseS }, late: true });
    }
  }
  return inputs.map(({ input, late }) => ({ input, late, trace: run(scenario, input) }));
}

const RUNS = new Map(scenarios.map((s) => [s.id, runsOf(s)]));
const entriesOf = (scenario: Scenario): TraceEntry[] =>
  (RUNS.get(scenario.id) ?? []).flatMap(({ trace }) => trace.entries);

/** A trace entry that is the row's message, in one of its protocols (and stand-in, if any). */
const sends = (row: ReferenceRow, protocol: string) => (e: TraceEntry) =>
  e.kind === 'message' &&
  e.message.name === row.message &&
  e.message.protocol === protocol &&
  (row.inPlaceOf === undefined || e.message.inPlaceOf === row.inPlaceOf);

const rowName = (row: ReferenceRow, protocol: string) =>
  `${row.message}${row.inPlaceOf ? ` in place of ${row.inPlaceOf}` : ''} (${protocol})`;

describe('content', () => {
  it('does load the same content through $lib/content as through loadContentFromDisk', () => {
    expect(content).toEqual(loadContentFromDisk());
    expect(scenarios).toBe(content.scenarios);
    expect(glossary).toBe(content.glossary);
    expect(protocols).toBe(content.protocols);
  });

  it('does hold the eighteen models, one file each, named by its id', () => {
    expect(scenarios.map((s) => s.id).sort()).toEqual(LIBRARY_IDS);
    const files = Object.keys(readContentFiles()).filter((f) => f.startsWith('content/scenarios/'));
    expect(files.sort()).toEqual(LIBRARY_IDS.map((id) => `content/scenarios/${id}.yaml`));
    for (const id of LIBRARY_IDS) expect(getScenario(id)?.id).toBe(id);
    expect(getScenario('no-such-scenario')).toBeUndefined();
  });

  it('does use every glossary entry, attribute and protocol in some scenario', () => {
    const used = new Map<string, { attributes: Set<string>; protocols: Set<string> }>();
    const use = (name: string) => {
      const found = used.get(name) ?? { attributes: new Set(), protocols: new Set() };
      used.set(name, found);
      return found;
    };
    for (const scenario of scenarios) {
      for (const step of Object.values(scenario.steps)) {
        if (step.kind !== 'message') continue;
        const u = use(step.message);
        u.protocols.add(step.protocol);
        for (const name of Object.keys(step.attributes)) u.attributes.add(name);
        if (step.inPlaceOf) use(step.inPlaceOf);
      }
    }
    expect(Object.keys(glossary).filter((name) => !used.has(name))).toEqual([]);
    for (const [name, entry] of Object.entries(glossary)) {
      expect(entry.name).toBe(name);
      const u = use(name);
      expect(
        Object.keys(entry.attributes).filter((a) => !u.attributes.has(a)),
        name
      ).toEqual([]);
      expect(
        entry.protocols.filter((p) => !u.protocols.has(p)),
        name
      ).toEqual([]);
    }
  });

  it('does use every protocol of protocols.yaml in some scenario, in its order', () => {
    const ids = protocols.map((p) => p.id);
    expect(new Set(scenarios.flatMap((s) => s.protocols))).toEqual(new Set(ids));
    for (const scenario of scenarios) {
      expect(scenario.protocols).toEqual(ids.filter((id) => scenario.protocols.includes(id)));
    }
  });

  it('does produce each reference table row in its own phase, but for two the pages explain', () => {
    const elsewhere: string[] = [];
    for (const scenario of scenarios) {
      const entries = entriesOf(scenario);
      for (const phase of scenario.phases) {
        for (const row of phase.referenceTable ?? []) {
          for (const protocol of row.protocols) {
            const inPhase = entries.some((e) => sends(row, protocol)(e) && e.phase === phase.id);
            if (!inPhase) elsewhere.push(`${scenario.id} ${phase.id}: ${rowName(row, protocol)}`);
          }
        }
      }
    }
    // Deliver's first table lists EventRouteUsed, which its prose sends only after an answer (a
    // disagreement); Stop Processing's version D table lists EventAck beside its stand-in, and
    // the model sends only the stand-in (the phase's intro says so).
    expect(elsewhere).toEqual([
      'deliver-interaction-to-agent urs-requests-delivery: EventRouteUsed (T-Library)',
      'stop-processing initiated-by-urs: EventAck (Interaction Management)'
    ]);
  });

  it('does say "(modeled)" in the narration of every modeled step', () => {
    for (const scenario of scenarios) {
      for (const [key, step] of Object.entries(scenario.steps)) {
        if (step.provenance === 'modeled') {
          expect(step.narration, `${scenario.id} ${key}`).toContain('(modeled)');
        }
      }
    }
  });

  it('does narrate each step in one paragraph', () => {
    for (const scenario of scenarios) {
      for (const [key, step] of Object.entries(scenario.steps)) {
        expect(step.narration, `${scenario.id} ${key}`).not.toContain('\n\n');
      }
    }
  });

  describe.each(LIBRARY_IDS)('%s', (id) => {
    const scenario = getScenario(id);
    if (!scenario) throw new Error(`no scenario ${id} in content/scenarios`);
    const runs = RUNS.get(id) ?? [];
    const entries = entriesOf(scenario);

    it('does produce every reference table row in some run of the engine', () => {
      const missing = scenario.phases.flatMap((phase) =>
        (phase.referenceTable ?? []).flatMap((row) =>
          row.protocols
            .filter((protocol) => !entries.some(sends(row, protocol)))
            .map((protocol) => `${phase.id}: ${rowName(row, protocol)}`)
        )
      );
      expect(missing).toEqual([]);
    });

    it('does send every step, in every phase, between every lifeline, in some run', () => {
      expect(new Set(entries.map((e) => e.key))).toEqual(new Set(Object.keys(scenario.steps)));
      expect(new Set(entries.map((e) => e.phase))).toEqual(
        new Set(scenario.phases.map((p) => p.id))
      );
      const lifelines = entries.flatMap((e) =>
        e.kind === 'message'
          ? [e.from, e.to]
          : e.kind === 'lifeline'
            ? [e.lifeline, ...(e.peer ? [e.peer] : [])]
            : [e.owner]
      );
      expect(new Set(lifelines)).toEqual(new Set(scenario.lifelines.map((l) => l.id)));
    });

    it('does record each step in a phase the flow gives it', () => {
      const parts = mechanicOf(scenario).segments(scenario);
      for (const e of entries) {
        const phases = parts.filter((part) => part.steps.includes(e.key)).map((p) => p.phase);
        expect(phases, e.key).toContain(e.phase);
      }
    });

    it('does end each option at default timing with that option’s outcome', () => {
      for (const option of scenario.choice.options) {
        const found = runs.find(({ input, late }) => input.branch === option.id && !late);
        expect(found?.trace, option.id).toMatchObject({
          endedAs: option.id,
          outcomeLabel: option.outcome,
          lateAnswer: false
        });
        // Every run starts at t = 0, and times count from its first message at t = 0, or from
        // the start of the run when none is sent then (a client connects, then waits).
        const entries = found?.trace.entries ?? [];
        expect(entries[0]?.at).toBe(0);
        const atZero = entries.find((e) => e.kind === 'message' && e.at === 0);
        expect(found?.trace.origin).toBe(
          atZero?.kind === 'message' ? atZero.message.name : 'the start of the run'
        );
      }
    });

    if (scenario.mechanics === 'invitation') {
      it('does end an answer after the timer as a timeout, in the option’s late words', () => {
        const late = runs.filter((r) => r.late);
        expect(late.map(({ input }) => input.branch)).toEqual(['accept', 'reject']);
        for (const { input, trace } of late) {
          const option = scenario.choice.options.find((o) => o.id === input.branch);
          expect(option?.late, input.branch).toBeDefined();
          expect(trace).toMatchObject({
            outcome: 'timed-out',
            endedAs: 'timeout',
            lateAnswer: true,
            outcomeLabel: option?.late
          });
          // The late answer and its refusal come last, as the flow's late part lists them.
          const tail =
            input.branch === 'accept' ? scenario.flow.late.accept : scenario.flow.late.reject;
          expect(trace.entries.slice(-tail.length).map((e) => e.key)).toEqual(tail);
        }
      });
    }
  });
});
