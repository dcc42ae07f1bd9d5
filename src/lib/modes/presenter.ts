/**
 * The pure parts of presenter mode: which key does what, the one line of narration under the
 * diagram, the link the QR code carries, and how far the diagram is scaled to fill the screen.
 */
import { commandFor, type PlayerCommand } from '$lib/player/keys';

/** What a key does in presenter mode: a player verb, or one of the presenter's own. */
export type PresenterCommand = Exclude<PlayerCommand, 'togglePlay'> | 'blank' | 'qr' | 'leave';

/**
 * Keys that presenter mode adds to the player's. Space moves on, as in every slide program (the
 * player's play and pause would run away from a speaker), and so do "." and the up and down
 * arrows, which some clickers send.
 */
const PRESENTER_KEYS: Record<string, PresenterCommand> = {
  '.': 'next',
  ArrowDown: 'next',
  ArrowUp: 'back',
  b: 'blank',
  B: 'blank',
  q: 'qr',
  Q: 'qr',
  Escape: 'leave'
};

/** The presenter command for a key press, or null when the key belongs to something else. */
export function presenterCommand(event: Parameters<typeof commandFor>[0]): PresenterCommand | null {
  // The player's rules decide when a key is someone else's (a focused button owns Space).
  const command = commandFor(event);
  if (event.key === ' ') return command ? 'next' : null;
  if (command === 'togglePlay') return null;
  if (command) return command;
  if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return null;
  return PRESENTER_KEYS[event.key] ?? null;
}

/** A piece of one line of narration: plain text, or a name that the Markdown put in backticks. */
export interface Segment {
  text: string;
  code: boolean;
}

/** Words that end with a full stop without ending the sentence. */
const ABBREVIATIONS = /(?:^|[\s(])(?:e\.g|i\.e|etc|vs|cf)$/i;

/**
 * The first sentence of a Markdown text, for one line under the diagram: backtick names kept as
 * code, links and emphasis reduced to their words. A sentence ends at ".", "!" or "?" (with any
 * closing quote or bracket) before a space or the end, outside backticks and abbreviations.
 */
export function firstSentence(markdown: string): Segment[] {
  const paragraph = markdown.trim().split(/\n\s*\n/)[0] ?? '';
  const text = paragraph
    .replace(/\s+/g, ' ')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2')
    .replace(/(^|[^\w`])([*_])(?=\S)(.+?)(?<=\S)\2(?!\w)/g, '$1$3');

  let end = text.length;
  let inCode = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === '`') inCode = !inCode;
    if (inCode || !'.!?'.includes(c)) continue;
    let j = i + 1;
    while (j < text.length && '"”’)'.includes(text.charAt(j))) j++;
    if (j < text.length && text[j] !== ' ') continue;
    if (c === '.' && ABBREVIATIONS.test(text.slice(0, i))) continue;
    end = j;
    break;
  }

  return text
    .slice(0, end)
    .split('`')
    .map((part, i) => ({ text: part, code: i % 2 === 1 }))
    .filter((s) => s.text !== '');
}

/** The text of segments, as a screen reader or a test reads it. */
export function segmentsText(segments: readonly Segment[]): string {
  return segments.map((s) => s.text).join('');
}

/** The player's parameters (as in session.svelte.ts): a default left out of `viewQuery` is dropped. */
const VIEW_PARAMS = new Set(['branch', 'step', 'timeout', 'response']);

/**
 * The absolute link to the step on show, for the QR code and for leaving presenter mode: this
 * page with the player's own parameters from `viewQuery` (see writeView), any other parameter
 * the page had kept, and no `mode`, so a phone opens the ordinary player there.
 */
export function followLink(pageHref: string, viewQuery: string): string {
  const url = new URL(pageHref);
  const params = new URLSearchParams(viewQuery);
  const own = new Set(params.keys());
  for (const [key, value] of url.searchParams) {
    if (key !== 'mode' && !own.has(key) && !VIEW_PARAMS.has(key)) params.append(key, value);
  }
  url.search = params.toString();
  url.hash = '';
  return url.href;
}

/**
 * How much to scale a drawing of `natural` size so that all of it fits in `area`, keeping its
 * proportions: the smaller of the two ratios. 1 until both are known.
 */
export function fitScale(
  area: { width: number; height: number },
  natural: { width: number; height: number }
): number {
  if (!(area.width > 0 && area.height > 0 && natural.width > 0 && natural.height > 0)) return 1;
  return Math.min(area.width / natural.width, area.height / natural.height);
}
