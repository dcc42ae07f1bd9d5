/**
 * The messages of one run grouped by protocol, as the reference's tables group them. The UI's
 * protocol tables and the Markdown export both read this, so they always agree.
 */
import type { MessageEntry, Trace } from '../engine/types';

export interface ProtocolTable {
  protocol: string;
  /** Message entries in this protocol, in trace order; empty when none has happened yet. */
  rows: MessageEntry[];
}

/**
 * One table per protocol the scenario uses (`protocols`, in content/protocols.yaml's order,
 * always all of them), holding the message entries up to and including step `upTo`.
 */
export function protocolTables(
  trace: Trace,
  protocols: readonly string[],
  upTo = Infinity
): ProtocolTable[] {
  const messages = trace.entries.filter(
    (e): e is MessageEntry => e.kind === 'message' && e.step <= upTo
  );
  return protocols.map((protocol) => ({
    protocol,
    rows: messages.filter((m) => m.message.protocol === protocol)
  }));
}
