/** Loads content/ from disk for Node scripts (the export CLI), where Vite's glob does not exist. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseContent } from './parse';
import type { Content } from './types';

/** The raw text of every content/**\/*.yaml under `root`, keyed like 'content/glossary.yaml'. */
export function readContentFiles(root: string = process.cwd()): Record<string, string> {
  const dir = join(root, 'content');
  // A missing content/ gives no files, and parseContent then names each file it expected.
  if (!existsSync(dir)) return {};
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    if (!name.endsWith('.yaml')) continue;
    files[`content/${name.replaceAll('\\', '/')}`] = readFileSync(join(dir, name), 'utf8');
  }
  return files;
}

/** Reads and validates content/ under `root`, as the site build does. */
export function loadContentFromDisk(root: string = process.cwd()): Content {
  return parseContent(readContentFiles(root));
}
