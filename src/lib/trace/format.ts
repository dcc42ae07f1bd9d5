/**
 * Words for one trace: virtual times, component names, and the one-line description of each
 * entry that the transcript, the text ladder and the Markdown export share.
 */
import type { ComponentId, PhaseId, Trace, TraceEntry } from '../engine/types';
import type { Scenario } from '../content/types';

/** What the views need from a scenario to name things; tests pass a small fixture. */
export type ScenarioNames = Pick<Scenario, 'components'>;

/** Up to three decimals (milliseconds), without trailing zeros: 8, 29.9, 0.25. */
function seconds(s: number): string {
  return String(Math.round(s * 1000) / 1000);
}

/**
 * A virtual time as a short label: "0 s", "8 s", "29.9 s", "2 min 5 s", "1 h 30 min 5 s".
 * Units are always written, and zero parts in the middle are left out ("1 h 5 s").
 */
export function formatAt(ms: number): string {
  if (!Number.isFinite(ms)) return `${ms} ms`;
  if (ms < 0) return `-${formatAt(-ms)}`;
  const totalS = Math.round(ms) / 1000;
  if (totalS < 60) return `${seconds(totalS)} s`;
  const h = Math.floor(totalS / 3600);
  const min = Math.floor((totalS - h * 3600) / 60);
  const s = totalS - h * 3600 - min * 60;
  const parts: string[] = [];
  if (h > 0) parts.push(`${h} h`);
  if (min > 0) parts.push(`${min} min`);
  // Subtracting whole minutes from a float can leave 4.999999; round back to milliseconds.
  const rest = Math.round(s * 1000) / 1000;
  if (rest > 0) parts.push(`${seconds(rest)} s`);
  return parts.join(' ');
}

/** A phase's title as the seed writes it, e.g. "URS Requests Delivery"; its id if untitled. */
export function phaseTitle(id: PhaseId, scenario: Pick<Scenario, 'phases'>): string {
  return scenario.phases.find((p) => p.id === id)?.title ?? id;
}

/** The name a scenario shows for a component, e.g. "Interaction Server"; its id if unnamed. */
export function componentName(id: ComponentId, scenario: ScenarioNames): string {
  return scenario.components.find((c) => c.id === id)?.name ?? id;
}

/**
 * One entry as a sentence for the transcript: "URS → Interaction Server: RequestRouteCall
 * (T-Library)", or the delivery timer in words.
 */
export function describeEntry(entry: TraceEntry, scenario: ScenarioNames): string {
  if (entry.kind === 'message') {
    const from = componentName(entry.from, scenario);
    const to = componentName(entry.to, scenario);
    return `${from} → ${to}: ${entry.message.name} (${entry.message.protocol})`;
  }
  const owner = componentName(entry.owner, scenario);
  switch (entry.action) {
    case 'started':
      return `${owner} starts the delivery timer (${entry.timer} ${formatAt(entry.deadline - entry.at)}, expires at ${formatAt(entry.deadline)})`;
    case 'cancelled':
      return `${owner} cancels the delivery timer (it would have expired at ${formatAt(entry.deadline)})`;
    case 'expired':
      return `The delivery timer expires at ${formatAt(entry.at)}: ${owner} revokes the invitation`;
  }
}

/** How one run ended, in a few words: "Accepted", "Rejected", "Timed out", or a late answer. */
export function outcomeLabel(trace: Trace): string {
  switch (trace.outcome) {
    case 'accepted':
      return 'Accepted';
    case 'rejected':
      return 'Rejected';
    case 'timed-out':
      if (!trace.lateAnswer) return 'Timed out';
      return trace.input.branch === 'reject'
        ? 'Timed out; the agent’s reject arrived too late'
        : 'Timed out; the agent’s accept arrived too late';
  }
}

/**
 * The choices and result of one run in a sentence: "delivering-timeout 30 s, agent answers
 * after 8 s. Outcome: Accepted."
 */
export function runSummary(trace: Trace): string {
  const { branch, timeoutS, responseS } = trace.input;
  const answer =
    branch === 'timeout'
      ? 'agent does not answer'
      : `agent ${branch}s after ${formatAt(responseS * 1000)}`;
  return `delivering-timeout ${formatAt(timeoutS * 1000)}, ${answer}. Outcome: ${outcomeLabel(trace)}.`;
}
