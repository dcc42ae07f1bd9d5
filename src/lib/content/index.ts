/**
 * The site's content, validated once when this module loads (at build time: only server loads,
 * which are prerendered, import it). A broken file in content/ fails `npm run build` and the dev
 * server with a message naming the file and the field.
 *
 * CONTENT_DIR points the build at another folder holding a `content/` directory: the tests
 * build the site from a fixture that adds a scenario, to prove a model is only a content file.
 */
import { loadContentFromDisk } from './node';
import type { Content, GlossaryEntry, ProtocolInfo, Scenario } from './types';

export const content: Content = loadContentFromDisk(process.env.CONTENT_DIR || process.cwd());
export const scenarios: Scenario[] = content.scenarios;
export const glossary: Record<string, GlossaryEntry> = content.glossary;
export const protocols: ProtocolInfo[] = content.protocols;

export function getScenario(id: string): Scenario | undefined {
  return scenarios.find((scenario) => scenario.id === id);
}

/** A scenario's arrows (message steps), counted by provenance, for the scenario list. */
export function arrowCounts(scenario: Scenario): { documented: number; modeled: number } {
  const counts = { documented: 0, modeled: 0 };
  for (const step of Object.values(scenario.steps)) {
    if (step.kind === 'message') counts[step.provenance] += 1;
  }
  return counts;
}

export { ContentError } from './parse';
export type * from './types';
