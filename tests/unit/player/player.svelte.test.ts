import { describe, expect, it } from 'vitest';
import type { Scenario } from '$lib/content/types';
import { Player, type Scheduler } from '$lib/player/player.svelte';
import { defaultInput, run } from '$lib/engine';
import { fixtureScenario, fixtureWith } from '../../fixtures/scenario';
import { realScenario } from '../../fixtures/content';

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

/**
 * Runs `body` with a new player on a hand-ticked clock. No `$effect.root`: the unit tests run
 * Svelte's server build, where `$effect.root(fn)` is a no-op that never calls `fn`, and the
 * player needs no effect to work.
 */
function withPlayer(
  body: (player: Player, clock: ReturnType<typeof manualScheduler>) => void,
  scenario: Scenario = fixtureScenario
) {
  expect.hasAssertions();
  const clock = manualScheduler();
  const player = new Player(scenario, { run }, clock.scheduler);
  try {
    body(player, clock);
  } finally {
    player.destroy();
  }
}

describe('player', () => {
  describe('Player', () => {
    it('does start before the first message with the scenario’s first option at default timing', () => {
      withPlayer((player) => {
        expect(player.shown).toBe(0);
        expect(player.atStart).toBe(true);
        expect(player.current).toBeNull();
        expect(player.selected).toBeNull();
        expect(player.input).toEqual({ branch: 'accept', timeoutS: 30, responseS: 8 });
        expect(player.timeoutField).toEqual({ text: '30', error: null });
        expect(player.responseField).toEqual({ text: '8', error: null });
        expect(player.total).toBe(10);
        expect(player.decisionStep).toBe(5);
      });
    });

    it('does step forward and back exactly, and clamp at both ends', () => {
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

    it('does say when the agent has been invited and the choice starts to matter', () => {
      withPlayer((player) => {
        player.seek(4);
        expect(player.atDecisionPoint).toBe(false);
        player.next();
        expect(player.atDecisionPoint).toBe(true);
        expect(player.current?.key).toBe(fixtureScenario.decisionPoint?.after);
        expect(player.current?.kind === 'message' && player.current.message.name).toBe(
          'EventAgentInvited'
        );
        player.next();
        expect(player.atDecisionPoint).toBe(false);
      });
    });

    it('does keep the common steps and redraw what follows when the outcome changes', () => {
      withPlayer((player) => {
        player.seek(7);
        const common = player.trace.entries.slice(0, 5);
        player.choose('timeout');
        expect(player.input.branch).toBe('timeout');
        expect(player.trace.entries.slice(0, 5)).toEqual(common);
        expect(player.decisionStep).toBe(5);
        expect(player.shown).toBe(7);
        expect(player.current?.key).toBe('revoked');
        player.last();
        player.choose('accept');
        expect(player.shown).toBe(8);
      });
    });

    it('does rerun on a valid timing and keep the last valid run on an invalid one', () => {
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
        expect(player.responseField).toEqual({ text: 'abc', error: expect.any(String) });
        expect(player.responseS).toBe(31);
        expect(player.input).toEqual({ branch: 'accept', timeoutS: 40, responseS: 31 });
      });
    });

    it('does check the timeout against the scenario’s own range', () => {
      const narrow: Scenario = fixtureWith({
        timer: { ...fixtureScenario.timer, min: 5, max: 60, default: 10 }
      });
      withPlayer((player) => {
        expect(player.timeoutS).toBe(10);
        player.setTimeoutText('61');
        expect(player.timeoutField.error).toMatch(/5 to 60/);
        expect(player.timeoutS).toBe(10);
        player.setTimeoutText('60');
        expect(player.timeoutS).toBe(60);
      }, narrow);
    });

    it('does show the details of a picked step, else of the current one', () => {
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

    it('does play one step per tick at the chosen speed and stop at the end', () => {
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

    it('does restore a whole view at once', () => {
      withPlayer((player) => {
        player.restore({ branch: 'reject', timeoutS: 20, responseS: 25, step: 9 });
        expect(player.input).toEqual({ branch: 'reject', timeoutS: 20, responseS: 25 });
        expect(player.trace.outcome).toBe('timed-out');
        expect(player.shown).toBe(9);
        expect(player.timeoutField.text).toBe('20');
        expect(player.responseField.text).toBe('25');
      });
    });

    it('does not reach the decision point on a run that does not invite anyone', () => {
      withPlayer((player) => {
        expect(player.decisionStep).toBe(4);
        player.choose('invalid');
        expect(player.trace.outcome).toBe('invalid');
        expect(player.decisionStep).toBe(0);
        for (let step = 0; step <= player.total; step++) {
          player.seek(step);
          expect(player.atDecisionPoint).toBe(false);
        }
        expect(player.total).toBe(2);
      }, realScenario('transfer'));
    });

    it('does play a sequence scenario: its first version, no timing, no decision point', () => {
      withPlayer((player) => {
        expect(player.input).toEqual({ branch: 'a', timeoutS: 0, responseS: 0 });
        expect(player.decisionStep).toBe(0);
        expect(player.trace.timer).toBeNull();
        player.last();
        expect(player.shown).toBe(5);
        expect(player.atDecisionPoint).toBe(false);
        player.choose('d');
        expect(player.total).toBe(4);
        expect(player.shown).toBe(4);
        expect(player.trace.entries.map((e) => e.key)).toEqual([
          'd-route-call',
          'd-route-used',
          'strategy-removed',
          'processing-stopped'
        ]);
      }, realScenario('stop-processing'));
    });

    it('does ignore a timeout typed for a scenario without a timer', () => {
      withPlayer((player) => {
        player.seek(3);
        const before = player.trace.entries;
        player.setTimeoutText('45');
        expect(player.timeoutField).toEqual({ text: '0', error: null });
        expect(player.timeoutS).toBe(0);
        expect(player.trace.entries).toEqual(before);
        expect(player.shown).toBe(3);
      }, realScenario('stop-processing'));
    });
  });
});

describe('player with runs made at build time', () => {
  const deliver = realScenario('deliver-interaction-to-agent');
  const start = defaultInput(deliver);
  const precomputed = Object.fromEntries(
    deliver.choice.options.map((o) => [o.id, run(deliver, { ...start, branch: o.id })])
  );

  /** A player whose engine loads only when `release` is called (or fails on `fail`). */
  function lazyPlayer() {
    let release: () => void = () => {};
    let fail: () => void = () => {};
    let loads = 0;
    const player = new Player(deliver, {
      precomputed,
      loadRun: () => {
        loads += 1;
        return new Promise((resolve, reject) => {
          release = () => resolve(run);
          fail = () => reject(new Error('offline'));
        });
      }
    });
    return { player, release: () => release(), fail: () => fail(), loads: () => loads };
  }

  it('does show every option at default timing without loading the engine', () => {
    const { player, loads } = lazyPlayer();
    for (const option of deliver.choice.options) {
      player.choose(option.id);
      expect(player.trace).toBe(precomputed[option.id]);
    }
    player.seek(3);
    expect(player.engine).toBe('ready');
    expect(loads()).toBe(0);
  });

  it('does load the engine for another timing, keeping the last run until it has run', async () => {
    const { player, release, loads } = lazyPlayer();
    player.choose('accept');
    const before = player.trace;
    player.setResponseText(String(start.timeoutS + 1));
    expect(player.engine).toBe('loading');
    expect(player.trace).toBe(before);
    expect(loads()).toBe(1);
    release();
    await player.settled();
    expect(player.engine).toBe('ready');
    expect(player.trace).toEqual(
      run(deliver, { ...start, branch: 'accept', responseS: start.timeoutS + 1 })
    );
    expect(player.trace.endedAs).not.toBe('accept');
  });

  it('does seek a restored step once the engine has run a longer run', async () => {
    const { player, release } = lazyPlayer();
    const timing = { branch: 'accept', timeoutS: start.timeoutS + 5, responseS: 1 };
    const total = run(deliver, timing).entries.length;
    player.restore({ ...timing, step: total });
    release();
    await player.settled();
    expect(player.shown).toBe(total);
    expect(player.stepsOf(timing)).toBe(total);
  });

  it('does say the engine failed and keep the run it has', async () => {
    const { player, fail } = lazyPlayer();
    const before = player.trace;
    player.setTimeoutText('5');
    fail();
    await player.settled().catch(() => {});
    expect(player.engine).toBe('failed');
    expect(player.trace).toBe(before);
    expect(player.stepsOf({ ...start, timeoutS: 5 })).toBeNull();
  });
});
