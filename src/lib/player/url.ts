/**
 * The URL is a projection of the player: `branch` and `step` always, `timeout` and `response`
 * only when they differ from the defaults. Reading is forgiving: a bad or hostile value falls
 * back to a valid one and yields a note for the person, never an exception.
 */
import {
  BRANCHES,
  DEFAULT_INPUT,
  parseBranch,
  parseResponse,
  parseTimeout,
  RESPONSE_RANGE,
  runDelivery,
  TIMEOUT_RANGE,
  type Branch,
  type FieldResult
} from '$lib/engine';

export interface View {
  branch: Branch;
  timeoutS: number;
  responseS: number;
  step: number;
}

/** Longest query value echoed back in a note; anything longer is cut. */
const ECHO_MAX = 40;

function echo(value: string): string {
  const short = value.length > ECHO_MAX ? `${value.slice(0, ECHO_MAX)}…` : value;
  return JSON.stringify(short);
}

/** Reads a view from query parameters, with a note for every value it could not use. */
export function readView(params: URLSearchParams): { view: View; notes: string[] } {
  const notes: string[] = [];
  const one = (name: string): string | null => {
    const all = params.getAll(name);
    if (all.length > 1) notes.push(`The link gives ${name} ${all.length} times; using the first.`);
    return all[0] ?? null;
  };

  /** A query value parsed with the engine's own rules, or the default with a note. */
  function read<T>(
    name: string,
    parse: (raw: string) => FieldResult<T>,
    fallback: T,
    note: (raw: string) => string
  ): T {
    const raw = one(name);
    if (raw === null) return fallback;
    const r = parse(raw);
    if (r.ok) return r.value;
    notes.push(note(echo(raw)));
    return fallback;
  }

  const branch = read(
    'branch',
    parseBranch,
    DEFAULT_INPUT.branch,
    (raw) =>
      `The link’s outcome ${raw} is not one of ${BRANCHES.join(', ')}; showing ${DEFAULT_INPUT.branch}.`
  );
  const timeoutS = read(
    'timeout',
    parseTimeout,
    DEFAULT_INPUT.timeoutS,
    (raw) =>
      `The link’s timeout ${raw} is not a whole number of seconds from ${TIMEOUT_RANGE}; using ${DEFAULT_INPUT.timeoutS} s.`
  );
  const responseS = read(
    'response',
    parseResponse,
    DEFAULT_INPUT.responseS,
    (raw) =>
      `The link’s response time ${raw} is not a number of seconds from ${RESPONSE_RANGE} in steps of 0.1; using ${DEFAULT_INPUT.responseS} s.`
  );

  const total = runDelivery({ branch, timeoutS, responseS }).entries.length;
  let step = 0;
  const rawStep = one('step');
  if (rawStep !== null) {
    const n = /^\d{1,6}$/.test(rawStep.trim()) ? Number(rawStep.trim()) : NaN;
    if (Number.isNaN(n)) {
      notes.push(`The link’s step ${echo(rawStep)} is not a step number; showing the start.`);
    } else if (n > total) {
      step = total;
      notes.push(`The link asks for step ${n}, but this run has ${total} steps; showing the last.`);
    } else {
      step = n;
    }
  }

  return { view: { branch, timeoutS, responseS, step }, notes };
}

/** The query string for a view: defaults for timing are left out to keep links short. */
export function writeView(view: View): string {
  const params = new URLSearchParams();
  params.set('branch', view.branch);
  params.set('step', String(view.step));
  if (view.timeoutS !== DEFAULT_INPUT.timeoutS) params.set('timeout', String(view.timeoutS));
  if (view.responseS !== DEFAULT_INPUT.responseS) params.set('response', String(view.responseS));
  return `?${params.toString()}`;
}
