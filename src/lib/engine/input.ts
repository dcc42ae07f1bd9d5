import { BRANCHES, type Branch, type RunInput } from './types';

/** Interaction Server's documented default and range for `delivering-timeout`. */
export const TIMEOUT_DEFAULT_S = 30;
export const TIMEOUT_MIN_S = 1;
export const TIMEOUT_MAX_S = 86_400;

/** Modeled: how long the agent takes to answer, unless the user changes it. */
export const RESPONSE_DEFAULT_S = 8;
export const RESPONSE_MIN_S = 0;
/** Modeled: an answer later than the longest allowed timeout can only ever lose the race. */
export const RESPONSE_MAX_S = 86_400;

/** The ranges as people read them, e.g. "1 to 86,400": one wording for errors, notes and fields. */
const grouped = (v: number) => v.toLocaleString('en-US');
export const TIMEOUT_RANGE = `${grouped(TIMEOUT_MIN_S)} to ${grouped(TIMEOUT_MAX_S)}`;
export const RESPONSE_RANGE = `${grouped(RESPONSE_MIN_S)} to ${grouped(RESPONSE_MAX_S)}`;

export const DEFAULT_INPUT: RunInput = {
  branch: 'accept',
  timeoutS: TIMEOUT_DEFAULT_S,
  responseS: RESPONSE_DEFAULT_S
};

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
function shown(raw: unknown): string {
  return typeof raw === 'number' ? String(raw) : (JSON.stringify(raw) ?? String(raw));
}

export function parseBranch(raw: unknown): FieldResult<Branch> {
  if (typeof raw === 'string' && (BRANCHES as readonly string[]).includes(raw)) {
    return { ok: true, value: raw as Branch };
  }
  return {
    ok: false,
    error: `branch must be one of ${BRANCHES.join(', ')} (got ${shown(raw)})`
  };
}

export function parseTimeout(raw: unknown): FieldResult<number> {
  const n = toNumber(raw);
  if (n === undefined || !Number.isInteger(n) || n < TIMEOUT_MIN_S || n > TIMEOUT_MAX_S) {
    return {
      ok: false,
      error: `timeout must be a whole number of seconds from ${TIMEOUT_RANGE} (got ${shown(raw)})`
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

/** Validates a whole input; the engine itself trusts what it is given. */
export function parseRunInput(raw: {
  branch?: unknown;
  timeoutS?: unknown;
  responseS?: unknown;
}): { ok: true; value: RunInput } | { ok: false; errors: string[] } {
  const branch = parseBranch(raw.branch ?? DEFAULT_INPUT.branch);
  const timeout = parseTimeout(raw.timeoutS ?? DEFAULT_INPUT.timeoutS);
  const response = parseResponse(raw.responseS ?? DEFAULT_INPUT.responseS);
  const errors = [branch, timeout, response].flatMap((r) => (r.ok ? [] : [r.error]));
  if (!branch.ok || !timeout.ok || !response.ok) return { ok: false, errors };
  return {
    ok: true,
    value: { branch: branch.value, timeoutS: timeout.value, responseS: response.value }
  };
}
