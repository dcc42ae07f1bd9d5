import { describe, expect, it } from 'vitest';
import { content, getScenario, glossary, protocols, scenarios } from '$lib/content';
import { loadContentFromDisk } from '$lib/content/node';
import { MESSAGE_NAMES } from '$lib/content/schema';
import { MESSAGE_STEPS } from '$lib/engine/messages';
import { STEP_PROVENANCE } from '$lib/engine/provenance';
import { COMPONENT_IDS, PHASE_IDS, PROTOCOLS, STEP_KEYS } from '$lib/engine/types';

function defined<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`missing ${what}`);
  return value;
}

const scenario = defined(getScenario('deliver-interaction-to-agent'), 'the delivery scenario');

/** The seed's four tables, as printed: sorted by name, not by time. */
const SEED_TABLES = {
  'urs-requests-delivery': [
    ['EventAgentInvited', 'Reporting'],
    ['EventInvite', 'Interaction Management'],
    ['EventPartyRemoved', 'Reporting'],
    ['EventRouteUsed', 'T-Library']
  ],
  'agent-accepts-delivery': [['EventPartyAdded', 'Reporting']],
  'agent-rejects-delivery': [
    ['EventAck', 'Interaction Management'],
    ['EventRejected', 'Reporting']
  ],
  'agent-fails-to-respond': [['EventRevoked', 'Interaction Management']]
};

describe('content', () => {
  it('loads the same content through Vite as through node:fs', () => {
    expect(content).toEqual(loadContentFromDisk());
    expect(scenarios).toBe(content.scenarios);
    expect(glossary).toBe(content.glossary);
    expect(protocols).toBe(content.protocols);
  });

  it('finds the delivery scenario by id and nothing for an unknown id', () => {
    expect(scenario.id).toBe('deliver-interaction-to-agent');
    expect(scenario.model).toBe('deliver-interaction-to-agent');
    expect(getScenario('no-such-scenario')).toBeUndefined();
  });

  it('names the four lifelines in the engine order', () => {
    expect(scenario.components.map((c) => c.id)).toEqual([...COMPONENT_IDS]);
    expect(scenario.components.map((c) => c.name)).toEqual([
      'URS',
      'Interaction Server',
      'Agent Application',
      'Reporting Engine'
    ]);
  });

  it('prints each phase title and reference table exactly as the seed does', () => {
    expect(scenario.phases.map((p) => [p.id, p.title, p.branch, p.figureTitle])).toEqual([
      [PHASE_IDS[0], 'URS Requests Delivery', undefined, undefined],
      [PHASE_IDS[1], 'Agent Accepts Delivery', 'accept', undefined],
      [PHASE_IDS[2], 'Agent Rejects Delivery', 'reject', undefined],
      [PHASE_IDS[3], 'Agent Fails to Respond in Time', 'timeout', 'Time Limit Reached']
    ]);
    for (const phase of scenario.phases) {
      expect(phase.referenceTable.map((r) => [r.message, r.protocol])).toEqual(
        SEED_TABLES[phase.id]
      );
    }
  });

  it('narrates every step the engine can produce, in one short paragraph each', () => {
    expect(Object.keys(scenario.narration).sort()).toEqual([...STEP_KEYS].sort());
    for (const key of STEP_KEYS) {
      const text = scenario.narration[key];
      expect(text, key).not.toContain('\n\n');
      const sentences = text.split(/(?<=[.!?])\s+(?=[A-Z`*(])/);
      expect(sentences.length, `${key}: ${text}`).toBeGreaterThanOrEqual(2);
      expect(sentences.length, `${key}: ${text}`).toBeLessThanOrEqual(4);
    }
  });

  it('says "(modeled)" in every narration whose step is modeled in whole or in part', () => {
    for (const key of STEP_KEYS) {
      const { provenance, provenanceNote } = STEP_PROVENANCE[key];
      if (provenance === 'modeled' || /\bmodeled\b/.test(provenanceNote)) {
        expect(scenario.narration[key], key).toContain('(modeled)');
      }
    }
  });

  it('gives the documented timer facts where the timer starts and expires', () => {
    const started = scenario.narration['timer-started'];
    for (const fact of ['delivering-timeout', '30 s', '86,400 s', '`settings`']) {
      expect(started).toContain(fact);
    }
    expect(scenario.narration['timer-expired']).toContain('queue URS took it from');
  });

  it('lists the three documented disagreements on the branches they concern', () => {
    expect(scenario.disagreements.map((d) => [d.id, d.branches])).toEqual([
      ['route-used-in-first-table', ['timeout']],
      ['accept-request-not-named', ['accept']],
      ['urs-on-timeout', ['timeout']]
    ]);
  });

  it('has a glossary entry for every message name, and only those', () => {
    expect(Object.keys(glossary).sort()).toEqual([...MESSAGE_NAMES].sort());
    for (const [name, entry] of Object.entries(glossary)) expect(entry.name).toBe(name);
  });

  it('lists in the glossary exactly the attributes and protocols each message step carries', () => {
    for (const [key, { message }] of Object.entries(MESSAGE_STEPS)) {
      const entry = defined(glossary[message.name], `a glossary entry for ${message.name}`);
      expect(entry.attributes.map((a) => a.name).sort(), key).toEqual(
        Object.keys(message.attributes).sort()
      );
      expect(entry.protocols, key).toContain(message.protocol);
    }
    const sent = new Map<string, Set<string>>();
    for (const { message } of Object.values(MESSAGE_STEPS)) {
      sent.set(message.name, (sent.get(message.name) ?? new Set()).add(message.protocol));
    }
    for (const [name, entry] of Object.entries(glossary)) {
      expect(new Set(entry.protocols), name).toEqual(sent.get(name));
    }
  });

  it('marks RequestAccept and EventError as modeled and the rest as documented', () => {
    const modeled = Object.values(glossary)
      .filter((entry) => entry.provenance === 'modeled')
      .map((entry) => entry.name);
    expect(modeled.sort()).toEqual(['EventError', 'RequestAccept']);
  });

  it('describes the three protocols in the engine order', () => {
    expect(protocols.map((p) => [p.id, p.carries])).toEqual([
      [PROTOCOLS[0], 'URS ⇄ Interaction Server'],
      [PROTOCOLS[1], 'Interaction Server ⇄ Agent Application'],
      [PROTOCOLS[2], 'Interaction Server → Reporting Engine']
    ]);
  });
});
