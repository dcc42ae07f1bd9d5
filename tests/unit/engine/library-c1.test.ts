import { describe, expect, it } from 'vitest';
import { defaultInput } from '../../../src/lib/engine/input';
import { run } from '../../../src/lib/engine/run';
import type { RunInput } from '../../../src/lib/engine/types';
import { realScenario } from '../../fixtures/content';
import { expand, messages, row, timers, type Part } from './oracle';

/*
 * Oracle tests for the "Connect and log in" models. The expected rows are transcribed by hand
 * from ../shared/genem/registration.md, login-logout.md, reporting-engine-connects.md and
 * disconnection-and-failover.md ("Canonical model" and "Attributes"), never read from content/:
 * the point is to fail when the content or the engine drifts from them.
 */

type Trace = ReturnType<typeof run>;

const attribute = (e: ReturnType<typeof messages>[number] | undefined, name: string): unknown =>
  e === undefined ? undefined : (e.message.attributes as Record<string, unknown>)[name];

/** Name, then the attributes asked for, of every message named `name`, in trace order. */
function valuesOf(trace: Trace, name: string, fields: string[]): unknown[][] {
  return messages(trace)
    .filter((e) => e.message.name === name)
    .map((e) => fields.map((f) => attribute(e, f)));
}

/** Every EventAck and EventError quotes the ReferenceId of the last request its receiver sent. */
function expectAnswersQuoteTheirRequests(trace: Trace): void {
  const sent = messages(trace);
  sent.forEach((e, i) => {
    if (!['EventAck', 'EventError'].includes(e.message.name)) return;
    const request = sent.slice(0, i).findLast((r) => r.from === e.to);
    const quoted = attribute(request, 'ReferenceId');
    expect(quoted, `the request ${e.message.name} to ${e.to} answers`).toBeDefined();
    expect(attribute(e, 'ReferenceId'), `${e.message.name} to ${e.to}`).toBe(quoted);
  });
}

/** A run of a model at its defaults, for one option, with timings changed where given. */
function runOf(id: string, branch: string, timing: Partial<RunInput> = {}): Trace {
  const scenario = realScenario(id);
  return run(scenario, { ...defaultInput(scenario), branch, ...timing });
}

// registration.md: the connection at t = 0 starts the timer (30 s); the client's first message
// at 1 s, a second one 1 s after the first EventError.
const SUCCESSFUL = 'successful-registration';
const UNSUCCESSFUL = 'unsuccessful-registration';
const IM = 'Interaction Management';

const CONNECTED = [
  'agent-application connects interaction-server documented',
  'timer started modeled'
];
const REGISTER = `agent-application → interaction-server RequestRegisterClient (${IM}) documented`;
const LOGIN_MODELED = `agent-application → interaction-server RequestAgentLogin (${IM}) modeled`;
const ERROR = `interaction-server → agent-application EventError (${IM}) documented`;
const EXPIRED = [
  'timer expired documented',
  'interaction-server disconnects agent-application documented'
];

const REGISTRATION: Record<string, Part[]> = {
  valid: [
    [SUCCESSFUL, 0, CONNECTED],
    [
      SUCCESSFUL,
      1,
      [
        REGISTER,
        'timer cancelled modeled',
        `interaction-server → agent-application EventAck (${IM}) documented`
      ]
    ]
  ],
  'invalid-client': [
    [UNSUCCESSFUL, 0, CONNECTED],
    [UNSUCCESSFUL, 1, [REGISTER, ERROR]],
    [UNSUCCESSFUL, 30, EXPIRED]
  ],
  'not-registered': [
    [UNSUCCESSFUL, 0, CONNECTED],
    [UNSUCCESSFUL, 1, [LOGIN_MODELED, ERROR]],
    [UNSUCCESSFUL, 30, EXPIRED]
  ],
  'invalid-then-not-registered': [
    [UNSUCCESSFUL, 0, CONNECTED],
    [UNSUCCESSFUL, 1, [REGISTER, ERROR]],
    [UNSUCCESSFUL, 2, [LOGIN_MODELED, ERROR]],
    [UNSUCCESSFUL, 30, EXPIRED]
  ]
};

describe('the registration model', () => {
  it.each(Object.entries(REGISTRATION))('does %s arrow for arrow at defaults', (branch, parts) => {
    const trace = runOf('registration', branch);
    expect(trace.entries.map(row)).toEqual(expand(...parts));
    expect(trace.lateAnswer).toBe(false);
    expectAnswersQuoteTheirRequests(trace);
  });

  it('does run one registration timer, owned by Interaction Server, with a 30 s deadline', () => {
    for (const branch of Object.keys(REGISTRATION)) {
      const found = timers(runOf('registration', branch));
      expect(found.length, branch).toBe(2);
      for (const t of found) {
        expect([t.timer, t.owner, t.deadline], branch).toEqual([
          'registration-timer',
          'interaction-server',
          30_000
        ]);
      }
    }
  });

  it('does carry the cast’s client, ReferenceIds and error codes', () => {
    const valid = runOf('registration', 'valid');
    expect(
      valuesOf(valid, 'RequestRegisterClient', ['ReferenceId', 'ClientName', 'ClientType'])
    ).toEqual([[1, 'AgentDesktop_1001', 'AgentApplication']]);
    expect(valuesOf(valid, 'EventAck', ['ReferenceId', 'ProxyClientId'])).toEqual([[1, 7]]);
    const codes = (branch: string) =>
      valuesOf(runOf('registration', branch), 'EventError', ['ReferenceId', 'ErrorCode']);
    expect(codes('invalid-client')).toEqual([[1, 51]]);
    expect(codes('not-registered')).toEqual([[1, 52]]);
    expect(codes('invalid-then-not-registered')).toEqual([
      [1, 51],
      [2, 52]
    ]);
    const twice = runOf('registration', 'invalid-then-not-registered');
    expect(valuesOf(twice, 'RequestAgentLogin', ['ReferenceId', 'AgentId', 'PlaceId'])).toEqual([
      [2, 'agent-1001', 'place-1001']
    ]);
  });

  it('does send at the response time and disconnect exactly at the deadline', () => {
    const valid = runOf('registration', 'valid', { timeoutS: 12, responseS: 3.5 });
    expect(messages(valid).map((e) => [e.message.name, e.at])).toEqual([
      ['RequestRegisterClient', 3_500],
      ['EventAck', 3_500]
    ]);
    expect(timers(valid).map((t) => [t.action, t.at, t.deadline])).toEqual([
      ['started', 0, 12_000],
      ['cancelled', 3_500, 12_000]
    ]);
    const twice = runOf('registration', 'invalid-then-not-registered', {
      timeoutS: 12,
      responseS: 3.5
    });
    expect(messages(twice).map((e) => [e.message.name, e.at])).toEqual([
      ['RequestRegisterClient', 3_500],
      ['EventError', 3_500],
      ['RequestAgentLogin', 7_000],
      ['EventError', 7_000]
    ]);
    // The second message does not restart the timer: it measures the time to register.
    expect(timers(twice).map((t) => [t.action, t.at, t.deadline])).toEqual([
      ['started', 0, 12_000],
      ['expired', 12_000, 12_000]
    ]);
    expect(twice.entries.at(-1)?.at).toBe(12_000);
  });

  // The page's timeout is in its Unsuccessful Registration phase: a client that never registers
  // in time ends there, whatever it meant to send.
  it.each([
    { branch: 'valid', timing: { timeoutS: 5, responseS: 8 } },
    { branch: 'invalid-client', timing: { timeoutS: 5, responseS: 8 } },
    { branch: 'not-registered', timing: { timeoutS: 5, responseS: 8 } },
    { branch: 'valid', timing: { timeoutS: 8, responseS: 8 } }
  ])(
    'does disconnect a client whose message is due at or after the deadline ($branch, $timing.responseS s against $timing.timeoutS s)',
    ({ branch, timing }) => {
      const trace = runOf('registration', branch, timing);
      const first = branch === 'valid' ? SUCCESSFUL : UNSUCCESSFUL;
      expect(trace.entries.map(row)).toEqual(
        expand([first, 0, CONNECTED], [UNSUCCESSFUL, timing.timeoutS, EXPIRED])
      );
      expect(messages(trace)).toEqual([]);
      expect(trace.lateAnswer).toBe(true);
    }
  );

  it('does disconnect before a second message that is due after the deadline', () => {
    const trace = runOf('registration', 'invalid-then-not-registered', {
      timeoutS: 5,
      responseS: 3
    });
    expect(trace.entries.map(row)).toEqual(
      expand(
        [UNSUCCESSFUL, 0, CONNECTED],
        [UNSUCCESSFUL, 3, [REGISTER, ERROR]],
        [UNSUCCESSFUL, 5, EXPIRED]
      )
    );
    expect(trace.lateAnswer).toBe(true);
  });
});

// login-logout.md: one version, both phases, every message at t = 0.
const LOGIN_LOGOUT: Part[] = [
  [
    'agent-logs-in',
    0,
    [
      `agent-application → interaction-server RequestAgentLogin (${IM}) documented`,
      'interaction-server → reporting-engine EventAgentLogin (Reporting) documented',
      `interaction-server → agent-application EventAck (${IM}) documented`,
      'reporting-engine → interaction-server EventCurrentAgentStatus (Reporting) documented',
      `agent-application → interaction-server-2 RequestAgentAvailable (${IM}) documented`,
      `interaction-server-2 → agent-application EventAck (${IM}) modeled`,
      'interaction-server → agent-application EventCurrentAgentStatus (Reporting) documented'
    ]
  ],
  [
    'agent-logs-out',
    0,
    [
      `agent-application → interaction-server RequestAgentLogout (${IM}) documented`,
      'interaction-server → reporting-engine EventAgentLogout (Reporting) documented',
      `interaction-server → agent-application EventAck (${IM}) documented`,
      `agent-application → interaction-server-2 RequestAgentNotAvailable (${IM}) documented`,
      `interaction-server-2 → agent-application EventAck (${IM}) modeled`
    ]
  ]
];

describe('the login-logout model', () => {
  const trace = runOf('login-logout', 'two-servers');

  it('does log in and then out, arrow for arrow, in one run', () => {
    expect(trace.entries.map(row)).toEqual(expand(...LOGIN_LOGOUT));
    expect(trace.outcome).toBe('two-servers');
    expect(timers(trace)).toEqual([]);
    expectAnswersQuoteTheirRequests(trace);
  });

  it('does number the four requests 1 to 4 and relay the status unchanged', () => {
    const requests = messages(trace).filter((e) => e.message.name.startsWith('Request'));
    expect(requests.map((e) => [e.message.name, attribute(e, 'ReferenceId')])).toEqual([
      ['RequestAgentLogin', 1],
      ['RequestAgentAvailable', 2],
      ['RequestAgentLogout', 3],
      ['RequestAgentNotAvailable', 4]
    ]);
    expect(valuesOf(trace, 'EventAck', ['ReferenceId'])).toEqual([[1], [2], [3], [4]]);
    const [status, relayed] = messages(trace).filter(
      (e) => e.message.name === 'EventCurrentAgentStatus'
    );
    expect(attribute(status, 'AgentId')).toBe('agent-1001');
    expect(relayed?.message.attributes).toEqual(status?.message.attributes);
  });
});

// reporting-engine-connects.md: one phase; with two servers the reporting engine finishes with
// server 1 before it connects to server 2.
const REPORTING = 'reporting-engine-connects';
/** One server's part; its request and EventAck are documented for server 1, modeled for 2. */
const reportingRows = (server: string, asked: 'documented' | 'modeled') => [
  `reporting-engine connects ${server} documented`,
  `reporting-engine → ${server} RequestStartPlaceAgentReportingAll (Reporting) ${asked}`,
  `${server} → reporting-engine EventAck (${IM}) ${asked}`,
  `${server} → reporting-engine EventPlaceAgentState (Reporting) documented`,
  `reporting-engine → ${server} EventCurrentAgentStatus (Reporting) documented`,
  `${server} → agent-application EventCurrentAgentStatus (Reporting) documented`
];
const firstServer = reportingRows('interaction-server', 'documented');

describe('the reporting-engine-connects model', () => {
  it.each([
    { branch: 'one-server', rows: firstServer },
    {
      branch: 'two-servers',
      rows: [...firstServer, ...reportingRows('interaction-server-2', 'modeled')]
    }
  ])('does $branch arrow for arrow', ({ branch, rows }) => {
    const trace = runOf(REPORTING, branch);
    expect(trace.entries.map(row)).toEqual(expand([REPORTING, 0, rows]));
    expect(trace.outcome).toBe(branch);
    expect(timers(trace)).toEqual([]);
    expectAnswersQuoteTheirRequests(trace);
  });

  it('does relay the same EventCurrentAgentStatus it was sent, to the agent application', () => {
    const trace = runOf(REPORTING, 'two-servers');
    expect(valuesOf(trace, 'RequestStartPlaceAgentReportingAll', ['ReferenceId'])).toEqual([
      [1],
      [2]
    ]);
    const statuses = messages(trace).filter((e) => e.message.name === 'EventCurrentAgentStatus');
    expect(statuses.map((e) => e.to)).toEqual([
      'interaction-server',
      'agent-application',
      'interaction-server-2',
      'agent-application'
    ]);
    for (const e of statuses) {
      expect(e.message.attributes).toEqual(statuses[0]?.message.attributes);
    }
    expect(attribute(statuses[0], 'AgentId')).toBe('agent-1001');
    expect(valuesOf(trace, 'EventPlaceAgentState', ['AgentId', 'PlaceId'])).toEqual([
      ['agent-1001', 'place-1001'],
      ['agent-1001', 'place-1001']
    ]);
  });
});

// disconnection-and-failover.md: two versions; the failover's second phase is the restart.
const FAILOVER: Record<string, Part[]> = {
  'agent-disconnects': [
    [
      'agent-disconnects',
      0,
      [
        'agent-application disconnects interaction-server documented',
        'interaction-server → reporting-engine EventAgentLogout (Reporting) documented'
      ]
    ]
  ],
  'server-fails-over': [
    [
      'interaction-server-disconnects',
      0,
      [
        'interaction-server disconnects agent-application documented',
        'interaction-server disconnects reporting-engine documented',
        'agent-application connects interaction-server-2 documented',
        `agent-application → interaction-server-2 RequestAgentLogin (${IM}) modeled`,
        'interaction-server-2 → reporting-engine EventAgentLogin (Reporting) documented',
        `interaction-server-2 → agent-application EventAck (${IM}) documented`,
        'interaction-server-2 becomes-primary documented'
      ]
    ],
    [
      'interaction-server-restarts',
      0,
      [
        'interaction-server restarts documented',
        'agent-application connects interaction-server documented',
        `agent-application → interaction-server RequestAgentAvailable (${IM}) documented`,
        `interaction-server → agent-application EventAck (${IM}) documented`,
        'interaction-server becomes-secondary documented'
      ]
    ]
  ]
};

describe('the disconnection-and-failover model', () => {
  it.each(Object.entries(FAILOVER))('does %s arrow for arrow', (branch, parts) => {
    const trace = runOf('disconnection-and-failover', branch);
    expect(trace.entries.map(row)).toEqual(expand(...parts));
    expect(trace.outcome).toBe(branch);
    expect(timers(trace)).toEqual([]);
    expectAnswersQuoteTheirRequests(trace);
  });

  it('does give becoming primary or secondary, and restarting, no peer', () => {
    const trace = runOf('disconnection-and-failover', 'server-fails-over');
    const events = trace.entries.flatMap((e) => (e.kind === 'lifeline' ? [e] : []));
    for (const e of events) {
      const connection = e.event === 'connects' || e.event === 'disconnects';
      expect(e.peer !== undefined, `${e.lifeline} ${e.event}`).toBe(connection);
    }
  });

  it('does carry the cast’s agent and number the two requests 1 and 2', () => {
    const trace = runOf('disconnection-and-failover', 'server-fails-over');
    expect(valuesOf(trace, 'RequestAgentLogin', ['ReferenceId', 'TenantId', 'AgentId'])).toEqual([
      [1, 101, 'agent-1001']
    ]);
    expect(valuesOf(trace, 'RequestAgentAvailable', ['ReferenceId', 'PlaceId'])).toEqual([
      [2, 'place-1001']
    ]);
    expect(valuesOf(trace, 'EventAck', ['ReferenceId'])).toEqual([[1], [2]]);
    const logout = runOf('disconnection-and-failover', 'agent-disconnects');
    expect(valuesOf(logout, 'EventAgentLogout', ['AgentId', 'PlaceId'])).toEqual([
      ['agent-1001', 'place-1001']
    ]);
  });
});
