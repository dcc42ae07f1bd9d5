/**
 * mermaid, loaded on first use only: it is ~200 KB gzipped before its sequence chunk, and only the
 * "mermaid" view needs it (STYLE.md, habit 8). Browser only.
 */
import type { Mermaid } from 'mermaid';

let loading: Promise<Mermaid> | undefined;
let renders = 0;

function loadMermaid(): Promise<Mermaid> {
  loading ??= import('mermaid').then(
    ({ default: mermaid }) => {
      const dark = matchMedia('(prefers-color-scheme: dark)').matches;
      mermaid.initialize({
        startOnLoad: false,
        securityLevel: 'strict',
        theme: dark ? 'dark' : 'default',
        // Throw instead of leaving mermaid's "Syntax error" drawing in document.body.
        suppressErrorRendering: true
      });
      return mermaid;
    },
    (error: unknown) => {
      // A failed chunk download (offline, new deploy) should not poison every later attempt.
      loading = undefined;
      throw error;
    }
  );
  return loading;
}

/** Renders mermaid text to SVG markup (sanitised by mermaid under securityLevel 'strict'). */
export async function renderMermaid(text: string): Promise<string> {
  const mermaid = await loadMermaid();
  // mermaid uses the id for the SVG element and its temporary container: unique per render.
  const { svg } = await mermaid.render(`mermaid-render-${++renders}`, text);
  return svg;
}
