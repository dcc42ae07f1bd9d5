// The files a docs build vendors: each scenario's options at default timing, as the export CLI
// writes them (exportRun) and as a standalone SVG. Prerendered to /scenarios/<id>/<branch>.<ext>.
import { error } from '@sveltejs/kit';
import { getScenario, protocols, scenarios } from '$lib/content';
import { standaloneSvg } from '$lib/diagram/standalone';
import { defaultInput } from '$lib/engine/input';
import { run } from '$lib/engine/run';
import { siteUrl } from '$lib/server/site';
import { EXPORT_EXTENSIONS, EXPORT_FORMATS, exportRun } from '$lib/trace/export';
import { ARTIFACT_EXTENSIONS, ARTIFACT_TYPES, parseArtifact } from '../../../../params/artifact';
import type { EntryGenerator, RequestHandler } from './$types';

export const prerender = true;

export const entries: EntryGenerator = () =>
  scenarios.flatMap((scenario) =>
    scenario.choice.options.flatMap((option) =>
      ARTIFACT_EXTENSIONS.map((extension) => ({
        id: scenario.id,
        file: `${option.id}.${extension}`
      }))
    )
  );

export const GET: RequestHandler = ({ params }) => {
  const scenario = getScenario(params.id);
  const artifact = parseArtifact(params.file);
  if (!scenario || !artifact) error(404, `No file ${params.file} for ${params.id}`);
  const { branch, extension } = artifact;
  if (!scenario.choice.options.some((o) => o.id === branch)) {
    error(404, `${scenario.title} has no option ${branch}`);
  }
  const trace = run(scenario, { ...defaultInput(scenario), branch });
  const format = EXPORT_FORMATS.find((f) => EXPORT_EXTENSIONS[f] === extension);
  const body = format
    ? exportRun(trace, scenario, format, { siteUrl: siteUrl() })
    : standaloneSvg(trace, scenario, protocols);
  return new Response(body, { headers: { 'content-type': ARTIFACT_TYPES[extension] } });
};
