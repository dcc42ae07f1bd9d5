/**
 * `npm run export -- --scenario … --branch … --format …`: writes one run to stdout.
 * `npm run export -- --verify <file or folder>…`: checks stamped exports pasted into docs.
 * The logic and its exit codes live in ./export-cli.ts, where tests call it directly.
 */
import { loadContentFromDisk } from '../src/lib/content/node';
import { runExport } from './export-cli';

// content/ is this package's; paths given to --verify are the caller's, from where npm was run.
const result = runExport(process.argv.slice(2), {
  loadContent: () => loadContentFromDisk(),
  cwd: process.env.INIT_CWD
});
if (result.stdout) process.stdout.write(result.stdout);
if (result.stderr) process.stderr.write(result.stderr);
process.exitCode = result.code;
