/**
 * Words for one trace: virtual times, lifeline names, and the one-line description of each
 * entry that the transcript, the text ladder and the Markdown export share. The scenario gives
 * names and titles; the trace carries its own words (the timer's label, the outcome).
 */
import type { Scenario } from '../content/types';
import type { LifelineEntry, Message, TimerEntry, Trace, TraceEntry } from '../engine/types';

/** What the views need from a scenario to name things; tests pass a small fixture. */
export type ScenarioNames = Pick<Scenario, 'lifelines'> & {
  capabilities?: Pick<Scenario['capabilities'], 'expiryWords'>;
};

/** What a run's summary needs: the choice's words, and who answers an invitation. */
export type SummaryNames = Pick<Scenario, 'choice' | 'capabilities'>;

/**
 * The heading of one run: "Transfer: invalid branch" for an outcome a person aims for,
 * "Stop Processing: version d" for a version, named as the scenario names its choice.
 */
export function runTitle(trace: Trace, scenario: Pick<Scenario, 'title' | 'choice'>): string {
  const { branch } = trace.input;
  // An outcome is aimed for ("accept branch"); any other choice names its options ("version d").
  return scenario.choice.name === 'Outcome'
    ? `${scenario.title}: ${branch} branch`
    : `${scenario.title}: ${scenario.choice.name.toLowerCase()} ${branch}`;
}

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

/** "Delivery timer" from "delivery timer": for headings and the start of a sentence. */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A phase's title as the page writes it, e.g. "URS Requests Delivery"; its id if untitled. */
export function phaseTitle(id: string, scenario: Pick<Scenario, 'phases'>): string {
  return scenario.phases.find((p) => p.id === id)?.title ?? id;
}

/** The name a scenario shows for a lifeline, e.g. "Interaction Server"; its id if unnamed. */
export function lifelineName(id: string, scenario: ScenarioNames): string {
  return scenario.lifelines.find((l) => l.id === id)?.name ?? id;
}

/** A message's name with its stand-in: "EventRouteUsed, in place of EventAck". */
export function messageLabel(message: Message): string {
  return message.inPlaceOf ? `${message.name}, in place of ${message.inPlaceOf}` : message.name;
}

/**
 * What happens to a lifeline, in words, without the lifeline itself: "disconnects from
 * Interaction Server", "restarts", "becomes primary". The one wording every view uses: the
 * diagram writes it beside the lifeline's mark, mermaid in a note over the lifeline, and
 * {@link describeEntry} after the lifeline's name.
 */
export function lifelineEventWords(
  entry: Pick<LifelineEntry, 'event' | 'peer'>,
  scenario: ScenarioNames
): string {
  const peer = entry.peer === undefined ? '' : lifelineName(entry.peer, scenario);
  switch (entry.event) {
    case 'connects':
      return peer ? `connects to ${peer}` : 'connects';
    case 'disconnects':
      return peer ? `disconnects from ${peer}` : 'disconnects';
    case 'restarts':
      return 'restarts';
    case 'becomes-primary':
      return 'becomes primary';
    case 'becomes-secondary':
      return 'becomes secondary';
  }
}

/** A timer entry in words, on its owner: "Interaction Server starts the delivery timer (…)". */
function describeTimer(entry: TimerEntry, scenario: ScenarioNames): string {
  const owner = lifelineName(entry.owner, scenario);
  switch (entry.action) {
    case 'started':
      return `${owner} starts the ${entry.label} (${entry.timer} ${formatAt(entry.deadline - entry.at)}, expires at ${formatAt(entry.deadline)})`;
    case 'restarted':
      return `${owner} restarts the ${entry.label} (${entry.timer} ${formatAt(entry.deadline - entry.at)}, now expires at ${formatAt(entry.deadline)})`;
    case 'cancelled':
      return `${owner} cancels the ${entry.label} (it would have expired at ${formatAt(entry.deadline)})`;
    case 'expired': {
      const then = scenario.capabilities?.expiryWords;
      return `The ${entry.label} expires at ${formatAt(entry.at)}${then ? `: ${owner} ${then}` : ''}`;
    }
  }
}

/**
 * One entry as a sentence for the transcript: "URS → Interaction Server: RequestRouteCall
 * (T-Library)", the timer in words, or "Agent Application disconnects from Interaction Server".
 */
export function describeEntry(entry: TraceEntry, scenario: ScenarioNames): string {
  switch (entry.kind) {
    case 'message': {
      const from = lifelineName(entry.from, scenario);
      const to = lifelineName(entry.to, scenario);
      return `${from} → ${to}: ${messageLabel(entry.message)} (${entry.message.protocol})`;
    }
    case 'timer':
      return describeTimer(entry, scenario);
    case 'lifeline':
      return `${lifelineName(entry.lifeline, scenario)} ${lifelineEventWords(entry, scenario)}`;
  }
}

/**
 * The choices and result of one run in a sentence: "delivering-timeout 30 s, agent answers
 * after 8 s. Outcome: Accepted.", or, with no timer, "C: the agent stops it. Outcome: …".
 */
export function runSummary(trace: Trace, scenario: SummaryNames): string {
  const { branch, timeoutS, responseS } = trace.input;
  const outcome = `Outcome: ${trace.outcomeLabel}.`;
  const { live, response, activity, timer: hasTimer } = scenario.capabilities;
  const option = scenario.choice.options.find((o) => o.id === branch);
  const chosen = option ? `${option.label}${option.hint ? ` (${option.hint})` : ''}` : branch;
  if (!trace.timer) {
    // Without a timer at all, a response time is how long a party takes (Invoke Autoresponse).
    const waits =
      response && !hasTimer ? `, ${response.party} takes ${formatAt(responseS * 1000)}` : '';
    return `${chosen}${waits}. ${outcome}`;
  }
  const timer = `${trace.timer.id} ${formatAt(timeoutS * 1000)}`;
  if (live) {
    // An invitation: the invited party answers, as the option says, or does not.
    const party = response?.party ?? 'the invited party';
    const answer =
      branch === 'timeout'
        ? `${party} does not answer`
        : `${party} ${branch}s after ${formatAt(responseS * 1000)}`;
    return `${timer}, ${answer}. ${outcome}`;
  }
  const acts = response
    ? activity
      ? `, ${activity.party} acts ${trace.input.count ?? activity.default} times, ${formatAt(responseS * 1000)} apart`
      : `, ${response.party} acts after ${formatAt(responseS * 1000)}`
    : '';
  return `${chosen}: ${timer}${acts}. ${outcome}`;
}

/** The closing line every export shares: "Times are virtual, from RequestRouteCall at 0 s." */
export function timesNote(trace: Trace): string {
  return `Times are virtual, from ${trace.origin} at 0 s.`;
}
