import { resolve } from 'node:path';
import { sveltekit } from '@sveltejs/kit/vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
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

export default defineConfig({
  plugins: [sveltekit(), reloadOnContent(), artifactContentTypes()],
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
