import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readContentFiles } from '../../../src/lib/content/node';
import { parseContent } from '../../../src/lib/content/parse';
import type { Scenario } from '../../../src/lib/content/types';
import { defaultInput } from '../../../src/lib/engine/input';
import { run } from '../../../src/lib/engine/run';
import { readView } from '../../../src/lib/player/url';
import { DEFAULT_SITE_URL } from '../../../src/lib/server/site';
import { toExportJson, toJsonText, toMarkdown, toMermaid, toText } from '../../../src/lib/trace';
import { EXPORT_FORMATS, exportRun } from '../../../src/lib/trace/export';
import {
  formatStamp,
  MARKDOWN_END_MARKER,
  parseStamp,
  runStamp,
  siteUrlOfStamp,
  withoutStamp,
  withStamp,
  type Stamp
} from '../../../src/lib/trace/stamp';
import { realContent, realScenario } from '../../fixtures/content';

const SITE = 'https://docs.example.com/lab';
const transfer = realScenario('transfer');
const stop = realScenario('stop-processing');

/** Every option of every real scenario at default timing, with a run of each. */
const allRuns = realContent.scenarios.flatMap((scenario) =>
  scenario.choice.options.map((o) => ({
    scenario,
    trace: run(scenario, { ...defaultInput(scenario), branch: o.id })
  }))
);

describe('stamp', () => {
  describe('runStamp', () => {
    it('does name the scenario, the option, the timing, the model and the last step', () => {
      const trace = run(transfer, { branch: 'reject', timeoutS: 12, responseS: 3.5 });
      expect(runStamp(trace, transfer, SITE)).toEqual({
        scenario: 'transfer',
        branch: 'reject',
        timeout: 12,
        response: 3.5,
        model: transfer.version,
        link: `${SITE}/scenarios/transfer?branch=reject&step=${trace.entries.length}&timeout=12&response=3.5`
      });
    });

    it('does leave out the timing of a scenario without a timer', () => {
      const trace = run(stop, { ...defaultInput(stop), branch: 'd' });
      expect(runStamp(trace, stop, `${SITE}/`)).toEqual({
        scenario: 'stop-processing',
        branch: 'd',
        model: stop.version,
        link: `${SITE}/scenarios/stop-processing?branch=d&step=${trace.entries.length}`
      });
    });

    it('does link to the state the player opens at: that run, at its last step, with no note', () => {
      for (const { scenario, trace } of allRuns) {
        const link = new URL(runStamp(trace, scenario, DEFAULT_SITE_URL).link);
        expect(link.pathname).toBe(`/scenarios/${scenario.id}`);
        const { view, notes } = readView(
          scenario,
          link.searchParams,
          (input) => run(scenario, input).entries.length
        );
        expect(notes).toEqual([]);
        expect(view).toEqual({ ...trace.input, step: trace.entries.length });
      }
    });
  });

  describe('formatStamp and parseStamp', () => {
    it('does write one line of key=value pairs and read it back, for every run', () => {
      for (const { scenario, trace } of allRuns) {
        const stamp = runStamp(trace, scenario, SITE);
        const line = formatStamp(stamp);
        expect(line).toMatch(
          /^interaction-lab: scenario=\S+ branch=\S+ .*model=[0-9a-f]{12} link=\S+$/
        );
        expect(line).not.toContain('\n');
        expect(parseStamp(line)).toEqual({ ok: true, stamp });
      }
    });

    it('does read a stamp whatever the spaces around its pairs', () => {
      const parsed = parseStamp('  interaction-lab:scenario=a   branch=b model=c link=d  ');
      expect(parsed).toEqual({
        ok: true,
        stamp: { scenario: 'a', branch: 'b', model: 'c', link: 'd' }
      });
    });

    const BROKEN: [string, string, string][] = [
      ['another prefix', 'interaction-lib: scenario=a', 'expected "interaction-lab:"'],
      ['a key without a value', 'interaction-lab: scenario=a branch', '"branch"'],
      ['an unknown key', 'interaction-lab: scenario=a brnch=b model=c link=d', '"brnch=b"'],
      [
        'an empty value',
        'interaction-lab: scenario= branch=b model=c link=d',
        'scenario has no value'
      ],
      ['a key twice', 'interaction-lab: scenario=a scenario=b branch=b model=c link=d', 'twice'],
      ['a missing model and link', 'interaction-lab: scenario=a branch=b', 'missing model, link'],
      [
        'a timeout that is not a number',
        'interaction-lab: scenario=a branch=b timeout=soon model=c link=d',
        'timeout must be a number, got "soon"'
      ]
    ];
    it.each(BROKEN)('does refuse %s, saying why', (_, line, why) => {
      const parsed = parseStamp(line);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.error).toContain(why);
    });
  });

  describe('siteUrlOfStamp', () => {
    const stamp = (link: string): Stamp => ({
      scenario: 'transfer',
      branch: 'a',
      model: 'm',
      link
    });

    it('does read the site back from the link, with the path it is published under', () => {
      expect(siteUrlOfStamp(stamp(`${SITE}/scenarios/transfer?branch=a&step=1`))).toBe(SITE);
      expect(siteUrlOfStamp(stamp('http://localhost:4173/scenarios/transfer?step=1'))).toBe(
        DEFAULT_SITE_URL
      );
    });

    it('does refuse a link that is not an http(s) link to the scenario', () => {
      for (const link of [
        'mailto:docs@example.com',
        'ftp://example.com/scenarios/transfer',
        'https://example.com/scenarios/conference?step=1',
        'not a url'
      ]) {
        expect(siteUrlOfStamp(stamp(link)), link).toBeUndefined();
      }
    });
  });

  describe('withStamp', () => {
    const trace = run(transfer, { branch: 'invalid', timeoutS: 30, responseS: 8 });
    const stamp = runStamp(trace, transfer, SITE);
    const bodies = {
      json: toJsonText(trace, transfer),
      mermaid: toMermaid(trace, transfer),
      markdown: toMarkdown(trace, transfer),
      text: toText(trace, transfer)
    };

    it('does put the stamp first, in each format’s own syntax', () => {
      const line = formatStamp(stamp);
      expect(withStamp('mermaid', bodies.mermaid, stamp)).toBe(`%% ${line}\n${bodies.mermaid}`);
      expect(withStamp('text', bodies.text, stamp)).toBe(`${line}\n\n${bodies.text}`);
      expect(withStamp('markdown', bodies.markdown, stamp)).toBe(
        `<!-- ${line} -->\n\n${bodies.markdown}\n${MARKDOWN_END_MARKER}\n`
      );
    });

    it('does make `source` the first key of the JSON and keep every other field', () => {
      const json = JSON.parse(withStamp('json', bodies.json, stamp)) as Record<string, unknown>;
      expect(Object.keys(json)[0]).toBe('source');
      const { source, ...rest } = json;
      expect(source).toEqual({ tool: 'interaction-lab', ...stamp });
      expect(rest).toEqual(toExportJson(trace, transfer));
    });

    it('does come off again, leaving the view’s text byte for byte, in every format', () => {
      for (const format of EXPORT_FORMATS) {
        expect(withoutStamp(format, withStamp(format, bodies[format], stamp))).toBe(bodies[format]);
        expect(withoutStamp(format, bodies[format]), `${format} without a stamp`).toBeUndefined();
      }
    });

    it('is what exportRun writes', () => {
      for (const format of EXPORT_FORMATS) {
        expect(exportRun(trace, transfer, format, { siteUrl: SITE })).toBe(
          withStamp(format, bodies[format], stamp)
        );
      }
    });
  });
});

describe('model version', () => {
  const root = join(process.cwd(), 'tests/fixtures/content/valid');
  const files = readContentFiles(root);
  const MINI = 'content/scenarios/mini.yaml';
  const versions = (changed: Record<string, string> = {}) =>
    Object.fromEntries(
      parseContent({ ...files, ...changed }).scenarios.map((s: Scenario) => [s.id, s.version])
    );
  /** The fixture with one edit in one file, checked to have taken effect. */
  const edit = (file: string, from: string, to: string) => {
    const source = files[file] as string;
    expect(source).toContain(from);
    return { [file]: source.replace(from, to) };
  };
  const before = versions();

  it('is 12 hex digits, and the same for the same content', () => {
    for (const version of Object.values(before)) expect(version).toMatch(/^[0-9a-f]{12}$/);
    expect(versions()).toEqual(before);
    expect(before.mini).not.toBe(before.versions);
  });

  it('does change when one narration changes, and only for that scenario', () => {
    const after = versions(
      edit(MINI, 'narration: Agent 1 asks.', 'narration: Agent 1 asks again.')
    );
    expect(after.mini).not.toBe(before.mini);
    expect(after.versions).toBe(before.versions);
  });

  it('does change when a glossary entry the scenario uses changes, and not for the others', () => {
    const after = versions(
      edit(
        'content/glossary.yaml',
        'Agent 1 asks to hand the interaction',
        'Agent 1 asks to pass the interaction'
      )
    );
    expect(after.mini).not.toBe(before.mini);
    expect(after.versions).toBe(before.versions);
  });

  it('does not change for a YAML comment or another layout of the same content', () => {
    const source = files[MINI] as string;
    expect(
      versions({
        [MINI]: `# A comment changes nothing.\n${source.replace('narration: Agent 1 asks.', "narration: 'Agent 1 asks.'")}`
      })
    ).toEqual(before);
  });

  it('is what the real scenarios carry, different for each', () => {
    const real = realContent.scenarios.map((s) => s.version);
    expect(new Set(real).size).toBe(real.length);
  });
});
