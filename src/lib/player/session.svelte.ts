/**
 * A player bound to the page: the URL follows it and restores it, and the keys drive it. A
 * route that shows a player creates one session (through ScenarioPlayer) and nothing else
 * binds the URL or the keys, so an embed, a presenter view or a quiz wraps the same session.
 * Must be created while a component initialises (it registers navigation hooks and effects).
 */
import { onDestroy } from 'svelte';
import type { Scenario } from '$lib/content/types';
import { commandFor } from './keys';
import type { Trace } from '$lib/engine/types';
import type { PageLocation } from './location';
import { Player } from './player.svelte';
import { mergeQuery, readView, stepBeyondNote } from './url';

/** Stepping writes the URL once it pauses: nobody reads it mid-step, and it costs ~0.5 ms. */
const URL_DELAY_MS = 150;

export class PlayerSession {
  readonly player: Player;
  /** What a link asked for that could not be used, for the person to read. */
  notes = $state<string[]>([]);
  // The URL is read in the browser (a prerendered page has no query string), once the page is
  // live (SvelteKit's replaceState throws before its router is up).
  #restored = $state(false);

  /**
   * `traces`: the runs of every option at the default timing, made at build time (page data);
   * the engine loads when the person asks for another timing. `location`: the site's router
   * (kitLocation) or, in the embed, the document's own (documentLocation).
   */
  constructor(scenario: Scenario, traces: Record<string, Trace>, location: PageLocation) {
    this.player = new Player(scenario, {
      precomputed: traces,
      loadRun: () => import('$lib/engine/run').then((engine) => engine.run)
    });
    const restore = (search: URLSearchParams | string) => {
      const { view, notes, stepUnchecked } = readView(scenario, search, (input) =>
        this.player.stepsOf(input)
      );
      this.player.restore(view);
      this.notes = notes;
      // A link with its own timing: its run's length is known once the engine has run it.
      if (stepUnchecked) {
        void this.player.settled().then(() => {
          if (this.player.engine === 'ready' && this.player.total < view.step) {
            this.notes = [...this.notes, stepBeyondNote(view.step, this.player.total)];
          }
        });
      }
      this.#restored = true;
    };
    location.onQuery(restore);
    onDestroy(() => this.player.destroy());

    // The URL follows once stepping pauses: each change pushes the write back, on one timer
    // that is re-armed for what is left of the pause (a timer set and cleared per step cost a
    // tenth of a millisecond of each step).
    let query = '';
    let changedAt = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const write = () => {
      const wait = changedAt + URL_DELAY_MS - performance.now();
      if (wait > 0) {
        timer = setTimeout(write, wait);
        return;
      }
      timer = undefined;
      // Parameters that are not the player's (a mode, a quiz's seed) stay as they are, read
      // when the URL is written: something may have added one since this step.
      const merged = mergeQuery(query, window.location.search);
      if (merged !== window.location.search) location.replaceQuery(merged);
    };
    $effect(() => {
      if (!this.#restored) return;
      query = this.player.viewQuery;
      changedAt = performance.now();
      timer ??= setTimeout(write, URL_DELAY_MS);
    });
    onDestroy(() => clearTimeout(timer));
  }

  dismissNotes = () => {
    this.notes = [];
  };

  /** For `<svelte:window onkeydown>`: clicker and arrow keys step the player. */
  onkeydown = (event: KeyboardEvent) => {
    const command = commandFor(event);
    if (!command) return;
    event.preventDefault();
    this.player[command]();
  };
}
