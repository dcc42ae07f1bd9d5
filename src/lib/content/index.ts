/**
 * The site's content, validated once when this module loads: a broken file in content/ fails
 * `npm run build` (and the dev server) with a message naming the file and the field.
 */
import { parseContent } from './parse';
import type { Content, GlossaryEntry, ProtocolInfo, Scenario } from './types';

const files = import.meta.glob<string>('/content/**/*.yaml', {
  query: '?raw',
  import: 'default',
  eager: true
});

export const content: Content = parseContent(files);
export const scenarios: Scenario[] = content.scenarios;
export const glossary: Record<string, GlossaryEntry> = content.glossary;
export const protocols: ProtocolInfo[] = content.protocols;

export function getScenario(id: string): Scenario | undefined {
  return scenarios.find((scenario) => scenario.id === id);
}

export { ContentError } from './parse';
export type * from './types';
