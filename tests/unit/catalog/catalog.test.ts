/**
 * The model list on `/`: grouping by where a model sits in an interaction's life, the message
 * names it is found by, and the filter's matches and words. The groups are set in memory on the
 * real content's scenarios, since content/ is not this test's to edit.
 */
import { describe, expect, it } from 'vitest';
import { scenarios } from '$lib/content';
import { filterStatus, matches, matchingMessages, normalizeQuery } from '$lib/catalog/filter';
import { groupScenarios, messageNames, UNGROUPED } from '$lib/catalog/groups';

const byId = (id: string) => {
  const scenario = scenarios.find((s) => s.id === id);
  if (!scenario) throw new Error(`no scenario ${id}`);
  return scenario;
};

describe('groupScenarios', () => {
  it('orders groups by their first model, keeps each group in content order, ungrouped last', () => {
    const groups: Record<string, string | undefined> = {
      'deliver-interaction-to-agent': 'Delivery and handling',
      transfer: 'More than one agent',
      conference: 'More than one agent',
      'stop-processing': undefined
    };
    const grouped = groupScenarios(scenarios.map((s) => ({ ...s, group: groups[s.id] })));
    expect(grouped.map((g) => [g.name, g.id, g.items.map((s) => s.id)])).toEqual([
      ['Delivery and handling', 'delivery-and-handling', ['deliver-interaction-to-agent']],
      ['More than one agent', 'more-than-one-agent', ['transfer', 'conference']],
      [UNGROUPED, 'more-models', ['stop-processing']]
    ]);
  });

  it('places a group where its first model falls, even when a later model comes between', () => {
    const list = [
      { id: 'a', group: 'Ending' },
      { id: 'b', group: 'Connect and log in' },
      { id: 'c', group: 'Ending' }
    ];
    expect(groupScenarios(list).map((g) => [g.name, g.items.map((s) => s.id)])).toEqual([
      ['Ending', ['a', 'c']],
      ['Connect and log in', ['b']]
    ]);
  });

  it('has no "More models" heading when every model has a group, and one when none has', () => {
    expect(groupScenarios([{ group: 'Ending' }]).map((g) => g.name)).toEqual(['Ending']);
    expect(groupScenarios([{}, { group: '  ' }]).map((g) => g.name)).toEqual([UNGROUPED]);
  });
});

describe('messageNames', () => {
  it('lists each name a model sends once, with the names its stand-ins stand for', () => {
    const stop = messageNames(byId('stop-processing'));
    expect(stop).toEqual([...new Set(stop)].sort());
    // EventAbandoned is sent in place of EventRevoked: a search for either finds the model.
    expect(stop).toEqual(expect.arrayContaining(['EventAbandoned', 'EventRevoked']));
    const deliver = messageNames(byId('deliver-interaction-to-agent'));
    expect(deliver).toEqual(expect.arrayContaining(['EventRouteUsed', 'EventAck', 'EventInvite']));
  });
});

describe('the filter', () => {
  const model = { title: 'Stop Processing', messages: ['EventAbandoned', 'EventRevoked'] };

  it('matches a title by any part of it, ignoring case and surrounding spaces', () => {
    expect(matches(model, normalizeQuery('  stop PROC '))).toBe(true);
    expect(matches(model, normalizeQuery('cessing'))).toBe(true);
    expect(matches(model, normalizeQuery('transfer'))).toBe(false);
  });

  it('matches a message by its whole name or its beginning, not its middle', () => {
    expect(matchingMessages(model, normalizeQuery('eventrevoked'))).toEqual(['EventRevoked']);
    expect(matchingMessages(model, normalizeQuery('EventRe'))).toEqual(['EventRevoked']);
    expect(matchingMessages(model, normalizeQuery('Event'))).toEqual([
      'EventAbandoned',
      'EventRevoked'
    ]);
    expect(matches(model, normalizeQuery('Revoked'))).toBe(false);
    expect(matches(model, normalizeQuery('EventRevokedX'))).toBe(false);
  });

  it('keeps every model for an empty query, and names no message for it', () => {
    expect(matches(model, normalizeQuery('   '))).toBe(true);
    expect(matchingMessages(model, '')).toEqual([]);
  });

  it('says how many models there are, how many match, or that none does', () => {
    expect(filterStatus('', 18, 18)).toBe('18 models');
    expect(filterStatus('EventRevoked', 3, 18)).toBe('3 of 18 models match');
    expect(filterStatus('Ending', 1, 18)).toBe('1 of 18 models matches');
    expect(filterStatus(' xyz ', 0, 18)).toBe('No model matches “xyz”');
    expect(filterStatus('', 1, 1)).toBe('1 model');
  });
});
