/**
 * parseContent against one valid content folder, tests/fixtures/content/valid/, and a table of
 * small text patches to it. Each case starts from the valid files and introduces one fault, and
 * names every problem line it must produce, word for word, so that a change of wording is seen.
 */
import { describe, expect, it } from 'vitest';
import { readContentFiles } from '$lib/content/node';
import { ContentError, parseContent } from '$lib/content/parse';

type Files = Record<string, string>;

const MINI = 'content/scenarios/mini.yaml';
const VERSIONS = 'content/scenarios/versions.yaml';
const TIMED = 'content/scenarios/timed.yaml';
const GLOSSARY = 'content/glossary.yaml';
const PROTOCOLS = 'content/protocols.yaml';

const valid: Files = readContentFiles('tests/fixtures/content/valid');

/**
 * Replaces `find` by `replace` in `file`; with `step`, only inside that step's block under
 * `steps:`. `find` must occur exactly once there, so a patch cannot silently miss after the
 * fixture changes.
 */
interface Patch {
  file: string;
  find: string;
  replace: string;
  step?: string;
}

/** A patch, or any change to the whole set of files (a file removed or added). */
type Edit = Patch | ((files: Files) => Files);

interface Case {
  name: string;
  patch: Edit | Edit[];
  problems: string[];
}

const occurrences = (text: string, find: string) => text.split(find).length - 1;

/** Where step `key`'s block starts and ends in a scenario file: `  key:` and its indented lines. */
function stepBlock(text: string, key: string): { start: number; end: number } | undefined {
  const block = new RegExp(`\\n  ${key}:\\n(?: {4}.*\\n)*`).exec(text);
  if (!block) return undefined;
  return { start: block.index + 1, end: block.index + block[0].length };
}

function applyPatch(files: Files, edit: Edit): Files {
  if (typeof edit === 'function') return edit({ ...files });
  const { file, find, replace, step } = edit;
  const text = files[file];
  if (text === undefined) throw new Error(`no file ${file} in the valid fixture`);
  let start = 0;
  let end = text.length;
  if (step !== undefined) {
    const block = stepBlock(text, step);
    if (!block) throw new Error(`no step ${step} in ${file}`);
    ({ start, end } = block);
  }
  const region = text.slice(start, end);
  const count = occurrences(region, find);
  if (count !== 1) {
    throw new Error(`expected ${JSON.stringify(find)} once in ${file} ${step ?? ''}, got ${count}`);
  }
  return {
    ...files,
    [file]: text.slice(0, start) + region.replace(find, replace) + text.slice(end)
  };
}

function patched({ patch }: Pick<Case, 'patch'>): Files {
  return (Array.isArray(patch) ? patch : [patch]).reduce(applyPatch, valid);
}

const mini = (find: string, replace: string, step?: string): Patch => ({
  file: MINI,
  find,
  replace,
  step
});
const versions = (find: string, replace: string, step?: string): Patch => ({
  file: VERSIONS,
  find,
  replace,
  step
});
const timed = (find: string, replace: string, step?: string): Patch => ({
  file: TIMED,
  find,
  replace,
  step
});
const glossary = (find: string, replace: string): Patch => ({ file: GLOSSARY, find, replace });
const protocols = (find: string, replace: string): Patch => ({ file: PROTOCOLS, find, replace });
const without =
  (...paths: string[]) =>
  (files: Files): Files =>
    Object.fromEntries(Object.entries(files).filter(([path]) => !paths.includes(path)));
/** Deletes step `key`, all its lines, from mini.yaml. */
const withoutStep =
  (key: string) =>
  (files: Files): Files => {
    const text = files[MINI] ?? '';
    const block = stepBlock(text, key);
    if (!block) throw new Error(`no step ${key} in ${MINI}`);
    return { ...files, [MINI]: text.slice(0, block.start) + text.slice(block.end) };
  };

/** The lines of one file's problems: `at(MINI)('id: …')`. */
const at = (file: string) => (line: string) => `${file}: ${line}`;
const m = at(MINI);
const v = at(VERSIONS);
const t = at(TIMED);
const g = at(GLOSSARY);
const p = at(PROTOCOLS);

const PROTOCOL_IDS = '(T-Library, Interaction Management, Reporting)';
const SCENARIO_KEYS =
  'id, order, group, title, summary, partial, mechanics, source, lifelines, choice, timer, response, activity, decisionPoint, flow, phases, steps, disagreements';
const TIMER_BLOCK =
  "timer:\n  id: invite-timeout\n  label: invitation timer\n  field: Invitation timeout\n  default: 30\n  min: 1\n  max: 600\n  provenance: modeled\n  help: How long Agent 2 has\n  details: The fixture's timer.\n";
const RESPONSE_BLOCK =
  'response:\n  party: Agent 2\n  field: Agent 2 response time\n  default: 8\n  help: When Agent 2 answers\n';
const INVALID_PART = '  invalid: { phase: invalid, steps: [request, invalid-error] }\n';

function problemsOf(files: Files): string[] {
  try {
    parseContent(files);
  } catch (error) {
    if (error instanceof ContentError) return error.problems;
    throw error;
  }
  throw new Error('expected parseContent to throw a ContentError');
}

/** Faults any content format has: YAML, files, fields and values. */
const FILE_AND_FIELD_CASES: Case[] = [
  {
    name: 'a YAML syntax error, with its line and column',
    patch: mini('title: Mini', 'title: Mini: a'),
    problems: [
      m('line 5, column 8: YAML syntax error: Nested mappings are not allowed in compact mappings')
    ]
  },
  {
    name: 'a duplicate key',
    patch: mini('title: Mini\n', 'title: Mini\ntitle: Maxi\n'),
    problems: [m('line 6, column 1: YAML syntax error: Map keys must be unique')]
  },
  {
    name: 'a missing title',
    patch: mini('    title: Invitation Rejected\n', ''),
    problems: [m('phases[2].title: expected a non-empty string, got nothing')]
  },
  {
    name: 'an unknown field, naming the allowed ones',
    patch: mini('description: Answers. }', 'description: Answers., colour: red }'),
    problems: [m('lifelines[2].colour: unknown field; expected one of id, name, description')]
  },
  {
    name: 'a field of the old Deliver-only format',
    patch: mini(
      'mechanics: invitation\n',
      'mechanics: invitation\nmodel: deliver-interaction-to-agent\n'
    ),
    problems: [m(`model: unknown field; expected one of ${SCENARIO_KEYS}`)]
  },
  {
    name: 'an empty string',
    patch: mini(
      'summary: Agent 1 asks to hand an interaction to Agent 2, who is invited and answers in time.',
      "summary: ''"
    ),
    problems: [m('summary: expected a non-empty string, got an empty one')]
  },
  {
    name: 'a URL that is not http(s)',
    patch: mini('url: https://example.com/chapter', 'url: example.com/chapter'),
    problems: [m('source.url: expected an http(s) URL, got "example.com/chapter"')]
  },
  {
    name: 'an id that is not the file name',
    patch: mini('id: mini', 'id: maxi'),
    problems: [m('id: expected "mini" (the file name), got "maxi"')]
  },
  {
    name: 'a missing glossary file',
    patch: without(GLOSSARY),
    problems: [g('missing file; expected the message glossary')]
  },
  {
    name: 'a missing protocols file',
    patch: without(PROTOCOLS),
    problems: [p('missing file; expected the list of protocols')]
  },
  {
    name: 'a file outside the layout',
    patch: (files) => ({ ...files, 'content/notes.yaml': 'note: hello\n' }),
    problems: [
      'content/notes.yaml: unexpected file; expected content/glossary.yaml, content/protocols.yaml or content/scenarios/<id>.yaml'
    ]
  },
  {
    name: 'no scenario file',
    patch: without(MINI, VERSIONS, TIMED),
    problems: ['content/scenarios/: missing files; expected at least one <id>.yaml scenario']
  },
  {
    name: 'an empty scenario file',
    patch: (files) => ({ ...files, [MINI]: '' }),
    problems: [m('(top level): expected a mapping (key: value), got an empty value')]
  },
  {
    name: 'a provenance that is neither documented nor modeled',
    patch: mini('provenance: documented', 'provenance: guessed', 'timer-started'),
    problems: [
      m('steps.timer-started.provenance: expected one of "documented", "modeled", got "guessed"')
    ]
  },
  {
    name: 'a lifeline id that is not a slug',
    patch: versions('{ id: urs, name: URS', '{ id: URS, name: URS'),
    problems: [v('lifelines[1].id: expected a lower-case slug like "a-b-c", got "URS"')]
  },
  {
    name: 'a lifeline declared twice',
    patch: versions('{ id: urs, name: URS', '{ id: media-server, name: URS'),
    problems: [v('lifelines[1]: expected each lifeline id once, got "media-server" again')]
  },
  {
    name: 'an option declared twice',
    patch: versions("{ id: b, label: 'B: URS asks'", "{ id: a, label: 'B: URS asks'"),
    problems: [v('choice.options[1]: expected each option id once, got "a" again')]
  },
  {
    name: 'a message name not written like EventAck',
    patch: mini('message: RequestAccept', 'message: requestAccept', 'accept'),
    problems: [
      m('steps.accept.message: expected a message name like "EventAck", got "requestAccept"')
    ]
  },
  {
    name: 'an attribute value that is a list',
    patch: versions('{ ReferenceId: 51 }', '{ ReferenceId: [51] }', 'a-request'),
    problems: [
      v('steps.a-request.attributes.ReferenceId: expected text, a number or a mapping, got a list')
    ]
  },
  {
    name: 'a mechanics the engine does not know',
    patch: versions('mechanics: sequence', 'mechanics: race'),
    problems: [v('mechanics: expected one of "invitation", "sequence", "timeline", got "race"')]
  },
  {
    name: 'a timer step with an unknown action',
    patch: mini('timer: started', 'timer: reset', 'timer-started'),
    problems: [
      m(
        'steps.timer-started.timer: expected one of "started", "restarted", "cancelled", "expired", got "reset"'
      )
    ]
  },
  {
    name: 'a timer step with a message field',
    patch: mini('timer: started\n', 'timer: started\n    from: agent-1\n', 'timer-started'),
    problems: [
      m(
        'steps.timer-started.from: unknown field; expected one of timer, wait, provenance, note, narration'
      )
    ]
  },
  {
    name: 'an unknown field in a glossary entry',
    patch: glossary(
      '  meaning: Interaction Server withdraws the invitation.\n',
      '  meaning: Interaction Server withdraws the invitation.\n  provenance: documented\n'
    ),
    problems: [
      g('EventRevoked.provenance: unknown field; expected one of protocols, meaning, attributes')
    ]
  },
  {
    name: 'a glossary protocol not in protocols.yaml',
    patch: glossary(
      '  protocols: [Interaction Management]\n  meaning: Interaction Server withdraws',
      '  protocols: [Interaction Management, Statistics]\n  meaning: Interaction Server withdraws'
    ),
    problems: [
      g(
        `EventRevoked.protocols[1]: expected a protocol of content/protocols.yaml ${PROTOCOL_IDS}, got "Statistics"`
      )
    ]
  },
  {
    name: 'a protocol declared twice in protocols.yaml',
    patch: protocols('- id: Reporting', '- id: T-Library'),
    problems: [p('[2]: expected each protocol id once, got "T-Library" again')]
  },
  {
    name: 'a scenario checked against the glossary only once the glossary is readable',
    patch: [
      glossary(
        '  meaning: Interaction Server withdraws',
        '  meening: Interaction Server withdraws'
      ),
      mini('message: RequestAccept', 'message: RequestAcept', 'accept')
    ],
    problems: [
      g('EventRevoked.meaning: expected a non-empty string, got nothing'),
      g('EventRevoked.meening: unknown field; expected one of protocols, meaning, attributes')
    ]
  }
];

/** The rules across one scenario and the glossary, and the rules of each mechanics. */
const SCENARIO_CASES: Case[] = [
  {
    name: 'a sender that is not a lifeline',
    patch: mini('from: agent-1', 'from: agent-one', 'request'),
    problems: [
      m(
        'steps.request.from: expected a lifeline (agent-1, interaction-server, agent-2, reporting-engine), got "agent-one"'
      )
    ]
  },
  {
    name: 'a receiver that is not a lifeline',
    patch: versions('to: urs', 'to: router', 'b-ack'),
    problems: [
      v('steps.b-ack.to: expected a lifeline (media-server, urs, interaction-server), got "router"')
    ]
  },
  {
    name: 'a message sent to its own sender',
    patch: mini('to: agent-1', 'to: interaction-server', 'added-agent-1'),
    problems: [m('steps.added-agent-1.to: expected a lifeline other than "from"')]
  },
  {
    name: 'a message not in the glossary',
    patch: mini('message: RequestAccept', 'message: RequestAcept', 'accept'),
    problems: [
      m(
        'steps.accept.message: expected a message with an entry in content/glossary.yaml, got "RequestAcept"'
      )
    ]
  },
  {
    name: 'an attribute the glossary does not describe for that message',
    patch: mini('{ TicketId: 3 }', '{ TicketId: 3, Queue: inbound }', 'invite'),
    problems: [
      m(
        'steps.invite.attributes.Queue: expected an attribute content/glossary.yaml describes for EventInvite (TicketId)'
      )
    ]
  },
  {
    name: 'a protocol not in protocols.yaml',
    patch: mini('protocol: Interaction Management', 'protocol: Statistics', 'late-error'),
    problems: [
      m(
        `steps.late-error.protocol: expected a protocol of content/protocols.yaml ${PROTOCOL_IDS}, got "Statistics"`
      )
    ]
  },
  {
    name: 'a protocol the glossary does not list for that message',
    patch: versions('protocol: T-Library', 'protocol: Interaction Management', 'b-request'),
    problems: [
      v(
        'steps.b-request.protocol: expected a protocol content/glossary.yaml lists for RequestRouteCall (T-Library), got "Interaction Management"'
      )
    ]
  },
  {
    name: 'a stand-in not in the glossary',
    patch: versions('inPlaceOf: RequestStopProcessing', 'inPlaceOf: RequestStop', 'b-request'),
    problems: [
      v(
        'steps.b-request.inPlaceOf: expected a message with an entry in content/glossary.yaml, got "RequestStop"'
      )
    ]
  },
  {
    name: 'a flow naming an undeclared step',
    patch: mini(
      'accept: [late-accept, late-error]',
      'accept: [late-accept, late-error, late-errors]'
    ),
    problems: [m('flow.late.accept[2]: expected a step declared under steps, got "late-errors"')]
  },
  {
    name: 'a declared step the flow never uses',
    patch: mini('[accept, timer-cancelled, accept-ack, added', '[accept, timer-cancelled, added'),
    // The accept phase's table lists EventAck, which now no step of that phase sends.
    problems: [
      m('steps.accept-ack: expected the flow to use this step'),
      m(
        'phases[1].referenceTable[0]: expected a message some step of this phase sends, got EventAck (Interaction Management), which no step of accepted sends'
      )
    ]
  },
  {
    name: 'a flow naming an undeclared phase',
    patch: mini('late: { phase: times-out', 'late: { phase: timed-out'),
    problems: [
      m(
        'flow.late.phase: expected a phase declared under phases (issued, accepted, rejected, times-out, invalid), got "timed-out"'
      )
    ]
  },
  {
    name: 'a declared phase no flow uses',
    patch: mini('invalid: { phase: invalid,', 'invalid: { phase: rejected,'),
    problems: [m('phases[4].id: expected a phase the flow uses, got "invalid"')]
  },
  {
    name: 'a reference table row no step sends',
    patch: mini(
      '      - { message: EventRevoked, protocol: Interaction Management }\n',
      '      - { message: EventRevoked, protocol: Interaction Management }\n      - { message: EventPartyRemoved, protocol: Reporting }\n'
    ),
    problems: [
      m(
        'phases[3].referenceTable[1]: expected a message some step of this phase sends, got EventPartyRemoved (Reporting), which no step of times-out sends'
      )
    ]
  },
  {
    name: 'a reference table row in a protocol no step sends it in',
    patch: mini(
      'protocol: [Reporting, Interaction Management]',
      'protocol: [Reporting, T-Library]'
    ),
    problems: [
      m(
        'phases[1].referenceTable[1]: expected a message some step of this phase sends, got EventPartyAdded (T-Library), which no step of accepted sends'
      )
    ]
  },
  {
    name: 'a reference table row whose stand-in no step sends',
    patch: versions('inPlaceOf: EventAck, protocol', 'inPlaceOf: EventError, protocol'),
    problems: [
      v(
        'phases[1].referenceTable[0]: expected a message some step of this phase sends, got EventRouteUsed in place of EventError (T-Library), which no step of by-urs sends'
      )
    ]
  },
  {
    name: 'a reference table row with an empty list of protocols',
    patch: versions(
      'inPlaceOf: EventAck, protocol: T-Library',
      'inPlaceOf: EventAck, protocol: []'
    ),
    problems: [v('phases[1].referenceTable[0].protocol: expected at least 1 item(s)')]
  },
  {
    name: 'a reference table row whose protocol is a number',
    patch: versions('inPlaceOf: EventAck, protocol: T-Library', 'inPlaceOf: EventAck, protocol: 7'),
    problems: [
      v('phases[1].referenceTable[0].protocol: expected a protocol or a list of protocols, got 7')
    ]
  },
  {
    name: 'an invitation without the timeout option',
    patch: mini('    - { id: timeout, label: Timeout, outcome: Timed out }\n', ''),
    problems: [
      m(
        'choice.options: expected the options accept, invalid, reject, timeout (an invitation with an invalid part), got accept, reject, invalid'
      )
    ]
  },
  {
    name: 'an invitation with an option the mechanics does not have',
    patch: mini(
      '    - { id: invalid, label: Invalid, outcome: Refused }\n',
      '    - { id: invalid, label: Invalid, outcome: Refused }\n    - { id: cancel, label: Cancel, outcome: Cancelled }\n'
    ),
    problems: [
      m(
        'choice.options: expected the options accept, invalid, reject, timeout (an invitation with an invalid part), got accept, reject, timeout, invalid, cancel'
      )
    ]
  },
  {
    name: 'an invalid option without an invalid part',
    // The part goes, and with it the step and the phase only it used: one fault is left.
    patch: [
      mini(INVALID_PART, ''),
      withoutStep('invalid-error'),
      mini(
        '  - id: invalid\n    title: Invitation Is Invalid\n    intro: Interaction Server refuses the request.\n    referenceTable:\n      - { message: EventError, protocol: Interaction Management }\n',
        ''
      )
    ],
    problems: [
      m(
        'choice.options: expected the options accept, reject, timeout (an invitation), got accept, reject, timeout, invalid'
      )
    ]
  },
  {
    name: 'a sequence option without a flow part',
    patch: versions(
      "    - { id: b, label: 'B: URS asks', outcome: Stopped }\n",
      "    - { id: b, label: 'B: URS asks', outcome: Stopped }\n    - { id: c, label: 'C: the agent asks', outcome: Stopped }\n"
    ),
    problems: [
      v('choice.options: expected the options a, b (one per part of the flow), got a, b, c')
    ]
  },
  {
    name: 'a sequence flow part without an option',
    patch: versions("    - { id: b, label: 'B: URS asks', outcome: Stopped }\n", ''),
    problems: [v('choice.options: expected the options a, b (one per part of the flow), got a')]
  },
  {
    name: 'an invitation without a timer',
    patch: mini(TIMER_BLOCK, ''),
    problems: [m('timer: expected a mapping: mechanics invitation has a timer')]
  },
  {
    name: 'an invitation without a response',
    patch: mini(RESPONSE_BLOCK, ''),
    problems: [m('response: expected a mapping: mechanics invitation has a response')]
  },
  {
    name: 'a sequence with a timer',
    patch: versions('\nflow:\n', `\n${TIMER_BLOCK}\nflow:\n`),
    problems: [v('timer: unknown field; mechanics sequence has no timer')]
  },
  {
    name: 'a sequence with a response',
    patch: versions('\nflow:\n', `\n${RESPONSE_BLOCK}\nflow:\n`),
    problems: [v('response: unknown field; mechanics sequence has no response')]
  },
  {
    name: 'a timer step in a sequence',
    patch: [
      versions('steps: [a-request, a-ack]', 'steps: [a-request, a-ack, stop]'),
      versions(
        '\ndisagreements:',
        '  stop:\n    timer: started\n    provenance: modeled\n    note: N.\n    narration: N.\n\ndisagreements:'
      )
    ],
    problems: [
      v('flow.a.steps[2]: expected a message or a lifeline event: a sequence has no timer')
    ]
  },
  {
    name: 'an invite part without a timer: started',
    patch: [
      mini('steps: [timer-started, invite, agent-invited]', 'steps: [invite, agent-invited]'),
      withoutStep('timer-started')
    ],
    problems: [
      m('flow.invite.steps: expected exactly one step with timer: started, and no other timer step')
    ]
  },
  {
    name: 'an invite part that starts the timer twice',
    patch: mini(
      '[timer-started, invite, agent-invited]',
      '[timer-started, invite, timer-started, agent-invited]'
    ),
    problems: [
      m('flow.invite.steps: expected exactly one step with timer: started, and no other timer step')
    ]
  },
  {
    name: 'an accept that does not start with an answer to the server',
    patch: mini('to: interaction-server', 'to: agent-1', 'accept'),
    problems: [
      m(
        'flow.accept.steps[0]: expected a message from the invited party to interaction-server: its answer'
      )
    ]
  },
  {
    name: 'a reject that starts with a timer step',
    patch: mini('[reject, timer-cancelled, reject-ack]', '[timer-cancelled, reject, reject-ack]'),
    problems: [
      m(
        'flow.reject.steps[0]: expected a message from the invited party to interaction-server: its answer'
      )
    ]
  },
  {
    name: 'an answer that does not cancel the timer',
    patch: mini('[reject, timer-cancelled, reject-ack]', '[reject, reject-ack]'),
    problems: [
      m(
        'flow.reject.steps: expected exactly one step with timer: cancelled, and no other timer step'
      )
    ]
  },
  {
    name: 'a timeout that does not start with timer: expired',
    patch: mini('[timer-expired, revoked]', '[revoked, timer-expired]'),
    problems: [
      m('flow.timeout.steps[0]: expected a step with timer: expired first, and no other timer step')
    ]
  },
  {
    name: 'a timeout that tells the invited party nothing',
    patch: mini('to: agent-2', 'to: agent-1', 'revoked'),
    problems: [
      m(
        'flow.timeout.steps: expected a message to the invited party (agent-2): it must learn the invitation is gone'
      )
    ]
  },
  {
    name: 'a late answer that is not the invited party’s',
    patch: mini('reject: [late-reject, late-error]', 'reject: [late-error, late-reject]'),
    problems: [
      m(
        'flow.late.reject[0]: expected a message from the invited party to interaction-server: the late answer'
      )
    ]
  },
  {
    name: 'a late answer with a timer step',
    patch: mini(
      'accept: [late-accept, late-error]',
      'accept: [late-accept, timer-cancelled, late-error]'
    ),
    problems: [m('flow.late.accept: expected no timer step: the timer has expired')]
  },
  {
    name: 'an invalid part that does not start with the request',
    patch: mini('steps: [request, invalid-error]', 'steps: [invalid-error, request]'),
    problems: [
      m('flow.invalid.steps[0]: expected a message from agent-1 to interaction-server: the request')
    ]
  },
  {
    name: 'a request part with a message between other lifelines',
    patch: mini('steps: [request] }', 'steps: [request, invite] }'),
    problems: [
      m(
        'flow.request.steps[1]: expected a message from agent-1 to interaction-server, like the first'
      )
    ]
  },
  {
    name: 'an unknown part in an invitation flow',
    patch: mini('  late: {', '  cancel: { phase: issued, steps: [request] }\n  late: {'),
    problems: [
      m(
        'flow.cancel: unknown field; expected one of request, invite, accept, reject, timeout, late, invalid'
      )
    ]
  },
  {
    name: 'an invitation flow without its late part',
    patch: mini(
      '  late: { phase: times-out, accept: [late-accept, late-error], reject: [late-reject, late-error] }\n',
      ''
    ),
    problems: [m('flow.late: expected a mapping (key: value), got nothing')]
  },
  {
    name: 'a timer default out of its range',
    patch: mini('  default: 30\n', '  default: 900\n'),
    problems: [m('timer.default: expected a value from min to max (1 to 600), got 900')]
  },
  {
    name: 'a timer min above its max',
    patch: mini('  min: 1\n', '  min: 700\n'),
    problems: [m('timer.min: expected at most max (600), got 700')]
  },
  {
    name: 'a response time finer than 0.1 s',
    patch: mini('  default: 8\n', '  default: 8.25\n'),
    problems: [m('response.default: expected a number in steps of 0.1, got 8.25')]
  },
  {
    name: 'a decision point after an unknown step',
    patch: mini('after: agent-invited', 'after: agent-invite'),
    problems: [m('decisionPoint.after: expected a step the flow uses, got "agent-invite"')]
  },
  {
    name: 'a disagreement branch that is not an option',
    patch: mini('branches: [accept]', 'branches: [accept, race]'),
    problems: [
      m(
        'disagreements[0].branches[1]: expected an option (accept, reject, timeout, invalid), got "race"'
      )
    ]
  },
  {
    name: 'an empty narration',
    patch: mini('narration: The timer stops.', "narration: ''", 'timer-cancelled'),
    problems: [m('steps.timer-cancelled.narration: expected a non-empty string, got an empty one')]
  },
  {
    name: 'a missing narration',
    patch: mini('    narration: The timer stops.\n', '', 'timer-cancelled'),
    problems: [m('steps.timer-cancelled.narration: expected a non-empty string, got nothing')]
  },
  {
    name: 'a glossary key that is not a message name',
    patch: glossary('EventRevoked:', 'eventRevoked:'),
    problems: [g('eventRevoked: expected a message name like "EventAck", got "eventRevoked"')]
  },
  {
    name: 'a step key that is not a slug',
    patch: mini('  accept-ack:\n', '  Accept-Ack:\n'),
    problems: [m('steps.Accept-Ack: expected a lower-case slug like "a-b-c", got "Accept-Ack"')]
  },
  {
    name: 'a sequence flow part that is not a slug',
    patch: versions('  b: { phase: by-urs,', '  B: { phase: by-urs,'),
    problems: [v('flow.B: expected a lower-case slug like "a-b-c", got "B"')]
  },
  {
    // Only accept is wrong: reject still says who the invited party is.
    name: 'an accept part that starts with a timer step',
    patch: mini('[accept, timer-cancelled, accept-ack', '[timer-cancelled, accept, accept-ack'),
    problems: [
      m(
        'flow.accept.steps[0]: expected a message from the invited party to interaction-server: its answer'
      )
    ]
  },
  {
    name: 'a misspelt timer: key',
    patch: mini('timer: cancelled', 'timr: cancelled', 'timer-cancelled'),
    problems: [
      m(
        'steps.timer-cancelled: expected a message step (from, to, message, protocol, attributes), a timer step (timer: started, restarted, cancelled or expired) or a lifeline event (lifeline, event)'
      )
    ]
  },
  {
    name: 'a timer default below 1, reported once',
    patch: mini('  default: 30\n', '  default: 0\n'),
    problems: [m('timer.default: expected at least 1, got 0')]
  }
];

/**
 * Timelines, phase lists and lifeline events: each case is the valid timeline (timed.yaml) with
 * one fault, and the one line it must produce.
 */
const TIMELINE_CASES: Case[] = [
  {
    name: 'a timer restarted before it starts',
    patch: timed(
      '  quiet:\n    - { phase: connecting, steps: [connect, timer-started] }',
      '  quiet:\n    - { phase: connecting, steps: [connect] }'
    ),
    problems: [
      t('flow.quiet[1].steps[1]: expected the timer to be started before it is restarted'),
      t('flow.quiet["on: expiry"]: expected the option to start the timer: it cannot expire')
    ]
  },
  {
    name: 'a timer cancelled before it starts',
    patch: timed(
      '  done:\n    - { phase: connecting, steps: [connect, timer-started] }',
      '  done:\n    - { phase: connecting, steps: [connect] }'
    ),
    problems: [
      t('flow.done[1].steps[1]: expected the timer to be started before it is cancelled'),
      t('flow.done["on: expiry"]: expected the option to start the timer: it cannot expire')
    ]
  },
  {
    name: 'a timer that expires in an option that never starts it',
    patch: [
      timed(
        '  done:\n    - { phase: connecting, steps: [connect, timer-started] }',
        '  done:\n    - { phase: connecting, steps: [connect] }'
      ),
      timed('steps: [finish, timer-cancelled, finish-ack]', 'steps: [finish, finish-ack]')
    ],
    problems: [
      t('flow.done["on: expiry"]: expected the option to start the timer: it cannot expire'),
      t('steps.timer-cancelled: expected the flow to use this step')
    ]
  },
  {
    name: 'a lifeline event on an unknown lifeline',
    patch: timed('lifeline: client', 'lifeline: customer', 'connect'),
    problems: [
      t('steps.connect.lifeline: expected a lifeline (client, interaction-server), got "customer"')
    ]
  },
  {
    name: 'a lifeline event with an unknown peer',
    patch: timed('peer: client', 'peer: agent', 'disconnect'),
    problems: [
      t('steps.disconnect.peer: expected a lifeline (client, interaction-server), got "agent"')
    ]
  },
  {
    name: 'a connect event without a peer',
    patch: timed('    peer: interaction-server\n', '', 'connect'),
    problems: [t('steps.connect.peer: expected the lifeline it connects to')]
  },
  {
    name: 'a restart with a peer',
    patch: timed('event: disconnects', 'event: restarts', 'disconnect'),
    problems: [t('steps.disconnect.peer: unknown field; only connects and disconnects have a peer')]
  },
  {
    name: 'a lifeline event that is not one of the five',
    patch: timed('event: connects', 'event: reboots', 'connect'),
    problems: [
      t(
        'steps.connect.event: expected one of "connects", "disconnects", "restarts", "becomes-primary", "becomes-secondary", got "reboots"'
      )
    ]
  },
  {
    name: 'a phase with no steps',
    patch: timed(
      '{ phase: finishing, steps: [finish, timer-cancelled, finish-ack] }',
      '{ phase: finishing, steps: [] }'
    ),
    problems: [t('flow.done[1].steps: expected at least 1 step: a phase with no steps')]
  },
  {
    name: 'an activity step that no timer listens to',
    patch: timed('steps: [act, timer-restarted, act-ack]', 'steps: [act, act-ack]'),
    problems: [
      t(
        'flow.quiet[1].steps: expected a step with timer: restarted: an activity no timer listens to races nothing'
      ),
      t('steps.timer-restarted: expected the flow to use this step')
    ]
  },
  {
    name: 'a unit the timer option does not have',
    patch: timed('  unit: min\n  default: 10', '  unit: h\n  default: 10'),
    problems: [t('timer.unit: expected one of "s", "min", got "h"')]
  },
  {
    name: 'a table row no step of its own phase sends',
    patch: timed(
      '    intro: Each act restarts the timer.\n    referenceTable:\n',
      '    intro: Each act restarts the timer.\n    referenceTable:\n      - { message: EventRevoked, protocol: Interaction Management }\n'
    ),
    problems: [
      t(
        'phases[1].referenceTable[0]: expected a message some step of this phase sends, got EventRevoked (Interaction Management), which no step of acting sends'
      )
    ]
  },
  {
    name: 'a timeline timer without an owner',
    patch: timed('  owner: interaction-server\n', ''),
    problems: [
      t('timer.owner: expected the lifeline that owns the timer (client, interaction-server)')
    ]
  },
  {
    name: 'a timer owned by no lifeline',
    patch: timed('  owner: interaction-server\n', '  owner: reporting-engine\n'),
    problems: [
      t('timer.owner: expected a lifeline (client, interaction-server), got "reporting-engine"')
    ]
  },
  {
    name: 'a wait with no response time to wait',
    patch: [
      timed(
        "response:\n  party: client\n  field: Interval\n  unit: min\n  default: 4\n  min: 1\n  max: 60\n  help: Between the client's acts\n",
        ''
      )
    ],
    problems: [
      t('flow.done[1].steps[0]: expected a response to wait for: step "finish" has wait: response'),
      t(
        'activity: expected a timer and a response: an activity races the timer, one response time apart'
      )
    ]
  },
  {
    name: 'two expiry parts in one option',
    patch: timed(
      '    - { phase: ending, on: late, steps: [late-act, late-error] }',
      '    - { phase: ending, on: expiry, steps: [late-act, late-error] }'
    ),
    problems: [t('flow.quiet[3].on: expected one part with on: expiry, got a second')]
  },
  {
    name: 'a late part without an expiry part',
    patch: [
      timed(
        '    - { phase: ending, on: expiry, steps: [timer-expired, revoked, disconnect] }\n    - { phase: ending, on: late',
        '    - { phase: ending, on: late'
      )
    ],
    problems: [
      t(
        'flow.quiet: expected a part with on: expiry: the option starts the timer, which can expire'
      ),
      t('flow.quiet["on: late"]: expected a part with on: expiry: nothing is late without it')
    ]
  },
  {
    name: 'a countUp attribute the steps do not number',
    patch: timed('countUp: [ReferenceId]', 'countUp: [TicketId]'),
    problems: [
      t('flow.quiet[1].countUp: expected an attribute with a number in these steps, got "TicketId"')
    ]
  },
  {
    name: 'a wait in a sequence',
    patch: versions(
      '    provenance: documented\n',
      '    wait: response\n    provenance: documented\n',
      'a-ack'
    ),
    problems: [v('steps.a-ack.wait: unknown field; a sequence sends every step at t = 0')]
  },
  {
    name: 'an activity no part repeats',
    patch: timed('      repeat: activity\n', ''),
    problems: [t('activity: unknown field; no part of the flow has repeat: activity')]
  },
  {
    name: 'a reference table that is neither a list nor none',
    patch: timed('    referenceTable: none', '    referenceTable: nothing'),
    problems: [
      t(
        'phases[0].referenceTable: expected a list of rows, or none when the page has no table, got "nothing"'
      )
    ]
  }
];

const CASES = [...FILE_AND_FIELD_CASES, ...SCENARIO_CASES, ...TIMELINE_CASES];

describe('parseContent', () => {
  it('does accept the valid fixture: an invitation, a sequence and a timeline', () => {
    const content = parseContent(valid);
    expect(content.scenarios.map((s) => [s.id, s.mechanics, s.protocols])).toEqual([
      ['mini', 'invitation', ['Interaction Management', 'Reporting']],
      ['timed', 'timeline', ['Interaction Management']],
      ['versions', 'sequence', ['T-Library', 'Interaction Management']]
    ]);
    const timedScenario = content.scenarios.find((s) => s.id === 'timed');
    expect(timedScenario?.capabilities).toMatchObject({
      timer: { id: 'idle-timeout', owner: 'interaction-server', unit: 'min', default: 10 },
      response: { unit: 'min', default: 4, min: 1, max: 60 },
      activity: { default: 2, min: 0, max: 5 },
      racing: ['quiet', 'done'],
      live: null
    });
    expect(timedScenario?.phases[0]?.referenceTable).toBeNull();
    expect(content.protocols.map((p) => p.id)).toEqual([
      'T-Library',
      'Interaction Management',
      'Reporting'
    ]);
    expect(content.glossary.EventInvite).toEqual({
      name: 'EventInvite',
      protocols: ['Interaction Management'],
      meaning: 'Interaction Server invites an agent to take part.',
      attributes: { TicketId: 'Identifies the invitation.' }
    });
  });

  it('does keep the valid fixture tight: every glossary entry and protocol is used', () => {
    const { scenarios, glossary, protocols } = parseContent(valid);
    const sent = new Set<string>();
    for (const scenario of scenarios) {
      for (const step of Object.values(scenario.steps)) {
        if (step.kind !== 'message') continue;
        sent.add(step.message);
        if (step.inPlaceOf) sent.add(step.inPlaceOf);
      }
    }
    expect(Object.keys(glossary).sort()).toEqual([...sent].sort());
    expect(protocols.map((p) => p.id)).toEqual([
      ...new Set(['T-Library', 'Interaction Management', 'Reporting'])
    ]);
    expect(new Set(scenarios.flatMap((s) => s.protocols))).toEqual(
      new Set(protocols.map((p) => p.id))
    );
  });

  it('does read the fixture with a step object per key and the flow as written', () => {
    const mini = parseContent(valid).scenarios[0];
    if (mini?.mechanics !== 'invitation') throw new Error('expected mini to be an invitation');
    expect(mini.steps['timer-started']).toEqual({
      kind: 'timer',
      action: 'started',
      provenance: 'documented',
      note: 'The page sets a timer.',
      narration: 'The timer starts.'
    });
    expect(mini.steps.reject).toMatchObject({
      kind: 'message',
      from: 'agent-2',
      to: 'interaction-server',
      attributes: { TicketId: 3, ReferenceId: 7 }
    });
    expect(mini.flow.late).toEqual({
      phase: 'times-out',
      accept: ['late-accept', 'late-error'],
      reject: ['late-reject', 'late-error']
    });
    expect(mini.phases[1]?.referenceTable?.[1]).toEqual({
      message: 'EventPartyAdded',
      protocols: ['Reporting', 'Interaction Management']
    });
  });

  it.each(CASES)('does report $name, word for word', (c) => {
    expect(problemsOf(patched(c))).toEqual(c.problems);
  });

  it('does give every case its own name', () => {
    const names = CASES.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('does collect every problem of every file into one error, glossary and protocols first', () => {
    const files = patched({
      patch: [
        mini('    title: Invitation Rejected\n', ''),
        glossary(
          '  meaning: Interaction Server withdraws',
          '  meening: Interaction Server withdraws'
        ),
        protocols('- id: Reporting', '- id: T-Library')
      ]
    });
    let error: unknown;
    try {
      parseContent(files);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ContentError);
    const { problems, message, name } = error as ContentError;
    expect(name).toBe('ContentError');
    expect(message).toBe(problems.join('\n'));
    expect(problems.map((line) => line.split(':')[0])).toEqual([
      GLOSSARY,
      GLOSSARY,
      PROTOCOLS,
      MINI
    ]);
  });

  it('does read keys as Vite and Windows write them', () => {
    const keyed = (rewrite: (path: string) => string) =>
      Object.fromEntries(Object.entries(valid).map(([path, text]) => [rewrite(path), text]));
    const expected = parseContent(valid);
    expect(parseContent(keyed((path) => `/${path}`))).toEqual(expected);
    expect(parseContent(keyed((path) => `./${path}`))).toEqual(expected);
    expect(parseContent(keyed((path) => path.replaceAll('/', '\\')))).toEqual(expected);
  });

  it('does name each missing file when content/ is empty', () => {
    expect(problemsOf({})).toEqual([
      'content/glossary.yaml: missing file; expected the message glossary',
      'content/protocols.yaml: missing file; expected the list of protocols',
      'content/scenarios/: missing files; expected at least one <id>.yaml scenario'
    ]);
  });

  it('does read no files from a folder without a content/ directory', () => {
    expect(readContentFiles('tests/fixtures/content')).toEqual({});
  });
});
