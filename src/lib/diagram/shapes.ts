/**
 * The shapes of the sequence diagram that are not layout: arrowheads, clock hands, the glyphs of
 * lifeline events, sizes. Pure, shared by the live diagram (DiagramCanvas.svelte) and the
 * standalone SVG (standalone.ts), so both draw alike.
 */
import type { ArrowItem, LifelineMarkItem, TimerMarkItem } from './layout';

export const HEAD_LENGTH = 10;
export const HEAD_HALF_WIDTH = 5;
export const NUMBER_RADIUS = 9;
export const TIMER_BAR_WIDTH = 10;
export const TIMER_MARK_RADIUS = 7;
/** Half the side of a lifeline event's box, drawn on the lifeline. */
export const LIFELINE_MARK_HALF = 7;

/** The arrow's shaft ends where its head begins. */
export const shaftEnd = (a: ArrowItem) => a.x2 - a.direction * (HEAD_LENGTH - 1);

export function headPath(a: ArrowItem): string {
  const back = a.x2 - a.direction * HEAD_LENGTH;
  return `M${a.x2},${a.y}L${back},${a.y - HEAD_HALF_WIDTH}` + `L${back},${a.y + HEAD_HALF_WIDTH}Z`;
}

/** Two hands of a clock face: up to twelve, across to three. */
export function clockPath(m: TimerMarkItem): string {
  return `M${m.x},${m.y - 4}V${m.y}H${m.x + 3.5}`;
}

/**
 * The glyph inside a lifeline event's box, so the kind of event shows without its words: a line
 * joined across the box (connects) or broken in the middle (disconnects), a circling arrow
 * (restarts), a chevron up (becomes primary) or down (becomes secondary).
 */
export function eventGlyphPath(m: LifelineMarkItem): string {
  const { x, y } = m;
  switch (m.event) {
    case 'connects':
      return `M${x - 4.5},${y}H${x + 4.5}M${x - 4.5},${y - 2.5}V${y + 2.5}M${x + 4.5},${y - 2.5}V${y + 2.5}`;
    case 'disconnects':
      return `M${x - 4.5},${y}H${x - 1.5}M${x + 1.5},${y}H${x + 4.5}M${x - 4.5},${y - 2.5}V${y + 2.5}M${x + 4.5},${y - 2.5}V${y + 2.5}`;
    case 'restarts':
      return `M${x + 3.5},${y - 1}A3.6,3.6 0 1 1 ${x + 1.5},${y - 3.2}M${x + 1.5},${y - 5.5}V${y - 3.2}H${x + 3.8}`;
    case 'becomes-primary':
      return `M${x - 3.5},${y + 2}L${x},${y - 2}L${x + 3.5},${y + 2}`;
    case 'becomes-secondary':
      return `M${x - 3.5},${y - 2}L${x},${y + 2}L${x + 3.5},${y - 2}`;
  }
}
