import mermaid from 'mermaid';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../../src/lib/content/types';
import { defaultInput } from '../../../src/lib/engine/input';
import { run } from '../../../src/lib/engine/run';
import type { Trace } from '../../../src/lib/engine/types';
import { escapeMermaid, mermaidIds, toMermaid } from '../../../src/lib/trace/mermaid';
import {
  HOSTILE,
  SAMPLE_EVENTS,
  fixtureScenario,
  hostileScenario,
  withLifelineEvents
} from '../../fixtures/scenario';
import { realContent, realScenario } from '../../fixtures/content';

/** What mermaid's sequence parser keeps of a diagram (its db), with the text we look at. */
interface SequenceDb {
  getActors(): Map<string, { name: string; description: string }>;
  getMessages(): { from?: string; to?: string; message: string; type: number }[];
}

/** Parses with stock mermaid, as a renderer would, and returns the parsed diagram's db. */
async function parseSequence(text: string): Promise<SequenceDb> {
  // parse() registers the diagram types and throws on a syntax error.
  await mermaid.parse(text);
  const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
  return diagram.db as unknown as SequenceDb;
}

/**
 * What a rendered label will read: mermaid swaps `#59;` for private markers while parsing and
 * turns the markers into `&#59;` in the SVG; decoding that entity gives the character back.
 */
function rendered(parsedText: string): string {
  return parsedText
    .replace(/ﬂ°°/gu, '&#')
    .replace(/ﬂ°/gu, '&')
    .replace(/¶ß/gu, ';')
    .replace(/&#(\d+);/gu, (_, n: string) => String.fromCodePoint(Number(n)));
}

const { scenarios } = realContent;

const oneLine = (s: string) => s.replace(/\s+/gu, ' ').trim();
const deliver = (branch: string, timeoutS = 30, responseS = 8) =>
  run(fixtureScenario, { branch, timeoutS, responseS });
const runOf = (scenario: Scenario, branch: string) =>
  run(scenario, { ...defaultInput(scenario), branch });
const BRANCHES = fixtureScenario.choice.options.map((o) => o.id);
const lifelineIds = (scenario: Scenario) => scenario.lifelines.map((l) => l.id);
/** The closing legend note: the diagram's last line. */
const legendOf = (text: string) => text.trimEnd().split('\n').at(-1) ?? '';

/** Mermaid's message types for a solid arrow and a note (sequenceDb LINETYPE). */
const SOLID_OPEN = 0;
const NOTE = 2;

describe('mermaid', () => {
  describe('escapeMermaid', () => {
    it('does leave ordinary text alone', () => {
      expect(escapeMermaid('EventInvite · Interaction Management · 0 s')).toBe(
        'EventInvite · Interaction Management · 0 s'
      );
    });

    it('does turn syntax characters into entity codes', () => {
      expect(escapeMermaid('a;b#c')).toBe('a#59;b#35;c');
      expect(escapeMermaid('<b>&"x"</b>')).toBe('#60;b#62;#38;#34;x#34;#60;/b#62;');
      expect(escapeMermaid('%%{init: {}}%%')).toBe('#37;#37;#123;init: #123;#125;#125;#37;#37;');
      expect(escapeMermaid('#59;')).toBe('#35;59#59;');
    });

    it('does escape what ends a participant alias only for aliases', () => {
      expect(escapeMermaid('E: F, G @ H')).toBe('E: F, G @ H');
      expect(escapeMermaid('E: F, G @ H', { alias: true })).toBe('E#58; F#44; G #64; H');
    });

    it('does fold newlines and tabs into single spaces', () => {
      expect(escapeMermaid('  line\nbreak\r\n\tand  more \u2028 ')).toBe('line break and more');
    });

    it.each(HOSTILE)('does leave no syntax character in %j but entity codes', (s) => {
      // Once the entity codes are taken out, no syntax character is left.
      const rest = escapeMermaid(s, { alias: true }).replace(/#\d+;/gu, '');
      expect(rest).not.toMatch(/[\n\r#;%{}<>&":,@ﬂ¶]/u);
    });
  });

  describe('mermaidIds', () => {
    it('does keep a one-word id and shorten a longer one to its initials', () => {
      expect([...mermaidIds(lifelineIds(fixtureScenario)).values()]).toEqual([
        'urs',
        'IS',
        'AA',
        'RE'
      ]);
      expect([...mermaidIds(lifelineIds(realScenario('transfer'))).values()]).toEqual([
        'A1',
        'IS',
        'A2',
        'RE'
      ]);
      expect([...mermaidIds(lifelineIds(realScenario('stop-processing'))).entries()]).toEqual([
        ['media-server', 'MS'],
        ['urs', 'urs'],
        ['interaction-server', 'IS'],
        ['agent-application', 'AA'],
        ['reporting-engine', 'RE']
      ]);
    });

    it('does number a clash and mark a mermaid keyword', () => {
      expect([...mermaidIds(['agent-application', 'a-a', 'all-around']).values()]).toEqual([
        'AA',
        'AA2',
        'AA3'
      ]);
      expect([...mermaidIds(['end', 'note', 'a-s', 'box']).values()]).toEqual([
        'end_',
        'note_',
        'AS_',
        'box_'
      ]);
    });

    it('does give every scenario of content/ distinct ASCII ids without dashes', () => {
      for (const scenario of scenarios) {
        const ids = [...mermaidIds(lifelineIds(scenario)).values()];
        expect(new Set(ids).size).toBe(scenario.lifelines.length);
        for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_]+$/u);
      }
    });
  });

  describe('toMermaid', () => {
    it.each(BRANCHES)('does write a diagram stock mermaid parses (%s)', async (branch) => {
      const text = toMermaid(deliver(branch), fixtureScenario);
      await expect(mermaid.parse(text)).resolves.toMatchObject({ diagramType: 'sequence' });
    });

    it('does declare the four participants with safe ids and their names', async () => {
      const text = toMermaid(deliver('accept'), fixtureScenario);
      expect(text).toContain('  autonumber\n');
      expect(text).toContain('  participant urs as URS\n');
      expect(text).toContain('  participant IS as Interaction Server\n');
      expect(text).toContain('  participant AA as Agent Application\n');
      expect(text).toContain('  participant RE as Reporting Engine\n');
      const db = await parseSequence(text);
      expect([...db.getActors().keys()]).toEqual(['urs', 'IS', 'AA', 'RE']);
    });

    it('does declare Stop Processing’s five participants in the scenario’s order', async () => {
      const stop = realScenario('stop-processing');
      const text = toMermaid(runOf(stop, 'a'), stop);
      expect(text).toContain('  participant MS as Media Server\n');
      const db = await parseSequence(text);
      expect([...db.getActors().keys()]).toEqual(['MS', 'urs', 'IS', 'AA', 'RE']);
      expect(text).toContain('    Note over MS,RE: Initiated by Media Server, Agent Involved\n');
    });

    it('does draw one solid arrow per message, in trace order, so autonumber matches seq', async () => {
      for (const [scenario, trace] of [
        [fixtureScenario, deliver('accept', 5, 8)],
        [realScenario('conference'), runOf(realScenario('conference'), 'reject')]
      ] as [Scenario, Trace][]) {
        const ids = mermaidIds(lifelineIds(scenario));
        const db = await parseSequence(toMermaid(trace, scenario));
        const arrows = db.getMessages().filter((m) => m.type === SOLID_OPEN);
        const messages = trace.entries.filter((e) => e.kind === 'message');
        expect(messages.length).toBeGreaterThan(0);
        expect(arrows.map((a) => rendered(a.message))).toEqual(
          messages.map((m) => expect.stringContaining(`${m.message.name} · ${m.message.protocol}`))
        );
        expect(arrows.map((a) => [a.from, a.to])).toEqual(
          messages.map((m) => [ids.get(m.from), ids.get(m.to)])
        );
      }
    });

    it('does say what a stand-in is used in place of', async () => {
      const stop = realScenario('stop-processing');
      const text = toMermaid(runOf(stop, 'd'), stop);
      expect(text).toContain(
        '    urs->>IS: RequestRouteCall (in place of RequestStopProcessing) · T-Library · 0 s\n'
      );
      expect(text).toContain(
        '    IS->>urs: EventRouteUsed (in place of EventAck) · T-Library · 0 s\n'
      );
      expect(text).toContain('    IS->>RE: EventPartyRemoved · Reporting · 0 s\n');
      const db = await parseSequence(text);
      const arrows = db.getMessages().filter((m) => m.type === SOLID_OPEN);
      expect(rendered(arrows[1]?.message ?? '')).toBe(
        'EventRouteUsed (in place of EventAck) · T-Library · 0 s'
      );
    });

    it('does mark modeled messages, and only those, with "(modeled)"', () => {
      const trace = deliver('accept');
      const arrows = toMermaid(trace, fixtureScenario)
        .split('\n')
        .filter((l) => l.includes('->>'));
      const modeled = trace.entries
        .filter((e) => e.kind === 'message')
        .map((e) => e.provenance === 'modeled');
      expect(arrows.map((l) => l.endsWith(' (modeled)'))).toEqual(modeled);
      expect(modeled).toContain(true);
      expect(modeled).toContain(false);
      expect(toMermaid(trace, fixtureScenario)).toContain('ending in (modeled)');
    });

    it('does show the timer as notes on its owner, in the scenario’s words', () => {
      expect(toMermaid(deliver('accept'), fixtureScenario)).toContain(
        '    Note over IS: delivery timer started at 0 s, deadline 30 s\n'
      );
      expect(toMermaid(deliver('reject'), fixtureScenario)).toContain(
        '    Note over IS: delivery timer cancelled at 8 s (deadline was 30 s)\n'
      );
      expect(toMermaid(deliver('timeout'), fixtureScenario)).toContain(
        '    Note over IS: delivery timer expired at 30 s\n'
      );
      // Transfer's timer is modeled, and its notes say so.
      const transfer = realScenario('transfer');
      expect(toMermaid(runOf(transfer, 'accept'), transfer)).toContain(
        '    Note over IS: invitation timer cancelled at 8 s (deadline was 30 s) (modeled)\n'
      );
    });

    it('does restart the timer in a note on its owner', () => {
      const trace = deliver('accept');
      const restarted: Trace = {
        ...trace,
        entries: trace.entries.map((e) =>
          e.kind === 'timer' && e.action === 'cancelled'
            ? { ...e, action: 'restarted', deadline: e.at + 30_000 }
            : e
        )
      };
      expect(toMermaid(restarted, fixtureScenario)).toContain(
        '    Note over IS: delivery timer restarted at 8 s, deadline 38 s\n'
      );
    });

    it('does show each lifeline event as a note over its lifeline, in words', async () => {
      const trace = withLifelineEvents(deliver('accept'), SAMPLE_EVENTS);
      const text = toMermaid(trace, fixtureScenario);
      expect(text).toContain('    Note over IS: restarts at 0 s (modeled)\n');
      expect(text).toContain('    Note over RE: becomes secondary at 0 s\n');
      expect(text).toContain('    Note over AA: disconnects from Interaction Server at 0 s\n');
      expect(text).toContain('    Note over AA: connects to Interaction Server at 0 s\n');
      expect(text).toContain('    Note over urs: becomes primary at 8 s\n');
      expect(legendOf(text)).toContain(
        'Notes on Interaction Server are its delivery timer. A note over one lifeline that says it connects, disconnects, restarts, becomes primary or becomes secondary is an event of that lifeline, not a message.<br/>'
      );
      // Stock mermaid reads it: the events are notes, and the arrows (numbered) are the messages.
      const db = await parseSequence(text);
      const messages = db.getMessages();
      const arrows = messages.filter((m) => m.type === SOLID_OPEN);
      expect(arrows).toHaveLength(trace.entries.filter((e) => e.kind === 'message').length);
      const notes = messages.filter((m) => m.type === NOTE).map((m) => rendered(m.message));
      expect(notes).toContain('disconnects from Interaction Server at 0 s');
      // The events draw in trace order, between the messages around them.
      const lines = text.split('\n');
      const at = (needle: string) => lines.findIndex((l) => l.includes(needle));
      expect(at('restarts at')).toBeGreaterThan(at('RequestRouteCall'));
      expect(at('restarts at')).toBeLessThan(at('EventPartyRemoved'));
      // Up to a step before the first event, nothing of it.
      expect(toMermaid(trace, fixtureScenario, { upTo: 1 })).not.toContain('restarts at');
    });

    it('does not mention lifeline events in the legend of a run without any', () => {
      expect(legendOf(toMermaid(deliver('accept'), fixtureScenario))).not.toContain(
        'event of that lifeline'
      );
      const stop = realScenario('stop-processing');
      const events = withLifelineEvents(runOf(stop, 'b'), [
        { after: 1, lifeline: 'urs', event: 'restarts' }
      ]);
      expect(legendOf(toMermaid(events, stop))).toContain(
        'Legend: numbered arrows are messages. A note over one lifeline that says it connects'
      );
    });

    it('does open one rect per phase with its title over every lifeline', () => {
      const text = toMermaid(deliver('timeout'), fixtureScenario);
      expect(text.match(/^ {2}rect /gmu)).toHaveLength(2);
      expect(text.match(/^ {2}end$/gmu)).toHaveLength(2);
      expect(text).toContain('    Note over urs,RE: URS Requests Delivery\n');
      expect(text).toContain('    Note over urs,RE: Agent Fails to Respond in Time\n');
      const transfer = realScenario('transfer');
      const invalid = toMermaid(runOf(transfer, 'invalid'), transfer);
      expect(invalid.match(/^ {2}rect /gmu)).toHaveLength(1);
      expect(invalid).toContain('    Note over A1,RE: Invitation Is Invalid\n');
    });

    it('does draw only the steps up to upTo', async () => {
      const trace = deliver('accept');
      const none = toMermaid(trace, fixtureScenario, { upTo: 0 });
      expect(none).not.toContain('->>');
      expect(none).not.toContain('rect');
      await expect(mermaid.parse(none)).resolves.toBeTruthy();
      const four = toMermaid(trace, fixtureScenario, { upTo: 4 });
      expect(four.match(/->>/gu)).toHaveLength(3);
      expect(four).toContain('delivery timer started');
      expect(four).not.toContain('Agent Accepts Delivery');
      await expect(mermaid.parse(four)).resolves.toBeTruthy();
    });

    it('does explain the timer notes in the legend only when the run has a timer', () => {
      expect(legendOf(toMermaid(deliver('accept'), fixtureScenario))).toContain(
        'Legend: numbered arrows are messages. Notes on Interaction Server are its delivery timer.<br/>'
      );
      const transfer = realScenario('transfer');
      expect(legendOf(toMermaid(runOf(transfer, 'timeout'), transfer))).toContain(
        'Notes on Interaction Server are its invitation timer.'
      );
      const stop = realScenario('stop-processing');
      for (const [scenario, trace] of [
        [stop, runOf(stop, 'c')],
        [transfer, runOf(transfer, 'invalid')]
      ] as [Scenario, Trace][]) {
        const legend = legendOf(toMermaid(trace, scenario));
        expect(legend).toContain('Legend: numbered arrows are messages.<br/>');
        expect(legend).not.toMatch(/Notes on|timer/u);
      }
    });

    it('does count times in the legend from the run’s first message', () => {
      expect(legendOf(toMermaid(deliver('reject'), fixtureScenario))).toContain(
        'Times are virtual, from RequestRouteCall at 0 s.'
      );
      const conference = realScenario('conference');
      expect(legendOf(toMermaid(runOf(conference, 'accept'), conference))).toContain(
        'Times are virtual, from RequestConference at 0 s.'
      );
      const stop = realScenario('stop-processing');
      expect(legendOf(toMermaid(runOf(stop, 'b'), stop))).toContain(
        'Times are virtual, from RequestStopProcessing at 0 s.'
      );
    });

    it('does parse, and render back exactly, names and titles full of syntax', async () => {
      for (const branch of BRANCHES) {
        const scenario = hostileScenario();
        const text = toMermaid(runOf(scenario, branch), scenario);
        const db = await parseSequence(text);
        const actors = [...db.getActors().values()].map((a) => rendered(a.description));
        expect(actors).toEqual(scenario.lifelines.map((l) => oneLine(l.name)));
        const notes = db
          .getMessages()
          .filter((m) => m.type === NOTE)
          .map((m) => rendered(m.message));
        const phases = scenario.phases.map((p) => oneLine(p.title));
        expect(notes.filter((n) => phases.includes(n)).length).toBeGreaterThanOrEqual(2);
        // Nothing hostile slipped into the syntax: the comment lines are single lines.
        expect(text.split('\n').filter((l) => l.trimStart().startsWith('%%'))).toHaveLength(2);
        expect(text).not.toContain('%%{');
      }
    });

    it('does parse a diagram whose lifeline ids are mermaid keywords', async () => {
      // The view reads ids from the scenario and the trace: rename both, no engine involved.
      const rename: Record<string, string> = {
        urs: 'end',
        'interaction-server': 'note',
        'agent-application': 'participant',
        'reporting-engine': 'a-s'
      };
      const to = (id: string) => rename[id] ?? id;
      const trace = deliver('accept');
      const renamed: Trace = {
        ...trace,
        entries: trace.entries.map((e) => {
          switch (e.kind) {
            case 'message':
              return { ...e, from: to(e.from), to: to(e.to) };
            case 'timer':
              return { ...e, owner: to(e.owner) };
            case 'lifeline':
              return { ...e, lifeline: to(e.lifeline) };
          }
        })
      };
      const scenario: Scenario = {
        ...fixtureScenario,
        lifelines: fixtureScenario.lifelines.map((l) => ({ ...l, id: to(l.id) }))
      };
      const db = await parseSequence(toMermaid(renamed, scenario));
      expect([...db.getActors().keys()]).toEqual(['end_', 'note_', 'participant_', 'AS_']);
      expect(db.getMessages().filter((m) => m.type === SOLID_OPEN)).toHaveLength(
        trace.entries.filter((e) => e.kind === 'message').length
      );
    });
  });
});
