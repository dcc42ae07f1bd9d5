import { describe, expect, it } from 'vitest';
import { defaultInput } from '../../../src/lib/engine/input';
import { run } from '../../../src/lib/engine/run';
import { toExportJson, toJsonText } from '../../../src/lib/trace/json';
import { SAMPLE_EVENTS, fixtureScenario, withLifelineEvents } from '../../fixtures/scenario';
import { realScenario } from '../../fixtures/content';

const deliver = (branch: string, timeoutS = 30, responseS = 8) =>
  run(fixtureScenario, { branch, timeoutS, responseS });

const MESSAGE_KEYS = [
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
];

describe('json', () => {
  describe('toExportJson', () => {
    it('does describe the run and number its events 1..N', () => {
      const trace = deliver('reject', 20, 2.5);
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

    it('does keep the branch chosen and report a lost race as a timeout', () => {
      expect(toExportJson(deliver('accept', 5, 8), fixtureScenario)).toMatchObject({
        branch: 'accept',
        outcome: 'timed-out',
        lateAnswer: true
      });
    });

    it('does write messages and timers with fixed keys in a fixed order', () => {
      const json = toExportJson(deliver('accept'), fixtureScenario);
      const [message] = json.events;
      expect(Object.keys(message ?? {})).toEqual(MESSAGE_KEYS);
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
        {
          action: 'started',
          at: 0,
          deadline: 30_000,
          timer: 'delivering-timeout',
          owner: 'interaction-server'
        },
        { action: 'cancelled', at: 8_000, deadline: 30_000 }
      ]);
    });

    it('does write lifeline events with fixed keys, and a peer only where there is one', () => {
      const trace = withLifelineEvents(deliver('accept'), SAMPLE_EVENTS);
      const json = toExportJson(trace, fixtureScenario);
      expect(json.events.map((e) => e.step)).toEqual(trace.entries.map((_, i) => i + 1));
      const events = json.events.filter((e) => e.kind === 'lifeline');
      expect(events).toHaveLength(SAMPLE_EVENTS.length);
      const [restarts, , disconnects] = events;
      expect(Object.keys(restarts ?? {})).toEqual([
        'step',
        'at',
        'kind',
        'lifeline',
        'event',
        'phase',
        'provenance'
      ]);
      expect(restarts).toEqual({
        step: 2,
        at: 0,
        kind: 'lifeline',
        lifeline: 'interaction-server',
        event: 'restarts',
        phase: 'urs-requests-delivery',
        provenance: 'modeled'
      });
      expect(Object.keys(disconnects ?? {})).toEqual([
        'step',
        'at',
        'kind',
        'lifeline',
        'event',
        'peer',
        'phase',
        'provenance'
      ]);
      expect(disconnects).toMatchObject({
        step: 8,
        lifeline: 'agent-application',
        event: 'disconnects',
        peer: 'interaction-server',
        provenance: 'documented'
      });
      expect(JSON.parse(toJsonText(trace, fixtureScenario))).toEqual(json);
    });

    it('does add inPlaceOf after the name of a stand-in, and only there', () => {
      const stop = realScenario('stop-processing');
      const json = toExportJson(run(stop, { ...defaultInput(stop), branch: 'd' }), stop);
      const [request, answer, removed] = json.events;
      const withStandIn = [...MESSAGE_KEYS];
      withStandIn.splice(MESSAGE_KEYS.indexOf('name') + 1, 0, 'inPlaceOf');
      expect(Object.keys(request ?? {})).toEqual(withStandIn);
      expect(request).toMatchObject({
        name: 'RequestRouteCall',
        inPlaceOf: 'RequestStopProcessing'
      });
      expect(answer).toMatchObject({ name: 'EventRouteUsed', inPlaceOf: 'EventAck' });
      expect(Object.keys(removed ?? {})).toEqual(MESSAGE_KEYS);
      // Deliver has no stand-ins: no event carries the key at all, not even as undefined.
      const plain = toExportJson(deliver('accept'), fixtureScenario);
      expect(plain.events.some((e) => 'inPlaceOf' in e)).toBe(false);
    });

    it('does give a sequence scenario empty input, its version as outcome and no timer', () => {
      const stop = realScenario('stop-processing');
      const json = toExportJson(run(stop, { ...defaultInput(stop), branch: 'b' }), stop);
      expect(json).toMatchObject({
        scenario: 'stop-processing',
        branch: 'b',
        outcome: 'b',
        lateAnswer: false
      });
      expect(json.input).toEqual({});
      expect(json.events.length).toBeGreaterThan(0);
      expect(json.events.every((e) => e.kind === 'message' && e.at === 0)).toBe(true);
    });

    it('does keep an invitation’s timing even when the run never starts its timer', () => {
      const transfer = realScenario('transfer');
      const json = toExportJson(
        run(transfer, { ...defaultInput(transfer), branch: 'invalid' }),
        transfer
      );
      expect(json).toMatchObject({
        scenario: 'transfer',
        branch: 'invalid',
        outcome: 'invalid',
        input: { timeoutS: 30, responseS: 8 }
      });
      expect(json.events.map((e) => e.kind)).toEqual(['message', 'message']);
    });

    it('does not share attribute objects with the engine', () => {
      const trace = deliver('accept');
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
      const trace = deliver('timeout');
      const text = toJsonText(trace, fixtureScenario);
      expect(text.endsWith('}\n')).toBe(true);
      expect(text.split('\n')[1]).toBe('  "scenario": "deliver-interaction-to-agent",');
      expect(JSON.parse(text)).toEqual(toExportJson(trace, fixtureScenario));
    });

    it('does give byte-identical text for the same input', () => {
      expect(toJsonText(deliver('accept', 5, 8), fixtureScenario)).toBe(
        toJsonText(deliver('accept', 5, 8), fixtureScenario)
      );
    });
  });
});
