/**
 * Reading a person's choices for one scenario: the option, and each field the scenario's
 * mechanic lets the learner set (the timer's length, a response time, how many times a party
 * acts), each checked against what the scenario declares. The UI, the URL and the CLI share these
 * rules and their wording, and list the fields from {@link inputFieldsOf}, never by mechanic.
 *
 * A run's input keeps times in seconds (`timeoutS`, `responseS`); a field shows and reads them in
 * its own unit (Agent Pulls' `handling-timeout` is set in minutes).
 */
import type {
  ActivitySpec,
  Provenance,
  ResponseSpec,
  Scenario,
  TimerSpec,
  TimeUnit
} from '../content/types';
import type { RunInput } from './types';

/** Modeled: an answer later than the longest allowed timeout can only ever lose the race. */
export const RESPONSE_MIN_S = 0;
export const RESPONSE_MAX_S = 86_400;

/** A range as people read it, e.g. "1 to 86,400": one wording for errors, notes and fields. */
export const grouped = (v: number) => v.toLocaleString('en-US');
export const rangeText = (min: number, max: number) => `${grouped(min)} to ${grouped(max)}`;
export const RESPONSE_RANGE = rangeText(RESPONSE_MIN_S, RESPONSE_MAX_S);

/** Seconds in one of a unit. */
export const unitSeconds = (unit: TimeUnit) => (unit === 'min' ? 60 : 1);
/** The unit in words, for "a whole number of minutes". */
export const unitWords = (unit: TimeUnit) => (unit === 'min' ? 'minutes' : 'seconds');

/** The run a scenario starts with: its first option, at its default timing. */
export function defaultInput(scenario: Scenario): RunInput {
  const first = scenario.choice.options[0]?.id ?? '';
  const { timer, response, activity } = scenario.capabilities;
  return {
    branch: first,
    timeoutS: timer ? timer.default * unitSeconds(timer.unit) : 0,
    responseS: response ? response.default * unitSeconds(response.unit) : 0,
    ...(activity ? { count: activity.default } : {})
  };
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

/** A timer's length in its own unit (whole seconds or minutes, within its range). */
export function parseTimeout(timer: TimerSpec, raw: unknown): FieldResult<number> {
  const n = toNumber(raw);
  if (n === undefined || !Number.isInteger(n) || n < timer.min || n > timer.max) {
    return {
      ok: false,
      error: `timeout must be a whole number of ${unitWords(timer.unit ?? 's')} from ${rangeText(timer.min, timer.max)} (got ${shown(raw)})`
    };
  }
  return { ok: true, value: n };
}

/** A response time in its own unit, in steps of 0.1, within its range (0 to 86,400 s by default). */
export function parseResponse(raw: unknown, spec?: ResponseSpec): FieldResult<number> {
  const n = toNumber(raw);
  const min = spec?.min ?? RESPONSE_MIN_S;
  const max = spec?.max ?? RESPONSE_MAX_S;
  // Tenths are enough to show the race either side of a deadline.
  if (n === undefined || n < min || n > max || Math.round(n * 10) !== n * 10) {
    return {
      ok: false,
      error: `response must be a number of ${unitWords(spec?.unit ?? 's')} from ${rangeText(min, max)}, in steps of 0.1 (got ${shown(raw)})`
    };
  }
  return { ok: true, value: n };
}

/** How many times a party acts: a whole number within the activity's range. */
export function parseCount(activity: ActivitySpec, raw: unknown): FieldResult<number> {
  const n = toNumber(raw);
  if (n === undefined || !Number.isInteger(n) || n < activity.min || n > activity.max) {
    return {
      ok: false,
      error: `count must be a whole number from ${rangeText(activity.min, activity.max)} (got ${shown(raw)})`
    };
  }
  return { ok: true, value: n };
}

export type FieldName = 'timeout' | 'response' | 'count';

/** One thing the learner sets, as a form field, a URL parameter and a CLI flag. */
export interface InputField {
  /** The URL parameter and the CLI flag (`--timeout`). */
  name: FieldName;
  /** The field's label without its unit, e.g. "Delivery timeout". */
  label: string;
  /** `s`, `min`, or null for a count. */
  unit: TimeUnit | null;
  min: number;
  max: number;
  /** In the field's unit. */
  default: number;
  /** The smallest change: 1, or 0.1 for a response time. */
  step: number;
  /** Under the field, before its range and default. */
  help: string;
  provenance: Provenance;
  /** The value in the field's unit, read from a run's input. */
  get(input: RunInput): number;
  /** The run's input with this field at `value` (in the field's unit). */
  set(input: RunInput, value: number): RunInput;
  parse(raw: unknown): FieldResult<number>;
}

/** The fields a scenario's learner sets, in the order the form shows them. */
export function inputFieldsOf(scenario: Pick<Scenario, 'capabilities'>): InputField[] {
  const { timer, response, activity } = scenario.capabilities;
  const fields: InputField[] = [];
  if (timer) {
    const k = unitSeconds(timer.unit);
    fields.push({
      name: 'timeout',
      label: timer.field,
      unit: timer.unit,
      min: timer.min,
      max: timer.max,
      default: timer.default,
      step: 1,
      help: timer.help,
      provenance: timer.provenance,
      get: (input) => input.timeoutS / k,
      set: (input, value) => ({ ...input, timeoutS: value * k }),
      parse: (raw) => parseTimeout(timer, raw)
    });
  }
  if (response) {
    const k = unitSeconds(response.unit);
    fields.push({
      name: 'response',
      label: response.field,
      unit: response.unit,
      min: response.min,
      max: response.max,
      default: response.default,
      step: 0.1,
      help: response.help,
      provenance: 'modeled',
      get: (input) => Math.round((input.responseS / k) * 10) / 10,
      set: (input, value) => ({ ...input, responseS: Math.round(value * k * 10) / 10 }),
      parse: (raw) => parseResponse(raw, response)
    });
  }
  if (activity) {
    fields.push({
      name: 'count',
      label: activity.field,
      unit: null,
      min: activity.min,
      max: activity.max,
      default: activity.default,
      step: 1,
      help: activity.help,
      provenance: 'modeled',
      get: (input) => input.count ?? activity.default,
      set: (input, value) => ({ ...input, count: value }),
      parse: (raw) => parseCount(activity, raw)
    });
  }
  return fields;
}

/** Raw values by field name, as a URL or a command line gives them (in each field's unit). */
export type RawInput = { branch?: unknown } & Partial<Record<FieldName, unknown>>;

/**
 * Validates a whole input for a scenario; the engine itself trusts what it is given. A field the
 * scenario does not have is an error, so a typo'd command line is not silently ignored.
 */
export function parseRunInput(
  scenario: Scenario,
  raw: RawInput
): { ok: true; value: RunInput } | { ok: false; errors: string[] } {
  let value = defaultInput(scenario);
  const errors: string[] = [];
  const branch = parseBranch(scenario, raw.branch ?? value.branch);
  if (branch.ok) value = { ...value, branch: branch.value };
  else errors.push(branch.error);
  const fields = inputFieldsOf(scenario);
  for (const name of ['timeout', 'response', 'count'] as const) {
    const given = raw[name];
    const field = fields.find((f) => f.name === name);
    if (!field) {
      if (given !== undefined)
        errors.push(
          `${name} does not apply: ${scenario.id} ${noFieldWhy(scenario, name)} (got ${shown(given)})`
        );
      continue;
    }
    if (given === undefined) continue;
    const r = field.parse(given);
    if (r.ok) value = field.set(value, r.value);
    else errors.push(r.error);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value };
}

/** Why a scenario has no such field: "has no timer", "has no activity to count". */
export function noFieldWhy(scenario: Scenario, name: FieldName): string {
  if (name === 'count') return 'has no activity to count';
  // A scenario with a timer but no response time (none yet) says so; any other has no timer.
  if (name === 'response' && scenario.capabilities.timer) return 'has no response time';
  return 'has no timer';
}
