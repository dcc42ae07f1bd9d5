import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../../src/lib/content/types';
import { defaultInput } from '../../../src/lib/engine/input';
import { run } from '../../../src/lib/engine/run';
import type { Message, RunInput, Trace, TraceEntry } from '../../../src/lib/engine/types';
import {
  capitalize,
  describeEntry,
  formatAt,
  lifelineEventWords,
  lifelineName,
  messageLabel,
  phaseTitle,
  runSummary,
  timesNote
} from '../../../src/lib/trace/format';
import { SAMPLE_EVENTS, fixtureScenario, withLifelineEvents } from '../../fixtures/scenario';
import { realScenario } from '../../fixtures/content';

/** A run of `scenario` at its default timing, with `input` changed. */
const runOf = (scenario: Scenario, input: Partial<RunInput>) =>
  run(scenario, { ...defaultInput(scenario), ...input });

const deliver = (branch: string, timeoutS = 30, responseS = 8) =>
  run(fixtureScenario, { branch, timeoutS, responseS });

function entry(key: string, trace: Trace = deliver('accept')): TraceEntry {
  const found = trace.entries.find((e) => e.key === key);
  if (!found) throw new Error(`no ${key} entry`);
  return found;
}

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

  describe('capitalize', () => {
    it('does upper-case the first letter only', () => {
      expect(capitalize('delivery timer')).toBe('Delivery timer');
      expect(capitalize('invitation timer of URS')).toBe('Invitation timer of URS');
      expect(capitalize('')).toBe('');
    });
  });

  describe('lifelineName and phaseTitle', () => {
    it('does use the scenario’s names', () => {
      expect(lifelineName('interaction-server', fixtureScenario)).toBe('Interaction Server');
      expect(phaseTitle('agent-fails-to-respond', fixtureScenario)).toBe(
        'Agent Fails to Respond in Time'
      );
      expect(lifelineName('agent-2', realScenario('transfer'))).toBe('Agent Application 2');
      expect(lifelineName('media-server', realScenario('stop-processing'))).toBe('Media Server');
    });

    it('does fall back to the id when the scenario does not name it', () => {
      expect(lifelineName('urs', { lifelines: [] })).toBe('urs');
      expect(lifelineName('agent-2', fixtureScenario)).toBe('agent-2');
      expect(phaseTitle('agent-accepts-delivery', { phases: [] })).toBe('agent-accepts-delivery');
    });
  });

  describe('messageLabel', () => {
    it('does give a plain message its name only', () => {
      const message: Message = {
        name: 'EventAck',
        protocol: 'Interaction Management',
        attributes: {}
      };
      expect(messageLabel(message)).toBe('EventAck');
    });

    it('does name what a stand-in is used in place of', () => {
      const trace = runOf(realScenario('stop-processing'), { branch: 'd' });
      const labels = trace.entries.flatMap((e) =>
        e.kind === 'message' ? [messageLabel(e.message)] : []
      );
      expect(labels).toEqual([
        'RequestRouteCall, in place of RequestStopProcessing',
        'EventRouteUsed, in place of EventAck',
        'EventPartyRemoved',
        'EventProcessingStopped'
      ]);
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

    it('does describe a stand-in with what it is used in place of', () => {
      const stop = realScenario('stop-processing');
      const trace = runOf(stop, { branch: 'b' });
      expect(describeEntry(entry('b-abandoned', trace), stop)).toBe(
        'Interaction Server → URS: EventAbandoned, in place of EventRevoked (T-Library)'
      );
    });

    it('does describe the timer in words', () => {
      expect(describeEntry(entry('timer-started'), fixtureScenario)).toBe(
        'Interaction Server starts the delivery timer (delivering-timeout 30 s, expires at 30 s)'
      );
      expect(describeEntry(entry('timer-cancelled'), fixtureScenario)).toBe(
        'Interaction Server cancels the delivery timer (it would have expired at 30 s)'
      );
      expect(describeEntry(entry('timer-expired', deliver('timeout')), fixtureScenario)).toBe(
        'The delivery timer expires at 30 s: Interaction Server revokes the invitation'
      );
    });

    it('does name the timer of the scenario that ran', () => {
      const transfer = realScenario('transfer');
      const trace = runOf(transfer, { branch: 'timeout', timeoutS: 45 });
      expect(describeEntry(entry('timer-started', trace), transfer)).toBe(
        'Interaction Server starts the invitation timer (invitation-timeout 45 s, expires at 45 s)'
      );
      expect(describeEntry(entry('timer-expired', trace), transfer)).toBe(
        'The invitation timer expires at 45 s: Interaction Server revokes the invitation'
      );
    });

    it('does describe a restarted timer with its new deadline', () => {
      const timer = entry('timer-started');
      if (timer.kind !== 'timer') throw new Error('expected a timer');
      const restarted: TraceEntry = { ...timer, action: 'restarted', at: 8_000, deadline: 38_000 };
      expect(describeEntry(restarted, fixtureScenario)).toBe(
        'Interaction Server restarts the delivery timer (delivering-timeout 30 s, now expires at 38 s)'
      );
    });

    it('does describe a lifeline event as the lifeline’s name and the event in words', () => {
      const trace = withLifelineEvents(deliver('accept'), SAMPLE_EVENTS);
      const events = trace.entries.filter((e) => e.kind === 'lifeline');
      expect(events.map((e) => describeEntry(e, fixtureScenario))).toEqual([
        'Interaction Server restarts',
        'Reporting Engine becomes secondary',
        'Agent Application disconnects from Interaction Server',
        'Agent Application connects to Interaction Server',
        'URS becomes primary'
      ]);
    });

    it('does give the timer’s length, not its deadline, as delivering-timeout', () => {
      const timer = entry('timer-started');
      if (timer.kind !== 'timer') throw new Error('expected a timer');
      const started: TraceEntry = { ...timer, at: 2_000, deadline: 32_000 };
      expect(describeEntry(started, fixtureScenario)).toContain('delivering-timeout 30 s');
      expect(describeEntry(started, fixtureScenario)).toContain('expires at 32 s');
    });
  });

  describe('lifelineEventWords', () => {
    it.each([
      ['connects', 'interaction-server', 'connects to Interaction Server'],
      ['disconnects', 'interaction-server', 'disconnects from Interaction Server'],
      ['connects', undefined, 'connects'],
      ['disconnects', undefined, 'disconnects'],
      ['restarts', undefined, 'restarts'],
      ['becomes-primary', undefined, 'becomes primary'],
      ['becomes-secondary', undefined, 'becomes secondary']
    ] as const)('does say %s (peer %s) as %j', (event, peer, words) => {
      expect(lifelineEventWords({ event, peer }, fixtureScenario)).toBe(words);
    });

    it('does name the peer by its id when the scenario does not name it', () => {
      expect(
        lifelineEventWords({ event: 'disconnects', peer: 'stat-server' }, fixtureScenario)
      ).toBe('disconnects from stat-server');
    });
  });

  describe('runSummary', () => {
    it.each([
      ['accept', 'delivering-timeout 30 s, agent accepts after 8 s. Outcome: Accepted.'],
      ['reject', 'delivering-timeout 30 s, agent rejects after 8 s. Outcome: Rejected.'],
      ['timeout', 'delivering-timeout 30 s, agent does not answer. Outcome: Timed out.']
    ])('does sum up a %s run with its timing and outcome', (branch, summary) => {
      expect(runSummary(deliver(branch), fixtureScenario)).toBe(summary);
    });

    it('does say when the answer lost the race', () => {
      expect(runSummary(deliver('reject', 5, 8), fixtureScenario)).toBe(
        'delivering-timeout 5 s, agent rejects after 8 s. Outcome: Timed out; the agent’s reject arrived too late.'
      );
    });

    it('does not mention a response time when the agent never answers', () => {
      expect(runSummary(deliver('timeout', 90, 8), fixtureScenario)).toBe(
        'delivering-timeout 1 min 30 s, agent does not answer. Outcome: Timed out.'
      );
    });

    it('does name the scenario’s timer and invited party', () => {
      const transfer = realScenario('transfer');
      expect(runSummary(runOf(transfer, { branch: 'accept', responseS: 2.5 }), transfer)).toBe(
        'invitation-timeout 30 s, Agent 2 accepts after 2.5 s. Outcome: Accepted.'
      );
      const conference = realScenario('conference');
      expect(runSummary(runOf(conference, { branch: 'accept', timeoutS: 5 }), conference)).toBe(
        'invitation-timeout 5 s, Agent 2 accepts after 8 s. Outcome: Timed out; Agent 2’s accept arrived too late.'
      );
    });

    it('does fall back to “the invited party” when the scenario names no one', () => {
      const nameless = {
        choice: fixtureScenario.choice,
        capabilities: { ...fixtureScenario.capabilities, response: null }
      };
      expect(runSummary(deliver('accept'), nameless)).toBe(
        'delivering-timeout 30 s, the invited party accepts after 8 s. Outcome: Accepted.'
      );
    });

    it('does give the chosen option, not timing, for a run without a timer', () => {
      const stop = realScenario('stop-processing');
      expect(runSummary(runOf(stop, { branch: 'd' }), stop)).toBe(
        'D: URS stops it. Outcome: Processing stopped.'
      );
      // Transfer's invalid request never starts the timer: the option and its hint say it all.
      const transfer = realScenario('transfer');
      expect(runSummary(runOf(transfer, { branch: 'invalid' }), transfer)).toBe(
        'Invalid (Interaction Server refuses the request). Outcome: Invalid.'
      );
    });

    it('does fall back to the branch id when the scenario does not offer it', () => {
      const stop = realScenario('stop-processing');
      expect(
        runSummary(runOf(stop, { branch: 'c' }), {
          choice: { name: 'Version', options: [] },
          capabilities: stop.capabilities
        })
      ).toBe('c. Outcome: Processing stopped.');
    });
  });

  describe('timesNote', () => {
    it.each([
      ['deliver-interaction-to-agent', 'timeout', 'RequestRouteCall'],
      ['transfer', 'accept', 'RequestTransfer'],
      ['conference', 'invalid', 'RequestConference'],
      ['stop-processing', 'a', 'RequestStopProcessing'],
      ['stop-processing', 'd', 'RequestRouteCall']
    ])('does count %s (%s) from its first message', (id, branch, origin) => {
      expect(timesNote(runOf(realScenario(id), { branch }))).toBe(
        `Times are virtual, from ${origin} at 0 s.`
      );
    });
  });
});
