/**
 * The embed's `theme` before its first paint. The island script that wakes the embed is a module
 * and runs after the page is parsed, so a frame asked for `theme=dark` would first paint in the
 * reader's system theme; this runs inline in the embed's <head> instead. Inline scripts run
 * only by hash under the site's Content Security Policy: svelte.config.js hashes this very string
 * into `script-src`, so edit it here and nowhere else. Plain JavaScript, as svelte.config.js
 * imports it; the values are THEMES' (options.ts) other than `auto`, which sets nothing.
 */
export const EMBED_THEME_SCRIPT =
  "(function(){var t=new URLSearchParams(location.search).get('theme');if(t==='light'||t==='dark')document.documentElement.dataset.theme=t})()";

/** The element for the embed's <head>, built here: a page's markup cannot hold `</script>`. */
export const EMBED_THEME_ELEMENT = `<script>${EMBED_THEME_SCRIPT}</script>`;
