/**
 * The messages between an embed and the page that frames it, through `postMessage`. Pure: the
 * embed page wires them to the window and the player.
 *
 * From the embed to its parent:
 * - `{ type: 'interaction-lab:height', height }` whenever the document's height changes, so the
 *   host can size the iframe (whole CSS pixels, rounded up).
 * - `{ type: 'interaction-lab:step', step, branch }` once the embed is live, and whenever its
 *   step or choice changes by any means (buttons, keys, a `goto`).
 *
 * From the parent to the embed:
 * - `{ type: 'interaction-lab:goto', step, branch }`: `branch` one of the scenario's option ids,
 *   `step` a whole number from 0 (the start) to the number of steps of the run it lands on.
 *   Either may be left out (the other stays as it is), not both. A message with any field that
 *   fails these rules is ignored as a whole, without an error (other fields are not read):
 *   the host may send messages of its own to the same window.
 *
 * All of them are sent with targetOrigin '*': they carry nothing a reader does not already see
 * in the frame and its URL, and an embed cannot know in advance which site frames it. The embed
 * takes `goto` only from its parent window (checked by `event.source`), from any origin, since
 * any documentation site may drive it and a `goto` does no more than a reader's click.
 */

export const HEIGHT = 'interaction-lab:height';
export const STEP = 'interaction-lab:step';
export const GOTO = 'interaction-lab:goto';

export interface HeightMessage {
  type: typeof HEIGHT;
  /** The document's height in CSS pixels, rounded up. */
  height: number;
}

export interface StepMessage {
  type: typeof STEP;
  /** 0 is the start, before anything is sent; the run's length is the last step. */
  step: number;
  /** The chosen option's id (an outcome or a version). */
  branch: string;
}

/** A valid `goto`, each field present only when the parent asked for it. */
export interface GotoRequest {
  step?: number;
  branch?: string;
}

export function heightMessage(height: number): HeightMessage {
  return { type: HEIGHT, height: Math.ceil(height) };
}

export function stepMessage(step: number, branch: string): StepMessage {
  return { type: STEP, step, branch };
}

/** What a `goto` is checked against: the scenario's options and each run's length. */
export interface GotoRules {
  branches: readonly string[];
  /** The current choice, for a `goto` that gives only a step. */
  branch: string;
  /**
   * How many steps the run of `branch` has at the current timing, or null when that is not
   * known yet (the engine still loading for a timing of the link's): a step cannot be checked
   * then, so a `goto` with one is ignored.
   */
  total(branch: string): number | null;
}

/**
 * The `goto` in a message's data, or null when the data is not a valid one (anything else,
 * malformed, or out of range). Never throws, whatever the data.
 */
export function parseGoto(data: unknown, rules: GotoRules): GotoRequest | null {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
  const message = data as Record<string, unknown>;
  if (message.type !== GOTO) return null;
  const hasStep = 'step' in message && message.step !== undefined;
  const hasBranch = 'branch' in message && message.branch !== undefined;
  if (!hasStep && !hasBranch) return null;

  const request: GotoRequest = {};
  if (hasBranch) {
    if (typeof message.branch !== 'string' || !rules.branches.includes(message.branch)) {
      return null;
    }
    request.branch = message.branch;
  }
  if (hasStep) {
    const { step } = message;
    if (typeof step !== 'number' || !Number.isInteger(step) || step < 0) return null;
    const total = rules.total(request.branch ?? rules.branch);
    if (total === null || step > total) return null;
    request.step = step;
  }
  return request;
}
