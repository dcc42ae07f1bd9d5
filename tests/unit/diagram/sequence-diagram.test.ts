/**
 * The live diagram's markup (and the protocol tables under it), rendered by Svelte's server
 * renderer as the prerender does: what a person gets before any script runs. Lifeline events are
 * focusable items with their words, and every protocol colour comes from the content.
 */
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import ProtocolTables from '$lib/components/ProtocolTables.svelte';
import SequenceDiagram from '$lib/diagram/SequenceDiagram.svelte';
import { protocolProperty } from '$lib/diagram/protocol-colours';
import { run } from '$lib/engine/run';
import { Mark } from '$lib/player/marks.svelte';
import type { ProtocolInfo, Scenario } from '$lib/content/types';
import type { Trace } from '$lib/engine/types';
import { realContent } from '../../fixtures/content';
import { SAMPLE_EVENTS, fixtureScenario, withLifelineEvents } from '../../fixtures/scenario';

const trace = withLifelineEvents(
  run(fixtureScenario, { branch: 'accept', timeoutS: 30, responseS: 8 }),
  SAMPLE_EVENTS
);

function html(
  protocols: readonly ProtocolInfo[],
  shown = trace.entries.length,
  run: Trace = trace,
  scenario: Scenario = fixtureScenario
): string {
  return render(SequenceDiagram, {
    props: {
      trace: run,
      scenario,
      protocols,
      shown: Math.min(shown, run.entries.length),
      selected: null,
      onselect: () => {}
    }
  }).body;
}

/** The opening tags of the focusable items, in document order. */
const items = (markup: string) => markup.match(/<g role="button"[^>]*>/g) ?? [];

describe('SequenceDiagram', () => {
  it('does draw each lifeline event as a focusable item named in words', () => {
    const markup = html(realContent.protocols);
    const all = items(markup);
    expect(all).toHaveLength(trace.entries.length);
    const events = all.filter((tag) => tag.includes('lifeline-mark'));
    expect(events).toHaveLength(SAMPLE_EVENTS.length);
    expect(events[0]).toContain('aria-label="Interaction Server restarts, at 0 s, modeled"');
    expect(events[0]).toContain('event-restarts');
    expect(events[2]).toContain(
      'aria-label="Agent Application disconnects from Interaction Server, at 0 s, documented"'
    );
    for (const tag of events) expect(tag).toContain('tabindex="0"');
    expect(markup).toMatch(/<tspan[^>]*>disconnects from Interaction Server<\/tspan>/);
    expect(markup).toContain('something that happens to a lifeline itself');
  });

  it('does hide the events not reached yet from the keyboard and the accessibility tree', () => {
    const events = items(html(realContent.protocols, 3)).filter((t) => t.includes('lifeline-mark'));
    expect(events[0]).toContain('tabindex="0"');
    expect(events[1]).toContain('tabindex="-1"');
    expect(events[1]).toContain('aria-hidden="true"');
  });

  it('does colour each protocol from the content, with no colour of its own', () => {
    const markup = html(realContent.protocols);
    for (const p of realContent.protocols) {
      expect(markup).toContain(
        `${protocolProperty(p.id)}: light-dark(${p.colour}, ${p.darkColour})`
      );
    }
    const arrows = items(markup).filter((tag) => tag.includes(' arrow '));
    expect(arrows[0]).toContain('--_proto: var(--protocol-t-library, var(--_muted))');
    // Another palette in protocols.yaml is another drawing, with none of the old colours left.
    const recoloured = realContent.protocols.map((p) => ({
      ...p,
      colour: '#123456',
      darkColour: '#abcdef'
    }));
    const other = html(recoloured);
    expect(other).toContain('--protocol-reporting: light-dark(#123456, #abcdef)');
    for (const p of realContent.protocols) {
      expect(other).not.toContain(p.colour);
      expect(other).not.toContain(p.darkColour);
    }
  });

  it('does give a protocol added to protocols.yaml its colour, legend entry and table', () => {
    // ESP is in content/protocols.yaml and no code names it: a run that speaks it draws it.
    const esp = realContent.protocols.find((p) => p.id === 'ESP');
    if (!esp) throw new Error('ESP is not in content/protocols.yaml');
    const scenario: Scenario = {
      ...fixtureScenario,
      protocols: [...fixtureScenario.protocols, 'ESP']
    };
    const plain = run(fixtureScenario, { branch: 'accept', timeoutS: 30, responseS: 8 });
    const speaksEsp: Trace = {
      ...plain,
      entries: plain.entries.map((e, i) =>
        i === 0 && e.kind === 'message' ? { ...e, message: { ...e.message, protocol: 'ESP' } } : e
      )
    };
    const diagram = html(realContent.protocols, Infinity, speaksEsp, scenario);
    expect(diagram).toContain(`--protocol-esp: light-dark(${esp.colour}, ${esp.darkColour})`);
    expect(items(diagram)[0]).toContain('--_proto: var(--protocol-esp, var(--_muted))');
    expect(diagram).toMatch(
      /background: var\(--protocol-esp, var\(--_muted\)\);?"[^>]*><\/span> ESP/
    );
    const tables = render(ProtocolTables, {
      props: {
        scenario,
        protocols: realContent.protocols,
        trace: speaksEsp,
        marks: speaksEsp.entries.map(() => new Mark(true, false, false))
      }
    }).body;
    expect(tables).toContain(`--protocol-esp: light-dark(${esp.colour}, ${esp.darkColour})`);
    expect(tables).toMatch(
      /<caption[^>]*>.*var\(--protocol-esp, var\(--fg-muted\)\).*ESP<\/caption>/s
    );
    // The run's first message sits in the ESP table (the last), after its caption, and only there.
    expect(tables).toMatch(/ESP<\/caption>.*<code[^>]*>RequestRouteCall<\/code>/s);
    expect(tables.match(/>RequestRouteCall</g)).toHaveLength(1);
  });
});
