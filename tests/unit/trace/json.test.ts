import { describe, expect, it } from 'vitest';
import { runDelivery } from '../../../src/lib/engine/run';
import { toExportJson, toJsonText } from '../../../src/lib/trace/json';
import { fixtureScenario } from '../../fixtures/scenario';

describe('json', () => {
  describe('toExportJson', () => {
    it('does describe the run and number its events 1..N', () => {
      const trace = runDelivery({ branch: 'reject', timeoutS: 20, responseS: 2.5 });
      const json = toExportJson(trace, fixtureScenario);
      expect(Object.keys(json)).toEqual([
        'scenario',
        'branch',
        'outcome',
        'lateAnswer',
        'input',
        'events'
      ]);
      expect(json).toMatchObject({
        scenario: 'deliver-interaction-to-agent',
        branch: 'reject',
        outcome: 'rejected',
        lateAnswer: false,
        input: { timeoutS: 20, responseS: 2.5 }
      });
      expect(json.events.map((e) => e.step)).toEqual(trace.entries.map((_, i) => i + 1));
    });

    it('does write messages and timers with fixed keys in a fixed order', () => {
      const json = toExportJson(
        runDelivery({ branch: 'accept', timeoutS: 30, responseS: 8 }),
        fixtureScenario
      );
      const [message] = json.events;
      expect(Object.keys(message ?? {})).toEqual([
        'step',
        'at',
        'kind',
        'from',
        'to',
        'name',
        'protocol',
        'phase',
        'provenance',
        'attributes'
      ]);
      const timer = json.events.find((e) => e.kind === 'timer');
      expect(Object.keys(timer ?? {})).toEqual([
        'step',
        'at',
        'kind',
        'action',
        'timer',
        'owner',
        'deadline',
        'phase',
        'provenance'
      ]);
      expect(json.events.filter((e) => e.kind === 'timer')).toMatchObject([
        { action: 'started', at: 0, deadline: 30_000, owner: 'interaction-server' },
        { action: 'cancelled', at: 8_000, deadline: 30_000 }
      ]);
    });

    it('does not share attribute objects with the engine', () => {
      const trace = runDelivery({ branch: 'accept', timeoutS: 30, responseS: 8 });
      const event = toExportJson(trace, fixtureScenario).events[0];
      const entry = trace.entries[0];
      if (event?.kind !== 'message' || entry?.kind !== 'message')
        throw new Error('expected messages');
      expect(event.attributes).toEqual(entry.message.attributes);
      expect(event.attributes).not.toBe(entry.message.attributes);
    });
  });

  describe('toJsonText', () => {
    it('does indent by two spaces, end in a newline and parse back', () => {
      const trace = runDelivery({ branch: 'timeout', timeoutS: 30, responseS: 8 });
      const text = toJsonText(trace, fixtureScenario);
      expect(text.endsWith('}\n')).toBe(true);
      expect(text.split('\n')[1]).toBe('  "scenario": "deliver-interaction-to-agent",');
      expect(JSON.parse(text)).toEqual(toExportJson(trace, fixtureScenario));
    });

    it('does give byte-identical text for the same input', () => {
      const input = { branch: 'accept', timeoutS: 5, responseS: 8 } as const;
      expect(toJsonText(runDelivery(input), fixtureScenario)).toBe(
        toJsonText(runDelivery(input), fixtureScenario)
      );
    });
  });
});
