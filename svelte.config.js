import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { createHash } from 'node:crypto';
import { EMBED_THEME_SCRIPT } from './src/lib/embed/theme-script.js';

/**
 * BUILD_DIR builds the site elsewhere, with SvelteKit's own output beside it: the tests and the
 * benchmark build sites from other content folders (CONTENT_DIR) without touching build/.
 */
const buildDir = process.env.BUILD_DIR || 'build';

/** The one inline script of ours, the embed's theme before its first paint, allowed by hash. */
const embedThemeHash = createHash('sha256').update(EMBED_THEME_SCRIPT).digest('base64');

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
    // Routes are resolved from small prerendered files (a page's __route.js) on navigation, not
    // from a manifest of every route in each page's first load: 2 kB less on every page.
    router: { resolution: 'server' },
    // Every page is prerendered; the site is plain files and can be hosted anywhere. Hosts serve
    // 404.html for unknown paths, which shows the app's own "Not found" page.
    adapter: adapter({ pages: buildDir, assets: buildDir, strict: true, fallback: '404.html' }),
    outDir: process.env.BUILD_DIR ? `${buildDir}.svelte-kit` : '.svelte-kit',
    prerender: { handleHttpError: 'fail', handleMissingId: 'fail' },
    // The static files the service worker answers for (src/service-worker.ts; it caches the
    // icons on install, the rest when fetched), but the README's screenshot, which no page shows,
    // and a host's _headers or _redirects, which the host does not serve. The site's pages
    // register it, not the embed (src/hooks.client.ts).
    serviceWorker: {
      register: false,
      files: (file) =>
        file !== 'screenshot.png' && !/(^|\/)(_headers|_redirects|\.DS_Store)$/.test(file)
    },
    // Every page is prerendered, so a nonce would be the same for every visitor: SvelteKit hashes
    // its inline start-up script instead and writes the policy into each page's <meta>. Styles
    // need 'unsafe-inline': mermaid's SVG carries its own <style> element and style attributes,
    // and the prerendered markup has style attributes (a style cannot run script). frame-ancestors
    // cannot go in a <meta>; README "Security headers for hosts" gives the headers to send.
    csp: {
      mode: 'hash',
      directives: {
        'default-src': ['self'],
        'script-src': ['self', `sha256-${embedThemeHash}`],
        'style-src': ['self', 'unsafe-inline'],
        // data: for generated images (QR codes), blob: for the PNG and SVG downloads.
        'img-src': ['self', 'data:', 'blob:'],
        'font-src': ['self'],
        'connect-src': ['self'],
        'worker-src': ['self'],
        'object-src': ['none'],
        'base-uri': ['self'],
        'form-action': ['self']
      }
    }
  }
};

export default config;
