import { describe, expect, it } from 'vitest';
import { loadContentFromDisk } from '../../../src/lib/content/node';
import type { InvitationScenario } from '../../../src/lib/content/types';
import { run } from '../../../src/lib/engine/run';
import {
  answeringOptions,
  bandAt,
  bandRange,
  bandsText,
  computeOutcomeBands,
  MAP_SAMPLES,
  outcomeBands,
  unansweredOptions,
  type OutcomeBand
} from '../../../src/lib/trace/outcome-map';

const invitations = loadContentFromDisk().scenarios.filter(
  (s): s is InvitationScenario => s.mechanics === 'invitation'
);
const scenario = (id: string) => {
  const found = invitations.find((s) => s.id === id);
  if (!found) throw new Error(`no invitation scenario ${id} in content/`);
  return found;
};
const deliver = scenario('deliver-interaction-to-agent');
const transfer = scenario('transfer');

/** Every response time the map should agree with the engine on, around the deadline. */
const probes = (timeoutS: number) => [0, timeoutS - 0.1, timeoutS, timeoutS + 0.1, 2 * timeoutS];

/** In tenths, so 29.9 + 0.1 compares equal to 30. */
const tenths = (s: number) => Math.round(s * 10);

function expectContiguousCover(bands: OutcomeBand[], timeoutS: number) {
  expect(bands.length).toBeGreaterThan(0);
  expect(bands[0]?.from).toBe(0);
  expect(tenths(bands.at(-1)?.to ?? NaN)).toBe(tenths(2 * timeoutS));
  bands.forEach((band, i) => {
    expect(tenths(band.to)).toBeGreaterThanOrEqual(tenths(band.from));
    const before = bands[i - 1];
    if (!before) return;
    expect(tenths(band.from)).toBe(tenths(before.to) + 1);
    // Neighbours differ, or they would be one band.
    expect(band.outcomeLabel).not.toBe(before.outcomeLabel);
  });
}

describe('outcome map', () => {
  for (const s of [deliver, transfer]) {
    for (const timeoutS of [1, 30, 47]) {
      for (const option of answeringOptions(s)) {
        it(`agrees with the engine for ${s.id}, ${option.id}, a ${timeoutS} s timeout`, () => {
          const bands = computeOutcomeBands(s, timeoutS, option.id);
          expectContiguousCover(bands, timeoutS);
          for (const responseS of probes(timeoutS)) {
            const trace = run(s, { branch: option.id, timeoutS, responseS });
            const band = bandAt(bands, responseS);
            expect(band, `${responseS} s`).toMatchObject({
              outcome: trace.outcome,
              endedAs: trace.endedAs,
              outcomeLabel: trace.outcomeLabel,
              lateAnswer: trace.lateAnswer
            });
          }
        });
      }
    }
  }

  it('puts the tie exactly at the deadline: 29.9 s wins, 30 s loses', () => {
    expect(outcomeBands(deliver, 30, 'accept')).toEqual([
      {
        from: 0,
        to: 29.9,
        outcome: 'accepted',
        endedAs: 'accept',
        outcomeLabel: 'Accepted',
        lateAnswer: false
      },
      {
        from: 30,
        to: 60,
        outcome: 'timed-out',
        endedAs: 'timeout',
        outcomeLabel: 'Timed out; the agent’s accept arrived too late',
        lateAnswer: true
      }
    ]);
    expect(bandsText(outcomeBands(transfer, 30, 'reject'))).toBe(
      '0 to 29.9 s: Rejected; 30 to 60 s: Timed out; Agent 2’s reject arrived too late'
    );
  });

  it('pins a change that falls between two samples to the tenth', () => {
    // 2 × 41 s is 820 tenths in 40 samples, one every 20.5 tenths: 39 s and 41 s are samples,
    // 40.9 s is not, and only bisection between them finds the last tenth that wins.
    const bands = computeOutcomeBands(deliver, 41, 'accept');
    expect(bands.map((b) => [b.from, b.to])).toEqual([
      [0, 40.9],
      [41, 82]
    ]);
  });

  it('runs the engine a bounded number of times, however long the timeout', () => {
    const bands = computeOutcomeBands(deliver, 86_400, 'accept');
    expect(bands.map((b) => [b.from, b.to])).toEqual([
      [0, 86_399.9],
      [86_400, 172_800]
    ]);
    expect(MAP_SAMPLES).toBeLessThanOrEqual(200);
  });

  it('computes a map once per timeout and answer', () => {
    const first = outcomeBands(transfer, 12, 'accept');
    expect(outcomeBands(transfer, 12, 'accept')).toBe(first);
    expect(outcomeBands(transfer, 12, 'reject')).not.toBe(first);
    expect(outcomeBands(transfer, 13, 'accept')).not.toBe(first);
    expect(outcomeBands(deliver, 12, 'accept')).not.toBe(first);
  });

  it('maps the answers only: Timeout and Invalid have no response time', () => {
    expect(answeringOptions(transfer).map((o) => o.id)).toEqual(['accept', 'reject']);
    expect(unansweredOptions(transfer).map((o) => o.id)).toEqual(['timeout', 'invalid']);
    expect(unansweredOptions(deliver).map((o) => o.id)).toEqual(['timeout']);
  });

  it('finds the band of a response time, and none beyond the map', () => {
    const bands = outcomeBands(deliver, 30, 'accept');
    expect(bandAt(bands, 29.9)?.outcome).toBe('accepted');
    expect(bandAt(bands, 30)?.outcome).toBe('timed-out');
    expect(bandAt(bands, 60)?.outcome).toBe('timed-out');
    expect(bandAt(bands, 60.1)).toBeNull();
  });

  it('words a band’s range as a person reads it', () => {
    expect(bandRange({ from: 0, to: 29.9 })).toBe('0 to 29.9 s');
    expect(bandRange({ from: 30, to: 30 })).toBe('30 s');
    expect(bandRange({ from: 86_400, to: 172_800 })).toBe('86,400 to 172,800 s');
  });
});
