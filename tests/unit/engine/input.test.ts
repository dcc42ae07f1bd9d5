import { describe, expect, it } from 'vitest';
import type { InvitationScenario, TimerSpec } from '../../../src/lib/content/types';
import {
  defaultInput,
  parseBranch,
  parseResponse,
  parseRunInput,
  parseTimeout,
  rangeText,
  RESPONSE_RANGE,
  type FieldResult
} from '../../../src/lib/engine/input';
import { run } from '../../../src/lib/engine/run';
import { realContent, realScenario } from '../../fixtures/content';

/**
 * How a person would recognise the value they gave: strings quoted, numbers as JavaScript writes
 * them (NaN and Infinity too), anything else as JSON.
 */
function shown(raw: unknown): string {
  if (typeof raw === 'number' || raw === undefined) return String(raw);
  return JSON.stringify(raw);
}

/** Rows for it.each with the value shown readably in the title (%j would print NaN as null). */
function cases(raws: unknown[]): [string, unknown][] {
  return raws.map((raw) => [shown(raw), raw]);
}

/** Rows of (title, typed value, value it should parse to). */
function parsing(rows: [unknown, number][]): [string, unknown, number][] {
  return rows.map(([raw, value]) => [shown(raw), raw, value]);
}

function errorOf<T>(result: FieldResult<T>): string {
  if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result.value)}`);
  return result.error;
}

const NOT_NUMBERS: unknown[] = [
  'abc',
  '12abc',
  '',
  '   ',
  NaN,
  Infinity,
  -Infinity,
  '1e309',
  'Infinity',
  null,
  undefined,
  true,
  {},
  []
];

const { scenarios } = realContent;

function invitation(id: string): InvitationScenario {
  const found = realScenario(id);
  if (found.mechanics !== 'invitation') throw new Error(`${id} is not an invitation`);
  return found;
}

const deliver = invitation('deliver-interaction-to-agent');
const stop = realScenario('stop-processing');

/*
 * Each scenario's options and timer, as its file declares them, written out by hand: the
 * messages must name these, whatever the parser reads them from.
 */
// Transcribed from each canonical file of shared/genem (its choice's option ids), in order.
const OPTIONS: Record<string, string> = {
  registration: 'valid, invalid-client, not-registered, invalid-then-not-registered',
  'login-logout': 'two-servers',
  'reporting-engine-connects': 'one-server, two-servers',
  'disconnection-and-failover': 'agent-disconnects, server-fails-over',
  'media-server-submits': 'valid, invalid',
  'agent-submits': 'valid, invalid',
  'invoke-autoresponse': 'success',
  'place-in-queue': 'urs, agent',
  'place-in-workbin': 'urs, agent',
  'workbin-operations': 'content, content-error, notify, notify-error, cancel, cancel-error',
  'snapshot-operations': 'take, get, lock, release',
  'deliver-interaction-to-agent': 'accept, reject, timeout',
  'agent-pulls-interaction': 'queue, workbin',
  'change-properties': 'media-agent, media-urs, urs, invalid',
  transfer: 'accept, reject, timeout, invalid',
  conference: 'accept, reject, timeout, invalid',
  intrusion: 'accept, reject, timeout, invalid',
  'stop-processing': 'a, b, c, d'
};

const INVITATIONS = ['deliver-interaction-to-agent', 'transfer', 'conference'];

describe('input', () => {
  describe('rangeText', () => {
    it('does write a range as people read it, with thousands grouped', () => {
      expect(rangeText(1, 86_400)).toBe('1 to 86,400');
      expect(rangeText(0, 999)).toBe('0 to 999');
      expect(rangeText(1_000, 1_000_000)).toBe('1,000 to 1,000,000');
      expect(RESPONSE_RANGE).toBe('0 to 86,400');
    });
  });

  describe.each(INVITATIONS)('parseTimeout for the %s timer', (id) => {
    const { timer } = invitation(id);

    it.each(
      parsing([
        [1, 1],
        [30, 30],
        [86_400, 86_400],
        ['1', 1],
        ['86400', 86_400],
        [' 30 ', 30]
      ])
    )('does accept %s as %i s', (_, raw, value) => {
      expect(parseTimeout(timer, raw)).toEqual({ ok: true, value });
    });

    it.each(cases([0, -1, 86_401, '0', '86401', 1_000_000, ...NOT_NUMBERS, 1.5, '29.9', 0.5]))(
      'does reject %s, naming the field, the range and the value',
      (_, raw) => {
        const error = errorOf(parseTimeout(timer, raw));
        expect(error).toMatch(/^timeout /);
        expect(error).toContain('1 to 86,400');
        expect(error).toContain(shown(raw));
      }
    );
  });

  describe('parseTimeout', () => {
    /** A timer like Deliver's with another range: the parser must read the range it is given. */
    const short: TimerSpec = { ...deliver.timer, min: 5, max: 1_200, default: 10 };

    it('does read the range from the timer it is given', () => {
      expect(parseTimeout(short, 5)).toEqual({ ok: true, value: 5 });
      expect(parseTimeout(short, '1200')).toEqual({ ok: true, value: 1_200 });
      for (const raw of [1, 4, 1_201, 86_400]) {
        expect(errorOf(parseTimeout(short, raw)), shown(raw)).toBe(
          `timeout must be a whole number of seconds from 5 to 1,200 (got ${raw})`
        );
      }
    });

    it('does say that a timeout is a whole number of seconds', () => {
      expect(errorOf(parseTimeout(deliver.timer, 1.5))).toContain('whole number of seconds');
    });
  });

  describe('parseResponse', () => {
    it.each(
      parsing([
        [0, 0],
        [0.1, 0.1],
        [8, 8],
        [29.9, 29.9],
        [86_400, 86_400],
        ['0', 0],
        ['0.1', 0.1],
        ['0.7', 0.7],
        ['86400', 86_400],
        ['86399.9', 86_399.9]
      ])
    )('does accept %s as %d s', (_, raw, value) => {
      expect(parseResponse(raw)).toEqual({ ok: true, value });
    });

    it('does accept every tenth of a second from 0 to 100', () => {
      for (let k = 0; k <= 1000; k++) {
        const typed = (k / 10).toString();
        expect(parseResponse(typed), typed).toEqual({ ok: true, value: k / 10 });
      }
    });

    it.each(cases([-0.1, -1, 86_400.1, 86_401, '-1', ...NOT_NUMBERS, 0.05, '0.05', 8.25, '0.01']))(
      'does reject %s, naming the field, the range and the value',
      (_, raw) => {
        const error = errorOf(parseResponse(raw));
        expect(error).toMatch(/^response /);
        expect(error).toContain('0 to 86,400');
        expect(error).toContain('steps of 0.1');
        expect(error).toContain(shown(raw));
      }
    );
  });

  // Every scenario in content/: one without a row in OPTIONS fails here.
  describe.each(scenarios.map((s) => s.id))('parseBranch for %s', (id) => {
    const model = realScenario(id);
    const options = OPTIONS[id] ?? `(no options written down for ${id})`;
    const own = options.split(', ');

    it.each(own)('does accept %s', (raw) => {
      expect(parseBranch(model, raw)).toEqual({ ok: true, value: raw });
    });

    // Another scenario's options are not this one's.
    const foreign = ['accept', 'invalid', 'a', 'd'].filter((o) => !own.includes(o));

    it.each(
      cases([...foreign, 'Accept', 'TIMEOUT', ' accept', '', 'accepted', 'A', 42, null, undefined])
    )('does reject %s, naming the field, this scenario’s options and the value', (_, raw) => {
      const error = errorOf(parseBranch(model, raw));
      expect(error).toMatch(/^branch /);
      expect(error).toContain(`one of ${options} (`);
      expect(error).toContain(shown(raw));
    });
  });

  describe('defaultInput', () => {
    it.each(INVITATIONS)('does start %s on accept at 30 s and 8 s', (id) => {
      expect(defaultInput(realScenario(id))).toEqual({
        branch: 'accept',
        timeoutS: 30,
        responseS: 8
      });
    });

    it('does start stop-processing on version a, with no timings', () => {
      expect(defaultInput(stop)).toEqual({ branch: 'a', timeoutS: 0, responseS: 0 });
    });

    it.each(scenarios.map((s) => s.id))('does give %s the input parsing fills in', (id) => {
      const model = realScenario(id);
      const input = defaultInput(model);
      expect(parseRunInput(model, {})).toEqual({ ok: true, value: input });
      expect(parseRunInput(model, { branch: input.branch })).toEqual({ ok: true, value: input });
      expect(run(model, input).input).toEqual(input);
    });
  });

  describe.each(INVITATIONS)('parseRunInput for %s', (id) => {
    const model = realScenario(id);

    it('does fill in the defaults: accept, 30 s, 8 s', () => {
      expect(parseRunInput(model, {})).toEqual({
        ok: true,
        value: { branch: 'accept', timeoutS: 30, responseS: 8 }
      });
    });

    it('does read typed values at the boundaries', () => {
      expect(
        parseRunInput(model, { branch: 'timeout', timeout: '86400', response: '0.1' })
      ).toEqual({ ok: true, value: { branch: 'timeout', timeoutS: 86_400, responseS: 0.1 } });
      expect(parseRunInput(model, { branch: 'reject', timeout: 1, response: 86_400 })).toEqual({
        ok: true,
        value: { branch: 'reject', timeoutS: 1, responseS: 86_400 }
      });
    });

    it('does report every bad field at once, each naming its field and value', () => {
      const result = parseRunInput(model, { branch: 'later', timeout: '12abc', response: 0.05 });
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.errors).toHaveLength(3);
      const [branch, timeout, response] = result.errors;
      expect(branch).toMatch(/^branch .*"later"/);
      expect(branch).toContain(OPTIONS[id]);
      expect(timeout).toMatch(/^timeout .*1 to 86,400.*"12abc"/);
      expect(response).toMatch(/^response .*0 to 86,400.*0\.05/);
    });

    it('does report only the bad field when the others are fine', () => {
      expect(parseRunInput(model, { branch: 'accept', timeout: 0, response: 8 })).toEqual({
        ok: false,
        errors: [expect.stringMatching(/^timeout .*\(got 0\)/)]
      });
    });
  });

  describe('parseRunInput for transfer and conference', () => {
    it.each(['transfer', 'conference'])('does accept the invalid outcome of %s', (id) => {
      expect(parseRunInput(realScenario(id), { branch: 'invalid' })).toEqual({
        ok: true,
        value: { branch: 'invalid', timeoutS: 30, responseS: 8 }
      });
    });

    it('does refuse the invalid outcome for Deliver, which has none', () => {
      expect(parseRunInput(deliver, { branch: 'invalid' })).toEqual({
        ok: false,
        errors: [expect.stringMatching(/^branch .*accept, reject, timeout .*"invalid"/)]
      });
    });
  });

  describe('parseRunInput for stop-processing', () => {
    it('does fill in version a, and take a version by its id', () => {
      expect(parseRunInput(stop, {})).toEqual({
        ok: true,
        value: { branch: 'a', timeoutS: 0, responseS: 0 }
      });
      expect(parseRunInput(stop, { branch: 'c' })).toEqual({
        ok: true,
        value: { branch: 'c', timeoutS: 0, responseS: 0 }
      });
    });

    it.each([
      ['timeout', { timeout: 30 }, 'timeout does not apply: stop-processing has no timer (got 30)'],
      [
        'timeout',
        { timeout: '12abc' },
        'timeout does not apply: stop-processing has no timer (got "12abc")'
      ],
      ['response', { response: 8 }, 'response does not apply: stop-processing has no timer (got 8)']
    ])('does reject a %s, saying it does not apply', (_, raw, error) => {
      expect(parseRunInput(stop, { branch: 'b', ...raw })).toEqual({ ok: false, errors: [error] });
    });

    it('does report a bad version and both timings at once', () => {
      expect(parseRunInput(stop, { branch: 'accept', timeout: 30, response: 8 })).toEqual({
        ok: false,
        errors: [
          'branch must be one of a, b, c, d (got "accept")',
          'timeout does not apply: stop-processing has no timer (got 30)',
          'response does not apply: stop-processing has no timer (got 8)'
        ]
      });
    });
  });

  it('does refuse hexadecimal, binary and octal forms that Number() would accept', () => {
    for (const raw of ['0x1E', '0b11', '0o7']) {
      expect(parseTimeout(deliver.timer, raw).ok).toBe(false);
      expect(parseResponse(raw).ok).toBe(false);
    }
    expect(parseTimeout(deliver.timer, '3e1')).toEqual({ ok: true, value: 30 });
  });
});
