import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { Player, type Scheduler } from '$lib/player/player.svelte';

/** A scheduler the test ticks by hand, so playback needs no real time. */
function manualScheduler() {
  let fn: (() => void) | null = null;
  let ms = 0;
  const scheduler: Scheduler = {
    setInterval: (f, interval) => {
      fn = f;
      ms = interval;
      return 1;
    },
    clearInterval: () => {
      fn = null;
    }
  };
  return {
    scheduler,
    tick: () => fn?.(),
    get running() {
      return fn !== null;
    },
    get interval() {
      return ms;
    }
  };
}

function withPlayer(run: (player: Player, clock: ReturnType<typeof manualScheduler>) => void) {
  const clock = manualScheduler();
  const cleanup = $effect.root(() => {
    run(new Player(clock.scheduler), clock);
  });
  cleanup();
}

describe('Player', () => {
  it('starts before the first message with the default accept run', () => {
    withPlayer((player) => {
      expect(player.shown).toBe(0);
      expect(player.atStart).toBe(true);
      expect(player.current).toBeNull();
      expect(player.branch).toBe('accept');
      expect(player.total).toBe(10);
      expect(player.commonLength).toBe(5);
    });
  });

  it('steps forward and back exactly, and clamps at both ends', () => {
    withPlayer((player) => {
      player.next();
      expect(player.current?.step).toBe(1);
      player.last();
      expect(player.atEnd).toBe(true);
      player.next();
      expect(player.shown).toBe(player.total);
      player.back();
      expect(player.shown).toBe(player.total - 1);
      player.first();
      expect(player.shown).toBe(1);
      player.back();
      player.back();
      expect(player.shown).toBe(0);
      player.seek(1e9);
      expect(player.shown).toBe(player.total);
      player.seek(Number.NaN);
      expect(player.shown).toBe(0);
    });
  });

  it('says when the agent has been invited and the choice starts to matter', () => {
    withPlayer((player) => {
      player.seek(4);
      expect(player.atDecisionPoint).toBe(false);
      player.next();
      expect(player.atDecisionPoint).toBe(true);
      expect(player.current?.kind === 'message' && player.current.message.name).toBe(
        'EventAgentInvited'
      );
    });
  });

  it('keeps the common steps and redraws what follows when the outcome changes', () => {
    withPlayer((player) => {
      player.seek(7);
      const common = player.trace.entries.slice(0, 5);
      player.choose('timeout');
      flushSync();
      expect(player.trace.entries.slice(0, 5)).toEqual(common);
      expect(player.shown).toBe(7);
      expect(player.current?.key).toBe('revoked');
      player.last();
      player.choose('accept');
      expect(player.shown).toBe(8);
    });
  });

  it('reruns on a valid timing and keeps the last valid run on an invalid one', () => {
    withPlayer((player) => {
      player.setResponseText('31');
      expect(player.trace.outcome).toBe('timed-out');
      expect(player.trace.lateAnswer).toBe(true);
      player.setTimeoutText('0');
      expect(player.timeoutField.error).toMatch(/1 to 86,400/);
      expect(player.timeoutS).toBe(30);
      expect(player.trace.outcome).toBe('timed-out');
      player.setTimeoutText('40');
      expect(player.timeoutField.error).toBeNull();
      expect(player.trace.outcome).toBe('accepted');
      player.setResponseText('abc');
      expect(player.responseField.error).not.toBeNull();
      expect(player.responseS).toBe(31);
    });
  });

  it('shows the details of a picked step, else of the current one', () => {
    withPlayer((player) => {
      player.seek(5);
      expect(player.selected).toBe(5);
      player.select(2);
      expect(player.selectedEntry?.key).toBe('party-removed');
      player.select(9);
      expect(player.selected).toBe(2);
      player.next();
      expect(player.selected).toBe(6);
    });
  });

  it('plays one step per tick at the chosen speed and stops at the end', () => {
    withPlayer((player, clock) => {
      player.setSpeed('fast');
      player.play();
      expect(clock.interval).toBe(500);
      clock.tick();
      clock.tick();
      expect(player.shown).toBe(2);
      player.togglePlay();
      expect(player.playing).toBe(false);
      expect(clock.running).toBe(false);
      player.play();
      for (let i = 0; i < 20; i++) clock.tick();
      expect(player.atEnd).toBe(true);
      expect(player.playing).toBe(false);
      player.play();
      expect(player.shown).toBe(0);
      expect(player.playing).toBe(true);
    });
  });

  it('restores a whole view at once', () => {
    withPlayer((player) => {
      player.restore({ branch: 'reject', timeoutS: 20, responseS: 25, step: 9 });
      expect(player.trace.outcome).toBe('timed-out');
      expect(player.shown).toBe(9);
      expect(player.timeoutField.text).toBe('20');
    });
  });
});
