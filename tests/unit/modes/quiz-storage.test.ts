import { describe, expect, it } from 'vitest';
import { loadContentFromDisk } from '$lib/content/node';
import { defaultInput, run } from '$lib/engine';
import { answerOf, questionSteps, type Answer } from '$lib/modes/quiz';
import {
  loadProgress,
  resetProgress,
  saveProgress,
  STORAGE_VERSION,
  storageKey,
  type QuizStorage
} from '$lib/modes/quiz-storage';

const { scenarios } = loadContentFromDisk();
const scenario = scenarios.find((s) => s.id === 'transfer');
if (!scenario) throw new Error('no transfer scenario');
const trace = run(scenario, { ...defaultInput(scenario), branch: 'accept' });
const key = storageKey('transfer', 'accept');

/** localStorage's surface over a Map. */
function memoryStorage(initial: Record<string, string> = {}): QuizStorage & {
  map: Map<string, string>;
} {
  const map = new Map(Object.entries(initial));
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k)
  };
}

const steps = questionSteps(trace);
const twoAnswers: Answer[] = [
  {
    step: steps[0] ?? 0,
    picked: answerOf(trace.entries[(steps[0] ?? 0) - 1] as never, scenario).key
  },
  { step: steps[1] ?? 0, picked: 'urs→interaction-server:Nope' }
];

/** A stored value as the site writes it, with `patch` applied. */
function stored(patch: Record<string, unknown> = {}): string {
  const storage = memoryStorage();
  saveProgress(storage, scenario as never, trace, twoAnswers);
  return JSON.stringify({ ...JSON.parse(storage.map.get(key) ?? '{}'), ...patch });
}

describe('quiz-storage', () => {
  it('does give back the answers it saved', () => {
    const storage = memoryStorage();
    saveProgress(storage, scenario, trace, twoAnswers);
    expect(JSON.parse(storage.map.get(key) ?? '').version).toBe(STORAGE_VERSION);
    expect(loadProgress(storage, scenario, trace)).toEqual(twoAnswers);
  });

  it('does keep each option apart', () => {
    const storage = memoryStorage();
    saveProgress(storage, scenario, trace, twoAnswers);
    const reject = run(scenario, { ...defaultInput(scenario), branch: 'reject' });
    expect(loadProgress(storage, scenario, reject)).toEqual([]);
    expect(loadProgress(storage, scenario, trace)).toEqual(twoAnswers);
  });

  it('does start afresh with nothing stored', () => {
    expect(loadProgress(memoryStorage(), scenario, trace)).toEqual([]);
  });

  it.each([
    ['corrupt JSON', '{"version":1,'],
    ['JSON that is not an object', '42'],
    ['null', 'null'],
    ['an old version', stored({ version: 0 })],
    ['a newer version', stored({ version: STORAGE_VERSION + 1 })],
    ['no version', stored({ version: undefined })],
    ['a foreign shape', JSON.stringify({ hello: 'world' })],
    ['answers that are not a list', stored({ answers: 'all right' })],
    ['an answer with a bad step', stored({ answers: [{ step: -1, picked: 'x' }] })],
    ['an answer with a fractional step', stored({ answers: [{ step: 1.5, picked: 'x' }] })],
    ['another scenario', stored({ scenario: 'conference' })],
    ['another option', stored({ branch: 'reject' })],
    ['another run', stored({ run: 'request invite' })],
    ['answers out of order', stored({ answers: [...twoAnswers].reverse() })],
    [
      'an answer to a timer',
      stored({ answers: [twoAnswers[0], { step: (steps[1] ?? 0) - 1, picked: 'x' }] })
    ],
    [
      'more answers than questions',
      stored({
        answers: [...steps, 99].map((step) => ({ step, picked: 'x' }))
      })
    ]
  ])('does discard %s without an error, and remove it', (_, value) => {
    const storage = memoryStorage({ [key]: value });
    expect(loadProgress(storage, scenario, trace)).toEqual([]);
    expect(storage.map.has(key)).toBe(false);
  });

  it('does reset one scenario and option only', () => {
    const storage = memoryStorage();
    saveProgress(storage, scenario, trace, twoAnswers);
    storage.setItem(storageKey('transfer', 'reject'), 'kept');
    resetProgress(storage, 'transfer', 'accept');
    expect(storage.map.has(key)).toBe(false);
    expect(storage.map.get(storageKey('transfer', 'reject'))).toBe('kept');
  });

  it('does carry on when storage throws', () => {
    const refusing: QuizStorage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {
        throw new Error('SecurityError');
      }
    };
    expect(loadProgress(refusing, scenario, trace)).toEqual([]);
    expect(() => saveProgress(refusing, scenario, trace, twoAnswers)).not.toThrow();
    expect(() => resetProgress(refusing, 'transfer', 'accept')).not.toThrow();
  });
});
