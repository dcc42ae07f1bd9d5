import { describe, expect, it } from 'vitest';
import { loadContentFromDisk } from '../../../src/lib/content/node';
import type { InvitationScenario } from '../../../src/lib/content/types';
import type { MessageEntry } from '../../../src/lib/engine/types';
import {
  LiveRun,
  liveMessage,
  responseSeconds,
  secondsLeft,
  type LiveClock,
  type LiveSnapshot,
  type LiveSpeed
} from '../../../src/lib/modes/live';

function invitation(id: string): InvitationScenario {
  const found = loadContentFromDisk().scenarios.find((s) => s.id === id);
  if (found?.mechanics !== 'invitation') throw new Error(`no invitation ${id} in content/`);
  return found;
}

const deliver = invitation('deliver-interaction-to-agent');
const transfer = invitation('transfer');

/** Real time that moves only when a test says so; each move is one heartbeat. */
class FakeClock implements LiveClock {
  ms = 1_000;
  ticks = new Set<() => void>();
  now() {
    return this.ms;
  }
  every(tick: () => void) {
    this.ticks.add(tick);
    return () => this.ticks.delete(tick);
  }
  /** Moves real time on by `ms`, beating once per `frame` ms as a browser does. */
  advance(ms: number, frame = 16) {
    const end = this.ms + ms;
    while (this.ms < end) {
      this.ms = Math.min(end, this.ms + frame);
      for (const tick of [...this.ticks]) tick();
    }
  }
}

function live(scenario: InvitationScenario, speed: LiveSpeed = 1, timeoutS = 30) {
  const clock = new FakeClock();
  const seen: LiveSnapshot[] = [];
  const run = new LiveRun(scenario, { timeoutS, speed, clock, onchange: (s) => seen.push(s) });
  run.start();
  return { clock, run, seen };
}

const names = (s: LiveSnapshot) =>
  s.trace.entries
    .slice(0, s.shown)
    .map((e) =>
      e.kind === 'message'
        ? e.message.name
        : e.kind === 'timer'
          ? `timer ${e.action}`
          : `${e.lifeline} ${e.event}`
    );

describe('LiveRun', () => {
  it('shows the common steps at once and nothing of any outcome yet', () => {
    const { run } = live(deliver);
    const s = run.snapshot;
    expect(s.status).toBe('waiting');
    expect(names(s)).toEqual([
      'RequestRouteCall',
      'EventPartyRemoved',
      'EventInvite',
      'timer started',
      'EventAgentInvited'
    ]);
    expect(secondsLeft(s)).toBe(30);
    expect(liveMessage(s, deliver)).toBe(
      'Invitation received: accept or reject it before the delivery timer runs out at 30 s.'
    );
  });

  it('counts down in real time and accepts in time with the response time taken', () => {
    const { clock, run } = live(deliver);
    clock.advance(12_340);
    expect(run.snapshot.status).toBe('waiting');
    expect(secondsLeft(run.snapshot)).toBe(18);
    run.answer('accept');
    const s = run.snapshot;
    expect(s.status).toBe('accepted');
    expect(s.answer).toEqual({ branch: 'accept', responseS: 12.3 });
    expect(s.trace.input).toEqual({ branch: 'accept', timeoutS: 30, responseS: 12.3 });
    expect(s.trace.outcome).toBe('accepted');
    expect(s.shown).toBe(s.trace.entries.length);
    expect(names(s).slice(5)).toEqual([
      'RequestAccept',
      'timer cancelled',
      'EventAck',
      'EventPartyAdded',
      'EventRouteUsed'
    ]);
    expect(s.trace.entries[5]?.at).toBe(12_300);
    expect(liveMessage(s, deliver)).toBe(
      'You accepted at 12.3 s, before the 30 s deadline. Outcome: Accepted.'
    );
  });

  it('rejects in time, and time stops at the answer', () => {
    const { clock, run, seen } = live(transfer, 2);
    clock.advance(5_000);
    run.answer('reject');
    const s = run.snapshot;
    expect(s.status).toBe('rejected');
    expect(s.answer).toEqual({ branch: 'reject', responseS: 10 });
    expect(names(s)).toContain('RequestReject');
    expect(s.trace.outcome).toBe('rejected');
    const count = seen.length;
    clock.advance(60_000);
    expect(seen.length).toBe(count);
    expect(run.snapshot.virtualMs).toBe(10_000);
    expect(secondsLeft(run.snapshot)).toBe(20);
  });

  it('revokes the invitation exactly at the deadline, not a tick before', () => {
    const { clock, run } = live(deliver, 1, 5);
    clock.advance(4_999, 4_999);
    expect(run.snapshot.status).toBe('waiting');
    expect(secondsLeft(run.snapshot)).toBe(1);
    expect(run.snapshot.shown).toBe(5);
    clock.advance(1, 1);
    const s = run.snapshot;
    expect(s.virtualMs).toBe(5_000);
    expect(s.status).toBe('revoked');
    expect(secondsLeft(s)).toBe(0);
    expect(names(s).slice(5)).toEqual(['timer expired', 'EventRevoked', 'EventRevoked']);
    expect(s.trace.outcomeLabel).toBe('Timed out');
    expect(liveMessage(s, deliver)).toBe(
      'Invitation revoked: the delivery timer ran out at 5 s. An answer now is too late.'
    );
  });

  it('treats an answer at the very deadline as late, even between two ticks', () => {
    const { clock, run } = live(deliver, 1, 5);
    clock.advance(4_990, 4_990);
    clock.ms += 10; // no heartbeat since: the answer itself reads the clock
    run.answer('accept');
    expect(run.snapshot.status).toBe('late');
    expect(run.snapshot.answer?.responseS).toBe(5);
  });

  it('answers a click after the revoke with the late answer and its EventError', () => {
    const { clock, run } = live(deliver, 1, 5);
    clock.advance(7_250);
    expect(run.snapshot.status).toBe('revoked');
    run.answer('accept');
    const s = run.snapshot;
    expect(s.status).toBe('late');
    expect(s.answer?.responseS).toBe(7.2);
    expect(s.trace.lateAnswer).toBe(true);
    expect(s.shown).toBe(s.trace.entries.length);
    const last = s.trace.entries.at(-1) as MessageEntry;
    expect(last.message.name).toBe('EventError');
    expect(last.at).toBe(7_200);
    expect(names(s).slice(5)).toEqual([
      'timer expired',
      'EventRevoked',
      'EventRevoked',
      'RequestAccept',
      'EventError'
    ]);
    expect(liveMessage(s, deliver)).toBe(
      'You accepted at 7.2 s, after the invitation was revoked at 5 s. Interaction Server answers EventError (modeled). Outcome: Timed out; the agent’s accept arrived too late.'
    );
  });

  it('ignores a second answer', () => {
    const { clock, run } = live(deliver);
    clock.advance(1_000);
    run.answer('reject');
    clock.advance(1_000);
    run.answer('accept');
    expect(run.snapshot.answer).toEqual({ branch: 'reject', responseS: 1 });
  });

  it('runs the virtual clock at the speed factor, and a change keeps the time already passed', () => {
    const { clock, run } = live(deliver, 10);
    clock.advance(1_000);
    expect(run.snapshot.virtualMs).toBe(10_000);
    expect(secondsLeft(run.snapshot)).toBe(20);
    run.setSpeed(5);
    expect(run.snapshot.speed).toBe(5);
    clock.advance(1_000);
    expect(run.snapshot.virtualMs).toBe(15_000);
    run.setSpeed(1);
    clock.advance(2_000);
    expect(run.snapshot.virtualMs).toBe(17_000);
    clock.advance(13_000);
    expect(run.snapshot.status).toBe('revoked');
  });

  it('starts again from a fresh invitation on restart, at the same speed', () => {
    const { clock, run } = live(deliver, 2);
    clock.advance(20_000);
    run.answer('accept');
    expect(run.snapshot.status).toBe('late');
    run.restart();
    expect(run.snapshot).toMatchObject({ status: 'waiting', answer: null, virtualMs: 0, speed: 2 });
    expect(run.snapshot.shown).toBe(5);
    clock.advance(1_000);
    expect(run.snapshot.virtualMs).toBe(2_000);
    expect(clock.ticks.size).toBe(1);
  });

  it('stops its heartbeat on stop', () => {
    const { clock, run } = live(deliver);
    run.stop();
    expect(clock.ticks.size).toBe(0);
  });
});

describe('responseSeconds', () => {
  it('rounds down to a tenth, so an answer shown as in time stays in time', () => {
    expect(responseSeconds(29_999.9)).toBe(29.9);
    expect(responseSeconds(30_000)).toBe(30);
    expect(responseSeconds(12_345)).toBe(12.3);
    expect(responseSeconds(1e12)).toBe(86_400);
  });
});
