/**
 * `[file=artifact]`: a prerendered file of one run, `<branch>.<extension>`, e.g. `accept.mmd`.
 * Only these names reach the files' endpoint, so `/scenarios/<id>/compare` stays a page.
 */
import type { ParamMatcher } from '@sveltejs/kit';

/** The prerendered files of a run, by extension, with the content type each is served with. */
export const ARTIFACT_TYPES = {
  mmd: 'text/plain; charset=utf-8',
  json: 'application/json',
  md: 'text/markdown; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  svg: 'image/svg+xml'
} as const;

export type ArtifactExtension = keyof typeof ARTIFACT_TYPES;

export const ARTIFACT_EXTENSIONS = Object.keys(ARTIFACT_TYPES) as ArtifactExtension[];

/** `accept.mmd` → { branch: 'accept', extension: 'mmd' }; undefined for any other name. */
export function parseArtifact(
  file: string
): { branch: string; extension: ArtifactExtension } | undefined {
  const found = /^([a-z0-9][a-z0-9-]*)\.([a-z]+)$/.exec(file);
  if (!found?.[1] || !found[2] || !(found[2] in ARTIFACT_TYPES)) return undefined;
  return { branch: found[1], extension: found[2] as ArtifactExtension };
}

export const match: ParamMatcher = (file) => parseArtifact(file) !== undefined;
