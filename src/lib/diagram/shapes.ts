/**
 * The shapes of the sequence diagram that are not layout: arrowheads, clock hands, sizes, and
 * the class that colours an item by protocol. Pure, shared by the live diagram
 * (DiagramCanvas.svelte) and the standalone SVG (standalone.ts), so both draw alike.
 */
import type { ArrowItem, TimerMarkItem } from './layout';

export const HEAD_LENGTH = 10;
export const HEAD_HALF_WIDTH = 5;
export const NUMBER_RADIUS = 9;
export const TIMER_BAR_WIDTH = 10;
export const TIMER_MARK_RADIUS = 7;

/** Class names that colour an arrow by protocol, e.g. `protocol-t-library`. */
export function protocolClass(protocol: string): string {
  return `protocol-${protocol.toLowerCase().replace(/[^a-z]+/g, '-')}`;
}

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
