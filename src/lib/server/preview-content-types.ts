/**
 * A Vite plugin for `vite preview` (npm start, the browser tests): it serves the prerendered
 * files under /scenarios/<id>/ with the content types their endpoint declares. The preview
 * server types a prerendered file by its extension alone: it knows no `.mmd` (it would say
 * text/html) and does not say that our text is UTF-8. A static host needs the same mapping
 * (README, "Files for docs builds"). Registered in vite.config.ts; Node only, never bundled.
 */
import type { OutgoingHttpHeaders } from 'node:http';
import type { Plugin } from 'vite';
import { ARTIFACT_TYPES, parseArtifact } from '../../params/artifact.ts';

export function artifactContentTypes(): Plugin {
  return {
    name: 'interaction-lab:artifact-content-types',
    configurePreviewServer(server) {
      // Added before SvelteKit's own middleware, which writes the headers of prerendered files.
      server.middlewares.use((req, res, next) => {
        const file = /^\/scenarios\/[^/]+\/([^/?#]+)$/.exec(req.url?.split('?')[0] ?? '')?.[1];
        const artifact = file === undefined ? undefined : parseArtifact(file);
        if (artifact) {
          const type = ARTIFACT_TYPES[artifact.extension];
          const writeHead = res.writeHead.bind(res);
          // Only a file found (200) takes the file's type; a 404 stays the HTML page it is.
          res.writeHead = ((status: number, headers?: OutgoingHttpHeaders) =>
            writeHead(
              status,
              status === 200 ? { ...headers, 'content-type': type } : headers
            )) as typeof res.writeHead;
        }
        next();
      });
    }
  };
}
