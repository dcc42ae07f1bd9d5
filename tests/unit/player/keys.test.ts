import { describe, expect, it } from 'vitest';
import { commandFor } from '$lib/player/keys';

/** An element inside the given tags: `closest` answers as the browser's would. */
function inside(...tags: string[]) {
  return {
    closest: (selector: string) =>
      tags.some((t) => selector.split(',').some((s) => s.trim() === t)) ? {} : null
  } as unknown as EventTarget;
}

function press(key: string, target = inside('body'), mods: Partial<KeyboardEvent> = {}) {
  return commandFor({
    key,
    target,
    altKey: false,
    ctrlKey: false,
    metaKey: false,
    shiftKey: false,
    ...mods
  });
}

describe('keys', () => {
  describe('commandFor', () => {
    it.each([
      ['ArrowRight', 'next'],
      ['PageDown', 'next'],
      ['ArrowLeft', 'back'],
      ['PageUp', 'back'],
      ['Home', 'first'],
      ['End', 'last'],
      [' ', 'togglePlay']
    ])('does map %j to %s', (key, command) => {
      expect(press(key)).toBe(command);
    });

    it('does leave keys alone while a person types in a field', () => {
      expect(press('ArrowRight', inside('input'))).toBeNull();
      expect(press('Home', inside('select'))).toBeNull();
    });

    it('does leave Space to a focused button but still steps with arrows there', () => {
      expect(press(' ', inside('button'))).toBeNull();
      expect(press('ArrowRight', inside('button'))).toBe('next');
    });

    it('does ignore modified keys and other keys', () => {
      expect(press('ArrowRight', undefined, { altKey: true })).toBeNull();
      expect(press('a')).toBeNull();
    });
  });
});
