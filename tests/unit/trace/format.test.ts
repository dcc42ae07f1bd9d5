import { describe, expect, it } from 'vitest';
import { runDelivery } from '../../../src/lib/engine/run';
import type { TraceEntry } from '../../../src/lib/engine/types';
import {
  componentName,
  describeEntry,
  formatAt,
  outcomeLabel,
  phaseTitle,
  runSummary
} from '../../../src/lib/trace/format';
import { fixtureScenario } from '../../fixtures/scenario';

const entry = (
  key: string,
  trace = runDelivery({ branch: 'accept', timeoutS: 30, responseS: 8 })
) => {
  const found = trace.entries.find((e) => e.key === key);
  if (!found) throw new Error(`no ${key} entry`);
  return found;
};

describe('format', () => {
  describe('formatAt', () => {
    it.each([
      [0, '0 s'],
      [8_000, '8 s'],
      [29_900, '29.9 s'],
      [250, '0.25 s'],
      [59_999, '59.999 s'],
      [60_000, '1 min'],
      [90_500, '1 min 30.5 s'],
      [3_600_000, '1 h'],
      [3_605_000, '1 h 5 s'],
      [5_405_000, '1 h 30 min 5 s'],
      [86_400_000, '24 h'],
      [172_800_000, '48 h'],
      [86_400_100, '24 h 0.1 s']
    ])('does write %d ms as %j', (ms, label) => {
      expect(formatAt(ms)).toBe(label);
    });

    it('does not show floating-point noise', () => {
      expect(formatAt(0.1 * 3 * 1000)).toBe('0.3 s');
      expect(formatAt(Math.round(8.3 * 1000) + 60_000)).toBe('1 min 8.3 s');
    });
  });

  describe('componentName and phaseTitle', () => {
    it('does use the scenario’s names', () => {
      expect(componentName('interaction-server', fixtureScenario)).toBe('Interaction Server');
      expect(phaseTitle('agent-fails-to-respond', fixtureScenario)).toBe(
        'Agent Fails to Respond in Time'
      );
    });

    it('does fall back to the id when the scenario does not name it', () => {
      expect(componentName('urs', { components: [] })).toBe('urs');
      expect(phaseTitle('agent-accepts-delivery', { phases: [] })).toBe('agent-accepts-delivery');
    });
  });

  describe('describeEntry', () => {
    it('does describe a message with its lifelines and protocol', () => {
      expect(describeEntry(entry('route-call'), fixtureScenario)).toBe(
        'URS → Interaction Server: RequestRouteCall (T-Library)'
      );
      expect(describeEntry(entry('accept'), fixtureScenario)).toBe(
        'Agent Application → Interaction Server: RequestAccept (Interaction Management)'
      );
    });

    it('does describe the timer in words', () => {
      expect(describeEntry(entry('timer-started'), fixtureScenario)).toBe(
        'Interaction Server starts the delivery timer (delivering-timeout 30 s, expires at 30 s)'
      );
      expect(describeEntry(entry('timer-cancelled'), fixtureScenario)).toBe(
        'Interaction Server cancels the delivery timer (it would have expired at 30 s)'
      );
      const timeout = runDelivery({ branch: 'timeout', timeoutS: 30, responseS: 8 });
      expect(describeEntry(entry('timer-expired', timeout), fixtureScenario)).toBe(
        'The delivery timer expires at 30 s: Interaction Server revokes the invitation'
      );
    });

    it('does give the timer’s length, not its deadline, as delivering-timeout', () => {
      const timer = entry('timer-started');
      if (timer.kind !== 'timer') throw new Error('expected a timer');
      const started: TraceEntry = { ...timer, at: 2_000, deadline: 32_000 };
      expect(describeEntry(started, fixtureScenario)).toContain('delivering-timeout 30 s');
      expect(describeEntry(started, fixtureScenario)).toContain('expires at 32 s');
    });
  });

  describe('outcomeLabel and runSummary', () => {
    it('does name each outcome', () => {
      expect(outcomeLabel(runDelivery({ branch: 'accept', timeoutS: 30, responseS: 8 }))).toBe(
        'Accepted'
      );
      expect(outcomeLabel(runDelivery({ branch: 'reject', timeoutS: 30, responseS: 8 }))).toBe(
        'Rejected'
      );
      expect(outcomeLabel(runDelivery({ branch: 'timeout', timeoutS: 30, responseS: 8 }))).toBe(
        'Timed out'
      );
    });

    it('does say when the answer lost the race', () => {
      const late = runDelivery({ branch: 'reject', timeoutS: 5, responseS: 8 });
      expect(outcomeLabel(late)).toBe('Timed out; the agent’s reject arrived too late');
      expect(runSummary(late)).toBe(
        'delivering-timeout 5 s, agent rejects after 8 s. Outcome: Timed out; the agent’s reject arrived too late.'
      );
    });

    it('does not mention a response time when the agent never answers', () => {
      expect(runSummary(runDelivery({ branch: 'timeout', timeoutS: 90, responseS: 8 }))).toBe(
        'delivering-timeout 1 min 30 s, agent does not answer. Outcome: Timed out.'
      );
    });
  });
});
