/**
 * One run's sequence diagram as a standalone SVG file, drawn as a string with the live
 * diagram's geometry (layout.ts), shapes (shapes.ts) and colours (SequenceDiagram.svelte's, and
 * each protocol's from content/protocols.yaml). It is
 * what a docs build vendors (`/scenarios/<id>/<branch>.svg`) and what "Download SVG" and
 * "Download PNG" save, so it must stand alone: no script, no external style or font, no CSS
 * variable of the site's, and an opaque background that reads on a white or a dark page alike.
 * Pure: no DOM.
 */
import type { ProtocolInfo, Scenario } from '../content/types';
import type { Trace } from '../engine/types';
import { inputFieldsOf, unitSeconds } from '../engine/input';
import { formatAt, lifelineName } from '../trace/format';
import {
  LABEL_LINE_HEIGHT,
  layoutDiagram,
  visibleHeight,
  type ArrowItem,
  type DiagramItem,
  type Layout,
  type LifelineMarkItem,
  type TimerMarkItem
} from './layout';
import {
  clockPath,
  eventGlyphPath,
  headPath,
  LIFELINE_MARK_HALF,
  NUMBER_RADIUS,
  shaftEnd,
  TIMER_BAR_WIDTH,
  TIMER_MARK_RADIUS
} from './shapes';

export type StandaloneTheme = 'light' | 'dark';

export interface StandaloneOptions {
  /** How many entries to draw, 0 to trace.entries.length; default all of them. */
  shown?: number;
  theme?: StandaloneTheme;
  /** Accent the last drawn entry, as the player marks its current step. Default false. */
  markCurrent?: boolean;
}

type Palette = Record<
  | 'bg'
  | 'band'
  | 'border'
  | 'fg'
  | 'muted'
  | 'accent'
  | 'modeled'
  | 'lifeline'
  | 'timer'
  | 'timerEdge'
  | 'onProtocol',
  string
>;

/** The colours of SequenceDiagram.svelte's fallbacks (the site's theme), each meeting WCAG AA. */
const PALETTES: Record<StandaloneTheme, Palette> = {
  light: {
    bg: '#ffffff',
    band: '#f4f6f8',
    border: '#c9d1da',
    fg: '#1b1f24',
    muted: '#4d5560',
    accent: '#0b5cad',
    modeled: '#8a4b00',
    lifeline: '#78818b',
    timer: '#fff4c2',
    timerEdge: '#b36b00',
    onProtocol: '#ffffff'
  },
  dark: {
    bg: '#111418',
    band: '#1a1f25',
    border: '#3a434d',
    fg: '#e8ecf0',
    muted: '#a9b3be',
    accent: '#7cb8ff',
    modeled: '#f5b26b',
    lifeline: '#6e7986',
    timer: '#3b3414',
    timerEdge: '#e0a040',
    onProtocol: '#111418'
  }
};

/** What a colour from content may be inside the file's `<style>`: a hex colour, nothing else. */
const HEX_COLOUR = /^#[0-9a-fA-F]{3,8}$/;

/**
 * A protocol's colour in the theme, from content/protocols.yaml; the muted colour for a protocol
 * the content does not colour (or whose colour is not a hex colour, which the file cannot hold).
 */
function colourOf(
  protocol: string,
  protocols: readonly ProtocolInfo[],
  theme: StandaloneTheme
): string {
  const info = protocols.find((p) => p.id === protocol);
  const colour = info && (theme === 'dark' ? info.darkColour : info.colour);
  return colour && HEX_COLOUR.test(colour) ? colour : PALETTES[theme].muted;
}

/** Room around the drawing, and the rows above and below it. */
const MARGIN = 16;
const TITLE_SIZE = 16;
const SUBTITLE_SIZE = 12.5;
const HEAD_SIZE = 13.5;
const HEAD_LINE = 17;
const LEGEND_SIZE = 12;
const LEGEND_ROW = 20;
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', Arial, sans-serif";

/**
 * A generous guess at a text's width: a file has no layout engine to measure with, and a guess
 * too narrow would let a lifeline's name spill out of its box or a legend entry overlap the next.
 */
function textWidth(text: string, size: number, bold = false): number {
  return text.length * size * (bold ? 0.64 : 0.6);
}

/** XML 1.0 forbids most control characters even as references; they can only be dropped. */
// eslint-disable-next-line no-control-regex -- matching them is the point
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/** Text or an attribute value, escaped for XML. */
export function escapeXml(value: string | number): string {
  return String(value)
    .replace(FORBIDDEN, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** A number as an attribute: two decimals at most, no trailing zeros. */
const n = (value: number): string => String(Math.round(value * 100) / 100);

/** An element with escaped attributes; `body` is markup already escaped. */
function el(
  name: string,
  attributes: Record<string, string | number | null | undefined>,
  body?: string
): string {
  const attrs = Object.entries(attributes)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => ` ${k}="${typeof v === 'number' ? n(v) : escapeXml(v as string)}"`)
    .join('');
  return body === undefined ? `<${name}${attrs}/>` : `<${name}${attrs}>${body}</${name}>`;
}

/** A name split onto at most two lines so that it fits `width`; a long single word stays whole. */
function wrapName(name: string, width: number): string[] {
  if (textWidth(name, HEAD_SIZE, true) <= width) return [name];
  const words = name.split(' ');
  let best: [string, string] | null = null;
  for (let i = 1; i < words.length; i++) {
    const pair: [string, string] = [words.slice(0, i).join(' '), words.slice(i).join(' ')];
    const widest = Math.max(...pair.map((p) => p.length));
    if (!best || widest < Math.max(best[0].length, best[1].length)) best = pair;
  }
  return best ?? [name];
}

/** Puts each selector of a rule under `.il-diagram` (the root itself excepted). */
function scopeRule(rule: string): string {
  const open = rule.indexOf('{');
  const selectors = rule
    .slice(0, open)
    .split(',')
    .map((s) => (s === '.il-diagram' ? s : `.il-diagram ${s}`));
  return selectors.join(',') + rule.slice(open);
}

function styleSheet(
  theme: StandaloneTheme,
  used: readonly string[],
  protocols: readonly ProtocolInfo[]
): string {
  const c = PALETTES[theme];
  const protocolRules = used.map((protocol, i) => {
    const colour = colourOf(protocol, protocols, theme);
    return `.il-p${i} .il-number-bg,.il-swatch.il-p${i}{fill:${colour}}.il-p${i} .il-protocol{fill:${colour}}`;
  });
  // Every selector sits under .il-diagram, so an SVG pasted into a page styles only itself.
  return [
    `.il-diagram{font-family:${FONT}}`,
    `.il-bg{fill:${c.bg};stroke:${c.border};stroke-width:1}`,
    `.il-title{fill:${c.fg};font-size:${TITLE_SIZE}px;font-weight:700}`,
    `.il-subtitle,.il-legend{fill:${c.muted};font-size:${SUBTITLE_SIZE}px}`,
    `.il-legend{font-size:${LEGEND_SIZE}px}`,
    `.il-head-box{fill:${c.band};stroke:${c.fg};stroke-width:1.5}`,
    `.il-head{fill:${c.fg};font-size:${HEAD_SIZE}px;font-weight:600}`,
    `.il-rule{stroke:${c.border};stroke-width:1}`,
    `.il-halo{paint-order:stroke;stroke:${c.band};stroke-width:4px;stroke-linejoin:round}`,
    `.il-band-bg{fill:${c.band}}`,
    `.il-band-title{fill:${c.muted};font-size:12.5px;font-weight:600;letter-spacing:.02em}`,
    `.il-lifeline{stroke:${c.lifeline};stroke-width:1;stroke-dasharray:3 3}`,
    `.il-time{fill:${c.muted};font-size:11.5px;font-variant-numeric:tabular-nums}`,
    `.il-timer-bar,.il-clock,.il-key-timer{fill:${c.timer};stroke:${c.timerEdge};stroke-width:1.5}`,
    `.il-line,.il-key-line{stroke:${c.muted};stroke-width:1.25}`,
    `.il-key-line{stroke:${c.fg};stroke-width:2}`,
    `.il-head-arrow{fill:${c.muted}}`,
    `.il-modeled .il-line,.il-key-line.il-dashed{stroke-dasharray:6 4}`,
    `.il-number{fill:${c.onProtocol};font-size:10.5px;font-weight:700;font-variant-numeric:tabular-nums}`,
    `.il-name{fill:${c.muted};font-size:13.5px}`,
    `.il-modeled-tag{fill:${c.modeled};font-size:11px;font-style:italic}`,
    `.il-protocol{font-size:11.5px}`,
    `.il-timer-mark.il-modeled .il-clock{stroke-dasharray:3 2}`,
    `.il-clock-hands{fill:none;stroke:${c.fg};stroke-width:1.25;stroke-linecap:round}`,
    `.il-timer-label{fill:${c.muted};font-size:12.5px}`,
    `.il-event-box,.il-key-event{fill:${c.bg};stroke:${c.fg};stroke-width:1.5}`,
    `.il-lifeline-mark.il-modeled .il-event-box{stroke-dasharray:3 2}`,
    `.il-event-glyph{fill:none;stroke:${c.fg};stroke-width:1.4;stroke-linecap:round;stroke-linejoin:round}`,
    `.il-event-label{fill:${c.fg};font-size:12.5px;font-weight:600}`,
    `.il-current .il-line{stroke:${c.accent};stroke-width:2.5}`,
    `.il-current .il-head-arrow{fill:${c.accent}}`,
    `.il-current .il-name,.il-current .il-timer-label,.il-current .il-event-label{fill:${c.accent}}`,
    `.il-current .il-clock,.il-current .il-event-box{stroke:${c.accent};stroke-width:2.5}`,
    ...protocolRules
  ]
    .map(scopeRule)
    .join('\n');
}

function arrowMarkup(a: ArrowItem, protocolIndex: number, current: boolean): string {
  const classes = ['il-arrow', `il-${a.provenance}`, `il-p${protocolIndex}`];
  if (current) classes.push('il-current');
  const name =
    el('tspan', {}, escapeXml(a.name)) +
    (a.provenance === 'modeled' ? el('tspan', { class: 'il-modeled-tag', dx: 6 }, 'modeled') : '');
  return el(
    'g',
    { class: classes.join(' ') },
    el('line', {
      class: 'il-line',
      x1: a.x1,
      y1: a.y,
      x2: shaftEnd(a),
      y2: a.y
    }) +
      el('path', {
        class: 'il-head-arrow',
        d: headPath(a)
      }) +
      el('circle', { class: 'il-number-bg', cx: a.x1, cy: a.y, r: NUMBER_RADIUS }) +
      el(
        'text',
        { class: 'il-number', x: a.x1, y: a.y + 3.5, 'text-anchor': 'middle' },
        escapeXml(a.seq)
      ) +
      el(
        'text',
        { class: 'il-name il-halo', x: a.labelX, y: a.y - 8, 'text-anchor': 'middle' },
        name
      ) +
      el(
        'text',
        { class: 'il-protocol il-halo', x: a.labelX, y: a.y + 18, 'text-anchor': 'middle' },
        escapeXml(a.protocolLabel)
      )
  );
}

function timerMarkup(m: TimerMarkItem, current: boolean): string {
  const classes = ['il-timer-mark', `il-${m.provenance}`];
  if (current) classes.push('il-current');
  return el(
    'g',
    { class: classes.join(' ') },
    el('circle', { class: 'il-clock', cx: m.x, cy: m.y, r: TIMER_MARK_RADIUS }) +
      el('path', { class: 'il-clock-hands', d: clockPath(m) }) +
      labelMarkup('il-timer-label il-halo', m)
  );
}

/** A mark's label beside it, in the lines the layout broke it into, centred on the mark's row. */
function labelMarkup(
  className: string,
  m: { labelX: number; y: number; anchor: 'start' | 'end'; lines: string[] }
): string {
  const y = m.y + 4 - ((m.lines.length - 1) * LABEL_LINE_HEIGHT) / 2;
  const lines = m.lines
    .map((line, i) =>
      el('tspan', { x: m.labelX, dy: i === 0 ? 0 : LABEL_LINE_HEIGHT }, escapeXml(line))
    )
    .join('');
  return el('text', { class: className, x: m.labelX, y, 'text-anchor': m.anchor }, lines);
}

function lifelineMarkup(m: LifelineMarkItem, current: boolean): string {
  const classes = ['il-lifeline-mark', `il-${m.provenance}`, `il-event-${m.event}`];
  if (current) classes.push('il-current');
  const side = LIFELINE_MARK_HALF * 2;
  return el(
    'g',
    { class: classes.join(' ') },
    el('rect', {
      class: 'il-event-box',
      x: m.x - LIFELINE_MARK_HALF,
      y: m.y - LIFELINE_MARK_HALF,
      width: side,
      height: side,
      rx: 3
    }) +
      el('path', { class: 'il-event-glyph', d: eventGlyphPath(m) }) +
      labelMarkup('il-event-label il-halo', m)
  );
}

/** One item's markup: an arrow coloured by its protocol, a timer mark or a lifeline event. */
function itemMarkup(item: DiagramItem, used: readonly string[], current: boolean): string {
  switch (item.kind) {
    case 'message':
      return arrowMarkup(item, Math.max(0, used.indexOf(item.protocol)), current);
    case 'timer':
      return timerMarkup(item, current);
    case 'lifeline':
      return lifelineMarkup(item, current);
  }
}

/** The drawing's body: bands, lifelines, times, timer bars and items up to `shown`. */
function diagramMarkup(
  layout: Layout,
  shown: number,
  height: number,
  used: readonly string[],
  markCurrent: boolean
): string {
  const parts: string[] = [];
  for (const band of layout.phases) {
    if (band.firstIndex >= shown) continue;
    parts.push(
      el('rect', {
        class: 'il-band-bg',
        x: 0,
        y: band.y1,
        width: layout.width,
        height: Math.min(band.y2, height) - band.y1
      }) +
        el('text', { class: 'il-band-title il-halo', x: 8, y: band.y1 + 17 }, escapeXml(band.title))
    );
  }
  for (const lifeline of layout.lifelines) {
    parts.push(
      el('line', { class: 'il-lifeline', x1: lifeline.x, y1: 0, x2: lifeline.x, y2: height })
    );
  }
  for (const row of layout.rows) {
    if (row.index >= shown || row.timeLabel === null) continue;
    parts.push(el('text', { class: 'il-time', x: 6, y: row.y + 4 }, escapeXml(row.timeLabel)));
  }
  for (const bar of layout.timers) {
    if (bar.startIndex >= shown) continue;
    parts.push(
      el('rect', {
        class: 'il-timer-bar',
        x: bar.x - TIMER_BAR_WIDTH / 2,
        y: bar.y1,
        width: TIMER_BAR_WIDTH,
        height: Math.max(0, Math.min(bar.y2, height) - bar.y1)
      })
    );
  }
  for (const item of layout.items) {
    if (item.index >= shown) continue;
    const current = markCurrent && item.index === shown - 1;
    parts.push(itemMarkup(item, used, current));
  }
  return parts.join('\n');
}

interface LegendEntry {
  /** Drawn before the text, 12 high and `keyWidth` wide. */
  key: string;
  keyWidth: number;
  text: string;
}

function legendEntries(trace: Trace, scenario: Scenario, used: readonly string[]) {
  const entries: LegendEntry[] = [
    {
      key: el('line', { class: 'il-key-line', x1: 1, y1: 6, x2: 27, y2: 6 }),
      keyWidth: 28,
      text: 'documented'
    },
    {
      key: el('line', { class: 'il-key-line il-dashed', x1: 1, y1: 6, x2: 27, y2: 6 }),
      keyWidth: 28,
      text: 'modeled (our choice where the documents are silent)'
    }
  ];
  if (trace.timer) {
    entries.push({
      key: el('rect', { class: 'il-key-timer', x: 1, y: 0, width: 10, height: 12 }),
      keyWidth: 12,
      text: `${trace.timer.label} on ${lifelineName(trace.timer.owner, scenario)}`
    });
  }
  if (trace.entries.some((e) => e.kind === 'lifeline')) {
    entries.push({
      key: el('rect', { class: 'il-key-event', x: 1, y: 0, width: 12, height: 12, rx: 3 }),
      keyWidth: 14,
      text: 'something that happens to a lifeline itself'
    });
  }
  used.forEach((protocol, i) => {
    entries.push({
      key: el('circle', { class: `il-swatch il-p${i}`, cx: 6, cy: 6, r: 5 }),
      keyWidth: 12,
      text: protocol
    });
  });
  entries.push({ key: '', keyWidth: 0, text: `t = virtual time since ${trace.origin}` });
  return entries;
}

/** Lays the legend out in rows that fit `width`; returns the markup and the rows' count. */
function legendMarkup(entries: LegendEntry[], width: number): { markup: string; rows: number } {
  const KEY_GAP = 6;
  const GAP = 20;
  let x = 0;
  let row = 0;
  const parts: string[] = [];
  for (const entry of entries) {
    const keyRoom = entry.key ? entry.keyWidth + KEY_GAP : 0;
    const w = keyRoom + textWidth(entry.text, LEGEND_SIZE) * 0.92;
    if (x > 0 && x + w > width) {
      x = 0;
      row += 1;
    }
    const y = row * LEGEND_ROW;
    if (entry.key) {
      parts.push(
        el('g', { transform: `translate(${n(x)},${n(y)})`, 'aria-hidden': 'true' }, entry.key)
      );
    }
    parts.push(
      el('text', { class: 'il-legend', x: x + keyRoom, y: y + 10 }, escapeXml(entry.text))
    );
    x += w + GAP;
  }
  return { markup: parts.join('\n'), rows: row + 1 };
}

/** Only characters an XML id may hold, so a scenario id never breaks the file. */
const idPart = (value: string) => value.replace(/[^A-Za-z0-9_-]+/g, '-');

/**
 * The run's diagram as an SVG document (UTF-8 text): every entry, or the first `shown`, with
 * the title, lifelines and a legend. `<title>` and `<desc>` carry its text for screen readers.
 * `protocols` are content/protocols.yaml's, whose colours the arrows and the legend take.
 */
export function standaloneSvg(
  trace: Trace,
  scenario: Scenario,
  protocols: readonly ProtocolInfo[],
  options: StandaloneOptions = {}
): string {
  const theme = options.theme ?? 'light';
  const layout = layoutDiagram(trace, scenario);
  const total = layout.rows.length;
  const shown = Math.max(0, Math.min(Math.floor(options.shown ?? total), total));
  const used = scenario.protocols;

  const option = scenario.choice.options.find((o) => o.id === trace.input.branch);
  const label = option?.label ?? trace.input.branch;
  // "Outcome: Accept", but "Version B: media server stops it…" where the label has its own colon.
  const choice = `${scenario.choice.name}${label.includes(':') ? ' ' : ': '}${label}`;
  const timing = inputFieldsOf(scenario).map((f) =>
    f.unit === null
      ? `${f.label} ${f.get(trace.input)}`
      : `${f.label} ${formatAt(f.get(trace.input) * unitSeconds(f.unit) * 1000)}`
  );
  const progress = shown === total ? `all ${total} steps` : `step ${shown} of ${total}`;
  const subtitle = [choice, ...timing, progress].join(' · ');

  // Lifeline heads: one or two lines each, in boxes that fit their column.
  const column = layout.width / Math.max(1, layout.lifelines.length);
  const heads = layout.lifelines.map((l) => ({ ...l, lines: wrapName(l.name, column - 28) }));
  const headLines = Math.max(1, ...heads.map((h) => h.lines.length));
  const headHeight = headLines * HEAD_LINE + 10;

  const titleY = MARGIN + TITLE_SIZE;
  const subtitleY = titleY + 20;
  const headsTop = subtitleY + 14;
  const diagramTop = headsTop + headHeight + 10;
  const diagramHeight = visibleHeight(layout, shown);
  const legendTop = diagramTop + diagramHeight + 14;
  const legend = legendMarkup(legendEntries(trace, scenario, used), layout.width);
  const width = layout.width + 2 * MARGIN;
  const height = legendTop + legend.rows * LEGEND_ROW + MARGIN - 6;

  const headMarkup = heads
    .map((h) => {
      const boxWidth = Math.min(
        column - 12,
        Math.max(...h.lines.map((line) => textWidth(line, HEAD_SIZE, true))) + 20
      );
      const firstBaseline = (headHeight - h.lines.length * HEAD_LINE) / 2 + HEAD_LINE - 4;
      const text = h.lines
        .map((line, i) =>
          el('tspan', { x: h.x, y: firstBaseline + i * HEAD_LINE }, escapeXml(line))
        )
        .join('');
      return (
        el('rect', {
          class: 'il-head-box',
          x: h.x - boxWidth / 2,
          y: 0,
          width: boxWidth,
          height: headHeight,
          rx: 4
        }) +
        el('line', {
          class: 'il-lifeline',
          x1: h.x,
          y1: headHeight,
          x2: h.x,
          y2: diagramTop - headsTop
        }) +
        el('text', { class: 'il-head', 'text-anchor': 'middle' }, text)
      );
    })
    .join('\n');

  const described = layout.items
    .filter((item) => item.index < shown)
    .map((item) => `${item.ariaLabel}.`)
    .join(' ');
  const title = `Sequence diagram: ${scenario.title}, ${scenario.choice.name.toLowerCase()} ${label}`;
  const desc =
    `${subtitle}. ${shown === 0 ? 'Nothing sent yet.' : described} ` +
    `Times are virtual, since ${trace.origin}.`;
  const id = `il-${idPart(scenario.id)}-${idPart(trace.input.branch)}-${shown}`;

  return (
    el(
      'svg',
      {
        xmlns: 'http://www.w3.org/2000/svg',
        class: 'il-diagram',
        width,
        height,
        viewBox: `0 0 ${n(width)} ${n(height)}`,
        role: 'img',
        'aria-labelledby': `${id}-title ${id}-desc`
      },
      '\n' +
        [
          el('title', { id: `${id}-title` }, escapeXml(title)),
          el('desc', { id: `${id}-desc` }, escapeXml(desc)),
          el('style', {}, `\n${styleSheet(theme, used, protocols)}\n`),
          el('rect', {
            class: 'il-bg',
            x: 0.5,
            y: 0.5,
            width: width - 1,
            height: height - 1,
            rx: 6
          }),
          el('text', { class: 'il-title', x: MARGIN, y: titleY }, escapeXml(scenario.title)),
          el('text', { class: 'il-subtitle', x: MARGIN, y: subtitleY }, escapeXml(subtitle)),
          el('g', { transform: `translate(${MARGIN},${n(headsTop)})` }, `\n${headMarkup}\n`),
          el(
            'g',
            { transform: `translate(${MARGIN},${n(diagramTop)})` },
            `\n${diagramMarkup(layout, shown, diagramHeight, used, options.markCurrent ?? false)}\n`
          ),
          el('line', {
            class: 'il-rule',
            x1: MARGIN,
            y1: legendTop - 7,
            x2: width - MARGIN,
            y2: legendTop - 7
          }),
          el('g', { transform: `translate(${MARGIN},${n(legendTop)})` }, `\n${legend.markup}\n`)
        ].join('\n') +
        '\n'
    ) + '\n'
  );
}
