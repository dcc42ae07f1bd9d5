import { describe, expect, it } from 'vitest';
import { GOTO, heightMessage, parseGoto, stepMessage, type GotoRules } from '$lib/embed/messages';

/** Transfer's shape: four outcomes of different lengths; the current one is accept. */
const LENGTHS: Record<string, number> = { accept: 10, reject: 8, timeout: 7, invalid: 2 };
const rules: GotoRules = {
  branches: Object.keys(LENGTHS),
  branch: 'accept',
  total: (branch) => LENGTHS[branch] ?? 0
};

describe('messages', () => {
  describe('parseGoto', () => {
    it('does take a step and a choice', () => {
      expect(parseGoto({ type: GOTO, step: 3, branch: 'reject' }, rules)).toEqual({
        step: 3,
        branch: 'reject'
      });
    });

    it('does take either alone, leaving the other as it is', () => {
      expect(parseGoto({ type: GOTO, step: 0 }, rules)).toEqual({ step: 0 });
      expect(parseGoto({ type: GOTO, branch: 'invalid' }, rules)).toEqual({ branch: 'invalid' });
      expect(parseGoto({ type: GOTO, step: 10, branch: undefined }, rules)).toEqual({ step: 10 });
    });

    it('does check the step against the run it lands on', () => {
      // accept has 10 steps, invalid 2: step 10 is the end of one and beyond the other.
      expect(parseGoto({ type: GOTO, step: 10 }, rules)).toEqual({ step: 10 });
      expect(parseGoto({ type: GOTO, step: 10, branch: 'invalid' }, rules)).toBeNull();
      expect(parseGoto({ type: GOTO, step: 2, branch: 'invalid' }, rules)).toEqual({
        step: 2,
        branch: 'invalid'
      });
      expect(parseGoto({ type: GOTO, step: 11 }, rules)).toBeNull();
    });

    it('does ignore a step it cannot check yet', () => {
      const loading: GotoRules = { ...rules, total: () => null };
      expect(parseGoto({ type: GOTO, step: 1 }, loading)).toBeNull();
      expect(parseGoto({ type: GOTO, branch: 'reject' }, loading)).toEqual({ branch: 'reject' });
    });

    it('does ignore every malformed or foreign message, whole', () => {
      const bad: unknown[] = [
        null,
        undefined,
        'interaction-lab:goto',
        42,
        [GOTO, 1],
        {},
        { type: GOTO },
        { type: 'interaction-lab:step', step: 1 },
        { type: 'interaction-lab:Goto', step: 1 },
        { type: GOTO, step: '3' },
        { type: GOTO, step: 1.5 },
        { type: GOTO, step: -1 },
        { type: GOTO, step: Number.NaN },
        { type: GOTO, step: Number.POSITIVE_INFINITY },
        { type: GOTO, step: null },
        { type: GOTO, branch: 'maybe' },
        { type: GOTO, branch: 'Accept' },
        { type: GOTO, branch: ['accept'] },
        { type: GOTO, branch: 'toString' },
        { type: GOTO, branch: '__proto__' },
        // One bad field spoils the message: nothing of it is followed.
        { type: GOTO, step: 2, branch: 'maybe' },
        { type: GOTO, step: 'two', branch: 'reject' }
      ];
      for (const data of bad) expect(parseGoto(data, rules), JSON.stringify(data)).toBeNull();
    });

    it('does not read fields it does not know', () => {
      expect(parseGoto({ type: GOTO, step: 1, from: 'my-docs' }, rules)).toEqual({ step: 1 });
    });

    it('does read an object without a prototype, as a structured clone may arrive', () => {
      const bare = Object.create(null) as Record<string, unknown>;
      bare.type = GOTO;
      bare.step = 4;
      expect(parseGoto(bare, rules)).toEqual({ step: 4 });
    });
  });

  describe('outgoing messages', () => {
    it('does round a height up to whole pixels', () => {
      expect(heightMessage(812.2)).toEqual({ type: 'interaction-lab:height', height: 813 });
      expect(heightMessage(640)).toEqual({ type: 'interaction-lab:height', height: 640 });
    });

    it('does name the step and the choice', () => {
      expect(stepMessage(3, 'reject')).toEqual({
        type: 'interaction-lab:step',
        step: 3,
        branch: 'reject'
      });
    });
  });
});
