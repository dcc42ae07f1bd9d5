/**
 * The rules for what an author writes in content/. One zod schema per kind of file; parse.ts
 * runs them and adds the checks that need more than one file (glossary ⇄ scenarios, file names).
 * Relative imports, not $lib: scripts load this through tsx, which knows no SvelteKit aliases.
 */
import { z } from 'zod';
import {
  BRANCHES,
  COMPONENT_IDS,
  PHASE_IDS,
  PROTOCOLS,
  STEP_KEYS,
  type Branch,
  type MessageName,
  type PhaseId,
  type StepKey
} from '../engine/types';

/** Every message name the engine can send, for checks at run time. */
export const MESSAGE_NAMES = [
  'RequestRouteCall',
  'EventRouteUsed',
  'EventInvite',
  'RequestAccept',
  'RequestReject',
  'EventAck',
  'EventRevoked',
  'EventError',
  'EventPartyRemoved',
  'EventAgentInvited',
  'EventPartyAdded',
  'EventRejected'
] as const satisfies readonly MessageName[];

// Fails to compile when the engine gains a message this list lacks.
type Unlisted = Exclude<MessageName, (typeof MESSAGE_NAMES)[number]>;
const everyMessageListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyMessageListed;

/** The branch each phase belongs to in this model; the first phase is common to all three. */
export const PHASE_BRANCH: Record<PhaseId, Branch | undefined> = {
  'urs-requests-delivery': undefined,
  'agent-accepts-delivery': 'accept',
  'agent-rejects-delivery': 'reject',
  'agent-fails-to-respond': 'timeout'
};

const NON_EMPTY = 'a non-empty string';

const describe = (input: unknown): string => {
  if (input === undefined) return 'nothing';
  if (input === null) return 'an empty value';
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'object') return 'a mapping';
  if (typeof input === 'string') return JSON.stringify(input);
  return `${typeof input} ${String(input)}`;
};

/** Every piece of prose and every name: a string with something in it. */
const text = z.string().refine((s) => s.trim() !== '', `expected ${NON_EMPTY}, got an empty one`);

const list = (ids: readonly string[]) => ids.join(', ');

/** Ids that end up in URLs. */
const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, {
  error: (issue) =>
    issue.code === 'invalid_format'
      ? `expected a lower-case slug like "a-b-c", got ${describe(issue.input)}`
      : undefined
});

/** Ids in a fixed order, e.g. the lifelines left to right. */
function exactIds(field: string, expected: readonly string[]) {
  return (items: { id: string }[], ctx: z.core.$RefinementCtx<{ id: string }[]>) => {
    const got = items.map((item) => item.id);
    if (got.join('\n') !== expected.join('\n')) {
      ctx.addIssue({
        code: 'custom',
        message: `expected the ${field} ${list(expected)} in that order, got ${list(got) || 'none'}`
      });
    }
  };
}

/** Reports every item after the first with the same key. */
function unique<T>(what: string, key: (item: T) => unknown = (item) => item) {
  return (items: T[], ctx: z.core.$RefinementCtx<T[]>) => {
    const seen = new Set<unknown>();
    items.forEach((item, i) => {
      const k = key(item);
      if (seen.has(k)) {
        ctx.addIssue({
          code: 'custom',
          path: [i],
          message: `expected each ${what} once, got ${JSON.stringify(k)} again`
        });
      }
      seen.add(k);
    });
  };
}

const componentSchema = z.strictObject({
  id: z.enum(COMPONENT_IDS),
  name: text,
  description: text
});

const referenceRowSchema = z.strictObject({
  message: z.enum(MESSAGE_NAMES, {
    error: (issue) =>
      `expected a message named in content/glossary.yaml, got ${describe(issue.input)}`
  }),
  protocol: z.enum(PROTOCOLS)
});

const phaseSchema = z
  .strictObject({
    id: z.enum(PHASE_IDS),
    title: text,
    figureTitle: text.optional(),
    branch: z.enum(BRANCHES).optional(),
    intro: text,
    referenceTable: z.array(referenceRowSchema).min(1)
  })
  .superRefine((phase, ctx) => {
    const expected = PHASE_BRANCH[phase.id];
    if (phase.branch !== expected) {
      ctx.addIssue({
        code: 'custom',
        path: ['branch'],
        message: expected
          ? `expected "${expected}" for phase ${phase.id}`
          : `expected no branch: phase ${phase.id} is common to every branch`
      });
    }
  });

// Built from STEP_KEYS so that a step the engine gains is a missing narration until written.
const narrationSchema = z.strictObject(
  Object.fromEntries(STEP_KEYS.map((key) => [key, text])) as Record<StepKey, typeof text>
);

const disagreementSchema = z.strictObject({
  id: slug,
  title: text,
  body: text,
  branches: z.array(z.enum(BRANCHES)).min(1).superRefine(unique('branch'))
});

/** content/scenarios/<id>.yaml */
export const scenarioSchema = z.strictObject({
  id: slug,
  title: text,
  summary: text,
  model: z.literal('deliver-interaction-to-agent'),
  source: z.strictObject({
    title: text,
    chapter: text,
    url: z.url({
      protocol: /^https?$/,
      error: (issue) => `expected an http(s) URL, got ${describe(issue.input)}`
    })
  }),
  components: z.array(componentSchema).superRefine(exactIds('components', COMPONENT_IDS)),
  phases: z.array(phaseSchema).superRefine(exactIds('phases', PHASE_IDS)),
  narration: narrationSchema,
  decisionPoint: text,
  disagreements: z
    .array(disagreementSchema)
    .superRefine(unique('disagreement id', (d: { id: string }) => d.id))
});

const glossaryEntrySchema = z.strictObject({
  protocols: z.array(z.enum(PROTOCOLS)).min(1).superRefine(unique('protocol')),
  direction: text,
  meaning: text,
  provenance: z.enum(['documented', 'modeled']),
  provenanceNote: text,
  attributes: z.array(z.strictObject({ name: text, description: text })).min(1)
});

const isMapping = (value: unknown): value is object =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** content/glossary.yaml: one entry per message name, keyed by it. */
export const glossarySchema = z
  .partialRecord(z.enum(MESSAGE_NAMES), glossaryEntrySchema)
  .superRefine(
    (glossary, ctx) => {
      for (const name of MESSAGE_NAMES) {
        if (!(name in glossary)) {
          ctx.addIssue({
            code: 'custom',
            path: [name],
            message: 'expected an entry: the engine sends this message'
          });
        }
      }
    },
    // Report missing entries even while other entries are broken: an author fixes all at once.
    { when: ({ value }) => isMapping(value) }
  );

/** content/protocols.yaml */
export const protocolsSchema = z
  .array(z.strictObject({ id: z.enum(PROTOCOLS), description: text, carries: text }))
  .superRefine(exactIds('protocols', PROTOCOLS));

/** The keys a strict object or an enum-keyed record accepts, read from the schema itself. */
function allowedKeys(inst: unknown): string[] | undefined {
  if (inst instanceof z.ZodObject) return Object.keys(inst.shape);
  if (inst instanceof z.ZodRecord && inst.keyType instanceof z.ZodEnum)
    return inst.keyType.options.map(String);
  return undefined;
}

const EXPECTED: Record<string, string> = {
  string: NON_EMPTY,
  array: 'a list',
  object: 'a mapping (key: value)',
  record: 'a mapping (key: value)',
  number: 'a number'
};

/**
 * Words for zod's built-in issues, in the language of someone editing YAML. Passed to every
 * parse (not set globally) so that other users of zod keep its own messages.
 */
export const contentErrorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type': {
      const expected = EXPECTED[issue.expected] ?? issue.expected;
      return `expected ${expected}, got ${describe(issue.input)}`;
    }
    case 'invalid_value': {
      const options = issue.values.map((v) => JSON.stringify(v));
      const expected = options.length === 1 ? options[0] : `one of ${options.join(', ')}`;
      return `expected ${expected}, got ${describe(issue.input)}`;
    }
    case 'too_small':
      return issue.origin === 'array'
        ? `expected at least ${issue.minimum} item(s), got none`
        : `expected ${NON_EMPTY}, got an empty one`;
    case 'unrecognized_keys': {
      const allowed = allowedKeys(issue.inst);
      return allowed ? `expected one of ${list(allowed)}` : undefined;
    }
    default:
      return undefined;
  }
};
