/**
 * The content half of the timeline mechanic (./timeline.ts runs it): the flow's shape (parts,
 * repeats, expiry and late parts) and the checks on where the timer stands at every step.
 * Build time only; it never ships to the browser.
 */
import { z } from 'zod';
import type { ScenarioChecks, ScenarioDraft } from '../content/checks';
import { slug, stepList } from '../content/schema';
import type {
  Segment,
  Step,
  TimelineFlow,
  TimelineOption,
  TimelinePart,
  TimelineScenario
} from '../content/types';
import type { MechanicFlow } from './types';

const partSchema = z.strictObject({
  phase: slug,
  steps: stepList,
  repeat: z.literal('activity').optional(),
  countUp: z.array(z.string()).min(1).optional(),
  on: z.enum(['expiry', 'late']).optional()
});

/** An option's list of parts; `on: expiry` and `on: late` are pulled out of the order. */
const flowSchema = z.record(
  slug,
  z.union([partSchema, z.array(partSchema).min(1)]).transform((v, ctx): TimelineOption => {
    const list = Array.isArray(v) ? v : [v];
    const option: TimelineOption = { parts: [] };
    list.forEach(({ on, ...part }, i) => {
      if (on === undefined) {
        option.parts.push(part);
        return;
      }
      if (option[on]) {
        ctx.issues.push({
          code: 'custom',
          input: v,
          path: [i, 'on'],
          message: `expected one part with on: ${on}, got a second`
        });
      }
      if (part.repeat || part.countUp) {
        ctx.issues.push({
          code: 'custom',
          input: v,
          path: [i, part.repeat ? 'repeat' : 'countUp'],
          message: `unknown field; a part with on: ${on} is sent once`
        });
      }
      option[on] = { phase: part.phase, steps: part.steps };
    });
    if (option.parts.length === 0) {
      ctx.issues.push({
        code: 'custom',
        input: v,
        path: [],
        message: 'expected at least 1 part without on: the steps the option sends'
      });
    }
    return option;
  })
) as unknown as z.ZodType<TimelineFlow>;

function check(c: ScenarioChecks, scenario: ScenarioDraft, flow: TimelineFlow) {
  const timer = scenario.timer;
  const response = scenario.response;
  const activity = scenario.activity;
  let repeats = false;
  for (const [id, option] of Object.entries(flow)) {
    // Walks the option in the order it runs, to say where the timer stands at each step.
    let running = false;
    let started = false;
    const walk = (steps: Step[], path: PropertyKey[], keys: string[]) => {
      steps.forEach((s, i) => {
        const at = [...path, 'steps', i];
        if (s.wait === 'response' && !response)
          c.report(at, `expected a response to wait for: step "${keys[i]}" has wait: response`);
        if (s.kind !== 'timer') return;
        if (!timer) {
          c.report(at, 'expected no timer step: the scenario has no timer');
          return;
        }
        if (s.action === 'started') {
          running = true;
          started = true;
        } else if (!running) {
          c.report(at, `expected the timer to be started before it is ${s.action}`);
        } else if (s.action === 'cancelled' || s.action === 'expired') {
          running = false;
        }
      });
    };
    option.parts.forEach((part: TimelinePart, p) => {
      const path = ['flow', id, p];
      const steps = c.segment(path, part);
      walk(steps, path, part.steps);
      if (part.repeat === 'activity') {
        repeats = true;
        if (!activity) c.report([...path, 'repeat'], 'expected an activity: the scenario has none');
        if (!steps.some((s) => s.kind === 'timer' && s.action === 'restarted')) {
          c.report(
            [...path, 'steps'],
            'expected a step with timer: restarted: an activity no timer listens to races nothing'
          );
        }
      }
      for (const name of part.countUp ?? []) {
        const counted = steps.some(
          (s) => s.kind === 'message' && typeof s.attributes[name] === 'number'
        );
        if (!counted)
          c.report(
            [...path, 'countUp'],
            `expected an attribute with a number in these steps, got "${name}"`
          );
      }
    });
    const special = (on: 'expiry' | 'late', segment: Segment | undefined) => {
      if (!segment) return [];
      return c.segment(['flow', id, `on: ${on}`], segment);
    };
    if (option.expiry) {
      const steps = special('expiry', option.expiry);
      const first = steps[0];
      if (!started) {
        c.report(
          ['flow', id, 'on: expiry'],
          'expected the option to start the timer: it cannot expire'
        );
      }
      if (
        first?.kind !== 'timer' ||
        first.action !== 'expired' ||
        steps.filter((s) => s.kind === 'timer').length !== 1
      ) {
        c.report(
          ['flow', id, 'on: expiry', 'steps', 0],
          'expected a step with timer: expired first, and no other timer step'
        );
      }
    } else if (started) {
      c.report(
        ['flow', id],
        'expected a part with on: expiry: the option starts the timer, which can expire'
      );
    }
    if (option.late) {
      const steps = special('late', option.late);
      if (!option.expiry)
        c.report(
          ['flow', id, 'on: late'],
          'expected a part with on: expiry: nothing is late without it'
        );
      if (steps.some((s) => s.kind === 'timer'))
        c.report(
          ['flow', id, 'on: late', 'steps'],
          'expected no timer step: the timer has expired'
        );
    }
  }
  if (timer) {
    const lifelines = c.lifelineIds;
    if (timer.owner === undefined) {
      c.report(
        ['timer', 'owner'],
        `expected the lifeline that owns the timer (${lifelines.join(', ')})`
      );
    } else if (!lifelines.includes(timer.owner)) {
      c.report(
        ['timer', 'owner'],
        `expected a lifeline (${lifelines.join(', ')}), got "${timer.owner}"`
      );
    }
  }
  if (activity && !repeats) {
    c.report(['activity'], 'unknown field; no part of the flow has repeat: activity');
  }
  if (activity && (!timer || !response)) {
    c.report(
      ['activity'],
      'expected a timer and a response: an activity races the timer, one response time apart'
    );
  }
  c.options(Object.keys(flow), 'one per part of the flow');
}

export const timelineFlow: MechanicFlow<TimelineScenario> = { flowSchema, check };
