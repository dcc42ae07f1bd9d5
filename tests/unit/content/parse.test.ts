import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readContentFiles } from '$lib/content/node';
import { ContentError, parseContent } from '$lib/content/parse';

const FIXTURES = 'tests/fixtures/content';
const SCENARIO = 'content/scenarios/mini.yaml';
const GLOSSARY = 'content/glossary.yaml';
const PROTOCOLS = 'content/protocols.yaml';

const valid = readContentFiles(join(FIXTURES, 'valid'));

/** The valid set with one fixture's files laid over it. */
const withFixture = (name: string) => ({ ...valid, ...readContentFiles(join(FIXTURES, name)) });

function problemsOf(files: Record<string, string>): string[] {
  try {
    parseContent(files);
  } catch (error) {
    if (error instanceof ContentError) return error.problems;
    throw error;
  }
  throw new Error('expected parseContent to throw a ContentError');
}

/** Each broken fixture and the problems it must report: [file, field, what was expected]. */
const CASES: [fixture: string, problems: [file: string, field: string, expected: string][]][] = [
  [
    'yaml-syntax',
    [[SCENARIO, 'line 4, column 10', 'YAML syntax error: Nested mappings are not allowed']]
  ],
  ['duplicate-key', [[SCENARIO, 'line 5, column 1', 'YAML syntax error: Map keys must be unique']]],
  ['missing-title', [[SCENARIO, 'phases[2].title', 'expected a non-empty string, got nothing']]],
  [
    'unknown-field',
    [[SCENARIO, 'components[1].colour', 'unknown field; expected one of id, name, description']]
  ],
  [
    'component-order',
    [
      [
        SCENARIO,
        'components',
        'expected the components urs, interaction-server, agent-application, reporting-engine in that order, got urs, agent-application, interaction-server, reporting-engine'
      ]
    ]
  ],
  ['unknown-phase-id', [[SCENARIO, 'phases[3].id', 'expected one of "urs-requests-delivery", ']]],
  ['wrong-phase-branch', [[SCENARIO, 'phases[2].branch', 'expected "reject"']]],
  [
    'narration-missing',
    [[SCENARIO, 'narration.late-error', 'expected a non-empty string, got nothing']]
  ],
  [
    'narration-unknown',
    [[SCENARIO, 'narration.timer-reset', 'unknown field; expected one of route-call, ']]
  ],
  [
    'reference-unknown-message',
    [
      [
        SCENARIO,
        'phases[1].referenceTable[0].message',
        'expected a message named in content/glossary.yaml, got "EventPartyJoined"'
      ]
    ]
  ],
  [
    'bad-protocol',
    [
      [
        SCENARIO,
        'phases[2].referenceTable[0].protocol',
        'expected one of "T-Library", "Interaction Management", "Reporting", got "Interaction-Management"'
      ]
    ]
  ],
  ['empty-string', [[SCENARIO, 'decisionPoint', 'expected a non-empty string, got an empty one']]],
  ['bad-url', [[SCENARIO, 'source.url', 'expected an http(s) URL, got "example.com/chapter"']]],
  ['wrong-model', [[SCENARIO, 'model', 'expected "deliver-interaction-to-agent", got "transfer"']]],
  [
    'disagreement-branch',
    [
      [
        SCENARIO,
        'disagreements[0].branches[1]',
        'expected one of "accept", "reject", "timeout", got "race"'
      ]
    ]
  ],
  ['id-not-file-name', [[SCENARIO, 'id', 'expected "mini" (the file name), got "maxi"']]],
  [
    'bad-provenance',
    [[GLOSSARY, 'EventInvite.provenance', 'expected one of "documented", "modeled", got "guessed"']]
  ],
  ['glossary-missing-message', [[GLOSSARY, 'EventError', 'expected an entry']]],
  [
    'glossary-missing-referenced',
    [
      [GLOSSARY, 'EventInvite', 'expected an entry'],
      [
        SCENARIO,
        'phases[0].referenceTable[0].message',
        'expected a message with an entry in content/glossary.yaml, got "EventInvite"'
      ]
    ]
  ],
  [
    'glossary-unknown-message',
    [[GLOSSARY, 'EventPartyChanged', 'unknown field; expected one of RequestRouteCall, ']]
  ],
  ['glossary-bad-protocol', [[GLOSSARY, 'EventRevoked.protocols[1]', 'got "Statistics"']]],
  [
    'protocols-missing',
    [
      [
        PROTOCOLS,
        '(top level)',
        'expected the protocols T-Library, Interaction Management, Reporting in that order, got T-Library, Interaction Management'
      ]
    ]
  ],
  ['unexpected-file', [['content/notes.yaml', 'unexpected file', 'content/scenarios/<id>.yaml']]]
];

describe('parseContent', () => {
  it('accepts the minimal valid fixture', () => {
    const content = parseContent(valid);
    expect(content.scenarios.map((s) => s.id)).toEqual(['mini']);
    expect(content.glossary.EventInvite?.name).toBe('EventInvite');
    expect(content.protocols).toHaveLength(3);
  });

  it('has a case in the table for every broken fixture', () => {
    const dirs = readdirSync(FIXTURES, { withFileTypes: true })
      .filter((d) => d.isDirectory() && d.name !== 'valid')
      .map((d) => d.name);
    expect(CASES.map(([name]) => name).sort()).toEqual(dirs.sort());
  });

  it.each(CASES)(
    'reports the fault in %s naming the file, the field and the expectation',
    (fixture, expected) => {
      const problems = problemsOf(withFixture(fixture));
      expect(problems).toHaveLength(expected.length);
      expected.forEach(([file, field, expectation], i) => {
        expect(problems[i]).toContain(`${file}: ${field}`);
        expect(problems[i]).toContain(expectation);
      });
    }
  );

  it('collects every problem of every file into one error', () => {
    const files = {
      ...withFixture('missing-title'),
      ...readContentFiles(join(FIXTURES, 'bad-provenance')),
      ...readContentFiles(join(FIXTURES, 'protocols-missing'))
    };
    let error: unknown;
    try {
      parseContent(files);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ContentError);
    const { problems, message, name } = error as ContentError;
    expect(name).toBe('ContentError');
    expect(problems).toHaveLength(3);
    expect(message).toBe(problems.join('\n'));
    expect(problems.map((p) => p.split(':')[0])).toEqual([GLOSSARY, PROTOCOLS, SCENARIO]);
  });

  it('reads keys as Vite and Windows write them', () => {
    const keyed = (rewrite: (path: string) => string) =>
      Object.fromEntries(Object.entries(valid).map(([path, text]) => [rewrite(path), text]));
    const expected = parseContent(valid);
    expect(parseContent(keyed((p) => `/${p}`))).toEqual(expected);
    expect(parseContent(keyed((p) => p.replaceAll('/', '\\')))).toEqual(expected);
  });

  it('names each missing file when content/ is empty', () => {
    expect(problemsOf({})).toEqual([
      'content/glossary.yaml: missing file; expected the message glossary',
      'content/protocols.yaml: missing file; expected the list of protocols',
      'content/scenarios/: missing files; expected at least one <id>.yaml scenario'
    ]);
  });

  it('reports an empty scenario file as a missing mapping', () => {
    expect(problemsOf({ ...valid, [SCENARIO]: '' })).toEqual([
      `${SCENARIO}: (top level): expected a mapping (key: value), got an empty value`
    ]);
  });
});
