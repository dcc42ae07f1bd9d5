import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

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
    adapter: adapter({ strict: true, fallback: '404.html' }),
    prerender: { handleHttpError: 'fail', handleMissingId: 'fail' }
  }
};

export default config;
