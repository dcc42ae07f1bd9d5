/**
 * `npm run export -- --verify`, run in-process on the files in tests/fixtures/verify/ against the
 * real content/. The blocks in current/ are exports of today's model: after an intended change to
 * content/ or a view, refresh them (each regenerated from its own stamp) and review the diff:
 *
 *   UPDATE_GOLDEN=1 npx vitest run --project unit tests/unit/cli/verify.test.ts
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffLines, findStampedBlocks, runExport } from '../../../scripts/export-cli';
import type { Content } from '../../../src/lib/content/types';
import { defaultInput } from '../../../src/lib/engine/input';
import { run } from '../../../src/lib/engine/run';
import { exportRun, type ExportFormat } from '../../../src/lib/trace/export';
import { parseStamp, siteUrlOfStamp } from '../../../src/lib/trace/stamp';
import { realContent, realScenario } from '../../fixtures/content';

const FIXTURES = 'tests/fixtures/verify';
const UPDATE = process.env.UPDATE_GOLDEN === '1';

/** The CLI in-process on the real content/; a site URL that no stamp uses, to show it is unused. */
const verify = (...paths: string[]) =>
  runExport(['--verify', ...paths], {
    loadContent: () => realContent,
    siteUrl: () => 'https://not-the-stamps-site.example'
  });

/** A fresh export of one real run, as a person would paste it. */
function exported(
  id: string,
  branch: string,
  format: ExportFormat,
  site = 'http://localhost:4173'
): string {
  const scenario = realScenario(id);
  return exportRun(run(scenario, { ...defaultInput(scenario), branch }), scenario, format, {
    siteUrl: site
  });
}

const lines = (text: string) => text.trimEnd().split('\n');

/**
 * Rewrites each stamped block of the files under `folder` as a fresh export of the run its stamp
 * names, keeping the stamp's timing and site and each block's indentation: UPDATE_GOLDEN=1 only.
 */
function refreshBlocks(folder: string, content: Content) {
  for (const name of readdirSync(folder, { recursive: true, encoding: 'utf8' })) {
    const path = join(folder, name);
    if (!/\.(md|mmd)$/.test(name)) continue;
    const text = readFileSync(path, 'utf8').split('\n');
    const blocks = findStampedBlocks(
      text.join('\n'),
      name.endsWith('.mmd') ? 'mermaid' : 'markdown'
    );
    for (const block of blocks.reverse()) {
      if ('problem' in block) throw new Error(`${path}:${block.line}: ${block.problem}`);
      const parsed = parseStamp(block.payload);
      if (!parsed.ok) throw new Error(`${path}:${block.line}: ${parsed.error}`);
      const { stamp } = parsed;
      const scenario = content.scenarios.find((s) => s.id === stamp.scenario);
      if (!scenario) throw new Error(`${path}:${block.line}: no scenario ${stamp.scenario}`);
      const input = {
        ...defaultInput(scenario),
        branch: stamp.branch,
        ...(stamp.timeout === undefined ? {} : { timeoutS: stamp.timeout }),
        ...(stamp.response === undefined ? {} : { responseS: stamp.response })
      };
      const site = siteUrlOfStamp(stamp) ?? '';
      const fresh = lines(
        exportRun(run(scenario, input), scenario, block.format, { siteUrl: site })
      );
      const stampLine = text[block.line - 1] as string;
      const indent = stampLine.slice(0, stampLine.length - stampLine.trimStart().length);
      text.splice(
        block.line - 1,
        block.lines.length,
        ...fresh.map((l) => (l ? `${indent}${l}` : l))
      );
    }
    writeFileSync(path, text.join('\n'));
  }
}

describe('export --verify', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'verify-'));
  /** Writes a file under the test's temporary folder and returns its path. */
  const write = (name: string, text: string) => {
    const path = join(tmp, name);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text);
    return path;
  };

  beforeAll(() => {
    if (UPDATE) refreshBlocks(join(FIXTURES, 'current'), realContent);
  });
  afterAll(() => rmSync(tmp, { recursive: true }));

  it('does pass current blocks: fenced, indented in a list, a Markdown export, a whole .mmd', () => {
    const result = verify(join(FIXTURES, 'current'));
    expect(
      result,
      'content/ or a view changed? Refresh current/ with UPDATE_GOLDEN=1 and review the diff'
    ).toEqual({
      code: 0,
      stdout: 'verify: 4 stamped blocks in 2 files: 4 current, 0 stale, 0 broken\n',
      stderr: ''
    });
  });

  it('does list a block edited by hand, by file and line, with the changed line', () => {
    const result = verify(join(FIXTURES, 'stale/edited.md'));
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    const out = lines(result.stdout);
    expect(out[0]).toMatch(
      /^tests\/fixtures\/verify\/stale\/edited\.md:4: stale: deliver-interaction-to-agent, outcome reject; /
    );
    expect(out).toContain('  @@ -23 +23 @@');
    expect(out).toContain('  -    AA->>IS: RequestDecline · Interaction Management · 8 s');
    expect(out).toContain('  +    AA->>IS: RequestReject · Interaction Management · 8 s');
    expect(out.at(-1)).toBe('verify: 1 stamped block in 1 file: 0 current, 1 stale, 0 broken');
  });

  it('does list a block whose stamp names an older model, though its text is the same', () => {
    const result = verify(join(FIXTURES, 'stale/old-model.mmd'));
    const version = realScenario('transfer').version;
    expect(result.code).toBe(1);
    expect(lines(result.stdout)).toEqual([
      `tests/fixtures/verify/stale/old-model.mmd:1: stale: transfer, outcome accept; the model changed (000000000000 → ${version})`,
      '  @@ -1 +1 @@',
      expect.stringContaining(
        '  -%% interaction-lab: scenario=transfer branch=accept timeout=30 response=8 model=000000000000 link='
      ),
      expect.stringContaining(
        `  +%% interaction-lab: scenario=transfer branch=accept timeout=30 response=8 model=${version} link=`
      ),
      'verify: 1 stamped block in 1 file: 0 current, 1 stale, 0 broken'
    ]);
  });

  it('does say the text differs when the model is the same, and show a Markdown block’s line', () => {
    const markdown = exported('stop-processing', 'b', 'markdown');
    const path = write('same-model.md', `# Guide\n\n${markdown.replace('| 1 |', '| one |')}`);
    const result = verify(path);
    expect(result.code).toBe(1);
    const out = lines(result.stdout);
    expect(out[0]).toBe(
      `${path}:3: stale: stop-processing, version b; its text differs from a fresh export`
    );
    expect(out.filter((l) => l.startsWith('  -'))).toEqual([
      expect.stringMatching(/^ {2}-\| one \| /)
    ]);
  });

  it('does leave unstamped text alone: diagrams, quoted stamps, other files', () => {
    expect(verify(join(FIXTURES, 'unstamped'))).toEqual({
      code: 0,
      stdout: 'verify: 0 stamped blocks in 2 files: 0 current, 0 stale, 0 broken\n',
      stderr: ''
    });
  });

  it('does name the file and line of every broken stamp, and why', () => {
    const result = verify(join(FIXTURES, 'broken'));
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      'verify: 7 stamped blocks in 1 file: 0 current, 0 stale, 7 broken\n'
    );
    const at = (line: number, why: string) =>
      expect.stringMatching(
        new RegExp(
          `^export: tests/fixtures/verify/broken/stamps\\.md:${line}: broken stamp: .*${why}`
        )
      );
    expect(lines(result.stderr)).toEqual([
      at(6, 'got "branch"'),
      at(13, 'scenario must be one of .*\\(got "transfr"\\)'),
      at(20, 'branch must be one of a, b, c, d \\(got "e"\\)'),
      at(27, 'timeout must be a whole number of seconds from 1 to 86,400 \\(got 0\\)'),
      at(34, 'link must be an http\\(s\\) link'),
      at(42, 'first line of its mermaid block'),
      at(47, 'no end marker <!-- /interaction-lab -->$')
    ]);
  });

  it('does check every path given, in order, and count them all', () => {
    const result = verify(join(FIXTURES, 'stale'), join(FIXTURES, 'current'), FIXTURES);
    expect(result.code).toBe(1);
    const out = lines(result.stdout);
    expect(out.filter((l) => / stale: /.test(l)).map((l) => l.split(': ')[0])).toEqual([
      'tests/fixtures/verify/stale/edited.md:4',
      'tests/fixtures/verify/stale/old-model.mmd:1'
    ]);
    expect(out.at(-1)).toBe('verify: 13 stamped blocks in 7 files: 4 current, 2 stale, 7 broken');
  });

  it('does read Windows line ends and a byte-order mark', () => {
    const mermaid = exported('conference', 'invalid', 'mermaid');
    const path = write(
      'windows.md',
      `\uFEFF# Guide\r\n\r\n\`\`\`mermaid\r\n${mermaid.replaceAll('\n', '\r\n')}\`\`\`\r\n`
    );
    expect(verify(path)).toMatchObject({ code: 0, stderr: '' });
  });

  it('does refuse a Markdown export whose end marker is missing before the next stamp', () => {
    const first = exported('stop-processing', 'a', 'markdown').replace(
      /\n<!-- \/interaction-lab -->\n$/,
      ''
    );
    const path = write('two.md', `${first}\n${exported('stop-processing', 'b', 'markdown')}`);
    const result = verify(path);
    expect(result.code).toBe(1);
    const second = first.split('\n').length + 1;
    expect(lines(result.stderr)).toEqual([
      `export: ${path}:1: broken stamp: no end marker <!-- /interaction-lab --> before the next stamp, at line ${second}`
    ]);
    expect(result.stdout).toBe(
      'verify: 2 stamped blocks in 1 file: 1 current, 0 stale, 1 broken\n'
    );
  });

  it('does refuse an end marker whose stamp was deleted', () => {
    const path = write('lone.md', '# Guide\n\nA table.\n\n<!-- /interaction-lab -->\n');
    expect(verify(path)).toEqual({
      code: 1,
      stdout: 'verify: 1 stamped block in 1 file: 0 current, 0 stale, 1 broken\n',
      stderr: `export: ${path}:5: broken stamp: <!-- /interaction-lab --> with no stamp before it\n`
    });
  });

  it('does show the first changed lines only, and how many more there are', () => {
    const mermaid = exported('deliver-interaction-to-agent', 'accept', 'mermaid');
    const path = write('many.mmd', mermaid.replaceAll('->>', '-->>'));
    const out = lines(verify(path).stdout);
    const changed = out.filter((l) => /^ {2}[-+]/.test(l));
    expect(changed).toHaveLength(8);
    expect(out.at(-2)).toMatch(/^ {2}… and \d+ more changed lines$/);
  });

  it('does search folders for .md, .markdown and .mmd only, skipping node_modules and dot-folders', () => {
    const block = `\`\`\`mermaid\n${exported('transfer', 'reject', 'mermaid')}\`\`\`\n`;
    const broken = '```mermaid\n%% interaction-lab: nonsense\n```\n';
    const folder = join(tmp, 'walk');
    write('walk/a.markdown', block);
    write('walk/b.md', block);
    write('walk/c.txt', broken);
    write('walk/node_modules/d.md', broken);
    write('walk/.git/e.md', broken);
    expect(verify(folder)).toEqual({
      code: 0,
      stdout: 'verify: 2 stamped blocks in 2 files: 2 current, 0 stale, 0 broken\n',
      stderr: ''
    });
  });

  it('does read relative paths from the folder it is given, and show them as written', () => {
    const result = runExport(['--verify', 'stale'], {
      loadContent: () => realContent,
      cwd: FIXTURES
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^stale\/edited\.md:4: stale: /);
    expect(result.stdout).toContain('\nstale/old-model.mmd:1: stale: ');
  });

  const USAGE_ERRORS: [string, string[], string][] = [
    ['no paths', [], '--verify needs at least one file or folder'],
    [
      'a missing path',
      [join(FIXTURES, 'nowhere')],
      'no such file or folder "tests/fixtures/verify/nowhere"'
    ],
    ['--format as well', [FIXTURES, '--format', 'mermaid'], 'takes no --format'],
    ['--scenario as well', ['--scenario', 'transfer', FIXTURES], 'takes no --scenario']
  ];
  it.each(USAGE_ERRORS)(
    'does exit 2 with one line, before reading content/, for %s',
    (_, argv, why) => {
      let loaded = false;
      const result = runExport(['--verify', ...argv], {
        loadContent: () => {
          loaded = true;
          return realContent;
        }
      });
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(lines(result.stderr)).toEqual([expect.stringContaining(why)]);
      expect(loaded).toBe(false);
    }
  );

  it('does exit 2 for --verify=path and for paths without --verify', () => {
    expect(runExport(['--verify=docs'], { loadContent: () => realContent }).stderr).toBe(
      'export: --verify takes no value (got "docs"); write the files and folders after it\n'
    );
    expect(runExport(['docs'], { loadContent: () => realContent })).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('unexpected argument "docs"')
    });
  });

  it('does exit 1 from the real script, as npm runs it, when a block is stale', () => {
    const r = spawnSync(
      'npx',
      ['--no', 'tsx', 'scripts/export.ts', '--verify', join(FIXTURES, 'stale')],
      {
        cwd: process.cwd(),
        encoding: 'utf8',
        // npm's INIT_CWD is where relative paths start; here, this folder whoever started npm.
        env: { ...process.env, INIT_CWD: process.cwd() }
      }
    );
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('tests/fixtures/verify/stale/edited.md:4: stale:');
    expect(r.stdout).toContain(
      'verify: 2 stamped blocks in 2 files: 0 current, 2 stale, 0 broken\n'
    );
  }, 30_000);
});

describe('diffLines', () => {
  const ops = (a: string[], b: string[]) => diffLines(a, b).map((d) => `${d.op}${d.text}`);

  it('does keep common lines and mark the ones removed and added', () => {
    expect(ops(['a', 'b', 'c', 'd'], ['a', 'x', 'c', 'd', 'e'])).toEqual([
      ' a',
      '-b',
      '+x',
      ' c',
      ' d',
      '+e'
    ]);
    expect(ops(['a', 'b'], ['a', 'b'])).toEqual([' a', ' b']);
    expect(ops([], ['a'])).toEqual(['+a']);
    expect(ops(['a', 'b', 'c'], ['c'])).toEqual(['-a', '-b', ' c']);
  });
});
