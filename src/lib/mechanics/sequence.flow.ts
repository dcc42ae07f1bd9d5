/**
 * The content half of the sequence mechanic (./sequence.ts runs it): the flow's shape and its
 * checks. Build time only; it never ships to the browser.
 */
import { z } from 'zod';
import type { ScenarioChecks, ScenarioDraft } from '../content/checks';
import { segmentSchema, slug } from '../content/schema';
import type { SequenceFlow, SequenceScenario } from '../content/types';
import type { MechanicFlow } from './types';

/** An option is one segment, or a list of them (its phases in order). */
const flowSchema: z.ZodType<SequenceFlow> = z.record(
  slug,
  z
    .union([segmentSchema, z.array(segmentSchema).min(1)])
    .transform((v) => (Array.isArray(v) ? v : [v]))
) as unknown as z.ZodType<SequenceFlow>;

function check(c: ScenarioChecks, scenario: ScenarioDraft, flow: SequenceFlow) {
  for (const [id, segments] of Object.entries(flow)) {
    segments.forEach((segment, p) => {
      const path = segments.length === 1 ? ['flow', id] : ['flow', id, p];
      c.segment(path, segment).forEach((s, i) => {
        if (s.kind === 'timer')
          c.report(
            [...path, 'steps', i],
            'expected a message or a lifeline event: a sequence has no timer'
          );
      });
    });
  }
  for (const [key, step] of Object.entries(scenario.steps)) {
    if (step.wait !== undefined)
      c.report(['steps', key, 'wait'], 'unknown field; a sequence sends every step at t = 0');
  }
  c.field('timer', false, 'sequence');
  c.field('response', false, 'sequence');
  c.field('activity', false, 'sequence');
  c.options(Object.keys(flow), 'one per part of the flow');
}

export const sequenceFlow: MechanicFlow<SequenceScenario> = { flowSchema, check };
