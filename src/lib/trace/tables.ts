/**
 * The messages of one run grouped by protocol, as the reference's tables group them. The UI's
 * protocol tables and the Markdown export both read this, so they always agree.
 */
import { PROTOCOLS, type MessageEntry, type Protocol, type Trace } from '../engine/types';

export interface ProtocolTable {
  protocol: Protocol;
  /** Message entries in this protocol, in trace order; empty when none has happened yet. */
  rows: MessageEntry[];
}

/**
 * One table per protocol, in PROTOCOLS order (always all of them), holding the message entries
 * up to and including step `upTo` (default: the whole trace).
 */
export function protocolTables(trace: Trace, upTo = Infinity): ProtocolTable[] {
  const messages = trace.entries.filter(
    (e): e is MessageEntry => e.kind === 'message' && e.step <= upTo
  );
  return PROTOCOLS.map((protocol) => ({
    protocol,
    rows: messages.filter((m) => m.message.protocol === protocol)
  }));
}
