/**
 * A new model is a content file. tests/fixtures/content/extra-scenario/ holds a complete content
 * folder (its own glossary and protocols, and two scenarios the product does not ship: GenEM's
 * Place Interaction in Queue, as a sequence, and Idle Client, a made-up timeline that uses phase
 * lists, a timer restarted by a party's activity, and lifeline events). Nothing in src/ names it; this test loads it, runs
 * every option through the engine and renders every export, and checks them against the file.
 * The site builds from the same folder with CONTENT_DIR=tests/fixtures/content/extra-scenario.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import mermaid from 'mermaid';
import { describe, expect, it } from 'vitest';
import { loadContentFromDisk } from '../../../src/lib/content/node';
import type { MessageStep, Scenario } from '../../../src/lib/content/types';
import { defaultInput } from '../../../src/lib/engine/input';
import { run } from '../../../src/lib/engine/run';
import type { ExportJson } from '../../../src/lib/trace';
import { mermaidIds, toJsonText, toMarkdown, toMermaid, toText } from '../../../src/lib/trace';

const FOLDER = 'tests/fixtures/content/extra-scenario';
const extra = loadContentFromDisk(FOLDER);
const product = loadContentFromDisk();

/** The folder's sequence: the test reads everything from it. */
const scenario = extra.scenarios.find((s) => s.id === 'place-interaction-in-queue') as Scenario;
/** The folder's timeline. */
const timeline = extra.scenarios.find((s) => s.id === 'idle-client') as Scenario;

/** Each option with the message steps its flow part names, in the order the file lists them. */
const options = scenario.choice.options.map((option) => {
  if (scenario.mechanics !== 'sequence') throw new Error('expected a sequence');
  const part = scenario.flow[option.id]?.[0];
  if (!part) throw new Error(`no flow part for option ${option.id}`);
  const steps = part.steps.map((key) => {
    const step = scenario.steps[key];
    if (step?.kind !== 'message') throw new Error(`expected a message step ${key}`);
    return { key, ...step };
  });
  const input = { ...defaultInput(scenario), branch: option.id };
  return { option, phase: part.phase, steps, trace: run(scenario, input) };
});

const lifeline = (id: string) => scenario.lifelines.find((l) => l.id === id)?.name ?? id;
const phaseTitle = (id: string) => scenario.phases.find((p) => p.id === id)?.title ?? id;
/** How the text and Markdown exports name a message; mermaid puts the stand-in in brackets. */
const plain = (s: MessageStep) =>
  s.inPlaceOf ? `${s.message}, in place of ${s.inPlaceOf}` : s.message;
const bracketed = (s: MessageStep) =>
  s.inPlaceOf ? `${s.message} (in place of ${s.inPlaceOf})` : s.message;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => /\.(ts|js|svelte)$/.test(path));
}

describe('new scenario', () => {
  it('does load a complete content folder holding a sequence and a timeline the product lacks', () => {
    expect(extra.scenarios.map((s) => [s.id, s.mechanics])).toEqual([
      ['idle-client', 'timeline'],
      ['place-interaction-in-queue', 'sequence']
    ]);
    for (const s of extra.scenarios) expect(product.scenarios.map((p) => p.id)).not.toContain(s.id);
    // At least one stand-in, so the checks on stand-ins below are not vacuous.
    expect(options.flatMap(({ steps }) => steps.filter((s) => s.inPlaceOf))).not.toEqual([]);
  });

  it('does need no code: src/ names neither the scenario nor the messages only it sends', () => {
    const own = Object.keys(extra.glossary).filter((name) => !(name in product.glossary));
    expect(own).toEqual(['RequestFixtureActivity', 'EventFixtureIdle']);
    for (const path of filesUnder('src')) {
      const text = readFileSync(path, 'utf8');
      for (const name of [scenario.id, timeline.id, ...own]) {
        expect(text, path).not.toContain(name);
      }
    }
  });

  it('does use every glossary entry and protocol of its folder', () => {
    const sent = new Set(
      extra.scenarios.flatMap((sc) =>
        Object.values(sc.steps).flatMap((s) =>
          s.kind === 'message' ? [s.message, ...(s.inPlaceOf ? [s.inPlaceOf] : [])] : []
        )
      )
    );
    expect(new Set(Object.keys(extra.glossary))).toEqual(sent);
    expect(scenario.protocols).toEqual(extra.protocols.map((p) => p.id));
  });

  describe.each(options)('option $option.id', ({ option, phase, steps, trace }) => {
    it('does send the flow part’s steps in the declared order, all at t = 0, with no timer', () => {
      expect(trace.entries.map((e) => e.key)).toEqual(steps.map((s) => s.key));
      expect(trace.entries.map((e) => [e.at, e.phase])).toEqual(steps.map(() => [0, phase]));
      expect(trace).toMatchObject({
        scenario: scenario.id,
        outcome: option.id,
        endedAs: option.id,
        outcomeLabel: option.outcome,
        lateAnswer: false,
        origin: steps[0]?.message,
        timer: null
      });
    });

    it('does carry each step’s sender, receiver, message, stand-in and attributes', () => {
      expect(
        trace.entries.map((e) => (e.kind === 'message' ? [e.from, e.to, e.message] : e.kind))
      ).toEqual(
        steps.map((s) => [
          s.from,
          s.to,
          {
            name: s.message,
            protocol: s.protocol,
            ...(s.inPlaceOf ? { inPlaceOf: s.inPlaceOf } : {}),
            attributes: s.attributes
          }
        ])
      );
      expect(trace.entries.map((e) => [e.provenance, e.provenanceNote])).toEqual(
        steps.map((s) => [s.provenance, s.note])
      );
    });

    it('does export JSON with the file’s ids, names and stand-ins', () => {
      const json = JSON.parse(toJsonText(trace, scenario)) as ExportJson;
      expect(json).toMatchObject({
        scenario: scenario.id,
        branch: option.id,
        outcome: option.id,
        input: {}
      });
      expect(json.events).toEqual(
        steps.map((s, i) => ({
          step: i + 1,
          at: 0,
          kind: 'message',
          from: s.from,
          to: s.to,
          name: s.message,
          ...(s.inPlaceOf ? { inPlaceOf: s.inPlaceOf } : {}),
          protocol: s.protocol,
          phase,
          provenance: s.provenance,
          attributes: s.attributes
        }))
      );
    });

    it('does draw mermaid arrows in the declared order between the file’s lifelines', async () => {
      const text = toMermaid(trace, scenario);
      const ids = mermaidIds(scenario.lifelines.map((l) => l.id));
      const participants = text.split('\n').filter((l) => l.trim().startsWith('participant '));
      expect(participants.map((l) => l.trim())).toEqual(
        scenario.lifelines.map((l) => `participant ${ids.get(l.id)} as ${l.name}`)
      );
      const arrows = text.split('\n').filter((l) => l.includes('->>'));
      expect(arrows.map((l) => l.trim())).toEqual(
        steps.map(
          (s) =>
            `${ids.get(s.from)}->>${ids.get(s.to)}: ${bracketed(s)} · ${s.protocol} · 0 s` +
            (s.provenance === 'modeled' ? ' (modeled)' : '')
        )
      );
      expect(text).toContain(`: ${phaseTitle(phase)}\n`);
      await expect(mermaid.parse(text)).resolves.toMatchObject({ diagramType: 'sequence' });
    });

    it('does write Markdown tables per protocol, with the file’s names and stand-ins', () => {
      const text = toMarkdown(trace, scenario);
      expect(text.startsWith(`# ${scenario.title}: `)).toBe(true);
      const headings = text.split('\n').filter((l) => l.startsWith('## '));
      expect(headings).toEqual(scenario.protocols.map((p) => `## ${p}`));
      const rows = text.split('\n').filter((l) => /^\| \d+ \|/.test(l));
      const bySeq = [...rows].sort((a, b) => parseInt(a.slice(2)) - parseInt(b.slice(2)));
      expect(bySeq).toEqual(
        steps.map(
          (s, i) =>
            `| ${i + 1} | ${plain(s)} | ${lifeline(s.from)} → ${lifeline(s.to)} | 0 s | ${phaseTitle(phase)} | ${s.provenance} |`
        )
      );
    });

    it('does write the text ladder with the file’s lifelines and arrows in order', () => {
      const lines = toText(trace, scenario).split('\n');
      const header = lines.find((l) => l.startsWith('Time'));
      const names = scenario.lifelines.map((l) => l.name);
      expect(header?.split(/\s{2,}/).slice(2)).toEqual(names);
      expect(lines).toContain(`=== ${phaseTitle(phase)} ===`);
      const arrows = lines.filter((l) => /^\s*0 s\s+\d+ /.test(l));
      expect(arrows.map((l) => l.split('|').at(-1)?.trim())).toEqual(
        steps.map(
          (s) => `${plain(s)} (${s.protocol})${s.provenance === 'modeled' ? ' [modeled]' : ''}`
        )
      );
      // Each arrow runs from its sender's column to its receiver's, the head at the receiver.
      const pipes = lines[lines.indexOf(header ?? '') + 1] ?? '';
      const columns = [...pipes.matchAll(/\|/g)].map((m) => m.index);
      expect(columns).toHaveLength(names.length);
      arrows.forEach((line, i) => {
        const s = steps[i] as MessageStep;
        const from = columns[scenario.lifelines.findIndex((l) => l.id === s.from)] ?? -1;
        const to = columns[scenario.lifelines.findIndex((l) => l.id === s.to)] ?? -1;
        const shaft = line.slice(Math.min(from, to) + 1, Math.max(from, to));
        expect(shaft, line).toMatch(to > from ? /^-+>$/ : /^<-+$/);
      });
    });
  });

  describe('the timeline, added by content alone', () => {
    const input = defaultInput(timeline);
    const quiet = run(timeline, { ...input, branch: 'quiet' });

    it('does run phase lists, the restarted timer and lifeline events from the file', () => {
      expect(quiet.entries.map((e) => `${e.at / 60_000} ${e.phase} ${e.key}`)).toEqual([
        '0 connecting connect',
        '0 connecting timer-started',
        '4 acting act',
        '4 acting timer-restarted',
        '4 acting act-ack',
        '8 acting act',
        '8 acting timer-restarted',
        '8 acting act-ack',
        '18 ending timer-expired',
        '18 ending revoked',
        '18 ending disconnect'
      ]);
      // The activity's ReferenceId counts up, as countUp says.
      const acts = quiet.entries.flatMap((e) =>
        e.kind === 'message' && e.key === 'act' ? [e.message.attributes.ReferenceId] : []
      );
      expect(acts).toEqual([2, 3]);
      expect(quiet.timer).toEqual({
        id: 'idle-timeout',
        label: 'idle timer',
        owner: 'interaction-server'
      });
    });

    it('does lose the race at the deadline and send the late steps after the expiry', () => {
      const late = run(timeline, { ...input, branch: 'quiet', responseS: 600 });
      expect(late.lateAnswer).toBe(true);
      expect(late.outcomeLabel).toBe('Disconnected; the client acted too late');
      expect(late.entries.slice(-3).map((e) => `${e.at / 60_000} ${e.key}`)).toEqual([
        '10 disconnect',
        '10 late-act',
        '10 late-error'
      ]);
    });

    it('does export the lifeline events in every format', () => {
      const json = JSON.parse(toJsonText(quiet, timeline)) as ExportJson;
      expect(json.input).toEqual({ timeoutS: 600, responseS: 240, count: 2 });
      expect(json.events.filter((e) => e.kind === 'lifeline')).toEqual([
        expect.objectContaining({
          kind: 'lifeline',
          lifeline: 'client',
          event: 'connects',
          peer: 'interaction-server',
          at: 0
        }),
        expect.objectContaining({
          kind: 'lifeline',
          lifeline: 'interaction-server',
          event: 'disconnects',
          peer: 'client',
          at: 1_080_000
        })
      ]);
      expect(toMermaid(quiet, timeline)).toMatch(
        /Note over \w+: connects to Interaction Server at 0 s/
      );
      expect(toText(quiet, timeline)).toContain('Client connects to Interaction Server');
      expect(toMarkdown(quiet, timeline)).toContain('Interaction Server disconnects from Client');
    });

    it('does give mermaid a diagram it parses', async () => {
      await expect(mermaid.parse(toMermaid(quiet, timeline))).resolves.toBeTruthy();
    });
  });
});
