/**
 * Reading the mechanics' machines: a state value as a path, and the main machine's statechart,
 * read from the engine's own XState definition. The machines themselves live with their
 * mechanics (src/lib/mechanics).
 */
import type { StateValue } from 'xstate';
import type { Scenario } from '../content/types';
import { systemFor } from '../mechanics';

export { systemFor } from '../mechanics';

/** A state value as one dotted path: `{ inviting: 'waiting' }` → `inviting.waiting`. */
export function statePath(value: StateValue): string {
  if (typeof value === 'string') return value;
  const [key, child] = Object.entries(value)[0] ?? ['', ''];
  return child ? `${key}.${statePath(child as StateValue)}` : key;
}

export interface ChartState {
  /** Dotted path from the machine's root, as trace entries' `state` names it. */
  id: string;
  /** The state's own name. */
  key: string;
  /** The enclosing state's id; null at the top. */
  parent: string | null;
  initial: boolean;
  final: boolean;
}

export interface ChartTransition {
  from: string;
  to: string;
  /** What makes it happen, in words. */
  label: string;
}

/** The main machine's states and transitions, read from its XState definition. */
export interface Statechart {
  /** The machine's id, e.g. `server`. */
  machine: string;
  states: ChartState[];
  transitions: ChartTransition[];
}

/** What each guard or event of the mechanics means, for a statechart's labels. */
const TRANSITION_WORDS: Record<string, string> = {
  isRequest: 'the request arrives',
  isAccept: 'the accept arrives',
  isReject: 'the reject arrives',
  refuses: 'the request is invalid',
  timeout: 'the timer expires',
  always: 'every step sent',
  finished: 'every step sent',
  outpaced: 'the next step is due after the deadline',
  wait: 'a response time passes',
  lateBy: 'the late step is sent',
  hasLate: 'the timer expires first',
  expired: 'the timer expires first',
  isStart: 'the timer is started',
  isRestart: 'the timer is restarted',
  isCancel: 'the timer is cancelled'
};

interface DefinitionNode {
  key: string;
  type: string;
  initial?: { target: { key: string }[] };
  states: Record<string, DefinitionNode>;
  transitions: Map<string, DefinitionTransition[]>;
  always?: DefinitionTransition[];
}

interface DefinitionTransition {
  eventType: string;
  target?: { path: string[] }[];
  guard?: string | { type: string };
}

/**
 * The statechart of a scenario's main machine (Interaction Server's for an invitation), read
 * from the engine's own XState definition rather than restated, so it cannot drift from what
 * runs. Targetless transitions (a late answer refused in place) are left out.
 */
export function statechartOf(scenario: Scenario): Statechart {
  const { main } = systemFor(scenario);
  const states: ChartState[] = [];
  const transitions: ChartTransition[] = [];
  const walk = (node: DefinitionNode, path: string[]) => {
    const initialKey = node.initial?.target[0]?.key;
    for (const child of Object.values(node.states)) {
      const childPath = [...path, child.key];
      states.push({
        id: childPath.join('.'),
        key: child.key,
        parent: path.length > 0 ? path.join('.') : null,
        initial: child.key === initialKey,
        final: child.type === 'final'
      });
      const all: [string, DefinitionTransition[]][] = [
        ...child.transitions,
        ['always', child.always ?? []]
      ];
      for (const [eventType, list] of all) {
        for (const t of list) {
          const target = t.target?.[0];
          if (!target) continue;
          const guard = typeof t.guard === 'string' ? t.guard : t.guard?.type;
          // `xstate.after.<delay>.<state>`: the delay's name says what the wait is.
          const event = eventType.startsWith('xstate.after')
            ? (eventType.split('.')[2] ?? 'timeout')
            : eventType || 'always';
          transitions.push({
            from: childPath.join('.'),
            to: target.path.join('.'),
            label: TRANSITION_WORDS[guard ?? event] ?? guard ?? event
          });
        }
      }
      walk(child, childPath);
    }
  };
  walk(main.root as unknown as DefinitionNode, []);
  return { machine: main.id, states, transitions };
}
