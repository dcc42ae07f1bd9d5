/**
 * What a page that shows a player loads, at build time (server loads are prerendered): the
 * scenario, the glossary and protocols, and every Markdown text it can show already rendered,
 * so the browser neither downloads a Markdown parser nor parses anything.
 */
import { error } from '@sveltejs/kit';
import { getScenario, glossary, protocols } from '$lib/content';
import { renderEach } from '$lib/content/markdown';
import type { GlossaryEntry, ProtocolInfo, Scenario } from '$lib/content/types';
import { siteUrl } from '$lib/server/site';
import { defaultInput, run, type Trace } from '$lib/engine';

export interface PlayerData {
  scenario: Scenario;
  glossary: Record<string, GlossaryEntry>;
  protocols: ProtocolInfo[];
  /** Markdown source → HTML, for the Markdown component. */
  markdown: Record<string, string>;
  /** Where the site is published (SITE_URL at build time), for links in stamped exports. */
  siteUrl: string;
  /** Every option's run at the default timing, so the page shows them without loading the engine. */
  traces: Record<string, Trace>;
}

/** The player's data for scenario `id`, or a 404 naming it. */
export function playerData(id: string): PlayerData {
  const scenario = getScenario(id);
  if (!scenario) error(404, `No scenario named ${id}`);
  // Only the glossary entries this scenario's messages (and their stand-ins) use.
  const names = new Set(
    Object.values(scenario.steps).flatMap((s) =>
      s.kind === 'message' ? [s.message, ...(s.inPlaceOf ? [s.inPlaceOf] : [])] : []
    )
  );
  const terms = Object.fromEntries(Object.entries(glossary).filter(([name]) => names.has(name)));
  const markdown = renderEach([
    scenario.summary,
    ...(scenario.decisionPoint ? [scenario.decisionPoint.text] : []),
    ...(scenario.capabilities.timer ? [scenario.capabilities.timer.details] : []),
    ...(scenario.partial ? [scenario.partial] : []),
    ...scenario.phases.flatMap((p) => (p.referenceTable ?? []).flatMap((r) => r.elsewhere ?? [])),
    ...Object.values(scenario.steps).map((s) => s.narration),
    ...scenario.disagreements.map((d) => d.body),
    ...Object.values(terms).map((term) => term.meaning)
  ]);
  const start = defaultInput(scenario);
  const traces = Object.fromEntries(
    scenario.choice.options.map((o) => [o.id, run(scenario, { ...start, branch: o.id })])
  );
  return { scenario, glossary: terms, protocols, markdown, siteUrl: siteUrl(), traces };
}
