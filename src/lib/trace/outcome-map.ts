/**
 * The outcome map of an invitation: for one timer length and one answer (accept or reject),
 * which outcome each response time from 0 to twice the timeout leads to. It is found by running
 * the engine, not by restating its rule, so the map shows what the model does, tie included.
 */
import type { ChoiceOption, InvitationScenario, Provenance } from '../content/types';
import { grouped } from '../engine/input';
import { run } from '../engine/run';

/** A stretch of response times, both ends included, that ends the same way. */
export interface OutcomeBand {
  /** The first response time of the band, seconds (a multiple of 0.1). */
  from: number;
  /** The last response time of the band, seconds: the next band starts 0.1 s later. */
  to: number;
  /** The engine's outcome id: `accepted`, `rejected`, `timed-out`. */
  outcome: string;
  /** The option whose ending this is: a late accept ends as `timeout`. */
  endedAs: string;
  /** The run's ending in words, e.g. "Timed out; the agent’s accept arrived too late". */
  outcomeLabel: string;
  /** The answer came after the timer had revoked the invitation. */
  lateAnswer: boolean;
}

/**
 * Response times run on a grid of tenths of a second (what the response field accepts). The map
 * runs the engine at this many evenly spaced points at most, then pins each change of outcome
 * between two of them to the tenth by bisection: about 45 runs for a map, whatever the timeout.
 */
export const MAP_SAMPLES = 40;

/** The option ids whose run has a response time: the invited party's two answers. */
const ANSWERS = ['accept', 'reject'];

/**
 * The rule at the tie point, and its standing: GenEM does not say which wins when the answer
 * comes at the deadline; the model sets the timer before the invitation goes out, and things
 * due at the same virtual time happen in the order they were scheduled (README, "What the model
 * assumes").
 */
export const TIE_RULE: { text: string; provenance: Provenance; note: string } = {
  text: 'an answer at or after the deadline loses to the timer',
  provenance: 'modeled',
  note:
    'The reference does not say which wins when the answer and the deadline coincide. In the ' +
    'model the timer is set before the invitation goes out, and things due at the same virtual ' +
    'time happen in the order they were scheduled, so the timer fires first.'
};

/** The options a response time applies to, in the scenario's order: Accept and Reject. */
export function answeringOptions(scenario: InvitationScenario): ChoiceOption[] {
  return scenario.choice.options.filter((o) => ANSWERS.includes(o.id));
}

/** The options with no response time: Timeout (no answer) and Invalid (nobody invited). */
export function unansweredOptions(scenario: InvitationScenario): ChoiceOption[] {
  return scenario.choice.options.filter((o) => !ANSWERS.includes(o.id));
}

/** The map's right end, seconds: twice the timer's length. */
export const mapEnd = (timeoutS: number) => 2 * timeoutS;

type Sample = Omit<OutcomeBand, 'from' | 'to'>;
const sameEnding = (a: Sample, b: Sample) =>
  a.outcome === b.outcome &&
  a.endedAs === b.endedAs &&
  a.outcomeLabel === b.outcomeLabel &&
  a.lateAnswer === b.lateAnswer;

/**
 * Runs the engine across [0, 2 × timeout] and groups the response times into bands. Not
 * memoised: {@link outcomeBands} is what views call.
 */
export function computeOutcomeBands(
  scenario: InvitationScenario,
  timeoutS: number,
  branch: string
): OutcomeBand[] {
  // Integer tenths of a second throughout, so 29.9 is 299 and never 29.900000000000002.
  const endD = Math.round(mapEnd(timeoutS) * 10);
  const ending = new Map<number, Sample>();
  const at = (d: number): Sample => {
    let known = ending.get(d);
    if (!known) {
      const trace = run(scenario, { branch, timeoutS, responseS: d / 10 });
      known = {
        outcome: trace.outcome,
        endedAs: trace.endedAs,
        outcomeLabel: trace.outcomeLabel,
        lateAnswer: trace.lateAnswer
      };
      ending.set(d, known);
    }
    return known;
  };

  /** Every change of ending between a and b, as the last tenth before it. */
  const changes: number[] = [];
  const findChanges = (a: number, b: number) => {
    if (sameEnding(at(a), at(b))) return;
    let lo = a;
    let hi = b;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (sameEnding(at(mid), at(lo))) lo = mid;
      else hi = mid;
    }
    changes.push(lo);
    findChanges(hi, b);
  };

  const intervals = Math.max(1, Math.min(MAP_SAMPLES, endD));
  let previous = 0;
  for (let i = 1; i <= intervals; i++) {
    const d = Math.round((i * endD) / intervals);
    if (d > previous) findChanges(previous, d);
    previous = d;
  }

  const bands: OutcomeBand[] = [];
  let from = 0;
  for (const last of [...changes, endD]) {
    bands.push({ from: from / 10, to: last / 10, ...at(last) });
    from = last + 1;
  }
  return bands;
}

/** Maps already worked out, per scenario, by timeout and answer; the oldest is dropped first. */
const memo = new WeakMap<InvitationScenario, Map<string, OutcomeBand[]>>();
const MEMO_SIZE = 32;

/**
 * The bands for one timeout and one answer, computed once: they do not depend on the step or on
 * the response time, so neither stepping nor moving the response time recomputes them.
 */
export function outcomeBands(
  scenario: InvitationScenario,
  timeoutS: number,
  branch: string
): OutcomeBand[] {
  let maps = memo.get(scenario);
  if (!maps) memo.set(scenario, (maps = new Map()));
  const key = `${timeoutS}|${branch}`;
  let bands = maps.get(key);
  if (!bands) {
    bands = computeOutcomeBands(scenario, timeoutS, branch);
    if (maps.size >= MEMO_SIZE) maps.delete(maps.keys().next().value as string);
    maps.set(key, bands);
  }
  return bands;
}

/** The band a response time falls in, or null beyond the map. */
export function bandAt(bands: readonly OutcomeBand[], responseS: number): OutcomeBand | null {
  // Compare in tenths: the bands' ends are tenths, and so is any valid response time.
  const d = Math.round(responseS * 10);
  return bands.find((b) => Math.round(b.from * 10) <= d && d <= Math.round(b.to * 10)) ?? null;
}

/**
 * Seconds as the timing fields take them, grouped: "29.9", "86,399.9". The map stays in seconds
 * rather than "1 min" so its numbers read like the field they set.
 */
export const mapSeconds = (s: number) => grouped(Math.round(s * 10) / 10);

/** A band's response times in words: "0 to 29.9 s", or "30 s" for a single tenth. */
export function bandRange(band: Pick<OutcomeBand, 'from' | 'to'>): string {
  const to = `${mapSeconds(band.to)} s`;
  return band.from === band.to ? to : `${mapSeconds(band.from)} to ${to}`;
}

/** The whole map of one answer as a sentence: "0 to 29.9 s: Accepted; 30 to 60 s: Timed out; …". */
export function bandsText(bands: readonly OutcomeBand[]): string {
  return bands.map((b) => `${bandRange(b)}: ${b.outcomeLabel}`).join('; ');
}
