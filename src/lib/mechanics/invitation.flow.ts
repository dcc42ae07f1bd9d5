/**
 * The content half of the invitation mechanic (./invitation.ts runs it): the flow's shape and
 * the checks that say who sends what, where the timer stands and which options exist. Loading
 * content uses it at build time; it never ships to the browser.
 */
import { z } from 'zod';
import { isMessage, timers, type ScenarioChecks, type ScenarioDraft } from '../content/checks';
import { segmentSchema, slug, stepList } from '../content/schema';
import type { InvitationFlow, InvitationScenario, Step } from '../content/types';
import type { MechanicFlow } from './types';

const flowSchema: z.ZodType<InvitationFlow> = z.strictObject({
  request: segmentSchema,
  invite: segmentSchema,
  accept: segmentSchema,
  reject: segmentSchema,
  timeout: segmentSchema,
  late: z.strictObject({ phase: slug, accept: stepList, reject: stepList }),
  invalid: segmentSchema.optional()
});

function check(c: ScenarioChecks, scenario: ScenarioDraft, flow: InvitationFlow) {
  const part = (name: keyof InvitationFlow): Step[] => {
    const segment = flow[name];
    if (!segment || !('steps' in segment)) return [];
    return c.segment(['flow', name], segment);
  };
  const request = part('request');
  const invite = part('invite');
  const accept = part('accept');
  const reject = part('reject');
  const timeout = part('timeout');
  const invalid = part('invalid');
  const late = ['flow', 'late'];
  const lateAccept = c.sent(
    [...late, 'phase'],
    flow.late.phase,
    [...late, 'accept'],
    flow.late.accept
  );
  const lateReject = c.sent(null, flow.late.phase, [...late, 'reject'], flow.late.reject);

  const first = request[0];
  if (!isMessage(first)) {
    c.report(['flow', 'request', 'steps', 0], 'expected a message: the request');
  } else {
    request.forEach((s, i) => {
      if (!isMessage(s) || s.from !== first.from || s.to !== first.to) {
        c.report(
          ['flow', 'request', 'steps', i],
          `expected a message from ${first.from} to ${first.to}, like the first`
        );
      }
    });
  }
  if (
    timers(invite, 'started') !== 1 ||
    invite.some((s) => s.kind === 'timer' && s.action !== 'started')
  ) {
    c.report(
      ['flow', 'invite', 'steps'],
      'expected exactly one step with timer: started, and no other timer step'
    );
  }
  const requester = isMessage(first) ? first.from : undefined;
  const server = isMessage(first) ? first.to : undefined;
  // The invited party is who answers; when accept's first step is wrong, reject's says who.
  const answer = [accept[0], reject[0]].find(isMessage);
  const invited = answer?.from;
  for (const [name, steps] of [
    ['accept', accept],
    ['reject', reject]
  ] as const) {
    const s = steps[0];
    if (!isMessage(s) || s.to !== server || s.from !== invited || invited === server) {
      c.report(
        ['flow', name, 'steps', 0],
        `expected a message from the invited party to ${server ?? 'the server'}: its answer`
      );
    }
    if (
      timers(steps, 'cancelled') !== 1 ||
      steps.some((s) => s.kind === 'timer' && s.action !== 'cancelled')
    ) {
      c.report(
        ['flow', name, 'steps'],
        'expected exactly one step with timer: cancelled, and no other timer step'
      );
    }
  }
  if (
    timeout[0]?.kind !== 'timer' ||
    timeout[0].action !== 'expired' ||
    timeout.filter((s) => s.kind === 'timer').length !== 1
  ) {
    c.report(
      ['flow', 'timeout', 'steps', 0],
      'expected a step with timer: expired first, and no other timer step'
    );
  }
  if (invited !== undefined && !timeout.some((s) => isMessage(s) && s.to === invited)) {
    c.report(
      ['flow', 'timeout', 'steps'],
      `expected a message to the invited party (${invited}): it must learn the invitation is gone`
    );
  }
  for (const [name, steps] of [
    ['accept', lateAccept],
    ['reject', lateReject]
  ] as const) {
    const s = steps[0];
    if (!isMessage(s) || s.from !== invited || s.to !== server) {
      c.report(
        ['flow', 'late', name, 0],
        `expected a message from the invited party to ${server ?? 'the server'}: the late answer`
      );
    }
    if (steps.some((s) => s.kind === 'timer')) {
      c.report(['flow', 'late', name], 'expected no timer step: the timer has expired');
    }
  }
  if (flow.invalid) {
    const s = invalid[0];
    if (!isMessage(s) || s.from !== requester || s.to !== server) {
      c.report(
        ['flow', 'invalid', 'steps', 0],
        `expected a message from ${requester ?? 'the requester'} to ${server ?? 'the server'}: the request`
      );
    }
    if (invalid.some((s) => s.kind === 'timer')) {
      c.report(
        ['flow', 'invalid', 'steps'],
        'expected no timer step: an invalid request starts no timer'
      );
    }
  }
  for (const [key, step] of Object.entries(scenario.steps)) {
    if (step.wait !== undefined)
      c.report(['steps', key, 'wait'], 'unknown field; an invitation times answers itself');
  }
  if (
    scenario.timer?.owner !== undefined &&
    server !== undefined &&
    scenario.timer.owner !== server
  ) {
    c.report(
      ['timer', 'owner'],
      `expected "${server}", the server the request goes to, got "${scenario.timer.owner}"`
    );
  }
  c.field('timer', true, 'invitation');
  c.field('response', true, 'invitation');
  c.field('activity', false, 'invitation');
  c.options(
    ['accept', 'reject', 'timeout', ...(flow.invalid ? ['invalid'] : [])],
    flow.invalid ? 'an invitation with an invalid part' : 'an invitation'
  );
}

export const invitationFlow: MechanicFlow<InvitationScenario> = { flowSchema, check };
