/**
 * The quiz's rules as pure functions: what the learner is asked before each message, which
 * candidates they choose from, and where a quiz stands given the answers so far. The candidates
 * are a function of (trace, scenario, seed, step) only, so a class that shares a seed sees the
 * same candidates in the same order, and a reload asks the same question again.
 */
import type { Scenario } from '$lib/content/types';
import type { MessageEntry, Trace } from '$lib/engine/types';
import { lifelineName } from '$lib/trace/format';

/** One possible next message: who sends what to whom. */
export interface Candidate {
  /** Identity of the message within a scenario: sender, receiver and name. */
  key: string;
  from: string;
  to: string;
  name: string;
  /** "URS → Interaction Server: RequestRouteCall". */
  label: string;
}

export interface Question {
  /** The step (1-based) the question is about: the message about to be revealed. */
  step: number;
  entry: MessageEntry;
  /** Three or four, in the seed's order; one of them is `answer`. */
  candidates: Candidate[];
  /** The right candidate's key. */
  answer: string;
}

/** What the learner picked for the message at `step`. */
export interface Answer {
  step: number;
  /** A candidate's key. */
  picked: string;
}

/** Most candidates shown: the right one and three others. */
export const MAX_CANDIDATES = 4;

export function candidateKey(from: string, to: string, name: string): string {
  return `${from}→${to}:${name}`;
}

function candidate(from: string, to: string, name: string, scenario: Scenario): Candidate {
  return {
    key: candidateKey(from, to, name),
    from,
    to,
    name,
    label: `${lifelineName(from, scenario)} → ${lifelineName(to, scenario)}: ${name}`
  };
}

/**
 * Every distinct message the scenario can send, over all its options, in the content's order:
 * the pool distractors are drawn from, so a wrong candidate is always a real message of this
 * model, just not the next one.
 */
export function scenarioMessages(scenario: Scenario): Candidate[] {
  const seen = new Map<string, Candidate>();
  for (const step of Object.values(scenario.steps)) {
    if (step.kind !== 'message') continue;
    const c = candidate(step.from, step.to, step.message, scenario);
    if (!seen.has(c.key)) seen.set(c.key, c);
  }
  return [...seen.values()];
}

/** The right answer for a message entry. */
export function answerOf(entry: MessageEntry, scenario: Scenario): Candidate {
  return candidate(entry.from, entry.to, entry.message.name, scenario);
}

/** FNV-1a: a 32-bit hash of a string, to seed the generator from text. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a small seeded generator of numbers in [0, 1); enough for shuffling a handful. */
export function seededRandom(seed: string): () => number {
  let a = hash(seed);
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates with the given generator; returns a new array. */
function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/**
 * The question asked before the message at `step` is revealed, or null when that entry is not a
 * message (a timer or a lifeline event is revealed without a question). The distractors and the
 * order depend on the seed, the scenario, the option and the step, so two questions of one quiz
 * differ and a class with one seed sees the same thing. A scenario with fewer than three other
 * messages gets fewer candidates: there is nothing real left to offer.
 */
export function questionFor(
  trace: Trace,
  scenario: Scenario,
  seed: string,
  step: number
): Question | null {
  const entry = trace.entries[step - 1];
  if (!entry || entry.kind !== 'message') return null;
  const right = answerOf(entry, scenario);
  const random = seededRandom(`${seed}|${scenario.id}|${trace.input.branch}|${step}`);
  const others = scenarioMessages(scenario).filter((c) => c.key !== right.key);
  const distractors = shuffle(others, random).slice(0, MAX_CANDIDATES - 1);
  return { step, entry, candidates: shuffle([right, ...distractors], random), answer: right.key };
}

/** The steps that ask a question: the run's messages. */
export function questionSteps(trace: Trace): number[] {
  return trace.entries.filter((e) => e.kind === 'message').map((e) => e.step);
}

/** The first message step without an answer, or null when every question is answered. */
export function nextQuestionStep(trace: Trace, answers: readonly Answer[]): number | null {
  const answered = new Set(answers.map((a) => a.step));
  return questionSteps(trace).find((step) => !answered.has(step)) ?? null;
}

/**
 * How many entries are revealed while the learner is asked about `step`: everything before it,
 * timers and lifeline events included (they are revealed without a question). With no question
 * left, the whole run.
 */
export function revealedBefore(trace: Trace, step: number | null): number {
  return step === null ? trace.entries.length : step - 1;
}

export function isRight(answer: Answer, trace: Trace, scenario: Scenario): boolean {
  const entry = trace.entries[answer.step - 1];
  return entry?.kind === 'message' && answerOf(entry, scenario).key === answer.picked;
}

/** "Score: x / y": right answers out of answers given. */
export function scoreOf(
  answers: readonly Answer[],
  trace: Trace,
  scenario: Scenario
): { right: number; asked: number } {
  const right = answers.filter((a) => isRight(a, trace, scenario)).length;
  return { right, asked: answers.length };
}

/** A seed a person can read and share: letters, digits, '-' and '_', up to 32 characters. */
const SEED_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;

/** The seed of a `seed=` query value, or null if there is none or it is not a valid seed. */
export function parseSeed(raw: string | null): string | null {
  return raw !== null && SEED_PATTERN.test(raw) ? raw : null;
}

/** A fresh six-character seed from the given random source. */
export function newSeed(random: () => number = Math.random): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
  let seed = '';
  for (let i = 0; i < 6; i++) seed += alphabet[Math.floor(random() * alphabet.length)];
  return seed;
}
