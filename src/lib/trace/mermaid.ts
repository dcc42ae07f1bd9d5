/**
 * One run as a mermaid `sequenceDiagram` that stock mermaid 11 renders.
 *
 * Conventions (also stated in the diagram's closing legend note):
 * - Participants get short ASCII ids (`urs`, `IS`, `AA`, `RE`; see {@link mermaidIds}): mermaid
 *   reads `-x`, `--` or `-)` inside an id as an arrow, so lifeline ids with dashes are not used.
 * - Every message is a solid arrow `->>`, numbered by `autonumber` (so the numbers match each
 *   message's `seq`). A dashed arrow means "reply" to most readers of sequence diagrams, so it is
 *   not used to mark provenance; instead a modeled message's label ends in "(modeled)".
 * - Each phase is a `rect` block opened by a note over all lifelines carrying the seed's title.
 * - A timer is a note over its owner: started / restarted / cancelled / expired.
 * - A lifeline event is a note over its lifeline, in {@link lifelineEventWords}'s words:
 *   "disconnects from Interaction Server at 12 s".
 * - A stand-in says what it stands in for: "EventRouteUsed (in place of EventAck)".
 * - Every label goes through {@link escapeMermaid}: mermaid's own entity codes (`#59;`) stand in
 *   for characters that are syntax to it.
 */
import type { Trace, TraceEntry } from '../engine/types';
import type { Scenario } from '../content/types';
import {
  formatAt,
  lifelineEventWords,
  lifelineName,
  phaseTitle,
  runSummary,
  runTitle,
  timesNote,
  type SummaryNames
} from './format';

/** Words mermaid's sequence grammar reads as keywords wherever an id stands. */
const KEYWORDS = new Set(
  'participant actor as autonumber activate deactivate note over end loop alt else opt par and rect critical break box title links link properties details create destroy left right of'.split(
    ' '
  )
);

/**
 * Mermaid participant id per lifeline: deterministic, ASCII, no dashes. A one-word id stays as
 * it is (`urs`); a longer one becomes its initials, upper-case (`interaction-server` → `IS`,
 * `agent-2` → `A2`). A keyword or a clash gets a number.
 */
export function mermaidIds(lifelines: readonly string[]): Map<string, string> {
  const ids = new Map<string, string>();
  const taken = new Set<string>();
  for (const id of lifelines) {
    const words = id.split('-');
    let base =
      words.length === 1
        ? id
        : words
            .map((w) => w[0] ?? '')
            .join('')
            .toUpperCase();
    if (KEYWORDS.has(base.toLowerCase())) base = `${base}_`;
    let candidate = base;
    for (let n = 2; taken.has(candidate); n++) candidate = `${base}${n}`;
    taken.add(candidate);
    ids.set(id, candidate);
  }
  return ids;
}

/**
 * Characters mermaid's sequence grammar treats as syntax in message and note text: `;` and `#`
 * end the text, `%` `{` `}` can start a directive (`%%{init: …}%%`) anywhere in the source, `<`
 * `>` `&` `"` take part in HTML and entity handling, and `ﬂ` `¶` begin the private markers
 * mermaid substitutes for entity codes while it parses.
 */
const TEXT_SPECIAL = /[#;%{}<>&"ﬂ¶]/gu;
/** A participant alias also ends at `:` `,` `@`. */
const ALIAS_SPECIAL = /[#;%{}<>&"ﬂ¶:,@]/gu;

/**
 * Makes any text safe as a mermaid label: whitespace runs (newlines included) become one
 * space, and each syntax character becomes its decimal entity code (`;` → `#59;`), which
 * mermaid turns back into the character when it renders. `alias` escapes the few more
 * characters that end a participant alias.
 */
export function escapeMermaid(text: string, options: { alias?: boolean } = {}): string {
  return text
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(options.alias ? ALIAS_SPECIAL : TEXT_SPECIAL, (c) => `#${c.codePointAt(0)};`);
}

/**
 * Makes text safe inside a `%%` comment line: one line, and no `%%{` that mermaid would read as
 * a directive wherever it appears.
 */
function comment(text: string): string {
  return text.replace(/\s+/gu, ' ').trim().replace(/%/gu, '#37;');
}

export interface MermaidOptions {
  /** Draw entries up to and including this step (default: all of them). */
  upTo?: number;
}

/** The label of one entry: message name, protocol and time; the timer or the event in a few words. */
function label(entry: TraceEntry, scenario: Pick<Scenario, 'lifelines'>): string {
  const modeled = entry.provenance === 'modeled' ? ' (modeled)' : '';
  switch (entry.kind) {
    case 'message': {
      const standIn = entry.message.inPlaceOf ? ` (in place of ${entry.message.inPlaceOf})` : '';
      return `${entry.message.name}${standIn} · ${entry.message.protocol} · ${formatAt(entry.at)}${modeled}`;
    }
    case 'lifeline':
      return `${lifelineEventWords(entry, scenario)} at ${formatAt(entry.at)}${modeled}`;
    case 'timer':
      switch (entry.action) {
        case 'started':
          return `${entry.label} started at ${formatAt(entry.at)}, deadline ${formatAt(entry.deadline)}${modeled}`;
        case 'restarted':
          return `${entry.label} restarted at ${formatAt(entry.at)}, deadline ${formatAt(entry.deadline)}${modeled}`;
        case 'cancelled':
          return `${entry.label} cancelled at ${formatAt(entry.at)} (deadline was ${formatAt(entry.deadline)})${modeled}`;
        case 'expired':
          return `${entry.label} expired at ${formatAt(entry.at)}${modeled}`;
      }
  }
}

/** The closing note's lines; the timer's and the lifeline events' only where the run has them. */
function legend(trace: Trace, scenario: Pick<Scenario, 'lifelines'>): string[] {
  const timer = trace.timer
    ? ` Notes on ${lifelineName(trace.timer.owner, scenario)} are its ${trace.timer.label}.`
    : '';
  const events = trace.entries.some((e) => e.kind === 'lifeline')
    ? ' A note over one lifeline that says it connects, disconnects, restarts, becomes primary or becomes secondary is an event of that lifeline, not a message.'
    : '';
  return [
    `Legend: numbered arrows are messages.${timer}${events}`,
    'A label ending in (modeled) is our reasoned choice where the reference is silent. The rest is documented.',
    `${timesNote(trace)} Attribute values are illustrative.`
  ];
}

/** Alternating shades, neutral enough for light and dark themes, so adjacent phases separate. */
const PHASE_FILLS = ['rgba(127, 127, 127, 0.08)', 'rgba(127, 127, 127, 0.16)'];

/**
 * The run as mermaid `sequenceDiagram` text (ending in a newline), drawn up to step `upTo`:
 * every participant, one `rect` per phase, messages, timer notes and a legend.
 */
export function toMermaid(
  trace: Trace,
  scenario: Pick<Scenario, 'title' | 'lifelines' | 'phases'> & SummaryNames,
  options: MermaidOptions = {}
): string {
  const upTo = options.upTo ?? Infinity;
  const idOf = mermaidIds(scenario.lifelines.map((l) => l.id));
  const mid = (id: string) => idOf.get(id) ?? id;
  const ids = [...idOf.values()];
  // A note spanning every lifeline: from the leftmost to the rightmost participant.
  const everyone = `${ids[0]},${ids.at(-1)}`;

  const lines = [
    'sequenceDiagram',
    // Comments, not `title`/`accDescr`: those two run through DOMPurify while mermaid parses,
    // which needs a DOM, and the golden tests parse every diagram in Node.
    `  %% ${comment(runTitle(trace, scenario))}`,
    `  %% ${comment(runSummary(trace, scenario))}`,
    '  autonumber'
  ];
  for (const { id } of scenario.lifelines) {
    const alias = escapeMermaid(lifelineName(id, scenario), { alias: true });
    lines.push(`  participant ${mid(id)}${alias ? ` as ${alias}` : ''}`);
  }

  let phase: string | undefined;
  let blocks = 0;
  for (const entry of trace.entries) {
    if (entry.step > upTo) break;
    if (entry.phase !== phase) {
      if (phase !== undefined) lines.push('  end');
      phase = entry.phase;
      lines.push(`  rect ${PHASE_FILLS[blocks++ % PHASE_FILLS.length]}`);
      lines.push(`    Note over ${everyone}: ${escapeMermaid(phaseTitle(entry.phase, scenario))}`);
    }
    const text = escapeMermaid(label(entry, scenario));
    switch (entry.kind) {
      case 'message':
        lines.push(`    ${mid(entry.from)}->>${mid(entry.to)}: ${text}`);
        break;
      case 'timer':
        lines.push(`    Note over ${mid(entry.owner)}: ${text}`);
        break;
      case 'lifeline':
        lines.push(`    Note over ${mid(entry.lifeline)}: ${text}`);
        break;
    }
  }
  if (phase !== undefined) lines.push('  end');
  // <br/> is mermaid's line break inside a note; the sentences themselves are escaped.
  lines.push(
    `  Note over ${everyone}: ${legend(trace, scenario)
      .map((line) => escapeMermaid(line))
      .join('<br/>')}`
  );
  return `${lines.join('\n')}\n`;
}
