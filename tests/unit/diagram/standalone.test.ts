import { describe, expect, it } from 'vitest';
import type { Scenario } from '$lib/content/types';
import { escapeXml, standaloneSvg } from '$lib/diagram/standalone';
import { defaultInput } from '$lib/engine/input';
import { run } from '$lib/engine/run';
import type { Trace } from '$lib/engine/types';
import { realContent, realScenario } from '../../fixtures/content';
import { SAMPLE_EVENTS, withLifelineEvents } from '../../fixtures/scenario';

const { protocols } = realContent;

const runOf = (scenario: Scenario, branch: string): Trace =>
  run(scenario, { ...defaultInput(scenario), branch });

const ENTITY = /^&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/;
const NAME = /^[A-Za-z_][\w.:-]*/;

/**
 * Throws unless `xml` is a well-formed XML document with one root element: tags nest and close,
 * attributes are quoted and not repeated, every `&` starts an entity and no `<` is loose in
 * text. A small reader for what standaloneSvg writes (no DTD, CDATA or processing
 * instructions, which it never writes), so the test needs no XML library. Returns the element
 * names in document order.
 */
function checkWellFormed(xml: string): string[] {
  const open: string[] = [];
  const names: string[] = [];
  let roots = 0;
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`${why} at ${i}: ${JSON.stringify(xml.slice(Math.max(0, i - 40), i + 40))}`);
  };
  const checkText = (text: string) => {
    for (let at = text.indexOf('&'); at !== -1; at = text.indexOf('&', at + 1)) {
      if (!ENTITY.test(text.slice(at))) fail('a bare &');
    }
  };
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const text = xml.slice(i, lt === -1 ? xml.length : lt);
    checkText(text);
    if (open.length === 0 && text.trim() !== '') fail('text outside the root');
    if (lt === -1) break;
    i = lt;
    if (xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i);
      if (end === -1) fail('an unclosed comment');
      i = end + 3;
      continue;
    }
    if (xml.startsWith('</', i)) {
      const name = NAME.exec(xml.slice(i + 2))?.[0] ?? fail('a bad closing tag');
      if (open.pop() !== name) fail(`</${name}> closes the wrong element`);
      i += 2 + name.length;
      while (/\s/.test(xml[i] ?? '')) i++;
      if (xml[i] !== '>') fail('a closing tag without >');
      i++;
      continue;
    }
    const name = NAME.exec(xml.slice(i + 1))?.[0] ?? fail('a bad tag');
    if (open.length === 0 && ++roots > 1) fail('a second root element');
    names.push(name);
    i += 1 + name.length;
    const seen = new Set<string>();
    for (;;) {
      const space = /^\s*/.exec(xml.slice(i))?.[0].length ?? 0;
      i += space;
      if (xml.startsWith('/>', i)) {
        i += 2;
        break;
      }
      if (xml[i] === '>') {
        i++;
        open.push(name);
        break;
      }
      if (space === 0) fail('attributes without space between them');
      const attr = NAME.exec(xml.slice(i))?.[0] ?? fail('a bad attribute');
      if (seen.has(attr)) fail(`a repeated attribute ${attr}`);
      seen.add(attr);
      i += attr.length;
      const quote = /^="/.test(xml.slice(i)) ? '"' : /^='/.test(xml.slice(i)) ? "'" : null;
      if (!quote) fail(`attribute ${attr} without a quoted value`);
      const end = xml.indexOf(quote as string, i + 2);
      if (end === -1) fail('an unclosed attribute value');
      const value = xml.slice(i + 2, end);
      if (value.includes('<')) fail('a < in an attribute value');
      checkText(value);
      i = end + 1;
    }
  }
  if (open.length > 0) throw new Error(`unclosed elements: ${open.join(', ')}`);
  if (roots !== 1) throw new Error('no root element');
  return names;
}

/** Every text node's content (entities decoded), for "is this label in the picture". */
function texts(xml: string): string[] {
  return [...xml.matchAll(/>([^<]+)</g)].map((m) =>
    (m[1] ?? '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&')
  );
}

const count = (xml: string, pattern: RegExp) => xml.match(pattern)?.length ?? 0;

describe('checkWellFormed (the test’s own XML reader)', () => {
  it('refuses what an XML parser refuses', () => {
    expect(() => checkWellFormed('<a><b></a></b>')).toThrow(/wrong element/);
    expect(() => checkWellFormed('<a x="1" x="2"/>')).toThrow(/repeated/);
    expect(() => checkWellFormed('<a x=1/>')).toThrow(/quoted/);
    expect(() => checkWellFormed('<a>R & D</a>')).toThrow(/bare &/);
    expect(() => checkWellFormed('<a/><b/>')).toThrow(/second root/);
    expect(() => checkWellFormed('<a>')).toThrow(/unclosed/);
    expect(checkWellFormed('<a x="&amp;"><b/>t &lt; u<!-- c --></a>')).toEqual(['a', 'b']);
  });
});

describe('standaloneSvg', () => {
  const every = realContent.scenarios.flatMap((scenario) =>
    scenario.choice.options.map((o) => [scenario.id, o.id, scenario] as const)
  );

  it.each(every)(
    'draws %s %s as well-formed SVG with every label and no script',
    (_, branch, scenario) => {
      const trace = runOf(scenario, branch);
      for (const theme of ['light', 'dark'] as const) {
        const svg = standaloneSvg(trace, scenario, protocols, { theme });
        const names = checkWellFormed(svg);
        expect(names[0]).toBe('svg');
        expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
        expect(names).toContain('title');
        expect(names).toContain('desc');
        expect(names).toContain('style');
        // Standalone: nothing runs, nothing is fetched, no variable of the site's stylesheet.
        expect(names).not.toContain('script');
        expect(names).not.toContain('foreignObject');
        expect(svg).not.toMatch(/\son[a-z]+\s*=/i);
        expect(svg).not.toMatch(/href|url\(|@import|var\(--/);

        const shownTexts = texts(svg);
        for (const entry of trace.entries) {
          if (entry.kind === 'message') {
            expect(shownTexts).toContain(entry.message.name);
            const protocol = entry.message.inPlaceOf
              ? `${entry.message.protocol} · in place of ${entry.message.inPlaceOf}`
              : entry.message.protocol;
            expect(shownTexts).toContain(protocol);
          }
        }
        for (const lifeline of scenario.lifelines) {
          expect(shownTexts.join(' ')).toContain(lifeline.name.split(' ')[0]);
        }
        expect(count(svg, /class="il-arrow /g)).toBe(
          trace.entries.filter((e) => e.kind === 'message').length
        );
        expect(count(svg, /class="il-timer-mark /g)).toBe(
          trace.entries.filter((e) => e.kind === 'timer').length
        );
      }
    }
  );

  it('draws only the first `shown` entries, and marks the last one current when asked', () => {
    const scenario = realScenario('deliver-interaction-to-agent');
    const trace = runOf(scenario, 'accept');
    const full = standaloneSvg(trace, scenario, protocols);
    for (let shown = 0; shown <= trace.entries.length; shown++) {
      const svg = standaloneSvg(trace, scenario, protocols, { shown, markCurrent: true });
      checkWellFormed(svg);
      const drawn = trace.entries.slice(0, shown);
      expect(count(svg, /class="il-arrow /g)).toBe(
        drawn.filter((e) => e.kind === 'message').length
      );
      expect(count(svg, /class="il-timer-mark /g)).toBe(
        drawn.filter((e) => e.kind === 'timer').length
      );
      expect(count(svg, /il-current"/g)).toBe(shown === 0 ? 0 : 1);
      const hidden = trace.entries
        .slice(shown)
        .flatMap((e) =>
          e.kind === 'message' &&
          !drawn.some((d) => d.kind === 'message' && d.message.name === e.message.name)
            ? [e.message.name]
            : []
        );
      for (const name of hidden) expect(texts(svg)).not.toContain(name);
      expect(svg).toContain(
        shown === trace.entries.length
          ? `all ${shown} steps`
          : `step ${shown} of ${trace.entries.length}`
      );
    }
    // Fewer rows, a shorter picture; out-of-range counts are clamped.
    const height = (svg: string) => Number(/height="([\d.]+)"/.exec(svg)?.[1]);
    expect(height(standaloneSvg(trace, scenario, protocols, { shown: 3 }))).toBeLessThan(
      height(full)
    );
    expect(standaloneSvg(trace, scenario, protocols, { shown: 99 })).toBe(full);
    expect(
      count(standaloneSvg(trace, scenario, protocols, { shown: -2 }), /class="il-arrow /g)
    ).toBe(0);
    expect(count(full, /il-current"/g)).toBe(0);
  });

  it('has an opaque background in the theme’s colours, and its text in <title> and <desc>', () => {
    const scenario = realScenario('stop-processing');
    const trace = runOf(scenario, 'b');
    const light = standaloneSvg(trace, scenario, protocols, { theme: 'light' });
    const dark = standaloneSvg(trace, scenario, protocols, { theme: 'dark' });
    expect(light).toMatch(/\.il-bg\{fill:#ffffff/);
    expect(dark).toMatch(/\.il-bg\{fill:#111418/);
    expect(light).toMatch(/<rect class="il-bg"/);
    expect(light).toContain(
      '<title id="il-stop-processing-b-5-title">Sequence diagram: Stop Processing, version B: media server stops it while URS routes it</title>'
    );
    const desc = /<desc[^>]*>([^<]*)<\/desc>/.exec(light)?.[1] ?? '';
    expect(desc).toContain('EventAbandoned, in place of EventRevoked');
    expect(desc).toContain('Version B: media server stops it while URS routes it');
    // The stand-in is said on the arrow, as in the live diagram.
    expect(texts(light)).toContain('T-Library · in place of EventRevoked');
    // Every selector is scoped, so an SVG pasted into a page styles only itself.
    const css = /<style>([^<]*)<\/style>/.exec(light)?.[1] ?? '';
    for (const rule of css.trim().split('\n')) {
      const selectors = rule.slice(0, rule.indexOf('{')).split(',');
      for (const s of selectors) expect(s).toMatch(/^\.il-diagram( |$)/);
    }
  });

  it('draws each lifeline event as a box on its lifeline with its words', () => {
    const scenario = realScenario('deliver-interaction-to-agent');
    const trace = withLifelineEvents(runOf(scenario, 'accept'), SAMPLE_EVENTS);
    const svg = standaloneSvg(trace, scenario, protocols, { markCurrent: true, shown: 8 });
    checkWellFormed(svg);
    // Steps 2, 4 and 8 are events; the current one (8) is accented.
    expect(count(svg, /class="il-lifeline-mark /g)).toBe(3);
    expect(count(svg, /class="il-event-box"/g)).toBe(3);
    expect(svg).toMatch(/class="il-lifeline-mark il-documented il-event-disconnects il-current"/);
    expect(svg).toMatch(/class="il-lifeline-mark il-modeled il-event-restarts"/);
    const shownTexts = texts(svg);
    expect(shownTexts).toContain('restarts');
    expect(shownTexts).toContain('disconnects from Interaction Server');
    expect(shownTexts).not.toContain('connects to Interaction Server');
    // On the last lifeline the words end left of the box, inside the picture.
    expect(svg).toMatch(
      /<text class="il-event-label il-halo"[^>]*text-anchor="end"><tspan[^>]*>becomes secondary</
    );
    expect(shownTexts).toContain('something that happens to a lifeline itself');
    const desc = /<desc[^>]*>([^<]*)<\/desc>/.exec(svg)?.[1] ?? '';
    expect(desc).toContain(
      'Agent Application disconnects from Interaction Server, at 0 s, documented.'
    );
    // Arrows keep their numbers: the events are not messages.
    expect(count(svg, /class="il-arrow /g)).toBe(
      trace.entries.slice(0, 8).filter((e) => e.kind === 'message').length
    );
    expect(texts(standaloneSvg(runOf(scenario, 'accept'), scenario, protocols))).not.toContain(
      'something that happens to a lifeline itself'
    );
  });

  it('takes each protocol’s colours from the content, light or dark, and mutes an unknown one', () => {
    const scenario = realScenario('deliver-interaction-to-agent');
    const trace = runOf(scenario, 'accept');
    const css = (svg: string) => /<style>([^<]*)<\/style>/.exec(svg)?.[1] ?? '';
    const rule = (svg: string, i: number) =>
      new RegExp(
        `\\.il-p${i} \\.il-number-bg,\\.il-diagram \\.il-swatch\\.il-p${i}\\{fill:(#[0-9a-f]+)\\}`,
        'i'
      ).exec(css(svg))?.[1];
    const light = standaloneSvg(trace, scenario, protocols, { theme: 'light' });
    const dark = standaloneSvg(trace, scenario, protocols, { theme: 'dark' });
    scenario.protocols.forEach((id, i) => {
      const info = protocols.find((p) => p.id === id);
      expect(rule(light, i)).toBe(info?.colour);
      expect(rule(dark, i)).toBe(info?.darkColour);
    });
    // Another palette in the content is another picture, with no code.
    const recoloured = protocols.map((p, i) => ({
      ...p,
      colour: `#12345${i}`,
      darkColour: `#abcde${i}`
    }));
    const other = standaloneSvg(trace, scenario, recoloured, { theme: 'light' });
    scenario.protocols.forEach((id, i) => {
      expect(rule(other, i)).toBe(recoloured.find((p) => p.id === id)?.colour);
    });
    // A protocol the content does not colour (or not with a hex colour) is drawn muted.
    const muted = /\.il-subtitle,\.il-diagram \.il-legend\{fill:(#[0-9a-f]+)/.exec(css(light))?.[1];
    expect(rule(standaloneSvg(trace, scenario, [], { theme: 'light' }), 0)).toBe(muted);
    const hostile = protocols.map((p) => ({ ...p, colour: 'red}</style><script>' }));
    const safe = standaloneSvg(trace, scenario, hostile, { theme: 'light' });
    checkWellFormed(safe);
    expect(safe).not.toContain('<script');
    expect(rule(safe, 0)).toBe(muted);
  });

  it('escapes every text it draws', () => {
    const scenario = realScenario('transfer');
    const hostile: Scenario = {
      ...scenario,
      title: 'A & B <script>alert(1)</script>',
      lifelines: scenario.lifelines.map((l, i) =>
        i === 0 ? { ...l, name: `"Agent" <1> & 'co'` } : l
      ),
      phases: scenario.phases.map((p) => ({ ...p, title: `${p.title} <b>&</b>` }))
    };
    const svg = standaloneSvg(runOf(hostile, 'accept'), hostile, protocols);
    checkWellFormed(svg);
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('<b>');
    expect(texts(svg)).toContain('A & B <script>alert(1)</script>');
    expect(texts(svg).join(' ')).toContain(`"Agent"`);
    expect(escapeXml('a\u0000b<&>"\'')).toBe('ab&lt;&amp;&gt;&quot;&apos;');
  });
});
