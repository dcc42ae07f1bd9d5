import { SimulatedClock } from 'xstate';

interface Pending {
  due: number;
  seq: number;
  fn: () => void;
}

/**
 * XState's SimulatedClock, advanced one due time at a time.
 *
 * Why not call `increment()`: it moves `now` to the end before firing what is due, so a timer
 * due at 30 s that fires during `increment(38_000)` would see `now() === 38_000`. And its flush
 * sorts with a comparator that leaves equal due times unordered. Here every timeout waits in our
 * own queue, ordered by (due time, then the order it was set), and {@link advance} moves the
 * clock exactly to the next due time before firing it: a timer fires at its deadline, and of two
 * things due together the one set first happens first.
 */
export class SteppedClock extends SimulatedClock {
  #pending = new Map<number, Pending>();
  #seq = 0;

  override setTimeout(fn: () => void, timeout: number): number {
    const seq = this.#seq++;
    this.#pending.set(seq, { due: this.now() + Math.max(0, timeout), seq, fn });
    return seq;
  }

  override clearTimeout(id: number): void {
    this.#pending.delete(id);
  }

  /** Fires the next due timeout at its own time; false when nothing is pending. */
  advance(): boolean {
    let next: Pending | undefined;
    for (const p of this.#pending.values()) {
      if (!next || p.due < next.due || (p.due === next.due && p.seq < next.seq)) next = p;
    }
    if (!next) return false;
    this.#pending.delete(next.seq);
    // Nothing waits in SimulatedClock's own queue, so `set` only moves `now`.
    this.set(next.due);
    next.fn();
    return true;
  }
}
