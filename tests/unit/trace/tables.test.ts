import { describe, expect, it } from 'vitest';
import { defaultInput } from '../../../src/lib/engine/input';
import { run } from '../../../src/lib/engine/run';
import { protocolTables } from '../../../src/lib/trace/tables';
import { realContent, realScenario } from '../../fixtures/content';

const { scenarios } = realContent;
const deliver = realScenario('deliver-interaction-to-agent');
const accept = run(deliver, { branch: 'accept', timeoutS: 30, responseS: 8 });

/** Every scenario and option at default timing, as `[label, scenario, branch]`. */
const RUNS = scenarios.flatMap((s) =>
  s.choice.options.map((o) => [`${s.id} ${o.id}`, s, o.id] as const)
);

describe('tables', () => {
  describe('protocolTables', () => {
    it.each(RUNS)(
      'does list every message once, under its protocol (%s)',
      (_, scenario, branch) => {
        const trace = run(scenario, { ...defaultInput(scenario), branch });
        const tables = protocolTables(trace, scenario.protocols);
        expect(tables.map((t) => t.protocol)).toEqual(scenario.protocols);
        for (const { protocol, rows } of tables) {
          expect(rows.every((r) => r.message.protocol === protocol)).toBe(true);
        }
        const listed = tables.flatMap((t) => t.rows.map((r) => r.step)).sort((a, b) => a - b);
        const messages = trace.entries.filter((e) => e.kind === 'message').map((e) => e.step);
        expect(listed).toEqual(messages);
      }
    );

    it('does list the protocols in the order given, the ones a scenario uses', () => {
      expect(deliver.protocols).toEqual(['T-Library', 'Interaction Management', 'Reporting']);
      // Transfer has no T-Library message, so no T-Library table.
      expect(realScenario('transfer').protocols).toEqual(['Interaction Management', 'Reporting']);
      expect(protocolTables(accept, ['Reporting', 'T-Library']).map((t) => t.protocol)).toEqual([
        'Reporting',
        'T-Library'
      ]);
    });

    it('does keep trace order within a protocol', () => {
      const im = protocolTables(accept, deliver.protocols)[1];
      expect(im?.rows.map((r) => r.message.name)).toEqual([
        'EventInvite',
        'RequestAccept',
        'EventAck'
      ]);
    });

    it('does stop at step upTo and keep empty protocols', () => {
      const tables = (upTo?: number) => protocolTables(accept, deliver.protocols, upTo);
      expect(tables(0).map((t) => t.rows.length)).toEqual([0, 0, 0]);
      // Steps 1-3: RequestRouteCall, EventPartyRemoved, EventInvite.
      expect(tables(3).map((t) => t.rows.length)).toEqual([1, 1, 1]);
      // Step 4 is the timer: no new row.
      expect(tables(4).map((t) => t.rows.length)).toEqual([1, 1, 1]);
      expect(tables(accept.entries.length)).toEqual(tables());
    });
  });
});
