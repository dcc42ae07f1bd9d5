/**
 * Serves the built site (build/) for the browser tests with Vite's preview server, on a port
 * of its own so a person's `npm start` on 4173 is left alone.
 */
import type { TestProject } from 'vitest/node';
import { servePreview } from './serve';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
  }
}

export default async function setup(project: TestProject) {
  const site = await servePreview(4180);
  project.provide('baseURL', site.url);
  return () => site.close();
}
