import { scenarios } from '$lib/content';

export function load() {
  return {
    scenarios: scenarios.map(({ id, title, summary }) => ({ id, title, summary }))
  };
}
