/**
 * Where the mechanics' runtime halves are registered: the engine finds a scenario's machines
 * here, and content stores what views may ask (capabilities). Their content halves (flow schema,
 * checks) are registered in ./flows.ts, typed so that neither list can miss one. A new mechanic
 * is a module pair in this folder (`<name>.ts`, `<name>.flow.ts`) and a line in each list.
 */
import type { Scenario } from '../content/types';
import { invitation } from './invitation';
import { sequence } from './sequence';
import { timeline } from './timeline';
import type { Built, Capabilities, Mechanic } from './types';

export type { Built, Capabilities, Ending, Mechanic, MechanicFlow, OwnedTimer } from './types';

const MECHANICS = { invitation, sequence, timeline } as const satisfies {
  [K in Scenario['mechanics']]: Mechanic<Extract<Scenario, { mechanics: K }>>;
};

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
