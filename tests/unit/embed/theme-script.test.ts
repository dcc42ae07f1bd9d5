import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { THEMES } from '$lib/embed/options';
import { EMBED_THEME_SCRIPT } from '$lib/embed/theme-script';
import config from '../../../svelte.config.js';

/** Runs the inline script as a page with `search` would, and returns <html>'s data-theme. */
function themeAfter(search: string): string | undefined {
  const dataset: Record<string, string> = {};
  const run = new Function('location', 'document', 'URLSearchParams', EMBED_THEME_SCRIPT);
  run({ search }, { documentElement: { dataset } }, URLSearchParams);
  return dataset.theme;
}

describe('the embed’s theme script', () => {
  it.each(THEMES.filter((t) => t !== 'auto'))('does set %s before the first paint', (theme) => {
    expect(themeAfter(`?branch=accept&theme=${theme}`)).toBe(theme);
  });

  it.each(['?theme=auto', '', '?theme=DARK', '?theme=%3Cscript%3E', '?theme=light&theme=dark'])(
    'does leave the system theme for %j',
    (search) => {
      // A repeated theme: the first counts, as in readEmbedOptions.
      const expected = search === '?theme=light&theme=dark' ? 'light' : undefined;
      expect(themeAfter(search)).toBe(expected);
    }
  );

  it('does run under the site’s policy: its hash is in script-src', () => {
    const hash = createHash('sha256').update(EMBED_THEME_SCRIPT).digest('base64');
    expect(config.kit?.csp?.directives?.['script-src']).toContain(`sha256-${hash}`);
  });
});
