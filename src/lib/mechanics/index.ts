/**
 * The one place mechanics are registered. Content reads a scenario's `mechanics` here to find
 * its flow schema and checks; the engine finds its machines; views ask {@link capabilitiesOf}.
 * A new mechanic is a new module in this folder and one line in MECHANICS.
 */
import type { Scenario } from '../content/types';
import { invitation } from './invitation';
import { sequence } from './sequence';
import { timeline } from './timeline';
import type { Built, Capabilities, Mechanic } from './types';

export type { Built, Capabilities, Ending, Mechanic, OwnedTimer } from './types';

const MECHANICS = { invitation, sequence, timeline } as const satisfies {
  [K in Scenario['mechanics']]: Mechanic<Extract<Scenario, { mechanics: K }>>;
};

/** The mechanics' names, for the content schema's error. */
export const MECHANIC_IDS = Object.keys(MECHANICS) as Scenario['mechanics'][];

/** The mechanic a scenario declares. */
export function mechanicOf<S extends Scenario>(scenario: S): Mechanic<S>;
export function mechanicOf(id: string): Mechanic | undefined;
export function mechanicOf(arg: Scenario | string): Mechanic | undefined {
  const id = typeof arg === 'string' ? arg : arg.mechanics;
  return (MECHANICS as Record<string, Mechanic>)[id];
}

/**
 * What views may ask of a scenario, worked out by its mechanic. Loading content stores it as
 * `scenario.capabilities`, which views read without importing any machine; this is for a
 * scenario built by hand (tests).
 */
export function capabilitiesOf(scenario: Omit<Scenario, 'capabilities'>): Capabilities {
  return mechanicOf(scenario as Scenario).capabilities(scenario as never);
}

const builtCache = new WeakMap<Scenario, Built>();

/** The machines that run a scenario, built once per scenario object. */
export function systemFor(scenario: Scenario): Built {
  let built = builtCache.get(scenario);
  if (!built) {
    built = mechanicOf(scenario).build(scenario);
    builtCache.set(scenario, built);
  }
  return built;
}
