/**
 * The model list on `/`, at build time (its server load): scenarios grouped by where they sit in
 * an interaction's life, and the message names a visitor can filter them by.
 */
import type { Scenario } from '$lib/content/types';

/** The heading of the scenarios that name no `group`: always the last one. */
export const UNGROUPED = 'More models';

export interface Group<T> {
  /** The heading's text: the content's `group`, or {@link UNGROUPED}. */
  name: string;
  /** A slug of the name, for the heading's id and a link to it (`/#delivery-and-handling`). */
  id: string;
  items: T[];
}

const slug = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/**
 * Scenarios by group, each group where its first scenario falls in `scenarios` (content's order:
 * by `order`, then id), so a group's place follows its first model's `order`; the scenarios
 * without a group come last, under {@link UNGROUPED}. Within a group the order is kept.
 */
export function groupScenarios<S extends Pick<Scenario, 'group'>>(scenarios: S[]): Group<S>[] {
  const groups = new Map<string, S[]>();
  const ungrouped: S[] = [];
  for (const scenario of scenarios) {
    const name = scenario.group?.trim();
    if (!name) ungrouped.push(scenario);
    else groups.set(name, [...(groups.get(name) ?? []), scenario]);
  }
  const named = [...groups].map(([name, items]) => ({ name, id: slug(name), items }));
  return ungrouped.length > 0
    ? [...named, { name: UNGROUPED, id: slug(UNGROUPED), items: ungrouped }]
    : named;
}

/**
 * Every message name a scenario's steps send, and the names they stand in for (EventAbandoned in
 * place of EventRevoked gives both), each once, sorted: what the list's filter matches.
 */
export function messageNames(scenario: Pick<Scenario, 'steps'>): string[] {
  const names = new Set<string>();
  for (const step of Object.values(scenario.steps)) {
    if (step.kind !== 'message') continue;
    names.add(step.message);
    if (step.inPlaceOf) names.add(step.inPlaceOf);
  }
  return [...names].sort();
}
