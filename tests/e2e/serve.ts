/**
 * The built site (build/) on Vite's preview server, for the browser tests and the scripts that
 * read the site in Chromium (bench, audit, screenshots). Each passes a port of its own, so a
 * person's `npm start` on 4173 is left alone; a taken port moves to the next free one.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { preview } from 'vite';

export interface Site {
  /** e.g. http://localhost:4180, no trailing slash. */
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the site built in build/ (run `npm run build` first), or in BUILD_DIR when that was set
 * for the whole command (svelte.config.js reads it once, when Vite loads it).
 */
export async function servePreview(port: number): Promise<Site> {
  const dir = process.env.BUILD_DIR || 'build';
  if (!existsSync(`${dir}/index.html`)) {
    throw new Error(`No built site in ${dir}/: run \`npm run build\` first.`);
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

/**
 * A site built from another content folder into another directory (CONTENT_DIR and BUILD_DIR,
 * see svelte.config.js): the tests and the benchmark build sites that add scenarios without
 * touching build/. `contentDir` holds a `content/` folder; `outDir` is best under test-results/.
 */
export interface OtherBuild {
  contentDir: string;
  outDir: string;
}

const buildEnv = ({ contentDir, outDir }: OtherBuild) => ({
  ...process.env,
  CONTENT_DIR: contentDir,
  BUILD_DIR: outDir
});

/** Builds the site from `contentDir` into `outDir`; throws with the build's output if it fails. */
export function buildOther(build: OtherBuild): void {
  const r = spawnSync('npx', ['--no', 'vite', 'build'], { env: buildEnv(build), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`Building ${build.outDir} failed:\n${r.stdout}${r.stderr}`);
}

/**
 * Serves a build made by {@link buildOther} with `vite preview` in a process of its own (the
 * preview reads svelte.config.js, so it must start with that build's environment).
 */
export function serveOther(build: OtherBuild, port: number): Promise<Site> {
  return serveVite(['preview'], buildEnv(build), port, `The preview of ${build.outDir}`);
}

/**
 * The site from source on Vite's dev server (`npm run dev`), in a process of its own: what an
 * author sees while editing content, where some pages take other paths than in a build (the
 * embed's island script is served as source). The first page takes a few seconds to compile.
 */
export function serveDev(port: number): Promise<Site> {
  // Vitest sets NODE_ENV=test, which is not a mode Vite's dev server runs in.
  const env = { ...process.env };
  delete env.NODE_ENV;
  return serveVite(['dev'], env, port, 'The dev server', 60_000);
}

async function serveVite(
  command: string[],
  env: NodeJS.ProcessEnv,
  port: number,
  what: string,
  timeoutMs = 20_000
): Promise<Site> {
  const child = spawn('npx', ['--no', 'vite', ...command, '--port', String(port), '--strictPort'], {
    env,
    stdio: 'ignore',
    // Its own process group, so closing ends npx and the server under it.
    detached: true
  });
  const url = `http://localhost:${port}`;
  const close = async () => {
    if (child.pid && child.exitCode === null) process.kill(-child.pid);
  };
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const ok = await fetch(`${url}/`).then(
      (r) => r.ok,
      () => false
    );
    if (ok) return { url, close };
    await new Promise((r) => setTimeout(r, 200));
  }
  await close();
  throw new Error(`${what} did not answer at ${url}`);
}
