/**
 * Reading a person's choices for one scenario: the option, the timer's length and the response
 * time, each checked against what the scenario declares. The UI, the URL and the CLI share these
 * rules and their wording.
 */
import type { Scenario, TimerSpec } from '../content/types';
import type { RunInput } from './types';

/** Modeled: an answer later than the longest allowed timeout can only ever lose the race. */
export const RESPONSE_MIN_S = 0;
export const RESPONSE_MAX_S = 86_400;

/** A range as people read it, e.g. "1 to 86,400": one wording for errors, notes and fields. */
export const grouped = (v: number) => v.toLocaleString('en-US');
export const rangeText = (min: number, max: number) => `${grouped(min)} to ${grouped(max)}`;
export const RESPONSE_RANGE = rangeText(RESPONSE_MIN_S, RESPONSE_MAX_S);

/** The run a scenario starts with: its first option, at its default timing. */
export function defaultInput(scenario: Scenario): RunInput {
  const first = scenario.choice.options[0]?.id ?? '';
  if (scenario.mechanics !== 'invitation') return { branch: first, timeoutS: 0, responseS: 0 };
  return { branch: first, timeoutS: scenario.timer.default, responseS: scenario.response.default };
}

export type FieldResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** Plain decimal notation only: '0x1E' and '0b11' are not what a person means by seconds. */
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

/** Reads a number typed by a person or passed on a command line; '' and '12abc' are not numbers. */
function toNumber(raw: unknown): number | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
  if (typeof raw !== 'string' || !DECIMAL.test(raw.trim())) return undefined;
  const n = Number(raw.trim());
  return Number.isFinite(n) ? n : undefined;
}

/** The bad value as the person gave it: NaN stays NaN (JSON would say null), strings are quoted. */
export function shown(raw: unknown): string {
  return typeof raw === 'number' ? String(raw) : (JSON.stringify(raw) ?? String(raw));
}

/** The scenario's option ids, as a person reads them: "accept, reject, timeout". */
export const optionList = (scenario: Scenario) =>
  scenario.choice.options.map((o) => o.id).join(', ');

export function parseBranch(scenario: Scenario, raw: unknown): FieldResult<string> {
  if (typeof raw === 'string' && scenario.choice.options.some((o) => o.id === raw)) {
    return { ok: true, value: raw };
  }
  return {
    ok: false,
    error: `branch must be one of ${optionList(scenario)} (got ${shown(raw)})`
  };
}

export function parseTimeout(timer: TimerSpec, raw: unknown): FieldResult<number> {
  const n = toNumber(raw);
  if (n === undefined || !Number.isInteger(n) || n < timer.min || n > timer.max) {
    return {
      ok: false,
      error: `timeout must be a whole number of seconds from ${rangeText(timer.min, timer.max)} (got ${shown(raw)})`
    };
  }
  return { ok: true, value: n };
}

export function parseResponse(raw: unknown): FieldResult<number> {
  const n = toNumber(raw);
  // Tenths of a second are enough to show the race either side of a deadline.
  if (
    n === undefined ||
    n < RESPONSE_MIN_S ||
    n > RESPONSE_MAX_S ||
    Math.round(n * 10) !== n * 10
  ) {
    return {
      ok: false,
      error: `response must be a number of seconds from ${RESPONSE_RANGE}, in steps of 0.1 (got ${shown(raw)})`
    };
  }
  return { ok: true, value: n };
}

/**
 * Validates a whole input for a scenario; the engine itself trusts what it is given. Timing is
 * an error for a scenario without a timer, so a typo'd command line is not silently ignored.
 */
export function parseRunInput(
  scenario: Scenario,
  raw: { branch?: unknown; timeoutS?: unknown; responseS?: unknown }
): { ok: true; value: RunInput } | { ok: false; errors: string[] } {
  const defaults = defaultInput(scenario);
  const branch = parseBranch(scenario, raw.branch ?? defaults.branch);
  if (scenario.mechanics !== 'invitation') {
    const errors = branch.ok ? [] : [branch.error];
    for (const [field, value] of [
      ['timeout', raw.timeoutS],
      ['response', raw.responseS]
    ] as const) {
      if (value !== undefined) {
        errors.push(`${field} does not apply: ${scenario.id} has no timer (got ${shown(value)})`);
      }
    }
    if (!branch.ok || errors.length > 0) return { ok: false, errors };
    return { ok: true, value: { ...defaults, branch: branch.value } };
  }
  const timeout = parseTimeout(scenario.timer, raw.timeoutS ?? defaults.timeoutS);
  const response = parseResponse(raw.responseS ?? defaults.responseS);
  const errors = [branch, timeout, response].flatMap((r) => (r.ok ? [] : [r.error]));
  if (!branch.ok || !timeout.ok || !response.ok) return { ok: false, errors };
  return {
    ok: true,
    value: { branch: branch.value, timeoutS: timeout.value, responseS: response.value }
  };
}
