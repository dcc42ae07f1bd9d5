/**
 * The embed's own query parameters, beside the player's (`branch`, `step`, `timeout`,
 * `response`, read by the session): how much control the reader gets, and the theme. Reading is
 * forgiving like the player's: a value it cannot use falls back to the default with a note,
 * so a writer who mistypes one sees why the frame does not look as asked.
 */

export const CONTROLS = ['full', 'minimal', 'none'] as const;
/**
 * `full`: the whole step control, the choice and the timing. `minimal`: the step buttons and
 * the counter. `none`: nothing to click; the host page drives it (and keys still work).
 */
export type Controls = (typeof CONTROLS)[number];

export const THEMES = ['light', 'dark', 'auto'] as const;
/** `auto` follows the reader's system, as the site does. */
export type Theme = (typeof THEMES)[number];

export interface EmbedOptions {
  controls: Controls;
  theme: Theme;
}

export const DEFAULT_EMBED_OPTIONS: EmbedOptions = { controls: 'full', theme: 'auto' };

/** Longest query value echoed back in a note. */
const ECHO_MAX = 40;

function echo(value: string): string {
  return JSON.stringify(value.length > ECHO_MAX ? `${value.slice(0, ECHO_MAX)}…` : value);
}

function isOneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

/** Reads `controls` and `theme`, with a note for every value it could not use. */
export function readEmbedOptions(query: URLSearchParams | string): {
  options: EmbedOptions;
  notes: string[];
} {
  const params = typeof query === 'string' ? new URLSearchParams(query) : query;
  const notes: string[] = [];
  function read<T extends string>(name: string, list: readonly T[], fallback: T): T {
    const raw = params.get(name);
    if (raw === null) return fallback;
    if (isOneOf(list, raw)) return raw;
    notes.push(
      `The link’s ${name} ${echo(raw)} is not one of ${list.join(', ')}; using ${fallback}.`
    );
    return fallback;
  }
  return {
    options: {
      controls: read('controls', CONTROLS, DEFAULT_EMBED_OPTIONS.controls),
      theme: read('theme', THEMES, DEFAULT_EMBED_OPTIONS.theme)
    },
    notes
  };
}

/** The query for the embed's own options: defaults left out, to keep the code short. */
export function embedOptionsQuery(options: EmbedOptions): string {
  const params = new URLSearchParams();
  if (options.controls !== DEFAULT_EMBED_OPTIONS.controls) params.set('controls', options.controls);
  if (options.theme !== DEFAULT_EMBED_OPTIONS.theme) params.set('theme', options.theme);
  return params.toString();
}
