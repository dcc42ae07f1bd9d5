/**
 * The content halves of the mechanics, keyed like ./index.ts's MECHANICS: the type makes a
 * mechanic missing here (or there) a compile error, so the two lists cannot drift. Only
 * src/lib/content imports this file, at build time.
 */
import type { Scenario } from '../content/types';
import { invitationFlow } from './invitation.flow';
import { sequenceFlow } from './sequence.flow';
import { timelineFlow } from './timeline.flow';
import type { MechanicFlow } from './types';

const FLOWS = {
  invitation: invitationFlow,
  sequence: sequenceFlow,
  timeline: timelineFlow
} as const satisfies {
  [K in Scenario['mechanics']]: MechanicFlow<Extract<Scenario, { mechanics: K }>>;
};

/** The mechanics' names, for the content schema's error. */
export const MECHANIC_IDS = Object.keys(FLOWS) as Scenario['mechanics'][];

/** The content half of the mechanic named `id`, or undefined for a name no mechanic has. */
export function flowOf(id: string): MechanicFlow | undefined {
  return (FLOWS as Record<string, MechanicFlow>)[id];
}
