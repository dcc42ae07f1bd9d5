/**
 * "You are the agent": one invitation answered in real time. The person plays the invited party,
 * a countdown runs in wall-clock time times a speed factor, and the diagram shows what the
 * engine predicts for the answer actually given, when it was given.
 *
 * The logic lives here, away from the DOM, with the clock injected, so tests drive it with a
 * fake clock. The engine stays pure: every run is `run(scenario, input)` with the person's
 * response time, and this module only decides which run to show and how much of it.
 */
import type { InvitationScenario } from '$lib/content/types';
import { RESPONSE_MAX_S, run } from '$lib/engine';
import type { MessageEntry, Trace } from '$lib/engine/types';
import { capitalize, formatAt, lifelineName } from '$lib/trace';

/** How much faster than real time the virtual clock runs. */
export const LIVE_SPEEDS = [1, 2, 5, 10] as const;
export type LiveSpeed = (typeof LIVE_SPEEDS)[number];

export function isLiveSpeed(value: number): value is LiveSpeed {
  return (LIVE_SPEEDS as readonly number[]).includes(value);
}

/** Wall-clock time and a heartbeat; the browser's is {@link browserClock}. */
export interface LiveClock {
  /** Milliseconds on a clock that only moves forward (performance.now in a browser). */
  now(): number;
  /** Calls `tick` repeatedly (about once a frame) until the returned function is called. */
  every(tick: () => void): () => void;
}

/** performance.now and requestAnimationFrame: ticks pause in a hidden tab, time does not. */
export const browserClock: LiveClock = {
  now: () => performance.now(),
  every(tick) {
    let frame = requestAnimationFrame(function loop() {
      tick();
      frame = requestAnimationFrame(loop);
    });
    return () => cancelAnimationFrame(frame);
  }
};

export type LiveAnswer = 'accept' | 'reject';

/**
 * Where the invitation stands: still open, revoked by the timer (an answer is still possible,
 * and late), answered in time, or answered after the revoke.
 */
export type LiveStatus = 'waiting' | 'revoked' | 'accepted' | 'rejected' | 'late';

export interface LiveSnapshot {
  status: LiveStatus;
  speed: LiveSpeed;
  timeoutS: number;
  /**
   * Virtual milliseconds since the invitation went out (the trace's t = 0). It stops at the
   * answer's time once the person has answered: nothing happens after that.
   */
  virtualMs: number;
  /** Milliseconds left on the timer; 0 once it has run out. */
  remainingMs: number;
  /** The answer given, if any, and when (seconds, as the engine takes it). */
  answer: { branch: LiveAnswer; responseS: number } | null;
  /** The run being shown: the timeout run until an answer, then the answer's own run. */
  trace: Trace;
  /** How many of `trace.entries` have happened by `virtualMs`. */
  shown: number;
}

/**
 * The response time the engine is given for an answer at `virtualMs`: tenths of a second,
 * rounded down, so that an answer the countdown still showed as in time is in time for the
 * engine too (rounding up could turn 29.96 s into a late 30 s).
 */
export function responseSeconds(virtualMs: number): number {
  return Math.min(RESPONSE_MAX_S, Math.floor(virtualMs / 100) / 10);
}

/** Entries of `trace` that have happened by `virtualMs` (a trace is in time order). */
export function shownBy(trace: Trace, virtualMs: number): number {
  let n = 0;
  while (n < trace.entries.length && (trace.entries[n]?.at ?? Infinity) <= virtualMs) n++;
  return n;
}

export interface LiveOptions {
  timeoutS: number;
  speed?: LiveSpeed;
  clock?: LiveClock;
  /** Called with every new snapshot: each tick while the clock matters, and after each verb. */
  onchange?: (snapshot: LiveSnapshot) => void;
}

/**
 * One live invitation. `start` begins the countdown at virtual 0; `answer`, `setSpeed` and
 * `restart` are the person's verbs; `stop` releases the clock's heartbeat.
 */
export class LiveRun {
  readonly scenario: InvitationScenario;
  readonly timeoutS: number;
  readonly #clock: LiveClock;
  readonly #onchange: (snapshot: LiveSnapshot) => void;
  /** Run once: until someone answers, what happens is the timeout run, up to now. */
  readonly #unanswered: Trace;

  #speed: LiveSpeed;
  /** Virtual time = #baseVirtual + (now − #baseReal) × speed; a speed change rebases it. */
  #baseVirtual = 0;
  #baseReal = 0;
  #stopTicks: (() => void) | null = null;
  #snapshot: LiveSnapshot;

  constructor(scenario: InvitationScenario, options: LiveOptions) {
    this.scenario = scenario;
    this.timeoutS = options.timeoutS;
    this.#clock = options.clock ?? browserClock;
    this.#onchange = options.onchange ?? (() => {});
    this.#speed = options.speed ?? 1;
    this.#unanswered = run(scenario, {
      branch: 'timeout',
      timeoutS: this.timeoutS,
      responseS: scenario.response.default
    });
    this.#baseReal = this.#clock.now();
    this.#snapshot = this.#waiting(0);
  }

  get snapshot(): LiveSnapshot {
    return this.#snapshot;
  }

  get #deadlineMs(): number {
    return this.timeoutS * 1000;
  }

  /** The invitation arrives now, at virtual 0: the common steps show at once. */
  start(): void {
    this.stop();
    this.#baseVirtual = 0;
    this.#baseReal = this.#clock.now();
    this.#snapshot = this.#waiting(0);
    this.#stopTicks = this.#clock.every(() => this.tick());
    this.#onchange(this.#snapshot);
  }

  /** Stops the heartbeat; the snapshot stays as it is. */
  stop(): void {
    this.#stopTicks?.();
    this.#stopTicks = null;
  }

  /** Reads the clock: the countdown moves, and the timer revokes the invitation at its deadline. */
  tick(): void {
    if (this.#answered) return;
    this.#snapshot = this.#waiting(this.#virtualNow());
    this.#onchange(this.#snapshot);
  }

  /**
   * The person answers now. Before the deadline the answer wins the race; at or after it the
   * engine turns it into the late answer and its EventError. A second answer is ignored.
   */
  answer(branch: LiveAnswer): void {
    if (this.#answered) return;
    const responseS = responseSeconds(this.#virtualNow());
    const trace = run(this.scenario, { branch, timeoutS: this.timeoutS, responseS });
    // Time stops at the answer, and the answer is the last thing in its run: all of it has
    // happened (no float comparison of 1.1 × 1000 against the engine's own ms).
    const virtualMs = Math.round(responseS * 1000);
    this.stop();
    this.#snapshot = {
      ...this.#base(virtualMs),
      status: trace.lateAnswer ? 'late' : trace.outcome === 'accepted' ? 'accepted' : 'rejected',
      answer: { branch, responseS },
      trace,
      shown: trace.entries.length
    };
    this.#onchange(this.#snapshot);
  }

  /** From now on the virtual clock runs `speed` times real time; time already passed stays. */
  setSpeed(speed: LiveSpeed): void {
    if (!this.#answered) {
      this.#baseVirtual = this.#virtualNow();
      this.#baseReal = this.#clock.now();
    }
    this.#speed = speed;
    this.#snapshot = { ...this.#snapshot, speed };
    this.#onchange(this.#snapshot);
  }

  /** Try again: a fresh invitation at the same speed. */
  restart(): void {
    this.start();
  }

  get #answered(): boolean {
    return this.#snapshot.answer !== null;
  }

  #virtualNow(): number {
    const virtual = this.#baseVirtual + (this.#clock.now() - this.#baseReal) * this.#speed;
    // A clock that only moves forward should not go back; a response time has an upper bound.
    return Math.min(Math.max(virtual, 0), RESPONSE_MAX_S * 1000);
  }

  #base(virtualMs: number) {
    return {
      speed: this.#speed,
      timeoutS: this.timeoutS,
      virtualMs,
      remainingMs: Math.max(0, this.#deadlineMs - virtualMs)
    };
  }

  /** No answer yet: the timeout run up to `virtualMs`; revoked from the deadline on. */
  #waiting(virtualMs: number): LiveSnapshot {
    const trace = this.#unanswered;
    return {
      ...this.#base(virtualMs),
      // At the very deadline the timer wins, as in the engine: it was set before the invitation.
      status: virtualMs >= this.#deadlineMs ? 'revoked' : 'waiting',
      answer: null,
      trace,
      shown: shownBy(trace, virtualMs)
    };
  }
}

/** "5 s left" at 4.2 s left: the countdown shows whole seconds, and 0 only once time is up. */
export function secondsLeft(snapshot: LiveSnapshot): number {
  return Math.ceil(snapshot.remainingMs / 1000);
}

const VERB: Record<LiveAnswer, string> = { accept: 'accepted', reject: 'rejected' };

/**
 * What just happened, in a sentence for the caption and the screen reader's live region. Only
 * events are worth saying (the invitation, its revoke, an answer); the countdown is not.
 */
export function liveMessage(snapshot: LiveSnapshot, scenario: InvitationScenario): string {
  const deadline = formatAt(snapshot.timeoutS * 1000);
  const timer = scenario.timer.label;
  const { trace, answer } = snapshot;
  switch (snapshot.status) {
    case 'waiting':
      return `Invitation received: accept or reject it before the ${timer} runs out at ${deadline}.`;
    case 'revoked':
      return `Invitation revoked: the ${timer} ran out at ${deadline}. An answer now is too late.`;
    case 'accepted':
    case 'rejected':
      return `You ${VERB[answer?.branch ?? 'accept']} at ${formatAt((answer?.responseS ?? 0) * 1000)}, before the ${deadline} deadline. Outcome: ${trace.outcomeLabel}.`;
    case 'late': {
      // The engine's last message is its reply to the late answer.
      const reply = trace.entries.findLast((e): e is MessageEntry => e.kind === 'message');
      const said = reply
        ? ` ${capitalize(lifelineName(reply.from, scenario))} answers ${reply.message.name}${reply.provenance === 'modeled' ? ' (modeled)' : ''}.`
        : '';
      return `You ${VERB[answer?.branch ?? 'accept']} at ${formatAt((answer?.responseS ?? 0) * 1000)}, after the invitation was revoked at ${deadline}.${said} Outcome: ${trace.outcomeLabel}.`;
    }
  }
}
