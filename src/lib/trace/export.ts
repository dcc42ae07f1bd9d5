/**
 * The text exports of one run, by format: one entry point for the export CLI, the player's
 * export panel and the prerendered files under /scenarios/<id>/<branch>.<ext>, so all three
 * produce the same bytes, each starting with the same stamp (stamp.ts).
 */
import type { Scenario } from '../content/types';
import type { Trace } from '../engine/types';
import { toJsonText } from './json';
import { toMarkdown } from './markdown';
import { toMermaid } from './mermaid';
import { runStamp, withStamp } from './stamp';
import { toText } from './text';

export const EXPORT_FORMATS = ['json', 'mermaid', 'markdown', 'text'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The file extension of each format, as the prerendered files and downloads are named. */
export const EXPORT_EXTENSIONS: Record<ExportFormat, string> = {
  json: 'json',
  mermaid: 'mmd',
  markdown: 'md',
  text: 'txt'
};

const RENDER: Record<ExportFormat, (trace: Trace, scenario: Scenario) => string> = {
  json: toJsonText,
  mermaid: (trace, scenario) => toMermaid(trace, scenario),
  markdown: toMarkdown,
  text: toText
};

export interface ExportContext {
  /** Where the site is published, e.g. http://localhost:4173: the base of links in exports. */
  siteUrl: string;
}

/**
 * One run in one export format, exactly as `npm run export` writes it: the format's stamp
 * (stamp.ts: scenario, choice, timing, model version, a link to the run's last step), then the
 * view's own text, unchanged.
 */
export function exportRun(
  trace: Trace,
  scenario: Scenario,
  format: ExportFormat,
  context: ExportContext
): string {
  return withStamp(
    format,
    RENDER[format](trace, scenario),
    runStamp(trace, scenario, context.siteUrl)
  );
}
