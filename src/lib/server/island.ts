/**
 * The files of the embed's island (src/lib/embed/island.ts) in a build, from Vite's manifest of
 * the client build, as Vite's "backend integration" guide does for HTML that Vite did not write:
 * the entry's script, the chunks it imports (to preload) and the stylesheets of all of them.
 * Read while prerendering, when the client build is done; in `vite dev`, the module itself.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The island's entry, as the build emits it (vite.config.ts) and the manifest keys it. */
export const ISLAND_ENTRY = 'src/lib/embed/island.ts';

/** Paths relative to the site's root, e.g. `_app/immutable/chunks/x.js`. */
export interface IslandFiles {
  script: string;
  preload: string[];
  css: string[];
}

interface ManifestChunk {
  file: string;
  imports?: string[];
  css?: string[];
}
export type ViteManifest = Record<string, ManifestChunk>;

/** The island's files in `manifest`, or an error that says what is missing. */
export function islandFiles(manifest: ViteManifest, entry = ISLAND_ENTRY): IslandFiles {
  const chunk = manifest[entry];
  if (!chunk) {
    throw new Error(
      `Vite's manifest has no ${entry}: is the embed-island plugin in vite.config.ts?`
    );
  }
  const preload: string[] = [];
  const css = new Set(chunk.css ?? []);
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const imported = manifest[key];
    if (!imported) throw new Error(`Vite's manifest names ${key} but has no entry for it`);
    preload.push(imported.file);
    for (const file of imported.css ?? []) css.add(file);
    for (const next of imported.imports ?? []) visit(next);
  };
  for (const key of chunk.imports ?? []) visit(key);
  return { script: chunk.file, preload, css: [...css] };
}

/** Where SvelteKit wrote the client build's manifest (svelte.config.js: BUILD_DIR). */
export function clientManifestPath(env: Record<string, string | undefined> = process.env) {
  const outDir = env.BUILD_DIR ? `${env.BUILD_DIR}.svelte-kit` : '.svelte-kit';
  return join(outDir, 'output/client/.vite/manifest.json');
}

/** The island's files in this build; in `vite dev`, the source module, which Vite serves. */
export function loadIslandFiles(dev: boolean): IslandFiles {
  if (dev) return { script: ISLAND_ENTRY, preload: [], css: [] };
  const path = clientManifestPath();
  if (!existsSync(path)) throw new Error(`No client manifest at ${path}: is this a build?`);
  return islandFiles(JSON.parse(readFileSync(path, 'utf8')) as ViteManifest);
}
