import { describe, expect, it } from 'vitest';
import { embedOptionsQuery, readEmbedOptions } from '$lib/embed/options';

describe('options', () => {
  describe('readEmbedOptions', () => {
    it('does default to full controls and the system’s theme', () => {
      expect(readEmbedOptions('branch=reject&step=2')).toEqual({
        options: { controls: 'full', theme: 'auto' },
        notes: []
      });
    });

    it('does read each value', () => {
      expect(readEmbedOptions('controls=minimal&theme=dark').options).toEqual({
        controls: 'minimal',
        theme: 'dark'
      });
      expect(readEmbedOptions(new URLSearchParams('controls=none&theme=light')).options).toEqual({
        controls: 'none',
        theme: 'light'
      });
    });

    it('does fall back to the default with a note naming the value and the valid ones', () => {
      const { options, notes } = readEmbedOptions('controls=minmal&theme=Dark');
      expect(options).toEqual({ controls: 'full', theme: 'auto' });
      expect(notes).toEqual([
        'The link’s controls "minmal" is not one of full, minimal, none; using full.',
        'The link’s theme "Dark" is not one of light, dark, auto; using auto.'
      ]);
    });

    it('does cut a long value in its note', () => {
      const { notes } = readEmbedOptions(`theme=${'x'.repeat(500)}`);
      expect(notes[0]).toContain(`"${'x'.repeat(40)}…"`);
      expect(notes[0]?.length).toBeLessThan(120);
    });
  });

  describe('embedOptionsQuery', () => {
    it('does leave out the defaults', () => {
      expect(embedOptionsQuery({ controls: 'full', theme: 'auto' })).toBe('');
      expect(embedOptionsQuery({ controls: 'none', theme: 'auto' })).toBe('controls=none');
      expect(embedOptionsQuery({ controls: 'minimal', theme: 'dark' })).toBe(
        'controls=minimal&theme=dark'
      );
    });
  });
});
