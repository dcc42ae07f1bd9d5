/**
 * The filter of the model list on `/`, in the browser: what a query matches, and the words the
 * page says about it. Pure, so the page only binds the box to it.
 *
 * A query matches a model when the model's title contains it, or when one of the message names
 * the model sends (or stands in for) is it or begins with it: `EventRevoked` finds the models that
 * revoke, `EventRe` those too and the ones sending EventReleased, while `Revoked` finds no message.
 * Case and the spaces around the query do not count.
 */

/** What the filter reads of a model. */
export interface Filterable {
  title: string;
  /** The message names it sends and stands in for (groups.ts `messageNames`). */
  messages: string[];
}

/** The query as it is compared: trimmed, lower case. Empty matches every model. */
export function normalizeQuery(query: string): string {
  return query.trim().toLowerCase();
}

/** The model's message names that the (normalized) query is, or begins. */
export function matchingMessages(model: Filterable, needle: string): string[] {
  if (!needle) return [];
  return model.messages.filter((name) => name.toLowerCase().startsWith(needle));
}

/** Whether the (normalized) query keeps the model in the list. */
export function matches(model: Filterable, needle: string): boolean {
  return (
    !needle ||
    model.title.toLowerCase().includes(needle) ||
    matchingMessages(model, needle).length > 0
  );
}

/**
 * What the live region says: how many models there are, how many match, or that none does,
 * naming the query as typed.
 */
export function filterStatus(query: string, shown: number, total: number): string {
  const models = (n: number) => `${n} ${n === 1 ? 'model' : 'models'}`;
  if (!normalizeQuery(query)) return models(total);
  if (shown === 0) return `No model matches “${query.trim()}”`;
  return `${shown} of ${models(total)} ${shown === 1 ? 'matches' : 'match'}`;
}
