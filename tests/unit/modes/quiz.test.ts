import { describe, expect, it } from 'vitest';
import { loadContentFromDisk } from '$lib/content/node';
import { defaultInput, run, type Trace } from '$lib/engine';
import {
  answerOf,
  candidateKey,
  newSeed,
  nextQuestionStep,
  parseSeed,
  questionFor,
  questionSteps,
  revealedBefore,
  scenarioMessages,
  scoreOf,
  seededRandom
} from '$lib/modes/quiz';
import { withLifelineEvents } from '../../fixtures/scenario';

const { scenarios } = loadContentFromDisk();

function runOf(id: string, branch: string): { scenario: (typeof scenarios)[number]; trace: Trace } {
  const scenario = scenarios.find((s) => s.id === id);
  if (!scenario) throw new Error(`no scenario ${id}`);
  return { scenario, trace: run(scenario, { ...defaultInput(scenario), branch }) };
}

/** Every scenario of content/ with each of its options. */
const everyRun = scenarios.flatMap((scenario) =>
  scenario.choice.options.map((o) => ({
    name: `${scenario.id} ${o.id}`,
    scenario,
    trace: run(scenario, { ...defaultInput(scenario), branch: o.id })
  }))
);

describe('quiz', () => {
  describe('questionFor', () => {
    it.each(everyRun)(
      'does offer 3 or 4 distinct candidates of the scenario, one of them right, on $name',
      ({ scenario, trace }) => {
        const pool = new Set(scenarioMessages(scenario).map((c) => c.key));
        for (const seed of ['a', 'class-7', 'zz9']) {
          for (const step of questionSteps(trace)) {
            const q = questionFor(trace, scenario, seed, step);
            if (!q) throw new Error(`no question at step ${step}`);
            const keys = q.candidates.map((c) => c.key);
            expect(keys.length).toBeGreaterThanOrEqual(3);
            expect(keys.length).toBeLessThanOrEqual(4);
            expect(new Set(keys).size).toBe(keys.length);
            expect(new Set(q.candidates.map((c) => c.label)).size).toBe(keys.length);
            expect(keys.filter((k) => k === q.answer)).toHaveLength(1);
            for (const key of keys) expect(pool.has(key)).toBe(true);
            const entry = trace.entries[step - 1];
            if (entry?.kind !== 'message') throw new Error('not a message');
            expect(q.answer).toBe(candidateKey(entry.from, entry.to, entry.message.name));
          }
        }
      }
    );

    it('does give the same candidates in the same order for the same seed', () => {
      const { scenario, trace } = runOf('transfer', 'accept');
      for (const step of questionSteps(trace)) {
        const a = questionFor(trace, scenario, 'room-101', step);
        const b = questionFor(trace, scenario, 'room-101', step);
        expect(b).toEqual(a);
      }
    });

    it('does order or choose candidates differently for other seeds', () => {
      const { scenario, trace } = runOf('deliver-interaction-to-agent', 'accept');
      const orders = new Set(
        ['s1', 's2', 's3', 's4', 's5', 's6', 's7', 's8'].map((seed) =>
          questionFor(trace, scenario, seed, 1)
            ?.candidates.map((c) => c.key)
            .join(',')
        )
      );
      expect(orders.size).toBeGreaterThan(1);
    });

    it('does ask nothing before a timer entry', () => {
      const { scenario, trace } = runOf('transfer', 'accept');
      const timer = trace.entries.find((e) => e.kind === 'timer');
      expect(timer).toBeDefined();
      expect(questionFor(trace, scenario, 'x', timer?.step ?? 0)).toBeNull();
      expect(questionSteps(trace)).not.toContain(timer?.step);
    });

    it('does ask nothing before a lifeline event, and count it as no question', () => {
      const { scenario, trace: plain } = runOf('transfer', 'accept');
      const trace = withLifelineEvents(plain, [
        { after: 1, lifeline: 'agent-2', event: 'disconnects', peer: 'interaction-server' },
        { after: 1, lifeline: 'interaction-server', event: 'restarts' }
      ]);
      expect(questionFor(trace, scenario, 'x', 2)).toBeNull();
      expect(questionFor(trace, scenario, 'x', 3)).toBeNull();
      // The same messages are asked about, each at its step in the longer run.
      const asked = (t: Trace) =>
        questionSteps(t).map((step) => questionFor(t, scenario, 'x', step)?.answer);
      expect(asked(trace)).toEqual(asked(plain));
      expect(questionSteps(trace)).toEqual(
        trace.entries.filter((e) => e.kind === 'message').map((e) => e.step)
      );
      // After the first answer, the events are revealed with the next question.
      const next = nextQuestionStep(trace, [{ step: 1, picked: 'nope' }]);
      expect(next).toBe(questionSteps(trace)[1]);
      expect(revealedBefore(trace, next)).toBeGreaterThanOrEqual(3);
    });

    it('does draw distractors from every option, not only the run', () => {
      const { scenario, trace } = runOf('stop-processing', 'd');
      const inRun = new Set(
        trace.entries.flatMap((e) => (e.kind === 'message' ? [answerOf(e, scenario).key] : []))
      );
      const offered = new Set(
        Array.from({ length: 20 }, (_, i) => `seed${i}`).flatMap((seed) =>
          questionSteps(trace).flatMap(
            (step) => questionFor(trace, scenario, seed, step)?.candidates.map((c) => c.key) ?? []
          )
        )
      );
      expect([...offered].some((key) => !inRun.has(key))).toBe(true);
    });

    it('does label a candidate with the lifelines’ names and the message', () => {
      const { scenario, trace } = runOf('stop-processing', 'd');
      const entry = trace.entries[0];
      if (entry?.kind !== 'message') throw new Error('not a message');
      expect(answerOf(entry, scenario).label).toBe('URS → Interaction Server: RequestRouteCall');
    });
  });

  describe('progress', () => {
    it('does move past timers to the next message and reveal the whole run at the end', () => {
      const { scenario, trace } = runOf('transfer', 'accept');
      const steps = questionSteps(trace);
      expect(nextQuestionStep(trace, [])).toBe(steps[0]);
      const first = steps[0] ?? 0;
      const second = steps[1] ?? 0;
      const answers = [{ step: first, picked: 'nope' }];
      expect(nextQuestionStep(trace, answers)).toBe(second);
      // Transfer starts its timer after the request: it is revealed with no question.
      expect(trace.entries[second - 2]?.kind).toBe('timer');
      expect(revealedBefore(trace, second)).toBe(second - 1);
      const all = steps.map((step) => ({
        step,
        picked: answerOf(trace.entries[step - 1] as never, scenario).key
      }));
      expect(nextQuestionStep(trace, all)).toBeNull();
      expect(revealedBefore(trace, null)).toBe(trace.entries.length);
    });

    it('does score right answers out of those given', () => {
      const { scenario, trace } = runOf('stop-processing', 'd');
      const [a, b] = questionSteps(trace);
      const right = (step = 0) => answerOf(trace.entries[step - 1] as never, scenario).key;
      expect(scoreOf([], trace, scenario)).toEqual({ right: 0, asked: 0 });
      expect(
        scoreOf(
          [
            { step: a ?? 0, picked: right(a) },
            { step: b ?? 0, picked: right(a) }
          ],
          trace,
          scenario
        )
      ).toEqual({ right: 1, asked: 2 });
    });
  });

  describe('seeds', () => {
    it('does accept short readable seeds and refuse others', () => {
      expect(parseSeed('abc-12_X')).toBe('abc-12_X');
      expect(parseSeed(null)).toBeNull();
      expect(parseSeed('')).toBeNull();
      expect(parseSeed('<script>')).toBeNull();
      expect(parseSeed('x'.repeat(33))).toBeNull();
    });

    it('does make a valid seed, and the generator repeat for a seed', () => {
      expect(parseSeed(newSeed())).not.toBeNull();
      const a = seededRandom('k');
      const b = seededRandom('k');
      const xs = [a(), a(), a()];
      expect([b(), b(), b()]).toEqual(xs);
      for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
    });
  });
});
