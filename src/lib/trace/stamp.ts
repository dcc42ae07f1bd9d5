/**
 * The stamp every text export starts with: where the text came from, so that a copy pasted into
 * documentation can be checked against the model later (`npm run export -- --verify`).
 *
 * One payload, the same in every format, on one line:
 *
 *   interaction-lab: scenario=<id> branch=<option> [timeout=<s> response=<s>] model=<version> link=<url>
 *
 * - `key=value` pairs after the `interaction-lab:` prefix, separated by spaces, in this order. No
 *   value can hold a space: ids are slugs, the model version is hex and the link is an encoded
 *   URL, so a reader splits on spaces and then on the first `=`.
 * - `timeout` and `response`, in seconds, only for a scenario with a timer.
 * - `model` is the scenario's {@link Scenario.version}: it changes when the scenario's content or
 *   a glossary entry it uses does, even where this format shows none of that change.
 * - `link` opens the player at the run's last step with its timing written out, with the player's
 *   own query parameters (src/lib/player/url.ts):
 *   `<site>/scenarios/<id>?branch=…&step=…&timeout=…&response=…`.
 *
 * Each format wraps it in its own syntax:
 * - mermaid: `%% <payload>`, the first line (a mermaid comment);
 * - Markdown: `<!-- <payload> -->`, the first line, then a blank line; and `<!-- /interaction-lab -->`
 *   after a blank line as the last, so a block pasted into a longer page has a known end;
 * - text: `<payload>`, the first line, then a blank line;
 * - JSON: a `source` object, the first key, holding `tool: "interaction-lab"` and the same fields
 *   (timeout and response as numbers).
 *
 * Pure and free of the engine, so the player can stamp its exports in the browser.
 */
import type { Scenario } from '../content/types';
import { inputFieldsOf, type FieldName } from '../engine/input';
import type { Trace } from '../engine/types';

/** Who made the export: the payload's prefix and the JSON `source.tool`. */
export const STAMP_TOOL = 'interaction-lab';
/** The last line of a stamped Markdown export. */
export const MARKDOWN_END_MARKER = `<!-- /${STAMP_TOOL} -->`;

/** The formats a stamp is written in; the same ids as EXPORT_FORMATS. */
export type StampFormat = 'json' | 'mermaid' | 'markdown' | 'text';

export interface Stamp {
  /** The scenario's id. */
  scenario: string;
  /** The option chosen: an outcome or a version. */
  branch: string;
  /** The timer's length in its unit; only for a scenario with a timer. */
  timeout?: number;
  /** The response time in its unit; only for a scenario with one. */
  response?: number;
  /** How many times a party acts; only for a scenario with an activity. */
  count?: number;
  /** The scenario's content version when the export was made. */
  model: string;
  /** The player at the run's last step. */
  link: string;
}

const KEYS = ['scenario', 'branch', 'timeout', 'response', 'count', 'model', 'link'] as const;
type Key = (typeof KEYS)[number];
const REQUIRED: readonly Key[] = ['scenario', 'branch', 'model', 'link'];

/** The stamp of one run: `siteUrl` is where the site is published, e.g. http://localhost:4173. */
export function runStamp(
  trace: Trace,
  scenario: Pick<Scenario, 'id' | 'capabilities' | 'version'>,
  siteUrl: string
): Stamp {
  const query = new URLSearchParams({
    branch: trace.input.branch,
    step: String(trace.entries.length)
  });
  // Every field the learner sets, in its unit, as the player's URL writes it.
  const fields: Partial<Record<FieldName, number>> = {};
  for (const field of inputFieldsOf(scenario)) {
    fields[field.name] = field.get(trace.input);
    query.set(field.name, String(fields[field.name]));
  }
  const base = siteUrl.replace(/\/+$/, '');
  return {
    scenario: scenario.id,
    branch: trace.input.branch,
    ...fields,
    model: scenario.version,
    link: `${base}/scenarios/${encodeURIComponent(scenario.id)}?${query.toString()}`
  };
}

/** The one-line payload: `interaction-lab: scenario=… link=…`. */
export function formatStamp(stamp: Stamp): string {
  const pairs = KEYS.flatMap((key) =>
    stamp[key] === undefined ? [] : [`${key}=${String(stamp[key])}`]
  );
  return `${STAMP_TOOL}: ${pairs.join(' ')}`;
}

export type StampResult = { ok: true; stamp: Stamp } | { ok: false; error: string };

/** A number as the stamp writes it: plain decimal, nothing else. */
const NUMBER = /^\d+(\.\d+)?$/;

/**
 * Reads a payload written by {@link formatStamp}. It checks the syntax only (known keys, each
 * once, the required ones present, numbers for timing); whether the scenario, the option and the
 * timing exist is the reader's to check against content/.
 */
export function parseStamp(payload: string): StampResult {
  const prefix = `${STAMP_TOOL}:`;
  const text = payload.trim();
  if (!text.startsWith(prefix)) {
    return { ok: false, error: `expected "${prefix}" at the start` };
  }
  const found: Partial<Record<Key, string>> = {};
  for (const pair of text.slice(prefix.length).trim().split(/\s+/).filter(Boolean)) {
    const eq = pair.indexOf('=');
    const key = pair.slice(0, Math.max(eq, 0));
    if (eq <= 0 || !(KEYS as readonly string[]).includes(key)) {
      return {
        ok: false,
        error: `expected key=value with a key of ${KEYS.join(', ')}, got "${pair}"`
      };
    }
    if (found[key as Key] !== undefined) return { ok: false, error: `${key} is given twice` };
    const value = pair.slice(eq + 1);
    if (value === '') return { ok: false, error: `${key} has no value` };
    found[key as Key] = value;
  }
  const missing = REQUIRED.filter((key) => found[key] === undefined);
  if (missing.length > 0) return { ok: false, error: `missing ${missing.join(', ')}` };
  const numbers: Partial<Record<FieldName, number>> = {};
  for (const key of ['timeout', 'response', 'count'] as const) {
    const value = found[key];
    if (value === undefined) continue;
    if (!NUMBER.test(value)) return { ok: false, error: `${key} must be a number, got "${value}"` };
    numbers[key] = Number(value);
  }
  const { scenario, branch, model, link } = found as Record<Key, string>;
  return { ok: true, stamp: { scenario, branch, ...numbers, model, link } };
}

/**
 * Where the site was published, read back from a stamp's link: everything before
 * `/scenarios/<id>`. Undefined when the link is not an http(s) link to that scenario.
 */
export function siteUrlOfStamp(stamp: Stamp): string | undefined {
  let url: URL;
  try {
    url = new URL(stamp.link);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const tail = `/scenarios/${encodeURIComponent(stamp.scenario)}`;
  if (!url.pathname.endsWith(tail)) return undefined;
  return `${url.origin}${url.pathname.slice(0, -tail.length)}`;
}

/** The stamp's line in mermaid: a comment. */
export const mermaidStampLine = (stamp: Stamp) => `%% ${formatStamp(stamp)}`;
/** The stamp's line in Markdown: an HTML comment, which Markdown renders as nothing. */
export const markdownStampLine = (stamp: Stamp) => `<!-- ${formatStamp(stamp)} -->`;

/** A mermaid line that is a stamp, whether or not it parses: the payload, or undefined. */
export function mermaidStampPayload(line: string): string | undefined {
  const m = /^\s*%%\s*(interaction-lab:.*)$/.exec(line);
  return m?.[1]?.trim();
}

/** A Markdown line that is a stamp, whether or not it parses: the payload, or undefined. */
export function markdownStampPayload(line: string): string | undefined {
  const m = /^\s*<!--\s*(interaction-lab:.*?)\s*(-->)?\s*$/.exec(line);
  return m?.[1];
}

/** Whether a Markdown line is the end marker of a stamped export. */
export const isMarkdownEndMarker = (line: string) => line.trim() === MARKDOWN_END_MARKER;

/** One export's text with its stamp: what exportRun returns. `body` ends in a newline. */
export function withStamp(format: StampFormat, body: string, stamp: Stamp): string {
  switch (format) {
    case 'mermaid':
      return `${mermaidStampLine(stamp)}\n${body}`;
    case 'markdown':
      return `${markdownStampLine(stamp)}\n\n${body}\n${MARKDOWN_END_MARKER}\n`;
    case 'text':
      return `${formatStamp(stamp)}\n\n${body}`;
    case 'json': {
      // The body is one JSON object written with a two-space indent: `source` goes in as its
      // first key, written the same way, and the body's own lines stay as they are.
      if (!body.startsWith('{\n')) throw new Error('a JSON export is one object, indented');
      const source = JSON.stringify({ source: { tool: STAMP_TOOL, ...stamp } }, null, 2);
      return `{\n${source.slice(2, -2)},\n${body.slice(2)}`;
    }
  }
}

/**
 * The export without its stamp, exactly as the format's renderer wrote it, or undefined when
 * `text` does not start (and, for Markdown, end) the way {@link withStamp} writes it.
 */
export function withoutStamp(format: StampFormat, text: string): string | undefined {
  const lines = text.split('\n');
  switch (format) {
    case 'mermaid':
      return mermaidStampPayload(lines[0] ?? '') === undefined
        ? undefined
        : lines.slice(1).join('\n');
    case 'text':
      return lines[0]?.startsWith(`${STAMP_TOOL}:`) && lines[1] === ''
        ? lines.slice(2).join('\n')
        : undefined;
    case 'markdown': {
      const end = `\n\n${MARKDOWN_END_MARKER}\n`;
      if (markdownStampPayload(lines[0] ?? '') === undefined || lines[1] !== '') return undefined;
      if (!text.endsWith(end)) return undefined;
      return `${lines.slice(2).join('\n').slice(0, -end.length)}\n`;
    }
    case 'json': {
      if (lines[0] !== '{' || lines[1] !== '  "source": {') return undefined;
      const close = lines.indexOf('  },', 2);
      if (close < 0) return undefined;
      return [lines[0], ...lines.slice(close + 1)].join('\n');
    }
  }
}
