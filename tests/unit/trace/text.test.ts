import { describe, expect, it } from 'vitest';
import { runDelivery } from '../../../src/lib/engine/run';
import { BRANCHES } from '../../../src/lib/engine/types';
import { formatAt } from '../../../src/lib/trace/format';
import { toText } from '../../../src/lib/trace/text';
import { fixtureScenario, hostileScenario } from '../../fixtures/scenario';

/** Entry lines start with a right-aligned time, e.g. " 0 s  1". */
const ENTRY = /^ *\d[\d.]*( (s|min|h))+ /u;

describe('text', () => {
  describe('toText', () => {
    it.each(BRANCHES)('does write one line per trace entry, in order (%s)', (branch) => {
      const trace = runDelivery({ branch, timeoutS: 5, responseS: 8 });
      const lines = toText(trace, fixtureScenario)
        .split('\n')
        .filter((l) => ENTRY.test(l));
      expect(lines).toHaveLength(trace.entries.length);
      lines.forEach((line, i) => {
        const entry = trace.entries[i];
        if (!entry) throw new Error('missing entry');
        expect(line.trimStart().startsWith(formatAt(entry.at))).toBe(true);
        if (entry.kind === 'message') {
          expect(line).toContain(`${entry.message.name} (${entry.message.protocol})`);
        }
        expect(line.endsWith(' [modeled]')).toBe(entry.provenance === 'modeled');
      });
    });

    it('does draw each lifeline in one column on every line', () => {
      const text = toText(
        runDelivery({ branch: 'accept', timeoutS: 30, responseS: 8 }),
        fixtureScenario
      );
      const lines = text.split('\n');
      const axis = lines.find((l) => /^ +\|/u.test(l));
      if (!axis) throw new Error('no lifeline row');
      const columns = [...axis.matchAll(/\|/gu)].map((m) => m.index);
      expect(columns).toHaveLength(4);
      for (const line of lines.filter((l) => ENTRY.test(l))) {
        for (const c of columns) expect(line[c]).toMatch(/[|\-<>*]/u);
      }
      // URS → Interaction Server: an arrow from the first lifeline to the second.
      const first = lines.find((l) => l.includes('RequestRouteCall')) ?? '';
      expect(first.slice(columns[0], (columns[1] ?? 0) + 1)).toMatch(/^\|-+>\|$/u);
      const back = lines.find((l) => l.includes('EventRouteUsed')) ?? '';
      expect(back.slice(columns[0], (columns[1] ?? 0) + 1)).toMatch(/^\|<-+\|$/u);
    });

    it('does centre the names over their lifelines and separate phases by title', () => {
      const text = toText(
        runDelivery({ branch: 'timeout', timeoutS: 30, responseS: 8 }),
        fixtureScenario
      );
      expect(text).toMatch(
        /^Time {2}# +URS +Interaction Server +Agent Application +Reporting Engine$/mu
      );
      expect(text).toContain('\n=== URS Requests Delivery ===\n');
      expect(text).toContain('\n=== Agent Fails to Respond in Time ===\n');
      expect(text).toContain(
        'The delivery timer expires at 30 s: Interaction Server revokes the invitation'
      );
    });

    it('does stay plain text: no colours, tabs or stray line breaks', () => {
      const text = toText(
        runDelivery({ branch: 'reject', timeoutS: 30, responseS: 8 }),
        hostileScenario()
      );
      expect(text).not.toContain('\u001b');
      expect(text).not.toContain('\t');
      expect(text).not.toContain('\r');
      const lines = text.split('\n').filter((l) => ENTRY.test(l));
      expect(lines).toHaveLength(
        runDelivery({ branch: 'reject', timeoutS: 30, responseS: 8 }).entries.length
      );
    });
  });
});
