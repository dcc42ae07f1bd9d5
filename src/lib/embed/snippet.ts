/**
 * The code a writer pastes into a documentation page: an iframe of the embed and the few lines
 * of host script that size it to its content. Pure strings, so what the copy button gives, the
 * oEmbed files carry and the tests read are the same bytes.
 */
import { HEIGHT } from './messages';
import type { Controls } from './options';

/**
 * A first height before the embed reports its own, in CSS pixels: the controls and a diagram
 * of ten steps in a column of documentation (about 800 px wide). A host without the script (an
 * oEmbed consumer) keeps it, and the frame scrolls to the narration below.
 */
export const INITIAL_HEIGHT: Record<Controls, number> = { full: 820, minimal: 700, none: 620 };

/** Marks the iframes the host script sizes; any other frame on the page is left alone. */
export const FRAME_ATTRIBUTE = 'data-interaction-lab';

/** Text for a double-quoted HTML attribute value. */
export function escapeAttribute(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;');
}

/** A JavaScript string literal that cannot end the `<script>` element it sits in. */
function scriptString(text: string): string {
  return JSON.stringify(text).replaceAll('<', '\\u003c').replaceAll('>', '\\u003e');
}

export interface FrameSpec {
  /** The embed's absolute URL, with its query. */
  src: string;
  /** The frame's accessible name, e.g. "Transfer, in Interaction Lab". */
  title: string;
  height: number;
  /** CSS width; oEmbed wants pixels, a page wants 100%. */
  width?: string;
}

/** The iframe alone (what oEmbed's `html` carries). */
export function iframeHtml({ src, title, height, width = '100%' }: FrameSpec): string {
  const attributes = [
    `src="${escapeAttribute(src)}"`,
    `title="${escapeAttribute(title)}"`,
    'loading="lazy"',
    `width="${escapeAttribute(width)}"`,
    `height="${Math.ceil(height)}"`,
    'style="border: 0"',
    FRAME_ATTRIBUTE
  ];
  return `<iframe ${attributes.join(' ')}></iframe>`;
}

/**
 * The host script: takes height messages only from `origin` and only for a frame it marks,
 * matched by `event.source`, so another frame or site cannot resize anything. Pasting it twice
 * (one per embed) does no harm: each copy sizes every embed on the page, to the same height.
 */
export function hostScript(origin: string): string {
  return [
    '<script>',
    '  // Sizes every Interaction Lab embed on this page to its content; needed once per page.',
    '  addEventListener("message", (event) => {',
    `    if (event.origin !== ${scriptString(origin)}) return;`,
    '    const { type, height } = event.data || {};',
    `    if (type !== ${scriptString(HEIGHT)} || !Number.isFinite(height)) return;`,
    `    for (const frame of document.querySelectorAll("iframe[${FRAME_ATTRIBUTE}]")) {`,
    '      if (frame.contentWindow === event.source) frame.height = String(Math.ceil(height));',
    '    }',
    '  });',
    '</script>'
  ].join('\n');
}

/** The iframe and the host script, ready to paste. */
export function embedSnippet(frame: FrameSpec): string {
  return `${iframeHtml(frame)}\n${hostScript(new URL(frame.src).origin)}\n`;
}
