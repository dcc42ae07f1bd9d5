/**
 * One run as a mermaid `sequenceDiagram` that stock mermaid 11 renders.
 *
 * Conventions (also stated in the diagram's closing legend note):
 * - Participants get short ASCII ids (`urs`, `IS`, `AA`, `RE`): mermaid reads `-x`, `--` or `-)`
 *   inside an id as an arrow, so component ids with dashes are not used as mermaid ids.
 * - Every message is a solid arrow `->>`, numbered by `autonumber` (so the numbers match each
 *   message's `seq`). A dashed arrow means "reply" to most readers of sequence diagrams, so it is
 *   not used to mark provenance; instead a modeled message's label ends in "(modeled)".
 * - Each phase is a `rect` block opened by a note over all lifelines carrying the seed's title.
 * - The delivery timer is a note over Interaction Server: started / cancelled / expired.
 * - Every label goes through {@link escapeMermaid}: mermaid's own entity codes (`#59;`) stand in
 *   for characters that are syntax to it.
 */
import { COMPONENT_IDS, type ComponentId, type Trace, type TraceEntry } from '../engine/types';
import type { Scenario } from '../content/types';
import { componentName, formatAt, phaseTitle, runSummary } from './format';

/** Mermaid participant id per component: deterministic, ASCII, no dashes. */
export const MERMAID_IDS: Record<ComponentId, string> = {
  urs: 'urs',
  'interaction-server': 'IS',
  'agent-application': 'AA',
  'reporting-engine': 'RE'
};

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

/** The label of one entry: message name, protocol and time; or the timer in a few words. */
function label(entry: TraceEntry): string {
  const modeled = entry.provenance === 'modeled' ? ' (modeled)' : '';
  if (entry.kind === 'message') {
    return `${entry.message.name} · ${entry.message.protocol} · ${formatAt(entry.at)}${modeled}`;
  }
  switch (entry.action) {
    case 'started':
      return `delivery timer started at ${formatAt(entry.at)}, deadline ${formatAt(entry.deadline)}${modeled}`;
    case 'cancelled':
      return `delivery timer cancelled at ${formatAt(entry.at)} (deadline was ${formatAt(entry.deadline)})${modeled}`;
    case 'expired':
      return `delivery timer expired at ${formatAt(entry.at)}${modeled}`;
  }
}

const LEGEND = [
  'Legend: numbered arrows are messages. Notes on Interaction Server are its delivery timer.',
  'A label ending in (modeled) is our reasoned choice where the reference is silent. The rest is documented.',
  'Times are virtual, from RequestRouteCall at 0 s. Attribute values are illustrative.'
];

/** Alternating shades, neutral enough for light and dark themes, so adjacent phases separate. */
const PHASE_FILLS = ['rgba(127, 127, 127, 0.08)', 'rgba(127, 127, 127, 0.16)'];

/**
 * The run as mermaid `sequenceDiagram` text (ending in a newline), drawn up to step `upTo`:
 * all four participants, one `rect` per phase, messages, timer notes and a legend.
 */
export function toMermaid(
  trace: Trace,
  scenario: Pick<Scenario, 'title' | 'components' | 'phases'>,
  options: MermaidOptions = {}
): string {
  const upTo = options.upTo ?? Infinity;
  const ids = COMPONENT_IDS.map((id) => MERMAID_IDS[id]);
  // A note spanning every lifeline: from the leftmost to the rightmost participant.
  const everyone = `${ids[0]},${ids.at(-1)}`;

  const lines = [
    'sequenceDiagram',
    // Comments, not `title`/`accDescr`: those two run through DOMPurify while mermaid parses,
    // which needs a DOM, and the golden tests parse every diagram in Node.
    `  %% ${comment(`${scenario.title}: ${trace.input.branch} branch`)}`,
    `  %% ${comment(runSummary(trace))}`,
    '  autonumber'
  ];
  for (const id of COMPONENT_IDS) {
    const alias = escapeMermaid(componentName(id, scenario), { alias: true });
    lines.push(`  participant ${MERMAID_IDS[id]}${alias ? ` as ${alias}` : ''}`);
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
    if (entry.kind === 'message') {
      lines.push(
        `    ${MERMAID_IDS[entry.from]}->>${MERMAID_IDS[entry.to]}: ${escapeMermaid(label(entry))}`
      );
    } else {
      lines.push(`    Note over ${MERMAID_IDS[entry.owner]}: ${escapeMermaid(label(entry))}`);
    }
  }
  if (phase !== undefined) lines.push('  end');
  // <br/> is mermaid's line break inside a note; the sentences themselves are escaped.
  lines.push(`  Note over ${everyone}: ${LEGEND.map((line) => escapeMermaid(line)).join('<br/>')}`);
  return `${lines.join('\n')}\n`;
}
