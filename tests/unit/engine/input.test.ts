import { describe, expect, it } from 'vitest';
import {
  DEFAULT_INPUT,
  parseBranch,
  parseResponse,
  parseRunInput,
  parseTimeout,
  type FieldResult
} from '../../../src/lib/engine/input';

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

describe('input', () => {
  describe('parseTimeout', () => {
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
      expect(parseTimeout(raw)).toEqual({ ok: true, value });
    });

    it.each(cases([0, -1, 86_401, '0', '86401', 1_000_000, ...NOT_NUMBERS, 1.5, '29.9', 0.5]))(
      'does reject %s, naming the field, the range and the value',
      (_, raw) => {
        const error = errorOf(parseTimeout(raw));
        expect(error).toMatch(/^timeout /);
        expect(error).toContain('1 to 86,400');
        expect(error).toContain(shown(raw));
      }
    );

    it('does say that a timeout is a whole number of seconds', () => {
      expect(errorOf(parseTimeout(1.5))).toContain('whole number of seconds');
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

  describe('parseBranch', () => {
    it.each(['accept', 'reject', 'timeout'])('does accept %s', (raw) => {
      expect(parseBranch(raw)).toEqual({ ok: true, value: raw });
    });

    it.each(cases(['Accept', 'TIMEOUT', ' accept', '', 'accepted', 42, null, undefined]))(
      'does reject %s, naming the field, the choices and the value',
      (_, raw) => {
        const error = errorOf(parseBranch(raw));
        expect(error).toMatch(/^branch /);
        expect(error).toContain('accept, reject, timeout');
        expect(error).toContain(shown(raw));
      }
    );
  });

  describe('parseRunInput', () => {
    it('does fill in the defaults: accept, 30 s, 8 s', () => {
      expect(parseRunInput({})).toEqual({
        ok: true,
        value: { branch: 'accept', timeoutS: 30, responseS: 8 }
      });
      expect(DEFAULT_INPUT).toEqual({ branch: 'accept', timeoutS: 30, responseS: 8 });
    });

    it('does read typed values at the boundaries', () => {
      expect(parseRunInput({ branch: 'timeout', timeoutS: '86400', responseS: '0.1' })).toEqual({
        ok: true,
        value: { branch: 'timeout', timeoutS: 86_400, responseS: 0.1 }
      });
      expect(parseRunInput({ branch: 'reject', timeoutS: 1, responseS: 86_400 })).toEqual({
        ok: true,
        value: { branch: 'reject', timeoutS: 1, responseS: 86_400 }
      });
    });

    it('does report every bad field at once, each naming its field and value', () => {
      const result = parseRunInput({ branch: 'later', timeoutS: '12abc', responseS: 0.05 });
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.errors).toHaveLength(3);
      const [branch, timeout, response] = result.errors;
      expect(branch).toMatch(/^branch .*"later"/);
      expect(timeout).toMatch(/^timeout .*1 to 86,400.*"12abc"/);
      expect(response).toMatch(/^response .*0 to 86,400.*0\.05/);
    });

    it('does report only the bad field when the others are fine', () => {
      expect(parseRunInput({ branch: 'accept', timeoutS: 0, responseS: 8 })).toEqual({
        ok: false,
        errors: [expect.stringMatching(/^timeout .*\(got 0\)/)]
      });
    });
  });

  it('does refuse hexadecimal, binary and octal forms that Number() would accept', () => {
    for (const raw of ['0x1E', '0b11', '0o7']) {
      expect(parseTimeout(raw).ok).toBe(false);
      expect(parseResponse(raw).ok).toBe(false);
    }
    expect(parseTimeout('3e1')).toEqual({ ok: true, value: 30 });
  });
});
