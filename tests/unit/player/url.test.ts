import { describe, expect, it } from 'vitest';
import { readView, writeView } from '$lib/player/url';

const read = (query: string) => readView(new URLSearchParams(query));

describe('readView', () => {
  it('reads a full view', () => {
    expect(read('branch=reject&step=7&timeout=20&response=12.5')).toEqual({
      view: { branch: 'reject', timeoutS: 20, responseS: 12.5, step: 7 },
      notes: []
    });
  });

  it('gives defaults and no notes for an empty query', () => {
    expect(read('')).toEqual({
      view: { branch: 'accept', timeoutS: 30, responseS: 8, step: 0 },
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
  ])('falls back to a valid view with a note for %s', (query, note) => {
    const { view, notes } = read(query);
    expect(notes.join('\n')).toMatch(note);
    expect(['accept', 'reject', 'timeout']).toContain(view.branch);
    expect(view.timeoutS).toBeGreaterThanOrEqual(1);
    expect(view.step).toBeGreaterThanOrEqual(0);
    expect(view.step).toBeLessThanOrEqual(10);
  });

  it('cuts very long hostile values in its notes', () => {
    const { notes } = read(`branch=${'x'.repeat(5000)}`);
    expect(notes).toHaveLength(1);
    expect(notes[0]?.length).toBeLessThan(200);
  });
});

describe('writeView', () => {
  it('leaves default timing out and round-trips through readView', () => {
    expect(writeView({ branch: 'accept', timeoutS: 30, responseS: 8, step: 3 })).toBe(
      '?branch=accept&step=3'
    );
    const view = { branch: 'timeout' as const, timeoutS: 12, responseS: 8.5, step: 8 };
    expect(read(writeView(view).slice(1)).view).toEqual(view);
  });
});
