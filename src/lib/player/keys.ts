/**
 * Keyboard control of the player, as presentation clickers send it: arrows and PageUp/PageDown
 * step, Home/End jump, Space plays or pauses. Nothing happens while a person types in a field
 * or when a control that owns the key (a button for Space, a radio for arrows) has focus.
 */
export type PlayerCommand = 'next' | 'back' | 'first' | 'last' | 'togglePlay';

const KEYS: Record<string, PlayerCommand> = {
  ArrowRight: 'next',
  PageDown: 'next',
  ArrowLeft: 'back',
  PageUp: 'back',
  Home: 'first',
  End: 'last',
  ' ': 'togglePlay'
};

/** The part of an element this module needs; a key's target is an Element in the browser. */
type Closest = Pick<Element, 'closest'>;

function ownsKey(target: EventTarget | null, key: string): boolean {
  if (!target || typeof (target as Partial<Closest>).closest !== 'function') return false;
  const el = target as unknown as Closest;
  if (el.closest('input, select, textarea, [contenteditable=""], [contenteditable="true"]')) {
    return true;
  }
  // Buttons (and focusable diagram arrows) activate on Space and Enter themselves.
  if (key === ' ' && el.closest('button, [role="button"], a, summary')) return true;
  return false;
}

/** The player command for a key press, or null when the key belongs to something else. */
export function commandFor(
  event: Pick<KeyboardEvent, 'key' | 'target' | 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey'>
): PlayerCommand | null {
  if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return null;
  const command = KEYS[event.key];
  if (!command) return null;
  return ownsKey(event.target, event.key) ? null : command;
}
