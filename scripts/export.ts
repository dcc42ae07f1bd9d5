/**
 * `npm run export -- --scenario … --branch … --format …`: writes one run to stdout.
 * The logic and its exit codes live in ./export-cli.ts, where tests call it directly.
 */
import { runExport } from './export-cli';

const result = runExport(process.argv.slice(2));
if (result.stdout) process.stdout.write(result.stdout);
if (result.stderr) process.stderr.write(result.stderr);
process.exitCode = result.code;
