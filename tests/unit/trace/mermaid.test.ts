import mermaid from 'mermaid';
import { describe, expect, it } from 'vitest';
import { runDelivery } from '../../../src/lib/engine/run';
import { BRANCHES, type Trace } from '../../../src/lib/engine/types';
import { MERMAID_IDS, escapeMermaid, toMermaid } from '../../../src/lib/trace/mermaid';
import { HOSTILE, fixtureScenario, hostileScenario } from '../../fixtures/scenario';

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

const oneLine = (s: string) => s.replace(/\s+/gu, ' ').trim();
const run = (branch: Trace['input']['branch'], timeoutS = 30, responseS = 8) =>
  runDelivery({ branch, timeoutS, responseS });

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

  describe('toMermaid', () => {
    it.each(BRANCHES)('does write a diagram stock mermaid parses (%s)', async (branch) => {
      const text = toMermaid(run(branch), fixtureScenario);
      await expect(mermaid.parse(text)).resolves.toMatchObject({ diagramType: 'sequence' });
    });

    it('does declare the four participants with safe ids and their names', async () => {
      const text = toMermaid(run('accept'), fixtureScenario);
      expect(text).toContain('  autonumber\n');
      expect(text).toContain('  participant urs as URS\n');
      expect(text).toContain('  participant IS as Interaction Server\n');
      expect(text).toContain('  participant AA as Agent Application\n');
      expect(text).toContain('  participant RE as Reporting Engine\n');
      for (const id of Object.values(MERMAID_IDS)) expect(id).toMatch(/^[A-Za-z]+$/u);
      const db = await parseSequence(text);
      expect([...db.getActors().keys()]).toEqual(['urs', 'IS', 'AA', 'RE']);
    });

    it('does draw one solid arrow per message, in trace order, so autonumber matches seq', async () => {
      const trace = run('accept', 5, 8);
      const db = await parseSequence(toMermaid(trace, fixtureScenario));
      const arrows = db.getMessages().filter((m) => m.type === SOLID_OPEN);
      const messages = trace.entries.filter((e) => e.kind === 'message');
      expect(arrows.map((a) => rendered(a.message))).toEqual(
        messages.map((m) => expect.stringContaining(`${m.message.name} · ${m.message.protocol}`))
      );
      expect(arrows.map((a) => [a.from, a.to])).toEqual(
        messages.map((m) => [MERMAID_IDS[m.from], MERMAID_IDS[m.to]])
      );
    });

    it('does mark modeled messages, and only those, with "(modeled)"', () => {
      const trace = run('accept');
      const arrows = toMermaid(trace, fixtureScenario)
        .split('\n')
        .filter((l) => l.includes('->>'));
      const modeled = trace.entries
        .filter((e) => e.kind === 'message')
        .map((e) => e.provenance === 'modeled');
      expect(arrows.map((l) => l.endsWith(' (modeled)'))).toEqual(modeled);
      expect(modeled).toContain(true);
      expect(toMermaid(trace, fixtureScenario)).toContain('ending in (modeled)');
    });

    it('does show the timer as notes on Interaction Server', () => {
      expect(toMermaid(run('accept'), fixtureScenario)).toContain(
        '    Note over IS: delivery timer started at 0 s, deadline 30 s\n'
      );
      expect(toMermaid(run('reject'), fixtureScenario)).toContain(
        '    Note over IS: delivery timer cancelled at 8 s (deadline was 30 s)\n'
      );
      expect(toMermaid(run('timeout'), fixtureScenario)).toContain(
        '    Note over IS: delivery timer expired at 30 s\n'
      );
    });

    it('does open one rect per phase with its title over every lifeline', () => {
      const text = toMermaid(run('timeout'), fixtureScenario);
      expect(text.match(/^ {2}rect /gmu)).toHaveLength(2);
      expect(text.match(/^ {2}end$/gmu)).toHaveLength(2);
      expect(text).toContain('    Note over urs,RE: URS Requests Delivery\n');
      expect(text).toContain('    Note over urs,RE: Agent Fails to Respond in Time\n');
    });

    it('does draw only the steps up to upTo', async () => {
      const trace = run('accept');
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

    it('does parse, and render back exactly, names and titles full of syntax', async () => {
      for (const branch of BRANCHES) {
        const scenario = hostileScenario();
        const text = toMermaid(run(branch), scenario);
        const db = await parseSequence(text);
        const actors = [...db.getActors().values()].map((a) => rendered(a.description));
        expect(actors).toEqual(scenario.components.map((c) => oneLine(c.name)));
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
  });
});
