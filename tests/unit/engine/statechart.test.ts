import { describe, expect, it } from 'vitest';
import { defaultInput } from '../../../src/lib/engine/input';
import { statechartOf } from '../../../src/lib/engine/machines';
import { run } from '../../../src/lib/engine/run';
import { realContent, realScenario } from '../../fixtures/content';

const { scenarios } = realContent;

describe('statechart', () => {
  it('does read Interaction Server’s states and transitions from the running machine', () => {
    const chart = statechartOf(realScenario('transfer'));
    expect(chart.machine).toBe('server');
    expect(chart.states.map((s) => s.id)).toEqual([
      'idle',
      'inviting',
      'inviting.waiting',
      'accepted',
      'rejected',
      'revoked',
      'refused'
    ]);
    expect(chart.states.find((s) => s.initial && s.parent === null)?.id).toBe('idle');
    expect(chart.transitions).toContainEqual({
      from: 'inviting',
      to: 'revoked',
      label: 'the timer expires'
    });
    expect(chart.transitions).toContainEqual({
      from: 'idle',
      to: 'refused',
      label: 'the request is invalid'
    });
  });

  it('does leave out the refused state where the scenario has no invalid part', () => {
    const chart = statechartOf(realScenario('deliver-interaction-to-agent'));
    expect(chart.states.map((s) => s.id)).not.toContain('refused');
    expect(chart.transitions.some((t) => t.to === 'refused')).toBe(false);
  });

  it('does record, on every entry of every run, a state of that chart', () => {
    for (const scenario of scenarios) {
      const ids = new Set(statechartOf(scenario).states.map((s) => s.id));
      for (const option of scenario.choice.options) {
        const trace = run(scenario, { ...defaultInput(scenario), branch: option.id });
        for (const entry of trace.entries) expect(ids).toContain(entry.state);
      }
    }
  });

  it('does follow Deliver’s server from idle through inviting to where each outcome ends', () => {
    const deliver = realScenario('deliver-interaction-to-agent');
    const states = (branch: string, timeoutS = 30) => [
      ...new Set(run(deliver, { branch, timeoutS, responseS: 8 }).entries.map((e) => e.state))
    ];
    expect(states('accept')).toEqual(['idle', 'inviting.waiting', 'accepted']);
    expect(states('reject')).toEqual(['idle', 'inviting.waiting', 'rejected']);
    expect(states('timeout')).toEqual(['idle', 'inviting.waiting', 'revoked']);
    // The late answer and its refusal happen once the invitation is revoked.
    expect(states('accept', 5)).toEqual(['idle', 'inviting.waiting', 'revoked']);
  });

  it('does end an invalid transfer refused, never inviting', () => {
    const trace = run(realScenario('transfer'), { branch: 'invalid', timeoutS: 30, responseS: 8 });
    expect(trace.entries.map((e) => e.state)).toEqual(['idle', 'refused']);
  });
});
