import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../../src/lib/content/types';
import { defaultInput } from '../../../src/lib/engine/input';
import { run } from '../../../src/lib/engine/run';
import type { Trace } from '../../../src/lib/engine/types';
import { formatAt, messageLabel } from '../../../src/lib/trace/format';
import { toText } from '../../../src/lib/trace/text';
import {
  SAMPLE_EVENTS,
  fixtureScenario,
  hostileScenario,
  withLifelineEvents
} from '../../fixtures/scenario';
import { realScenario } from '../../fixtures/content';

/** Entry lines start with a right-aligned time, e.g. " 0 s  1". */
const ENTRY = /^ *\d[\d.]*( (s|min|h))+ /u;

const deliver = (branch: string, timeoutS = 30, responseS = 8) =>
  run(fixtureScenario, { branch, timeoutS, responseS });
const runOf = (scenario: Scenario, branch: string) =>
  run(scenario, { ...defaultInput(scenario), branch });

/** Where the lifelines are: the columns of the `|` on the line under the names. */
function lifelineColumns(text: string): number[] {
  const axis = text.split('\n').find((l) => /^ +\|/u.test(l));
  if (!axis) throw new Error('no lifeline row');
  return [...axis.matchAll(/\|/gu)].map((m) => m.index);
}

/** Every fixture branch at a 5 s timeout (so accept and reject lose the race), and more. */
const RUNS: [string, Scenario, Trace][] = [
  ...fixtureScenario.choice.options.map((o): [string, Scenario, Trace] => [
    `deliver ${o.id}`,
    fixtureScenario,
    deliver(o.id, 5, 8)
  ]),
  ['transfer invalid', realScenario('transfer'), runOf(realScenario('transfer'), 'invalid')],
  ['conference accept', realScenario('conference'), runOf(realScenario('conference'), 'accept')],
  [
    'stop-processing b',
    realScenario('stop-processing'),
    runOf(realScenario('stop-processing'), 'b')
  ]
];

describe('text', () => {
  describe('toText', () => {
    it.each(RUNS)('does write one line per trace entry, in order (%s)', (_, scenario, trace) => {
      const lines = toText(trace, scenario)
        .split('\n')
        .filter((l) => ENTRY.test(l));
      expect(lines).toHaveLength(trace.entries.length);
      lines.forEach((line, i) => {
        const entry = trace.entries[i];
        if (!entry) throw new Error('missing entry');
        expect(line.trimStart().startsWith(formatAt(entry.at))).toBe(true);
        if (entry.kind === 'message') {
          expect(line).toContain(`  ${messageLabel(entry.message)} (${entry.message.protocol})`);
        }
        expect(line.endsWith(' [modeled]')).toBe(entry.provenance === 'modeled');
      });
    });

    it('does draw each lifeline in one column on every line', () => {
      const text = toText(deliver('accept'), fixtureScenario);
      const lines = text.split('\n');
      const columns = lifelineColumns(text);
      expect(columns).toHaveLength(4);
      for (const line of lines.filter((l) => ENTRY.test(l))) {
        for (const c of columns) expect(line[c]).toMatch(/[|\-<>*]/u);
      }
      // URS → Interaction Server: an arrow from the first lifeline to the second.
      const first = lines.find((l) => l.includes('RequestRouteCall')) ?? '';
      expect(first.slice(columns[0], (columns[1] ?? 0) + 1)).toMatch(/^\|-+>\|$/u);
      const back = lines.find((l) => l.includes('EventRouteUsed')) ?? '';
      expect(back.slice(columns[0], (columns[1] ?? 0) + 1)).toMatch(/^\|<-+\|$/u);
      // The timer is a mark on Interaction Server's lifeline.
      const timer = lines.find((l) => l.includes('starts the delivery timer')) ?? '';
      expect(timer[columns[1] ?? 0]).toBe('*');
    });

    it('does mark each lifeline event with # on its lifeline, with no number, in words', () => {
      const trace = withLifelineEvents(deliver('accept'), SAMPLE_EVENTS);
      const text = toText(trace, fixtureScenario);
      const lines = text.split('\n');
      const entries = lines.filter((l) => ENTRY.test(l));
      expect(entries).toHaveLength(trace.entries.length);
      const columns = lifelineColumns(text);
      const line = (words: string) => lines.find((l) => l.endsWith(words)) ?? '';
      const restarts = line('  Interaction Server restarts [modeled]');
      expect(restarts[columns[1] ?? 0]).toBe('#');
      const disconnects = line('  Agent Application disconnects from Interaction Server');
      expect(disconnects[columns[2] ?? 0]).toBe('#');
      // Only the lifeline's own column is marked; the others stay plain lifelines.
      expect(columns.filter((c) => disconnects[c] === '|')).toHaveLength(3);
      expect(line('  Reporting Engine becomes secondary')[columns[3] ?? 0]).toBe('#');
      expect(line('  URS becomes primary')[columns[0] ?? 0]).toBe('#');
      // Messages keep their numbers 1..8; an event has none.
      const numbers = entries.flatMap((l) => {
        const seq = /^ *\S+ (?:s|min|h)(?: \S+ (?:s|min|h))* +(\d+) /u.exec(l)?.[1];
        return seq ? [Number(seq)] : [];
      });
      expect(numbers).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(text).toContain(
        '\nArrows are messages, numbered in the order sent; * is the delivery timer on its owner; # is something that happens to a lifeline itself.\n'
      );
      expect(toText(deliver('accept'), fixtureScenario)).not.toContain('# is something');
    });

    it('does give Stop Processing five lifelines, with the stand-ins named', () => {
      const stop = realScenario('stop-processing');
      const text = toText(runOf(stop, 'd'), stop);
      const columns = lifelineColumns(text);
      expect(columns).toHaveLength(5);
      expect(text).toMatch(
        /^Time {2}# +Media Server +URS +Interaction Server +Agent Application +Reporting Engine$/mu
      );
      const lines = text.split('\n');
      // URS (second lifeline) → Interaction Server (third) and back.
      const request = lines.find((l) => l.includes('RequestRouteCall')) ?? '';
      expect(request.slice(columns[1], (columns[2] ?? 0) + 1)).toMatch(/^\|-+>\|$/u);
      expect(
        request.endsWith('  RequestRouteCall, in place of RequestStopProcessing (T-Library)')
      ).toBe(true);
      const answer = lines.find((l) => l.includes('EventRouteUsed')) ?? '';
      expect(answer.slice(columns[1], (columns[2] ?? 0) + 1)).toMatch(/^\|<-+\|$/u);
      expect(answer.endsWith('  EventRouteUsed, in place of EventAck (T-Library)')).toBe(true);
    });

    it('does centre the names over their lifelines and separate phases by title', () => {
      const text = toText(deliver('timeout'), fixtureScenario);
      expect(text).toMatch(
        /^Time {2}# +URS +Interaction Server +Agent Application +Reporting Engine$/mu
      );
      expect(text).toContain('\n=== URS Requests Delivery ===\n');
      expect(text).toContain('\n=== Agent Fails to Respond in Time ===\n');
      expect(text).toContain(
        'The delivery timer expires at 30 s: Interaction Server revokes the invitation'
      );
    });

    it('does start with the title and the run’s summary', () => {
      const text = toText(deliver('reject', 5, 8), fixtureScenario);
      expect(text.split('\n').slice(0, 2)).toEqual([
        'Deliver Interaction to Agent: reject branch',
        'delivering-timeout 5 s, agent rejects after 8 s. Outcome: Timed out; the agent’s reject arrived too late.'
      ]);
      const stop = realScenario('stop-processing');
      expect(toText(runOf(stop, 'c'), stop).split('\n').slice(0, 2)).toEqual([
        'Stop Processing: version c',
        'C: the agent stops it. Outcome: Processing stopped.'
      ]);
    });

    it('does explain the timer mark in the legend only when the run has a timer', () => {
      expect(toText(deliver('accept'), fixtureScenario)).toContain(
        '\nArrows are messages, numbered in the order sent; * is the delivery timer on its owner.\n'
      );
      const transfer = realScenario('transfer');
      expect(toText(runOf(transfer, 'timeout'), transfer)).toContain(
        '; * is the invitation timer on its owner.\n'
      );
      const stop = realScenario('stop-processing');
      for (const text of [
        toText(runOf(stop, 'a'), stop),
        toText(runOf(transfer, 'invalid'), transfer)
      ]) {
        expect(text).toContain('\nArrows are messages, numbered in the order sent.\n');
        expect(text).not.toContain('* is the');
      }
    });

    it('does end with the times note, counted from the run’s first message', () => {
      expect(toText(deliver('accept'), fixtureScenario)).toMatch(
        /\nTimes are virtual, from RequestRouteCall at 0 s\.\n$/u
      );
      const stop = realScenario('stop-processing');
      expect(toText(runOf(stop, 'a'), stop)).toMatch(
        /\nTimes are virtual, from RequestStopProcessing at 0 s\.\n$/u
      );
    });

    it('does stay plain text: no colours, tabs or stray line breaks', () => {
      const scenario = hostileScenario();
      const trace = runOf(scenario, 'reject');
      const text = toText(trace, scenario);
      expect(text).not.toContain('\u001b');
      expect(text).not.toContain('\t');
      expect(text).not.toContain('\r');
      const lines = text.split('\n').filter((l) => ENTRY.test(l));
      expect(lines).toHaveLength(trace.entries.length);
    });
  });
});
