/**
 * One run as a plain-text ladder for terminals and screen readers: the lifelines as columns,
 * one line per trace entry with an ASCII arrow between the columns, phase titles as separator
 * lines. Monospace-aligned, no colours, no box-drawing characters (screen readers name those).
 */
import type { Trace, TraceEntry } from '../engine/types';
import type { Scenario } from '../content/types';
import {
  describeEntry,
  formatAt,
  lifelineName,
  messageLabel,
  phaseTitle,
  runSummary,
  runTitle,
  timesNote,
  type SummaryNames
} from './format';

/** The mark on a lifeline for what is not an arrow: a timer, or an event of the lifeline itself. */
const MARKS = { timer: '*', lifeline: '#' } as const;

/** Narrowest column per lifeline; wider when a name needs it. */
const MIN_COLUMN = 12;

/** One line of text: whitespace runs (newlines included) become one space. */
function oneLine(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

/** Length in code points, so one accented letter or arrow counts as one column. */
function width(text: string): number {
  return [...text].length;
}

/** The label after the ladder: what the entry is, and "[modeled]" where it applies. */
function label(entry: TraceEntry, scenario: Pick<Scenario, 'lifelines'>): string {
  const modeled = entry.provenance === 'modeled' ? ' [modeled]' : '';
  if (entry.kind === 'message') {
    return `${messageLabel(entry.message)} (${entry.message.protocol})${modeled}`;
  }
  return `${oneLine(describeEntry(entry, scenario))}${modeled}`;
}

/**
 * The run as a text ladder (ending in a newline): title and summary, a header naming the
 * lifelines, then per phase a `=== title ===` line and one line per entry, then a legend.
 */
export function toText(
  trace: Trace,
  scenario: Pick<Scenario, 'title' | 'lifelines' | 'phases'> & SummaryNames
): string {
  const order = scenario.lifelines.map((l) => l.id);
  const names = order.map((id) => oneLine(lifelineName(id, scenario)));
  const column = Math.max(MIN_COLUMN, ...names.map((n) => width(n) + 2));
  const lifeline = order.map((_, i) => i * column + Math.floor(column / 2));
  // The ladder ends at the last lifeline, so labels follow it closely.
  const ladderWidth = (lifeline[lifeline.length - 1] as number) + 1;
  const x = (id: string) => lifeline[order.indexOf(id)] as number;

  const times = trace.entries.map((e) => formatAt(e.at));
  const timeWidth = Math.max(width('Time'), ...times.map(width));
  const seqWidth = Math.max(
    1,
    ...trace.entries.map((e) => (e.kind === 'message' ? String(e.seq).length : 0))
  );
  const prefix = (time: string, seq: string) =>
    `${time.padStart(timeWidth)}  ${seq.padStart(seqWidth)}  `;

  /** A row of the ladder with every lifeline drawn. */
  const blank = (): string[] => {
    const row = Array<string>(ladderWidth).fill(' ');
    for (const at of lifeline) row[at] = '|';
    return row;
  };

  // The names line: each name centred on its lifeline, never overlapping the one before.
  let header = '';
  names.forEach((n, i) => {
    const start = Math.max(
      width(header) + (i > 0 ? 1 : 0),
      (lifeline[i] as number) - Math.floor(width(n) / 2)
    );
    header += ' '.repeat(start - width(header)) + n;
  });

  const out = [
    oneLine(runTitle(trace, scenario)),
    oneLine(runSummary(trace, scenario)),
    '',
    `${prefix('Time', '#')}${header}`.trimEnd(),
    `${prefix('', '')}${blank().join('')}`.trimEnd()
  ];

  let phase: string | undefined;
  trace.entries.forEach((entry, i) => {
    if (entry.phase !== phase) {
      phase = entry.phase;
      out.push(`=== ${oneLine(phaseTitle(entry.phase, scenario))} ===`);
    }
    const row = blank();
    if (entry.kind === 'message') {
      const from = x(entry.from);
      const to = x(entry.to);
      const [lo, hi] = from < to ? [from, to] : [to, from];
      for (let c = lo + 1; c < hi; c++) row[c] = '-';
      if (from < to) row[hi - 1] = '>';
      else if (from > to) row[lo + 1] = '<';
      else row[from] = '@';
    } else {
      row[x(entry.kind === 'timer' ? entry.owner : entry.lifeline)] = MARKS[entry.kind];
    }
    const seq = entry.kind === 'message' ? String(entry.seq) : '';
    out.push(`${prefix(times[i] as string, seq)}${row.join('')}  ${label(entry, scenario)}`);
  });

  const timer = trace.timer ? `; * is the ${oneLine(trace.timer.label)} on its owner` : '';
  const events = trace.entries.some((e) => e.kind === 'lifeline')
    ? '; # is something that happens to a lifeline itself'
    : '';
  out.push(
    '',
    `Arrows are messages, numbered in the order sent${timer}${events}.`,
    '[modeled]: our reasoned choice where the reference is silent; the rest is documented.',
    oneLine(timesNote(trace))
  );
  return `${out.join('\n')}\n`;
}
