import { describe, expect, it } from 'vitest';
import { defaultInput } from '../../../src/lib/engine/input';
import { run } from '../../../src/lib/engine/run';
import type { Trace } from '../../../src/lib/engine/types';
import { realScenario } from '../../fixtures/content';
import { messages, row } from './oracle';

/*
 * Oracle tests for four sequence models of the library. The expected rows are transcribed by
 * hand from ../shared/genem/place-in-workbin.md, workbin-operations.md, snapshot-operations.md
 * and change-properties.md ("Canonical model" and "Attributes"), with the error codes of
 * cast.md, never read from content/: the point is to fail when the content or the engine drifts
 * from them.
 */

/** Every row of a sequence happens at t = 0, in one phase of the page. */
const at0 = (phase: string, rows: readonly string[]) => rows.map((r) => `0 s ${phase}: ${r}`);

/** The message of the trace with this name (the only one, or the first). */
function first(trace: Trace, name: string) {
  const found = messages(trace).find((e) => e.message.name === name);
  if (!found) throw new Error(`${trace.scenario} ${trace.input.branch}: no ${name}`);
  return found;
}

const attribute = (trace: Trace, name: string, field: string): unknown =>
  (first(trace, name).message.attributes as Record<string, unknown>)[field];

const runOf = (id: string) => {
  const model = realScenario(id);
  return (branch: string) => run(model, { ...defaultInput(model), branch });
};

/** What every model here shares: no clock, the chosen version is the outcome, no timer. */
function expectPlainSequence(trace: Trace, branch: string) {
  expect(trace.outcome).toBe(branch);
  expect(trace.endedAs).toBe(branch);
  expect(trace.lateAnswer).toBe(false);
  expect(trace.timer).toBeNull();
  expect(trace.entries.filter((e) => e.kind !== 'message')).toEqual([]);
  expect(trace.entries.every((e) => e.at === 0)).toBe(true);
}

const INTERACTION = '000AaC7R4VSE001A';

// place-in-workbin.md: one phase, two versions, six arrows each.
const WORKBIN_PHASE = 'place-interaction-in-workbin';
const PLACED_TAIL = [
  'interaction-server → reporting-engine EventPlacedInQueue (Reporting) documented',
  'interaction-server → reporting-engine EventPlacedInWorkbin (Reporting) documented',
  'interaction-server → agent-application EventWorkbinContentChanged (Interaction Management) documented'
];
const PLACE_IN_WORKBIN: Record<string, string[]> = {
  urs: at0(WORKBIN_PHASE, [
    'urs → interaction-server RequestRouteCall in place of RequestPlaceInWorkbin (T-Library) documented',
    'interaction-server → urs EventRouteUsed in place of EventAck (T-Library) documented',
    'interaction-server → reporting-engine EventPartyRemoved (Reporting) documented',
    ...PLACED_TAIL
  ]),
  agent: at0(WORKBIN_PHASE, [
    'agent-application → interaction-server RequestPlaceInWorkbin (Interaction Management) documented',
    'interaction-server → agent-application EventAck (Interaction Management) documented',
    'interaction-server → reporting-engine EventPartyRemoved (Reporting) documented',
    ...PLACED_TAIL
  ])
};

describe('the place-in-workbin scenario', () => {
  const version = runOf('place-in-workbin');

  it.each(Object.entries(PLACE_IN_WORKBIN))('does version %s arrow for arrow', (branch, rows) => {
    const trace = version(branch);
    expect(trace.entries.map(row)).toEqual(rows);
    expectPlainSequence(trace, branch);
  });

  it('does number the request 1 and quote it in the answer', () => {
    const urs = version('urs');
    expect(attribute(urs, 'RequestRouteCall', 'ReferenceId')).toBe(1);
    expect(attribute(urs, 'EventRouteUsed', 'ReferenceId')).toBe(1);
    const agent = version('agent');
    expect(attribute(agent, 'RequestPlaceInWorkbin', 'ReferenceId')).toBe(1);
    expect(attribute(agent, 'EventAck', 'ReferenceId')).toBe(1);
  });

  it('does name the workbin personal-email of agent-1001 and the one interaction', () => {
    const agent = version('agent');
    expect(attribute(agent, 'RequestPlaceInWorkbin', 'Workbin')).toEqual({
      WorkbinTypeId: 'personal-email',
      WorkbinAgentId: 'agent-1001'
    });
    for (const branch of ['urs', 'agent']) {
      const trace = version(branch);
      const changed = first(trace, 'EventWorkbinContentChanged').message.attributes;
      expect(changed).toMatchObject({
        WorkbinTypeId: 'personal-email',
        WorkbinAgentId: 'agent-1001',
        InteractionId: INTERACTION
      });
      expect(attribute(trace, 'EventPlacedInWorkbin', 'InteractionId')).toBe(INTERACTION);
    }
  });

  it('does remove the strategy’s party for URS and the agent’s for the agent', () => {
    const removed = (branch: string) =>
      first(version(branch), 'EventPartyRemoved').message.attributes;
    expect(removed('urs')).toMatchObject({ AgentId: 'urs-strategy-1', PlaceId: 'urs-strategy-1' });
    expect(removed('agent')).toMatchObject({ AgentId: 'agent-1001', PlaceId: 'place-1001' });
  });
});

// workbin-operations.md: six versions of one request and its answer; codes from cast.md (which
// wins over the 55, 56, 57 the canonical file's attribute table still gives).
const GETS = 'agent-gets-workbin-content';
const FAILS = 'agent-fails-to-get-workbin-content';
const NOTIFY = 'agent-requests-workbin-notification';
const CANCEL = 'agent-cancels-workbin-notifications';
const ask = (request: string) =>
  `agent-application → interaction-server ${request} (Interaction Management) documented`;
const askModeled = (request: string) =>
  `agent-application → interaction-server ${request} (Interaction Management) modeled`;
const answer = (event: string) =>
  `interaction-server → agent-application ${event} (Interaction Management) documented`;

const WORKBIN_OPERATIONS: Record<string, string[]> = {
  content: at0(GETS, [ask('RequestGetWorkbinContent'), answer('EventWorkbinContent')]),
  'content-error': at0(FAILS, [ask('RequestGetWorkbinContent'), answer('EventError')]),
  notify: at0(NOTIFY, [askModeled('RequestWorkbinNotifications'), answer('EventAck')]),
  'notify-error': at0(NOTIFY, [askModeled('RequestWorkbinNotifications'), answer('EventError')]),
  cancel: at0(CANCEL, [askModeled('RequestStopWorkbinNotifications'), answer('EventAck')]),
  'cancel-error': at0(CANCEL, [askModeled('RequestStopWorkbinNotifications'), answer('EventError')])
};

describe('the workbin-operations scenario', () => {
  const version = runOf('workbin-operations');

  it.each(Object.entries(WORKBIN_OPERATIONS))('does version %s arrow for arrow', (branch, rows) => {
    const trace = version(branch);
    expect(trace.entries.map(row)).toEqual(rows);
    expectPlainSequence(trace, branch);
  });

  it.each(Object.keys(WORKBIN_OPERATIONS))(
    'does number the request 1, name the workbin and quote it in the answer (%s)',
    (branch) => {
      const [request, reply] = messages(version(branch));
      expect(request?.message.attributes).toMatchObject({
        ReferenceId: 1,
        Workbin: { WorkbinTypeId: 'personal-email', WorkbinAgentId: 'agent-1001' }
      });
      expect(reply?.message.attributes).toMatchObject({ ReferenceId: 1 });
    }
  );

  it.each([
    { branch: 'content-error', code: 57 },
    { branch: 'notify-error', code: 58 },
    { branch: 'cancel-error', code: 59 }
  ])('does refuse $branch with cast.md’s ErrorCode $code', ({ branch, code }) => {
    expect(attribute(version(branch), 'EventError', 'ErrorCode')).toBe(code);
  });

  it('does list the one interaction in the workbin’s content', () => {
    const listed = attribute(version('content'), 'EventWorkbinContent', 'Interactions');
    expect(Object.keys(listed as object)).toEqual([INTERACTION]);
  });
});

// snapshot-operations.md: four versions, one per page phase.
const SNAPSHOT_OPERATIONS: Record<string, string[]> = {
  take: at0('take-a-snapshot', [ask('RequestTakeSnapshot'), answer('EventSnapshotTaken')]),
  get: at0('get-snapshot-interactions', [
    askModeled('RequestGetSnapshotInteractions'),
    answer('EventSnapshotInteractions')
  ]),
  lock: at0('lock-or-unlock-interactions', [
    askModeled('RequestLockInteraction'),
    answer('EventAck')
  ]),
  release: at0('release-snapshot', [askModeled('RequestReleaseSnapshot'), answer('EventAck')])
};

describe('the snapshot-operations scenario', () => {
  const version = runOf('snapshot-operations');

  it.each(Object.entries(SNAPSHOT_OPERATIONS))(
    'does version %s arrow for arrow',
    (branch, rows) => {
      const trace = version(branch);
      expect(trace.entries.map(row)).toEqual(rows);
      expectPlainSequence(trace, branch);
    }
  );

  it.each(Object.keys(SNAPSHOT_OPERATIONS))(
    'does number the request 1 and quote it in the answer (%s)',
    (branch) => {
      const [request, reply] = messages(version(branch));
      expect(request?.message.attributes).toMatchObject({ ReferenceId: 1 });
      expect(reply?.message.attributes).toMatchObject({ ReferenceId: 1 });
    }
  );

  it('does work on snapshot 1 throughout', () => {
    expect(attribute(version('take'), 'EventSnapshotTaken', 'SnapshotId')).toBe(1);
    expect(attribute(version('get'), 'RequestGetSnapshotInteractions', 'SnapshotId')).toBe(1);
    expect(attribute(version('get'), 'EventSnapshotInteractions', 'SnapshotId')).toBe(1);
    expect(attribute(version('lock'), 'RequestLockInteraction', 'SnapshotId')).toBe(1);
    expect(attribute(version('lock'), 'RequestLockInteraction', 'InteractionId')).toBe(INTERACTION);
    expect(attribute(version('release'), 'RequestReleaseSnapshot', 'SnapshotId')).toBe(1);
  });
});

// change-properties.md: three documented versions and the modeled invalid one.
const CHANGE_PROPERTIES: Record<string, string[]> = {
  'media-agent': at0('media-server-requests-while-agent-is-processing', [
    'media-server → interaction-server RequestChangeProperties (Interaction Management) documented',
    'interaction-server → media-server EventAck (Interaction Management) documented',
    'interaction-server → reporting-engine EventPropertiesChanged (Interaction Management) documented',
    'interaction-server → agent-application EventPropertiesChanged (Interaction Management) documented'
  ]),
  'media-urs': at0('media-server-requests-while-urs-is-processing', [
    'media-server → interaction-server RequestChangeProperties (Interaction Management) documented',
    'interaction-server → media-server EventAck (Interaction Management) documented',
    'interaction-server → reporting-engine EventPropertiesChanged (Interaction Management) modeled',
    'interaction-server → urs EventAttachedDataChanged in place of EventPropertiesChanged (T-Library) documented'
  ]),
  urs: at0('urs-requests', [
    'urs → interaction-server RequestUpdateUserData in place of RequestChangeProperties (T-Library) documented',
    'interaction-server → urs EventAttachedDataChanged in place of EventAck (T-Library) documented',
    'interaction-server → media-server EventPropertiesChanged (Interaction Management) documented'
  ]),
  invalid: at0('request-is-invalid', [
    'media-server → interaction-server RequestChangeProperties (Interaction Management) documented',
    'interaction-server → media-server EventError (Interaction Management) modeled'
  ])
};

describe('the change-properties scenario', () => {
  const version = runOf('change-properties');

  it.each(Object.entries(CHANGE_PROPERTIES))('does version %s arrow for arrow', (branch, rows) => {
    const trace = version(branch);
    expect(trace.entries.map(row)).toEqual(rows);
    expectPlainSequence(trace, branch);
  });

  it('does number the request 1 and quote it in the answer', () => {
    for (const branch of ['media-agent', 'media-urs', 'invalid']) {
      const [request, reply] = messages(version(branch));
      expect(request?.message.attributes, branch).toMatchObject({
        ReferenceId: 1,
        InteractionId: INTERACTION
      });
      expect(reply?.message.attributes, branch).toMatchObject({ ReferenceId: 1 });
    }
    // T-Library spells it ReferenceID (the canonical attribute table).
    const urs = version('urs');
    expect(attribute(urs, 'RequestUpdateUserData', 'ReferenceID')).toBe(1);
    expect(attribute(urs, 'EventAttachedDataChanged', 'ReferenceID')).toBe(1);
  });

  it('does refuse the invalid request with cast.md’s ErrorCode 56, unknown interaction', () => {
    const trace = version('invalid');
    expect(attribute(trace, 'EventError', 'ErrorCode')).toBe(56);
    expect(messages(trace).map((e) => e.message.name)).not.toContain('EventPropertiesChanged');
  });

  it('does mark the T-Library stand-ins, and only them, with what they stand in for', () => {
    const standIns = Object.keys(CHANGE_PROPERTIES).flatMap((branch) =>
      messages(version(branch)).flatMap((e) =>
        e.message.inPlaceOf ? [[branch, e.message.name, e.message.inPlaceOf]] : []
      )
    );
    expect(standIns).toEqual([
      ['media-urs', 'EventAttachedDataChanged', 'EventPropertiesChanged'],
      ['urs', 'RequestUpdateUserData', 'RequestChangeProperties'],
      ['urs', 'EventAttachedDataChanged', 'EventAck']
    ]);
  });

  it('does tell the agent only when an agent is processing, and URS only when URS is', () => {
    const receivers = (branch: string) => messages(version(branch)).map((e) => e.to);
    expect(receivers('media-agent')).toContain('agent-application');
    expect(receivers('media-agent')).not.toContain('urs');
    expect(receivers('media-urs')).toContain('urs');
    expect(receivers('media-urs')).not.toContain('agent-application');
  });
});
