import { describe, expect, it } from 'vitest';
import { oembedResponse, oembedUrl } from '$lib/embed/oembed';
import { embedSnippet, escapeAttribute, hostScript, iframeHtml } from '$lib/embed/snippet';

const frame = {
  src: 'https://lab.example.com/embed/transfer?branch=reject&step=3&controls=minimal',
  title: 'Transfer, in Interaction Lab',
  height: 640
};

describe('snippet', () => {
  it('does write a lazy, full-width, titled iframe with the query escaped', () => {
    expect(iframeHtml(frame)).toBe(
      '<iframe src="https://lab.example.com/embed/transfer?branch=reject&amp;step=3&amp;controls=minimal"' +
        ' title="Transfer, in Interaction Lab" loading="lazy" width="100%" height="640"' +
        ' style="border: 0" data-interaction-lab></iframe>'
    );
  });

  it('does escape every attribute so nothing can leave it', () => {
    const html = iframeHtml({
      src: 'https://x.test/embed/a?b="><script>alert(1)</script>',
      title: `It's "quoted" & <b>bold</b>`,
      height: 600.4
    });
    expect(html).toContain(
      'src="https://x.test/embed/a?b=&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"'
    );
    expect(html).toContain('title="It&#39;s &quot;quoted&quot; &amp; &lt;b&gt;bold&lt;/b&gt;"');
    expect(html).toContain('height="601"');
    expect(html).not.toMatch(/<script|<b>/);
    expect(escapeAttribute('&amp;')).toBe('&amp;amp;');
  });

  it('does check the origin and the frame in the host script', () => {
    const script = hostScript('https://lab.example.com');
    expect(script).toMatch(/^<script>\n[\s\S]*\n<\/script>$/);
    expect(script).toContain('if (event.origin !== "https://lab.example.com") return;');
    expect(script).toContain('frame.contentWindow === event.source');
    expect(script).toContain('"interaction-lab:height"');
    expect(script).toContain('iframe[data-interaction-lab]');
  });

  it('does keep a hostile origin inside its string', () => {
    const script = hostScript('https://x.test"</script><script>alert(1)//');
    // One element: the only </script> is the last line.
    expect(script.match(/<\/script>/gi)).toHaveLength(1);
    expect(script).toContain(
      '"https://x.test\\"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)//"'
    );
  });

  it('does pair the iframe with a script for its own origin', () => {
    const code = embedSnippet(frame);
    expect(code.startsWith(iframeHtml(frame))).toBe(true);
    expect(code).toContain('event.origin !== "https://lab.example.com"');
    expect(code.endsWith('</script>\n')).toBe(true);
  });

  it('does run: the host script sizes the frame that sent the message, and no other', () => {
    const script = hostScript('https://lab.example.com')
      .replace(/^<script>\n/, '')
      .replace(/\n<\/script>$/, '');
    const ours = { contentWindow: {}, height: '640' };
    const other = { contentWindow: {}, height: '300' };
    let listener: (event: unknown) => void = () => {};
    const documentStub = {
      querySelectorAll: (selector: string) => {
        expect(selector).toBe('iframe[data-interaction-lab]');
        return [ours, other];
      }
    };
    new Function('addEventListener', 'document', script)(
      (type: string, fn: (event: unknown) => void) => {
        expect(type).toBe('message');
        listener = fn;
      },
      documentStub
    );
    const send = (origin: string, source: unknown, data: unknown) =>
      listener({ origin, source, data });
    send('https://evil.test', ours.contentWindow, { type: 'interaction-lab:height', height: 900 });
    send('https://lab.example.com', ours.contentWindow, { type: 'other', height: 900 });
    send('https://lab.example.com', ours.contentWindow, null);
    send('https://lab.example.com', ours.contentWindow, {
      type: 'interaction-lab:height',
      height: '900'
    });
    expect(ours.height).toBe('640');
    send('https://lab.example.com', ours.contentWindow, {
      type: 'interaction-lab:height',
      height: 812.5
    });
    expect(ours.height).toBe('813');
    expect(other.height).toBe('300');
  });
});

describe('oembed', () => {
  it('does describe the scenario’s embed with absolute URLs', () => {
    const response = oembedResponse('https://lab.example.com', {
      id: 'stop-processing',
      title: 'Stop Processing'
    });
    expect(response).toEqual({
      version: '1.0',
      type: 'rich',
      html: expect.stringMatching(
        /^<iframe src="https:\/\/lab\.example\.com\/embed\/stop-processing" title="Stop Processing, in Interaction Lab" loading="lazy" width="100%" height="\d+"/
      ),
      width: 800,
      height: expect.any(Number),
      title: 'Stop Processing',
      provider_name: 'Interaction Lab',
      provider_url: 'https://lab.example.com/'
    });
    expect(response.html).toContain(`height="${response.height}"`);
    expect(oembedUrl('https://lab.example.com', 'transfer')).toBe(
      'https://lab.example.com/oembed/transfer.json'
    );
  });
});
