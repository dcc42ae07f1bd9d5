import { describe, expect, it } from 'vitest';
import { runDelivery } from '../../../src/lib/engine/run';
import { BRANCHES, PROTOCOLS } from '../../../src/lib/engine/types';
import { protocolTables } from '../../../src/lib/trace/tables';

describe('tables', () => {
  describe('protocolTables', () => {
    it.each(BRANCHES)('does list every message once, under its protocol (%s)', (branch) => {
      const trace = runDelivery({ branch, timeoutS: 30, responseS: 8 });
      const tables = protocolTables(trace);
      expect(tables.map((t) => t.protocol)).toEqual([...PROTOCOLS]);
      for (const { protocol, rows } of tables) {
        expect(rows.every((r) => r.message.protocol === protocol)).toBe(true);
      }
      const listed = tables.flatMap((t) => t.rows.map((r) => r.step)).sort((a, b) => a - b);
      const messages = trace.entries.filter((e) => e.kind === 'message').map((e) => e.step);
      expect(listed).toEqual(messages);
    });

    it('does keep trace order within a protocol', () => {
      const trace = runDelivery({ branch: 'accept', timeoutS: 30, responseS: 8 });
      const im = protocolTables(trace)[1];
      expect(im?.rows.map((r) => r.message.name)).toEqual([
        'EventInvite',
        'RequestAccept',
        'EventAck'
      ]);
    });

    it('does stop at step upTo and keep empty protocols', () => {
      const trace = runDelivery({ branch: 'accept', timeoutS: 30, responseS: 8 });
      expect(protocolTables(trace, 0).map((t) => t.rows.length)).toEqual([0, 0, 0]);
      // Steps 1-3: RequestRouteCall, EventPartyRemoved, EventInvite.
      expect(protocolTables(trace, 3).map((t) => t.rows.length)).toEqual([1, 1, 1]);
      // Step 4 is the timer: no new row.
      expect(protocolTables(trace, 4).map((t) => t.rows.length)).toEqual([1, 1, 1]);
      expect(protocolTables(trace, trace.entries.length)).toEqual(protocolTables(trace));
    });
  });
});
