/**
 * The element the embed's route renders EmbedApp into and island.ts hydrates; its `data-props`
 * holds the props. A module of its own so that the route's page imports no component with it.
 */
export const ISLAND_ID = 'embed-island';
