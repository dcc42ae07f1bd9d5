import { describe, expect, it } from 'vitest';
import { runDelivery } from '../../../src/lib/engine/run';
import { BRANCHES, PROTOCOLS } from '../../../src/lib/engine/types';
import { escapeMarkdown, toMarkdown } from '../../../src/lib/trace/markdown';
import { HOSTILE, fixtureScenario, hostileScenario } from '../../fixtures/scenario';

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

/** The table rows (not header or rule) under each "## protocol" heading. */
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
    it.each(BRANCHES)('does write one table per protocol, one row per message (%s)', (branch) => {
      const trace = runDelivery({ branch, timeoutS: 30, responseS: 8 });
      const md = toMarkdown(trace, fixtureScenario);
      const tables = tableRows(md);
      for (const protocol of PROTOCOLS) {
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
            entry.message.name,
            expect.stringContaining(' → '),
            expect.stringMatching(/ s$/u),
            expect.any(String),
            entry.provenance
          ]);
        });
      }
    });

    it('does start with a heading and list the timer after the tables', () => {
      const md = toMarkdown(
        runDelivery({ branch: 'accept', timeoutS: 30, responseS: 8 }),
        fixtureScenario
      );
      expect(md.startsWith('# Deliver Interaction to Agent: accept branch\n')).toBe(true);
      const timer = md.indexOf('## Delivery timer');
      expect(timer).toBeGreaterThan(md.indexOf('## Reporting'));
      expect(md).toContain(
        '- 0 s: Interaction Server starts the delivery timer (delivering-timeout 30 s, expires at 30 s) — documented\n'
      );
      expect(md).toContain('**modeled**: our reasoned choice where the reference is silent');
      expect(md).toContain('illustrative');
      expect(md.endsWith('\n')).toBe(true);
    });

    it('does keep six cells in every row whatever the names hold', () => {
      for (const branch of BRANCHES) {
        const md = toMarkdown(
          runDelivery({ branch, timeoutS: 5, responseS: 8 }),
          hostileScenario()
        );
        const rows = [...tableRows(md).values()].flat();
        expect(rows.length).toBeGreaterThan(0);
        for (const row of rows) expect(cells(row)).toHaveLength(6);
        expect(md).not.toMatch(/<script>|<b>/u);
      }
      expect(HOSTILE.some((h) => h.includes('|'))).toBe(true);
    });
  });
});
