import { describe, expect, it } from 'vitest';
import type { Scenario } from '$lib/content/types';
import { readView, writeView } from '$lib/player/url';
import { run } from '$lib/engine';
import { fixtureScenario, fixtureWith } from '../../fixtures/scenario';
import { realScenario } from '../../fixtures/content';

const transfer = realScenario('transfer');
const stopProcessing = realScenario('stop-processing');

/** What a link reads as, with the engine at hand to measure its run. */
const read = (query: string, scenario: Scenario = fixtureScenario) => {
  const { view, notes, stepUnchecked } = readView(
    scenario,
    new URLSearchParams(query),
    (input) => run(scenario, input).entries.length
  );
  expect(stepUnchecked).toBe(false);
  return { view, notes };
};

describe('url', () => {
  describe('readView', () => {
    it('does read a full view', () => {
      expect(read('branch=reject&step=7&timeout=20&response=12.5')).toEqual({
        view: { branch: 'reject', timeoutS: 20, responseS: 12.5, step: 7 },
        notes: []
      });
    });

    it('does give defaults and no notes for an empty query', () => {
      expect(read('')).toEqual({
        view: { branch: 'accept', timeoutS: 30, responseS: 8, step: 0 },
        notes: []
      });
      expect(read('', stopProcessing)).toEqual({
        view: { branch: 'a', timeoutS: 0, responseS: 0, step: 0 },
        notes: []
      });
    });

    it.each([
      ['branch=<script>alert(1)</script>', /outcome "<script>alert\(1\)<\/script>" is not one of/],
      ['timeout=0', /timeout "0"/],
      ['timeout=86401', /timeout "86401"/],
      ['timeout=1e3x', /timeout "1e3x"/],
      ['response=-1', /response time "-1"/],
      ['response=Infinity', /response time "Infinity"/],
      ['step=-3', /step "-3" is not a step number/],
      ['step=2.5', /step "2.5"/],
      ['step=999', /asks for step 999, but this run has 10 steps/],
      ['branch=accept&branch=reject', /branch 2 times/]
    ])('does fall back to a valid view with a note for %s', (query, note) => {
      const { view, notes } = read(query);
      expect(notes.join('\n')).toMatch(note);
      expect(['accept', 'reject', 'timeout']).toContain(view.branch);
      expect(view.timeoutS).toBeGreaterThanOrEqual(1);
      expect(view.step).toBeGreaterThanOrEqual(0);
      expect(view.step).toBeLessThanOrEqual(10);
    });

    it('does fall back from a branch the scenario does not offer, naming its options', () => {
      expect(read('branch=invalid&step=1')).toEqual({
        view: { branch: 'accept', timeoutS: 30, responseS: 8, step: 1 },
        notes: [
          'The link’s outcome "invalid" is not one of accept, reject, timeout; showing accept.'
        ]
      });
      // Transfer offers it.
      expect(read('branch=invalid&step=2', transfer)).toEqual({
        view: { branch: 'invalid', timeoutS: 30, responseS: 8, step: 2 },
        notes: []
      });
      expect(read('branch=accept', stopProcessing)).toEqual({
        view: { branch: 'a', timeoutS: 0, responseS: 0, step: 0 },
        notes: ['The link’s version "accept" is not one of a, b, c, d; showing a.']
      });
    });

    it('does check the timeout against the scenario’s own range and default', () => {
      const narrow: Scenario = fixtureWith({
        timer: { ...fixtureScenario.timer, min: 5, max: 60, default: 10 }
      });
      expect(read('timeout=61', narrow)).toEqual({
        view: { branch: 'accept', timeoutS: 10, responseS: 8, step: 0 },
        notes: [
          'The link’s timeout "61" is not a whole number of seconds from 5 to 60; using 10 s.'
        ]
      });
      expect(read('timeout=60', narrow).view.timeoutS).toBe(60);
    });

    it('does ignore timing for a scenario without a timer, with a note for each', () => {
      expect(read('branch=c&step=2&timeout=20&response=abc', stopProcessing)).toEqual({
        view: { branch: 'c', timeoutS: 0, responseS: 0, step: 2 },
        notes: [
          'This scenario has no timer; the link’s timeout is ignored.',
          'This scenario has no timer; the link’s response is ignored.'
        ]
      });
    });

    it('does clamp the step to the run the link asks for', () => {
      expect(read('branch=d&step=9', stopProcessing)).toEqual({
        view: { branch: 'd', timeoutS: 0, responseS: 0, step: 4 },
        notes: ['The link asks for step 9, but this run has 4 steps; showing the last.']
      });
      expect(read('branch=invalid&step=3', transfer).view.step).toBe(2);
    });

    it('does cut very long hostile values in its notes', () => {
      const { notes } = read(`branch=${'x'.repeat(5000)}`);
      expect(notes).toHaveLength(1);
      expect(notes[0]?.length).toBeLessThan(200);
    });
  });

  describe('writeView', () => {
    it('does leave default timing out and round-trip through readView', () => {
      expect(
        writeView(fixtureScenario, { branch: 'accept', timeoutS: 30, responseS: 8, step: 3 })
      ).toBe('?branch=accept&step=3');
      const view = { branch: 'timeout', timeoutS: 12, responseS: 8.5, step: 8 };
      expect(writeView(fixtureScenario, view)).toBe(
        '?branch=timeout&step=8&timeout=12&response=8.5'
      );
      expect(read(writeView(fixtureScenario, view).slice(1)).view).toEqual(view);
    });

    it('does leave timing out for a scenario without a timer, whatever the view holds', () => {
      const query = writeView(stopProcessing, { branch: 'c', timeoutS: 12, responseS: 3, step: 2 });
      expect(query).toBe('?branch=c&step=2');
      expect(read(query.slice(1), stopProcessing)).toEqual({
        view: { branch: 'c', timeoutS: 0, responseS: 0, step: 2 },
        notes: []
      });
    });

    it('does write Transfer’s invalid branch so that it reads back', () => {
      const view = { branch: 'invalid', timeoutS: 30, responseS: 8, step: 2 };
      expect(writeView(transfer, view)).toBe('?branch=invalid&step=2');
      expect(read(writeView(transfer, view).slice(1), transfer)).toEqual({ view, notes: [] });
    });
  });

  it('does keep a step it cannot check yet, and says so', () => {
    const { view, notes, stepUnchecked } = readView(
      transfer,
      new URLSearchParams('branch=accept&timeout=40&step=999'),
      () => null
    );
    expect(view.step).toBe(999);
    expect(notes).toEqual([]);
    expect(stepUnchecked).toBe(true);
  });
});
