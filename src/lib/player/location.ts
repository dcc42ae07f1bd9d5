/**
 * Where a player's URL lives. The site's pages go through SvelteKit's router
 * (`kit-location.ts`); the embed has no router (it is an island, see src/lib/embed/island.ts)
 * and uses the document's own history. PlayerSession takes either, so nothing it imports pulls
 * the router into the embed.
 */
import { onMount } from 'svelte';

export interface PageLocation {
  /**
   * Calls `restore` with the page's query once the page is live, and again on each navigation
   * that lands on the same page. Must be called while a component initialises.
   */
  onQuery(restore: (search: URLSearchParams | string) => void): void;
  /** Puts `query` ("?…") in the address bar without a navigation or a history entry. */
  replaceQuery(query: string): void;
}

/** The document's own location and history: for a page that SvelteKit's router does not run. */
export function documentLocation(): PageLocation {
  return {
    onQuery(restore) {
      // Once mounted: hydration must meet the prerendered markup, which has no query.
      onMount(() => {
        const read = () => restore(window.location.search);
        read();
        addEventListener('popstate', read);
        return () => removeEventListener('popstate', read);
      });
    },
    replaceQuery(query) {
      history.replaceState(history.state, '', query);
    }
  };
}
