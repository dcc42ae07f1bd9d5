/**
 * The built site (build/) on Vite's preview server, for the browser tests and the scripts that
 * read the site in Chromium (bench, audit, screenshots). Each passes a port of its own, so a
 * person's `npm start` on 4173 is left alone; a taken port moves to the next free one.
 */
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { preview } from 'vite';

export interface Site {
  /** e.g. http://localhost:4180, no trailing slash. */
  url: string;
  close(): Promise<void>;
}

export async function servePreview(port: number): Promise<Site> {
  if (!existsSync('build/index.html')) {
    throw new Error('No built site in build/: run `npm run build` first.');
  }
  const server = await preview({ preview: { port, strictPort: false, open: false } });
  const address = server.httpServer.address() as AddressInfo;
  return { url: `http://localhost:${address.port}`, close: () => server.close() };
}

/** For a script: serves the site, or says why not on stderr and exits 1. */
export function servePreviewOrExit(port: number): Promise<Site> {
  return servePreview(port).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
