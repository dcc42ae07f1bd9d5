/**
 * A quiz's progress in localStorage, one value per scenario and option. What is read back is
 * untrusted (another version of the site, another tab's edit, a person's experiment): anything
 * that does not fit this run exactly is discarded, never an error, and the quiz starts afresh.
 */
// zod/mini: the same checks as zod in a few kB, as this ships in the player's first paint.
import * as z from 'zod/mini';
import type { Scenario } from '$lib/content/types';
import type { Trace } from '$lib/engine/types';
import { questionSteps, type Answer } from './quiz';

/** Bump when the stored shape or its meaning changes: older values are then discarded. */
export const STORAGE_VERSION = 1;

/** What localStorage offers; tests pass a Map-backed one. Any call may throw (storage off). */
export type QuizStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const storedProgress = z.object({
  version: z.literal(STORAGE_VERSION),
  scenario: z.string(),
  branch: z.string(),
  /** The run's step keys: a value saved for another run (content changed, other timing) is stale. */
  run: z.string(),
  answers: z.array(
    z.object({
      step: z.int().check(z.positive()),
      picked: z.string().check(z.maxLength(300))
    })
  )
});
type StoredProgress = z.infer<typeof storedProgress>;

export function storageKey(scenarioId: string, branch: string): string {
  return `interaction-lab:quiz:${scenarioId}:${branch}`;
}

/** What identifies a run's questions: its entries' keys in order. */
function runId(trace: Trace): string {
  return trace.entries.map((e) => e.key).join(' ');
}

/**
 * The answers saved for this run, or none if nothing is saved or what is saved is corrupt, of
 * another version, another scenario, option or run, or not answers to this run's questions in
 * order. A value that is there but unusable is removed.
 */
export function loadProgress(storage: QuizStorage, scenario: Scenario, trace: Trace): Answer[] {
  const key = storageKey(scenario.id, trace.input.branch);
  let raw: string | null;
  try {
    raw = storage.getItem(key);
  } catch {
    return [];
  }
  if (raw === null) return [];
  const answers = validProgress(raw, scenario, trace);
  if (answers === null) {
    try {
      storage.removeItem(key);
    } catch {
      // Storage refused: nothing else to do, the quiz starts afresh either way.
    }
    return [];
  }
  return answers;
}

function validProgress(raw: string, scenario: Scenario, trace: Trace): Answer[] | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return null;
  }
  const result = storedProgress.safeParse(parsed);
  if (!result.success) return null;
  const value = result.data;
  if (value.scenario !== scenario.id || value.branch !== trace.input.branch) return null;
  if (value.run !== runId(trace)) return null;
  // The answers must be this run's first questions, each once and in order.
  const steps = questionSteps(trace);
  if (value.answers.length > steps.length) return null;
  if (value.answers.some((a, i) => a.step !== steps[i])) return null;
  return value.answers.map(({ step, picked }) => ({ step, picked }));
}

/** Saves the answers so far; storage that refuses (full, off) loses them quietly. */
export function saveProgress(
  storage: QuizStorage,
  scenario: Scenario,
  trace: Trace,
  answers: readonly Answer[]
): void {
  const value: StoredProgress = {
    version: STORAGE_VERSION,
    scenario: scenario.id,
    branch: trace.input.branch,
    run: runId(trace),
    answers: answers.map(({ step, picked }) => ({ step, picked }))
  };
  try {
    storage.setItem(storageKey(scenario.id, trace.input.branch), JSON.stringify(value));
  } catch {
    // Private browsing or a full quota: the quiz still works, it just will not survive a reload.
  }
}

/** Forgets the progress of one scenario and option. */
export function resetProgress(storage: QuizStorage, scenarioId: string, branch: string): void {
  try {
    storage.removeItem(storageKey(scenarioId, branch));
  } catch {
    // As above: nothing stored that we could reach.
  }
}
