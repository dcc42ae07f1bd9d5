import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../../src/lib/content/types';
import { defaultInput } from '../../../src/lib/engine/input';
import { run } from '../../../src/lib/engine/run';
import { messageLabel } from '../../../src/lib/trace/format';
import { escapeMarkdown, toMarkdown } from '../../../src/lib/trace/markdown';
import {
  HOSTILE,
  SAMPLE_EVENTS,
  fixtureScenario,
  hostileScenario,
  withLifelineEvents
} from '../../fixtures/scenario';
import { realContent, realScenario } from '../../fixtures/content';

const { scenarios } = realContent;

const runOf = (scenario: Scenario, branch: string) =>
  run(scenario, { ...defaultInput(scenario), branch });

const BRANCHES = fixtureScenario.choice.options.map((o) => o.id);

/** Every option of every scenario in content/, as [scenario id, option id]. */
const EVERY_OPTION = scenarios.flatMap((s) =>
  s.choice.options.map((o) => [s.id, o.id] as [string, string])
);

/** Splits a table row into cells at unescaped pipes, as GFM does (a backslash escapes one character). */
function cells(row: string): string[] {
  const out: string[] = [];
  let cell = '';
  for (let i = 0; i < row.length; i++) {
    const c = row[i] as string;
    if (c === '\\') {
      cell += c + (row[i + 1] ?? '');
      i++;
    } else if (c === '|') {
      out.push(cell.trim());
      cell = '';
    } else cell += c;
  }
  out.push(cell.trim());
  // A row starts and ends with a pipe: drop the empty ends.
  return out.slice(1, -1);
}

/** The table rows (not header or rule) under each "## heading", in the order of the headings. */
function tableRows(markdown: string): Map<string, string[]> {
  const tables = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('## ')) {
      current = [];
      tables.set(line.slice(3), current);
    } else if (
      current &&
      line.startsWith('| ') &&
      !line.startsWith('| # |') &&
      !line.startsWith('| --')
    ) {
      current.push(line);
    }
  }
  return tables;
}

describe('markdown', () => {
  describe('escapeMarkdown', () => {
    it('does escape pipes, and backslashes first so an escaped pipe stays escaped', () => {
      expect(escapeMarkdown('a | b')).toBe('a \\| b');
      expect(escapeMarkdown('a \\| b')).toBe('a \\\\\\| b');
      expect(cells(`| ${escapeMarkdown('x \\| y | z')} |`)).toHaveLength(1);
    });

    it('does neutralise HTML, emphasis, code and links, and fold newlines', () => {
      expect(escapeMarkdown('<b>*x*</b>')).toBe('\\<b\\>\\*x\\*\\</b\\>');
      expect(escapeMarkdown('`c` [l](u) _e_ ~s~ &amp; #h !i')).toBe(
        '\\`c\\` \\[l\\](u) \\_e\\_ \\~s\\~ \\&amp; \\#h \\!i'
      );
      expect(escapeMarkdown('a\nb\r\n\tc')).toBe('a b c');
    });
  });

  describe('toMarkdown', () => {
    it.each(EVERY_OPTION)(
      'does write one table per protocol of %s, one row per message (%s)',
      (id, branch) => {
        const scenario = realScenario(id);
        const trace = runOf(scenario, branch);
        const tables = tableRows(toMarkdown(trace, scenario));
        expect([...tables.keys()].slice(0, scenario.protocols.length)).toEqual(scenario.protocols);
        for (const protocol of scenario.protocols) {
          const expected = trace.entries.filter(
            (e) => e.kind === 'message' && e.message.protocol === protocol
          );
          const rows = tables.get(protocol) ?? [];
          expect(rows).toHaveLength(expected.length);
          rows.forEach((row, i) => {
            const entry = expected[i];
            if (entry?.kind !== 'message') throw new Error('expected a message');
            expect(cells(row)).toEqual([
              String(entry.seq),
              messageLabel(entry.message),
              expect.stringContaining(' → '),
              // A time with its unit: "8 s", or "1 h" in a timeline set in minutes.
              expect.stringMatching(/ (s|min|h)$/u),
              expect.any(String),
              entry.provenance
            ]);
          });
        }
      }
    );

    it('does start with a heading and list the timer after the tables', () => {
      const md = toMarkdown(runOf(fixtureScenario, 'accept'), fixtureScenario);
      expect(md.startsWith('# Deliver Interaction to Agent: accept branch\n')).toBe(true);
      const timer = md.indexOf('## Delivery timer');
      expect(timer).toBeGreaterThan(md.indexOf('## Reporting'));
      expect(md).toContain(
        '- 0 s: Interaction Server starts the delivery timer (delivering-timeout 30 s, expires at 30 s) — documented\n'
      );
      expect(md).toContain('virtual, from RequestRouteCall at 0 s.');
      expect(md).toContain('**modeled**: our reasoned choice where the reference is silent');
      expect(md).toContain('illustrative');
      expect(md.endsWith('\n')).toBe(true);
    });

    it('does head the timer list with the scenario’s own timer', () => {
      const transfer = realScenario('transfer');
      const md = toMarkdown(runOf(transfer, 'reject'), transfer);
      expect(md).toContain('\n## Invitation timer\n');
      expect(md).toContain(
        '- 8 s: Interaction Server cancels the invitation timer (it would have expired at 30 s) — modeled\n'
      );
      expect(md).toContain('virtual, from RequestTransfer at 0 s.');
    });

    it('does leave the timer out of a run without one', () => {
      const stop = realScenario('stop-processing');
      const md = toMarkdown(runOf(stop, 'a'), stop);
      expect([...tableRows(md).keys()]).toEqual(stop.protocols);
      expect(md).not.toMatch(/timer/iu);
      expect(md).toContain('virtual, from RequestStopProcessing at 0 s.');
      // Transfer's invalid request is refused before any timer starts.
      const transfer = realScenario('transfer');
      const invalid = toMarkdown(runOf(transfer, 'invalid'), transfer);
      expect([...tableRows(invalid).keys()]).toEqual(transfer.protocols);
    });

    it('does list the lifeline events after the timer, and keep them out of the tables', () => {
      const plain = runOf(fixtureScenario, 'accept');
      const trace = withLifelineEvents(plain, SAMPLE_EVENTS);
      const md = toMarkdown(trace, fixtureScenario);
      const before = tableRows(toMarkdown(plain, fixtureScenario));
      const after = tableRows(md);
      for (const protocol of fixtureScenario.protocols) {
        expect(after.get(protocol)).toEqual(before.get(protocol));
      }
      const events = md.indexOf('\n## Lifeline events\n\n');
      expect(events).toBeGreaterThan(md.indexOf('## Delivery timer'));
      expect(md.slice(events)).toContain(
        [
          '- 0 s: Interaction Server restarts — modeled',
          '- 0 s: Reporting Engine becomes secondary — documented',
          '- 0 s: Agent Application disconnects from Interaction Server — documented',
          '- 0 s: Agent Application connects to Interaction Server — documented',
          '- 8 s: URS becomes primary — documented',
          ''
        ].join('\n')
      );
      expect(toMarkdown(plain, fixtureScenario)).not.toContain('Lifeline events');
      // The names are escaped there too.
      const hostile = hostileScenario();
      const escaped = toMarkdown(
        withLifelineEvents(run(hostile, { branch: 'accept', timeoutS: 30, responseS: 8 }), [
          { after: 1, lifeline: 'urs', event: 'disconnects', peer: 'interaction-server' }
        ]),
        hostile
      );
      expect(escaped).not.toMatch(/<script>|<b>/u);
    });

    it('does keep every protocol of the scenario, saying when one has no messages', () => {
      const stop = realScenario('stop-processing');
      expect(stop.protocols).toContain('T-Library');
      const md = toMarkdown(runOf(stop, 'a'), stop);
      expect(md).toContain('## T-Library\n\nNo messages in this protocol.\n');
      expect(tableRows(md).get('T-Library')).toEqual([]);
    });

    it('does show a stand-in with what it is used in place of', () => {
      const stop = realScenario('stop-processing');
      const md = toMarkdown(runOf(stop, 'b'), stop);
      const [row] = tableRows(md).get('T-Library') ?? [];
      expect(cells(row ?? '')).toEqual([
        '3',
        'EventAbandoned, in place of EventRevoked',
        'Interaction Server → URS',
        '0 s',
        'Initiated by Media Server, URS Involved',
        'documented'
      ]);
    });

    it('does keep six cells in every row whatever the names hold', () => {
      for (const branch of BRANCHES) {
        const scenario = hostileScenario();
        // A 5 s timer: accept and reject lose the race and add the late rows.
        const md = toMarkdown(run(scenario, { branch, timeoutS: 5, responseS: 8 }), scenario);
        const rows = [...tableRows(md).values()].flat();
        expect(rows.length).toBeGreaterThan(0);
        for (const row of rows) expect(cells(row)).toHaveLength(6);
        expect(md).not.toMatch(/<script>|<b>/u);
      }
      expect(HOSTILE.some((h) => h.includes('|'))).toBe(true);
    });
  });
});
