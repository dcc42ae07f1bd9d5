/**
 * Serves the built site (build/) for the browser tests with Vite's preview server, on a port
 * of its own so a person's `npm start` on 4173 is left alone.
 */
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { preview } from 'vite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
  }
}

export default async function setup(project: TestProject) {
  if (!existsSync('build/index.html')) {
    throw new Error('No built site in build/: run `npm run build` before `npm run test:e2e`.');
  }
  const server = await preview({ preview: { port: 4180, strictPort: false, open: false } });
  const address = server.httpServer.address() as AddressInfo;
  project.provide('baseURL', `http://localhost:${address.port}`);
  return async () => {
    await server.close();
  };
}
