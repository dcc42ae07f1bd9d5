// Each scenario's oEmbed response, prerendered to /oembed/<id>.json (see src/lib/embed/oembed.ts).
import { error, json } from '@sveltejs/kit';
import { getScenario, scenarios } from '$lib/content';
import { oembedResponse } from '$lib/embed/oembed';
import { siteUrl } from '$lib/server/site';
import type { EntryGenerator, RequestHandler } from './$types';

export const prerender = true;

export const entries: EntryGenerator = () => scenarios.map(({ id }) => ({ id }));

export const GET: RequestHandler = ({ params }) => {
  const scenario = getScenario(params.id);
  if (!scenario) error(404, `No scenario named ${params.id}`);
  return json(oembedResponse(siteUrl(), scenario));
};
