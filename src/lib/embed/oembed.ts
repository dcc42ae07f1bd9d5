/**
 * oEmbed (https://oembed.com): a static JSON per scenario, found through a `<link
 * rel="alternate" type="application/json+oembed">` on its page, so a platform that discovers
 * oEmbed shows the embed. Static files cannot read a `url` parameter, so each describes the
 * scenario's embed at its start, default choice and timing.
 */
import { iframeHtml, INITIAL_HEIGHT } from './snippet';

/** The width the `rich` response declares; the iframe itself takes its container's width. */
export const OEMBED_WIDTH = 800;

export interface OEmbedRich {
  version: '1.0';
  type: 'rich';
  html: string;
  width: number;
  height: number;
  title: string;
  provider_name: string;
  provider_url: string;
}

/** Where scenario `id`'s oEmbed file is, on the site published at `siteUrl`. */
export function oembedUrl(siteUrl: string, id: string): string {
  return `${siteUrl}/oembed/${encodeURIComponent(id)}.json`;
}

/** Scenario `id`'s oEmbed response, every URL absolute on `siteUrl`. */
export function oembedResponse(siteUrl: string, scenario: { id: string; title: string }) {
  const height = INITIAL_HEIGHT.full;
  const response: OEmbedRich = {
    version: '1.0',
    type: 'rich',
    html: iframeHtml({
      src: `${siteUrl}/embed/${encodeURIComponent(scenario.id)}`,
      title: `${scenario.title}, in Interaction Lab`,
      height
    }),
    width: OEMBED_WIDTH,
    height,
    title: scenario.title,
    provider_name: 'Interaction Lab',
    provider_url: `${siteUrl}/`
  };
  return response;
}
