/**
 * Opening the player's mermaid view as a person would, wherever it lives (a "Mermaid" view of its
 * own, or the export panel's "Render with mermaid"), and waiting for mermaid's drawing. Shared by
 * the CSP test and `npm run audit`, which must not pass by not finding the view.
 */
import type { Page } from 'playwright-core';

/** Opens the view and resolves once mermaid has drawn the run; throws if there is no such view. */
export async function openMermaidView(page: Page): Promise<void> {
  const exportPanel = page.locator('details:not([open]) > summary', { hasText: 'Export this run' });
  if ((await exportPanel.count()) > 0) await exportPanel.first().click();
  const opener = page
    .getByRole('button', { name: /^(Mermaid|Render with mermaid)$/i })
    .or(page.getByRole('tab', { name: /^Mermaid$/i }))
    .or(page.locator('summary').filter({ hasText: /^\s*Mermaid\s*$/i }))
    .or(page.getByRole('checkbox', { name: /render with mermaid/i }));
  if ((await opener.count()) === 0) {
    throw new Error(
      'No Mermaid view on the player: looked for a button, tab or summary named "Mermaid" and ' +
        'a "Render with mermaid" control.'
    );
  }
  await opener.first().click();
  // mermaid marks the SVG it draws with the diagram's type.
  await page
    .locator('svg[aria-roledescription="sequence"] text')
    .first()
    .waitFor({ timeout: 30_000 });
}
