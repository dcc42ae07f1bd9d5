import { resolve } from 'node:path';
import { sveltekit } from '@sveltejs/kit/vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { ISLAND_ENTRY } from './src/lib/server/island.ts';
import { artifactContentTypes } from './src/lib/server/preview-content-types.ts';

/**
 * content/ is read from disk by the server loads (src/lib/content/index.ts), not imported, so
 * Vite does not watch it: this reloads the dev server's pages when an author saves a file.
 */
function reloadOnContent(): Plugin {
  const dir = resolve(process.env.CONTENT_DIR || '.', 'content');
  return {
    name: 'interaction-lab:reload-on-content',
    configureServer(server) {
      server.watcher.add(dir);
      server.watcher.on('change', (file) => {
        if (!file.startsWith(dir)) return;
        server.moduleGraph.invalidateAll();
        server.ws.send({ type: 'full-reload' });
      });
    }
  };
}

/**
 * The embed's island script (src/lib/embed/island.ts) as one more entry of SvelteKit's client
 * build, so it shares the Svelte runtime and the player's chunks with the site's pages. No page
 * imports it: its route finds it in the build's manifest (src/lib/server/island.ts).
 */
function embedIsland(): Plugin {
  let client = false;
  return {
    name: 'interaction-lab:embed-island',
    apply: 'build',
    configResolved(config) {
      // SvelteKit builds the server first, then the client with the same config.
      client = !config.build.ssr;
    },
    buildStart() {
      if (client) this.emitFile({ type: 'chunk', id: resolve(ISLAND_ENTRY), name: 'embed-island' });
    }
  };
}

export default defineConfig({
  plugins: [sveltekit(), reloadOnContent(), artifactContentTypes(), embedIsland()],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          benchmark: { include: ['tests/bench/**/*.bench.ts'] },
          environment: 'node'
        }
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/e2e/global-setup.ts'],
          // One browser, one preview server: files run one after another on a 2-core machine.
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 60_000
        }
      }
    ]
  }
});
