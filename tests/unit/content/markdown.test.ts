import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '$lib/content/markdown';

describe('renderMarkdown', () => {
  it('renders paragraphs, emphasis and code', () => {
    expect(renderMarkdown('Sends `EventInvite` **now**.\n\nThen waits.')).toBe(
      '<p>Sends <code>EventInvite</code> <strong>now</strong>.</p>\n<p>Then waits.</p>\n'
    );
  });

  it('shows raw HTML as text instead of running it', () => {
    const html = renderMarkdown('Hi <img src=x onerror="alert(1)"> there');
    expect(html).not.toContain('<img');
    expect(html).toContain('&#60;img');
  });

  it('keeps http and relative links and drops script links to their text', () => {
    expect(renderMarkdown('[docs](https://docs.genesys.com/)')).toContain(
      '<a href="https://docs.genesys.com/">docs</a>'
    );
    expect(renderMarkdown('[glossary](/glossary#EventAck)')).toContain('href="/glossary#EventAck"');
    expect(renderMarkdown('[click](javascript:alert(1))')).toBe('<p>click</p>\n');
  });
});
