/**
 * The URL is a projection of the player: `branch` and `step` always, `timeout` and `response`
 * only when the scenario has a timer and they differ from its defaults. Reading is forgiving: a
 * bad or hostile value falls back to a valid one and yields a note for the person, never an
 * exception.
 */
import type { Scenario } from '$lib/content/types';
import {
  defaultInput,
  grouped,
  inputFieldsOf,
  noFieldWhy,
  optionList,
  parseBranch,
  rangeText,
  unitWords,
  type FieldResult,
  type InputField
} from '$lib/engine/input';
import type { RunInput } from '$lib/engine/types';

export type View = RunInput & { step: number };

/** Longest query value echoed back in a note; anything longer is cut. */
const ECHO_MAX = 40;

function echo(value: string): string {
  const short = value.length > ECHO_MAX ? `${value.slice(0, ECHO_MAX)}…` : value;
  return JSON.stringify(short);
}

/** The note for a link's step beyond the end of its run. */
export const stepBeyondNote = (step: number, total: number) =>
  `The link asks for step ${step}, but this run has ${total} steps; showing the last.`;

/**
 * Reads a view of `scenario` from query parameters, with a note for every value it could not
 * use. `stepsOf` gives a run's length, or null when it is not known yet (the engine is still
 * loading): then the step is kept as asked, `stepUnchecked` is true, and the caller checks it
 * against the run once it has one.
 */
export function readView(
  scenario: Scenario,
  query: URLSearchParams | string,
  stepsOf: (input: RunInput) => number | null
): { view: View; notes: string[]; stepUnchecked: boolean } {
  const params = typeof query === 'string' ? new URLSearchParams(query) : query;
  const notes: string[] = [];
  const defaults = defaultInput(scenario);
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

  const choice = scenario.choice.name.toLowerCase();
  const branch = read(
    'branch',
    (raw) => parseBranch(scenario, raw),
    defaults.branch,
    (raw) =>
      `The link’s ${choice} ${raw} is not one of ${optionList(scenario)}; showing ${defaults.branch}.`
  );
  let input: RunInput = { ...defaults, branch };
  const fields = inputFieldsOf(scenario);
  for (const name of ['timeout', 'response', 'count'] as const) {
    const field = fields.find((f) => f.name === name);
    if (!field) {
      if (one(name) !== null)
        notes.push(`This scenario ${noFieldWhy(scenario, name)}; the link’s ${name} is ignored.`);
      continue;
    }
    const fallback = field.get(defaults);
    input = field.set(
      input,
      read(name, field.parse, fallback, (raw) => badFieldNote(field, raw))
    );
  }

  const total = stepsOf(input) ?? Infinity;
  let step = 0;
  const rawStep = one('step');
  if (rawStep !== null) {
    const n = /^\d{1,6}$/.test(rawStep.trim()) ? Number(rawStep.trim()) : NaN;
    if (Number.isNaN(n)) {
      notes.push(`The link’s step ${echo(rawStep)} is not a step number; showing the start.`);
    } else if (n > total) {
      step = total;
      notes.push(stepBeyondNote(n, total));
    } else {
      step = n;
    }
  }

  return {
    view: { ...input, step },
    notes,
    stepUnchecked: total === Infinity && step > 0
  };
}

/** What a person reads when a link's value for a field cannot be used. */
function badFieldNote(field: InputField, raw: string): string {
  const fallback = `${grouped(field.default)}${field.unit ? ` ${field.unit}` : ''}`;
  const range = rangeText(field.min, field.max);
  const what =
    field.name === 'count'
      ? `a whole number from ${range}`
      : field.name === 'timeout'
        ? `a whole number of ${unitWords(field.unit ?? 's')} from ${range}`
        : `a number of ${unitWords(field.unit ?? 's')} from ${range} in steps of 0.1`;
  const name = field.name === 'response' ? 'response time' : field.name;
  return `The link’s ${name} ${raw} is not ${what}; using ${fallback}.`;
}

/** The query string for a view: default timing is left out to keep links short. */
export function writeView(scenario: Scenario, view: View): string {
  const params = new URLSearchParams();
  params.set('branch', view.branch);
  params.set('step', String(view.step));
  const defaults = defaultInput(scenario);
  for (const field of inputFieldsOf(scenario)) {
    const value = field.get(view);
    if (value !== field.get(defaults)) params.set(field.name, String(value));
  }
  return `?${params.toString()}`;
}

/** The query parameters the player owns; any others in a URL are someone else's. */
const VIEW_PARAMS = new Set(['branch', 'step', 'timeout', 'response', 'count']);

/**
 * The player's own query (from {@link writeView}) with every parameter of `current` that is
 * not the player's kept as it is: a mode, a quiz's seed.
 */
export function mergeQuery(own: string, current: string): string {
  const params = new URLSearchParams(own);
  for (const [key, value] of new URLSearchParams(current)) {
    if (!VIEW_PARAMS.has(key)) params.append(key, value);
  }
  return `?${params.toString()}`;
}
