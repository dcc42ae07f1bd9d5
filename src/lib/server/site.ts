/**
 * Where the site is published, for the absolute links that leave it: the stamps in exports and
 * the oEmbed files. Read at build time and by the export CLI (Node only), never in the browser.
 * A host sets SITE_URL when it builds; the default is where `npm start` serves the site.
 */
export const DEFAULT_SITE_URL = 'http://localhost:4173';

export function siteUrl(env: Record<string, string | undefined> = process.env): string {
  const raw = env.SITE_URL?.trim() || DEFAULT_SITE_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(
      `SITE_URL must be an absolute http(s) URL, e.g. https://lab.example.com (got ${raw})`
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`SITE_URL must use http or https (got ${raw})`);
  }
  return url.href.replace(/\/$/, '');
}
