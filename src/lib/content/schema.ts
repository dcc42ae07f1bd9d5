/**
 * The rules for one file of content/, as zod schemas. parse.ts runs them and adds the checks
 * that need the whole scenario or more than one file (lifelines, glossary, flow, phases).
 * Relative imports, not $lib: scripts load this through tsx, which knows no SvelteKit aliases.
 */
import { z } from 'zod';

const NON_EMPTY = 'a non-empty string';

export const describe = (input: unknown): string => {
  if (input === undefined) return 'nothing';
  if (input === null) return 'an empty value';
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'object') return 'a mapping';
  if (typeof input === 'string') return JSON.stringify(input);
  return String(input);
};

export const isMapping = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every piece of prose and every name: a string with something in it. */
const text = z.string().refine((s) => s.trim() !== '', `expected ${NON_EMPTY}, got an empty one`);

const list = (ids: readonly string[]) => ids.join(', ');

/** Ids that end up in URLs, trace entries and file names. */
const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, {
  error: (issue) =>
    issue.code === 'invalid_format'
      ? `expected a lower-case slug like "a-b-c", got ${describe(issue.input)}`
      : undefined
});

/** Message names as Genesys writes them: RequestRouteCall, EventAck. */
const messageName = z.string().regex(/^[A-Z][A-Za-z0-9]*$/, {
  error: (issue) =>
    issue.code === 'invalid_format'
      ? `expected a message name like "EventAck", got ${describe(issue.input)}`
      : undefined
});

const provenance = z.enum(['documented', 'modeled']);

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
const byId = (item: { id: string }) => item.id;

const lifelineSchema = z.strictObject({ id: slug, name: text, description: text });

const optionSchema = z.strictObject({
  id: slug,
  label: text,
  hint: text.optional(),
  outcome: text,
  late: text.optional()
});

const choiceSchema = z.strictObject({
  name: text,
  note: text.optional(),
  options: z.array(optionSchema).min(1).superRefine(unique('option id', byId))
});

/** A whole number of seconds or minutes, at least 1, at most a day's worth of seconds. */
const timerValue = z.number().int().min(1).max(86_400);

const timeUnit = z.enum(['s', 'min']);

/** Reports min above max, or a default out of range, once each field is itself valid. */
function rangeChecks(what: 'a value' | 'seconds') {
  return (
    t: { min: number; max: number; default: number },
    ctx: z.core.$RefinementCtx<{ min: number; max: number; default: number }>
  ) => {
    if (![t.min, t.max, t.default].every(Number.isFinite)) return;
    if (t.min > t.max) {
      ctx.addIssue({
        code: 'custom',
        path: ['min'],
        message: `expected at most max (${t.max}), got ${t.min}`
      });
    } else if (t.default < t.min || t.default > t.max) {
      ctx.addIssue({
        code: 'custom',
        path: ['default'],
        message: `expected ${what} from min to max (${t.min} to ${t.max}), got ${t.default}`
      });
    }
  };
}

const timerSchema = z
  .strictObject({
    id: slug,
    owner: slug.optional(),
    label: text,
    field: text,
    unit: timeUnit.default('s'),
    default: timerValue,
    min: timerValue,
    max: timerValue,
    provenance,
    help: text,
    details: text
  })
  .superRefine((t, ctx) => {
    // A value already out of bounds is reported once, by its own field.
    if (![t.min, t.max, t.default].every((v) => timerValue.safeParse(v).success)) return;
    rangeChecks('a value')(t, ctx);
  });

/** Tenths are enough to show a race either side of a deadline. */
const tenths = z
  .number()
  .min(0)
  .max(86_400)
  .refine((n) => Math.round(n * 10) === n * 10, {
    error: (issue) => `expected a number in steps of 0.1, got ${describe(issue.input)}`
  });

const responseSchema = z
  .strictObject({
    party: text,
    field: text,
    unit: timeUnit.default('s'),
    default: tenths,
    min: tenths.default(0),
    max: tenths.default(86_400),
    help: text
  })
  .superRefine(rangeChecks('a value'));

const count = z.number().int().min(0).max(100);

const activitySchema = z
  .strictObject({ party: text, field: text, default: count, min: count, max: count, help: text })
  .superRefine(rangeChecks('a value'));

const referenceRowSchema = z
  .strictObject({
    message: messageName,
    inPlaceOf: messageName.optional(),
    protocol: z.union([text, z.array(text).min(1)]),
    elsewhere: text.optional()
  })
  .transform(({ protocol, ...row }) => ({
    ...row,
    protocols: typeof protocol === 'string' ? [protocol] : protocol
  }));

const rowsSchema = z.array(referenceRowSchema).min(1);

/** The page's table, or `none`: the page has no table for this phase (null once read). */
const referenceTableSchema = z.unknown().pipe(
  z.custom<unknown>().transform((value, ctx) => {
    if (value === 'none') return null;
    if (typeof value === 'string') {
      ctx.issues.push({
        code: 'custom',
        input: value,
        message: `expected a list of rows, or none when the page has no table, got ${describe(value)}`
      });
      return z.NEVER;
    }
    const result = rowsSchema.safeParse(value, { error: contentErrorMap, reportInput: true });
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      ctx.issues.push({ ...issue, input: value } as (typeof ctx.issues)[number]);
    }
    return z.NEVER;
  })
);

const phaseSchema = z.strictObject({
  id: slug,
  title: text,
  figureTitle: text.optional(),
  intro: text,
  referenceTable: referenceTableSchema
});

type AttributeValue = string | number | boolean | { [name: string]: AttributeValue };
const attributeValue: z.ZodType<AttributeValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.record(z.string(), attributeValue)])
);

const stepBase = {
  wait: z.literal('response').optional(),
  provenance,
  note: text,
  narration: text
};

const messageStepSchema = z
  .strictObject({
    from: slug,
    to: slug,
    message: messageName,
    protocol: text,
    inPlaceOf: messageName.optional(),
    attributes: z.record(z.string(), attributeValue),
    ...stepBase
  })
  .transform((s) => ({ kind: 'message' as const, ...s }));

const timerStepSchema = z
  .strictObject({ timer: z.enum(['started', 'restarted', 'cancelled', 'expired']), ...stepBase })
  .transform(({ timer, ...s }) => ({ kind: 'timer' as const, action: timer, ...s }));

const lifelineStepSchema = z
  .strictObject({
    lifeline: slug,
    event: z.enum(['connects', 'disconnects', 'restarts', 'becomes-primary', 'becomes-secondary']),
    peer: slug.optional(),
    ...stepBase
  })
  .transform((s) => ({ kind: 'lifeline' as const, ...s }));

const MESSAGE_FIELDS = ['from', 'to', 'message', 'protocol', 'attributes'];

/**
 * A step with `timer:` is a timer step; one with any of a message's own fields is a message.
 * Anything else (a misspelt `timr:`) is one problem, not five missing message fields.
 */
const stepSchema = z.unknown().pipe(
  z.custom<unknown>().transform((value, ctx) => {
    if (
      isMapping(value) &&
      !('timer' in value) &&
      !('lifeline' in value) &&
      !MESSAGE_FIELDS.some((f) => f in value)
    ) {
      ctx.issues.push({
        code: 'custom',
        input: value,
        message:
          'expected a message step (from, to, message, protocol, attributes), a timer step (timer: started, restarted, cancelled or expired) or a lifeline event (lifeline, event)'
      });
      return z.NEVER;
    }
    const schema = !isMapping(value)
      ? messageStepSchema
      : 'timer' in value
        ? timerStepSchema
        : 'lifeline' in value
          ? lifelineStepSchema
          : messageStepSchema;
    const result = schema.safeParse(value, { error: contentErrorMap, reportInput: true });
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      ctx.issues.push({ ...issue, input: value } as (typeof ctx.issues)[number]);
    }
    return z.NEVER;
  })
);

/** A list of step keys; a phase with no steps is reported by name. */
export const stepList = z
  .array(slug)
  .min(1, { error: 'expected at least 1 step: a phase with no steps' });
export const segmentSchema = z.strictObject({ phase: slug, steps: stepList });
export { slug };

const disagreementSchema = z.strictObject({
  id: slug,
  title: text,
  body: text,
  branches: z.array(slug).min(1).superRefine(unique('branch'))
});

/**
 * content/scenarios/<id>.yaml. The flow's shape depends on `mechanics`: parse.ts checks it with
 * the mechanic's own schema (src/lib/mechanics), and the mechanics' names come from there too.
 */
export const scenarioSchema = z.strictObject({
  id: slug,
  order: z.number().optional(),
  group: text.optional(),
  title: text,
  summary: text,
  partial: text.optional(),
  mechanics: z.string(),
  source: z.strictObject({
    title: text,
    chapter: text,
    url: z.url({
      protocol: /^https?$/,
      error: (issue) => `expected an http(s) URL, got ${describe(issue.input)}`
    })
  }),
  lifelines: z.array(lifelineSchema).min(2).superRefine(unique('lifeline id', byId)),
  choice: choiceSchema,
  timer: timerSchema.optional(),
  response: responseSchema.optional(),
  activity: activitySchema.optional(),
  decisionPoint: z.strictObject({ after: slug, text }).optional(),
  flow: z.unknown(),
  phases: z.array(phaseSchema).min(1).superRefine(unique('phase id', byId)),
  steps: z.record(slug, stepSchema),
  disagreements: z.array(disagreementSchema).superRefine(unique('disagreement id', byId))
});

const glossaryEntrySchema = z.strictObject({
  protocols: z.array(text).min(1).superRefine(unique('protocol')),
  meaning: text,
  attributes: z.record(z.string(), text)
});

/** content/glossary.yaml: one entry per message name, keyed by it. */
export const glossarySchema = z.record(messageName, glossaryEntrySchema);

/** content/protocols.yaml */
/** A CSS hex colour, as the diagram, the legend and the standalone SVG draw a protocol. */
const hexColour = z.string().regex(/^#[0-9a-fA-F]{6}$/, {
  error: (issue) =>
    issue.code === 'invalid_format'
      ? `expected a colour like "#0b6e6e", got ${describe(issue.input)}`
      : undefined
});

export const protocolsSchema = z
  .array(
    z.strictObject({
      id: text,
      colour: hexColour,
      darkColour: hexColour,
      description: text,
      carries: text
    })
  )
  .min(1)
  .superRefine(unique('protocol id', byId));

/** The keys a strict object accepts, read from the schema itself. */
function allowedKeys(inst: unknown): string[] | undefined {
  if (inst instanceof z.ZodObject) return Object.keys(inst.shape);
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
      if (issue.origin === 'array') return `expected at least ${issue.minimum} item(s)`;
      if (issue.origin === 'number')
        return `expected at least ${issue.minimum}, got ${describe(issue.input)}`;
      return `expected ${NON_EMPTY}, got an empty one`;
    case 'too_big':
      return `expected at most ${issue.maximum}, got ${describe(issue.input)}`;
    case 'invalid_union':
      return issue.path?.at(-1) === 'protocol'
        ? `expected a protocol or a list of protocols, got ${describe(issue.input)}`
        : `expected text, a number or a mapping, got ${describe(issue.input)}`;
    case 'invalid_key':
      // The key's own schema says what form it takes ("a lower-case slug like …").
      return issue.issues[0]?.message ?? `expected a valid key, got ${describe(issue.input)}`;
    case 'unrecognized_keys': {
      const allowed = allowedKeys(issue.inst);
      return allowed ? `expected one of ${list(allowed)}` : undefined;
    }
    default:
      return undefined;
  }
};
