/**
 * What the oracle tests share: each transcribes a model's canonical tables from shared/genem by
 * hand and compares them with the engine's trace, one row per entry, in this one wording.
 */
import type { Trace, TraceEntry } from '../../../src/lib/engine/types';

/** One entry as the genem tables pin it: when, in which phase, who, what, and its provenance. */
export function row(e: TraceEntry): string {
  const head = `${e.at / 1000} s ${e.phase}: `;
  if (e.kind === 'timer') return `${head}timer ${e.action} ${e.provenance}`;
  if (e.kind === 'lifeline')
    return `${head}${e.lifeline} ${e.event}${e.peer ? ` ${e.peer}` : ''} ${e.provenance}`;
  const { name, protocol, inPlaceOf } = e.message;
  const shown = inPlaceOf ? `${name} in place of ${inPlaceOf}` : name;
  return `${head}${e.from} → ${e.to} ${shown} (${protocol}) ${e.provenance}`;
}

/** A phase of a canonical table: its id, when its rows happen (s), and the rows in order. */
export type Part = readonly [phase: string, atS: number, rows: readonly string[]];

/** The rows of several parts, each with its time and phase. */
export function expand(...parts: Part[]): string[] {
  return parts.flatMap(([phase, atS, rows]) => rows.map((r) => `${atS} s ${phase}: ${r}`));
}

/** The trace's messages, in order. */
export function messages(trace: Trace) {
  return trace.entries.flatMap((e) => (e.kind === 'message' ? [e] : []));
}

/** The trace's timer entries, in order. */
export function timers(trace: Trace) {
  return trace.entries.flatMap((e) => (e.kind === 'timer' ? [e] : []));
}
