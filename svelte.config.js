import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/**
 * BUILD_DIR builds the site elsewhere, with SvelteKit's own output beside it: the tests and the
 * benchmark build sites from other content folders (CONTENT_DIR) without touching build/.
 */
const buildDir = process.env.BUILD_DIR || 'build';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  // Runes for our own components only: forcing them on SvelteKit's generated root breaks it.
  vitePlugin: {
    dynamicCompileOptions: ({ filename }) =>
      filename.includes('node_modules') || filename.includes('.svelte-kit')
        ? undefined
        : { runes: true }
  },
  kit: {
    // Every page is prerendered; the site is plain files and can be hosted anywhere. Hosts serve
    // 404.html for unknown paths, which shows the app's own "Not found" page.
    adapter: adapter({ pages: buildDir, assets: buildDir, strict: true, fallback: '404.html' }),
    outDir: process.env.BUILD_DIR ? `${buildDir}.svelte-kit` : '.svelte-kit',
    prerender: { handleHttpError: 'fail', handleMissingId: 'fail' }
  }
};

export default config;
