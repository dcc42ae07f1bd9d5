import { describe, expect, it } from 'vitest';
import { scenarios } from '$lib/content';
import { playerData } from '$lib/content/page-data';
import {
  clientManifestPath,
  ISLAND_ENTRY,
  islandFiles,
  type ViteManifest
} from '$lib/server/island';

/** The shape of Vite's manifest: the island shares Svelte's chunk with a page that imports it. */
const manifest: ViteManifest = {
  [ISLAND_ENTRY]: {
    file: '_app/immutable/chunks/island.js',
    imports: ['_player.js', '_svelte.js'],
    css: ['_app/immutable/assets/embed-island.css']
  },
  '_player.js': {
    file: '_app/immutable/chunks/player.js',
    imports: ['_svelte.js', '_format.js'],
    css: ['_app/immutable/assets/PlayerCore.css']
  },
  '_format.js': {
    file: '_app/immutable/chunks/format.js',
    css: ['_app/immutable/assets/PlayerCore.css']
  },
  '_svelte.js': { file: '_app/immutable/chunks/svelte.js' },
  'src/routes/+page.svelte': {
    file: '_app/immutable/nodes/2.js',
    imports: ['_svelte.js', '_mermaid.js']
  },
  '_mermaid.js': { file: '_app/immutable/chunks/mermaid.js' }
};

describe('the embed island', () => {
  it('does load its script, preload every chunk it imports, once each, and their styles', () => {
    expect(islandFiles(manifest)).toEqual({
      script: '_app/immutable/chunks/island.js',
      preload: [
        '_app/immutable/chunks/player.js',
        '_app/immutable/chunks/svelte.js',
        '_app/immutable/chunks/format.js'
      ],
      css: ['_app/immutable/assets/embed-island.css', '_app/immutable/assets/PlayerCore.css']
    });
  });

  it('does not load what only other pages import', () => {
    const { preload } = islandFiles(manifest);
    expect(preload).not.toContain('_app/immutable/chunks/mermaid.js');
    expect(preload).not.toContain('_app/immutable/nodes/2.js');
  });

  it('does say what is missing when the build has no island, or a chunk it names', () => {
    expect(() => islandFiles({})).toThrow(/manifest has no src\/lib\/embed\/island\.ts/);
    const broken = { [ISLAND_ENTRY]: { file: 'island.js', imports: ['_gone.js'] } };
    expect(() => islandFiles(broken)).toThrow(/names _gone\.js but has no entry for it/);
  });

  it('does read the manifest where SvelteKit writes it, for BUILD_DIR too', () => {
    expect(clientManifestPath({})).toBe('.svelte-kit/output/client/.vite/manifest.json');
    expect(clientManifestPath({ BUILD_DIR: 'test-results/site-x' })).toBe(
      'test-results/site-x.svelte-kit/output/client/.vite/manifest.json'
    );
  });

  // The route writes the props as JSON in an attribute and the island parses them: anything JSON
  // cannot carry (a Map, a Date, NaN, Infinity) would reach the player changed.
  it.each(scenarios.map((s) => s.id))(
    'does carry %s’s player data through JSON unchanged',
    (id) => {
      const data = playerData(id);
      expect(JSON.parse(JSON.stringify(data))).toEqual(data);
    }
  );
});
