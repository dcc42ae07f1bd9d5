/**
 * One run as GitHub-flavoured Markdown: a table per protocol (from {@link protocolTables}, like
 * the UI's tables), the timer and the lifeline events as lists, and what "modeled" means.
 */
import type { Trace } from '../engine/types';
import type { Scenario } from '../content/types';
import {
  capitalize,
  describeEntry,
  formatAt,
  lifelineName,
  messageLabel,
  phaseTitle,
  runSummary,
  runTitle,
  type SummaryNames
} from './format';
import { protocolTables } from './tables';

/**
 * Makes text inert as inline Markdown and as a table cell: one line, and a backslash before each
 * character that could start emphasis, code, a link, HTML, an entity or a cell boundary. The
 * backslash itself is escaped first, so `\|` in the input cannot turn into an unescaped pipe.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(/[\\`*_[\]<>|&#~!]/gu, (c) => `\\${c}`);
}

/** What the tables mean, wrapped as the export has always wrapped it. */
const note = (trace: Trace) => [
  '`#` numbers the messages in the order they are sent, as the sequence diagram does. Times are',
  `virtual, from ${escapeMarkdown(trace.origin)} at 0 s. **documented**: stated by the reference (GenEM) or`,
  'Genesys’s public documentation. **modeled**: our reasoned choice where the reference is silent.',
  'Attribute values are illustrative.'
];

/**
 * The run as Markdown text (ending in a newline): heading, one table per protocol, the timer's
 * list and, where the run has any, the lifeline events'.
 */
export function toMarkdown(
  trace: Trace,
  scenario: Pick<Scenario, 'title' | 'lifelines' | 'phases' | 'protocols'> & SummaryNames
): string {
  const name = (id: string) => escapeMarkdown(lifelineName(id, scenario));
  const out = [
    `# ${escapeMarkdown(runTitle(trace, scenario))}`,
    '',
    escapeMarkdown(runSummary(trace, scenario))
  ];

  for (const { protocol, rows } of protocolTables(trace, scenario.protocols)) {
    out.push('', `## ${escapeMarkdown(protocol)}`, '');
    if (rows.length === 0) {
      out.push('No messages in this protocol.');
      continue;
    }
    out.push('| # | Message | From → To | Time | Phase | Provenance |');
    out.push('| --: | --- | --- | --: | --- | --- |');
    for (const m of rows) {
      const cells = [
        String(m.seq),
        escapeMarkdown(messageLabel(m.message)),
        `${name(m.from)} → ${name(m.to)}`,
        formatAt(m.at),
        escapeMarkdown(phaseTitle(m.phase, scenario)),
        m.provenance
      ];
      out.push(`| ${cells.join(' | ')} |`);
    }
  }

  const timers = trace.entries.filter((e) => e.kind === 'timer');
  if (trace.timer && timers.length > 0) {
    out.push('', `## ${escapeMarkdown(capitalize(trace.timer.label))}`, '');
    for (const t of timers) {
      out.push(
        `- ${formatAt(t.at)}: ${escapeMarkdown(describeEntry(t, scenario))} — ${t.provenance}`
      );
    }
  }

  const events = trace.entries.filter((e) => e.kind === 'lifeline');
  if (events.length > 0) {
    out.push('', '## Lifeline events', '');
    for (const e of events) {
      out.push(
        `- ${formatAt(e.at)}: ${escapeMarkdown(describeEntry(e, scenario))} — ${e.provenance}`
      );
    }
  }

  out.push('', ...note(trace));
  return `${out.join('\n')}\n`;
}
