import { emit, log, setup } from 'xstate';
import { demoCaseV1, demoCaseV2 } from '../../../../test/fixtures/demo-case.machine';
import { WorkingDayCalendar } from '../calendar';
import { DomainError, DomainErrorCode } from '../errors';
import { DEFAULT_STATUTORY_SETTINGS } from '../settings';
import { WorkflowRegistry } from './registry';
import { canonicalJson, replayJournal } from './replay';
import { clockFixture } from './testing/clock-fixture.machine';
import { fixtureEnv, FixtureWalk, metaAt, refusalOf } from './testing/fixture-walk';
import {
  allowedEvents,
  applyEvent,
  describeSnapshot,
  forceState,
  restore,
  startWorkflow,
  stateValueOf,
  TransitionEnv,
  TransitionOutcome,
} from './transition';
import {
  ENGINE_EFFECTS,
  ENGINE_EVENTS,
  type EventMeta,
  type WorkflowDefinition,
  type WorkflowEvent,
} from './workflow-definition';

const env: TransitionEnv = { settings: DEFAULT_STATUTORY_SETTINGS, calendar: new WorkingDayCalendar() };
const meta = (at: string, eventId = at): EventMeta => ({
  at,
  eventId,
  actor: { sub: 'u1', role: 'coordinator' },
});
const input = {
  reference: 'DEMO-1',
  area: 'north',
  receivedAt: '2026-11-20T10:00:00Z',
  webhookUrl: 'http://x',
};
const ev = (type: string, payload: Record<string, unknown>, at = '2026-11-23T09:00:00Z'): WorkflowEvent => ({
  type,
  ...payload,
  meta: meta(at),
});

function codeOf(fn: () => unknown): DomainErrorCode | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return undefined;
}

describe('startWorkflow', () => {
  it('opens the screening clock one working day after a Friday receipt: due Monday, missed at London midnight', () => {
    const started = startWorkflow(demoCaseV1, input, meta('2026-11-20T10:00:00Z'), env);
    expect(started.state).toBe('screening');
    expect(started.status).toBe('active');
    expect(started.deadlines).toEqual([
      {
        kind: 'demo-screening',
        ladder: 'demo-screening',
        anchorDate: '2026-11-20',
        dueDate: '2026-11-23',
        dueAt: '2026-11-24T00:00:00.000Z',
      },
    ]);
    expect(started.area).toBe('north');
    expect(started.reference).toBe('DEMO-1');
    expect(started.stuckAfterHours).toBe(48);
    expect(started.allowedEvents).toEqual(['case.decided', 'note.added']);
  });

  it('computes a due instant in British Summer Time as 23:00 UTC', () => {
    const started = startWorkflow(
      demoCaseV1,
      { ...input, receivedAt: '2026-06-04T10:00:00Z' },
      meta('x'),
      env,
    );
    expect(started.deadlines[0]).toMatchObject({ dueDate: '2026-06-05', dueAt: '2026-06-05T23:00:00.000Z' });
  });

  it('rejects input with unknown or invalid fields, naming the fields', () => {
    expect(codeOf(() => startWorkflow(demoCaseV1, { ...input, childName: 'x' }, meta('x'), env))).toBe(
      DomainErrorCode.InvalidInput,
    );
    expect(codeOf(() => startWorkflow(demoCaseV1, { ...input, receivedAt: 'soon' }, meta('x'), env))).toBe(
      DomainErrorCode.InvalidInput,
    );
  });
});

describe('applyEvent', () => {
  // Built in each test, not when the suite is collected, so mutation testing credits each test.
  let started: TransitionOutcome;
  beforeEach(() => {
    started = startWorkflow(demoCaseV1, input, meta('2026-11-20T10:00:00Z'), env);
  });

  it('moves on, declares the effect and closes the clock the new state does not declare', () => {
    const next = applyEvent(demoCaseV1, started.snapshot, ev('case.decided', { decision: 'accept' }), env);
    expect(next.state).toBe('decided');
    expect(next.changed).toBe(true);
    expect(next.deadlines).toEqual([]);
    expect(next.effects).toEqual([
      { type: 'webhook.post', url: 'http://x', body: { reference: 'DEMO-1', decision: 'accept' } },
    ]);
    expect(next.snapshot.context).toMatchObject({ decision: 'accept', decidedAt: '2026-11-23T09:00:00Z' });
  });

  it('answers 422 when a guard refuses, 409 when the state does not take the event, 400 for unknown or malformed events', () => {
    expect(
      codeOf(() => applyEvent(demoCaseV1, started.snapshot, ev('case.decided', { decision: 'reject' }), env)),
    ).toBe(DomainErrorCode.GuardRejected);
    expect(codeOf(() => applyEvent(demoCaseV1, started.snapshot, ev('case.closed', {}), env))).toBe(
      DomainErrorCode.EventNotAccepted,
    );
    expect(codeOf(() => applyEvent(demoCaseV1, started.snapshot, ev('case.exploded', {}), env))).toBe(
      DomainErrorCode.InvalidInput,
    );
    expect(
      codeOf(() => applyEvent(demoCaseV1, started.snapshot, ev('case.decided', { decision: 'maybe' }), env)),
    ).toBe(DomainErrorCode.InvalidInput);
    expect(codeOf(() => applyEvent(demoCaseV1, started.snapshot, ev('case.closed', { extra: 1 }), env))).toBe(
      DomainErrorCode.InvalidInput,
    );
  });

  it("adds a definition's refusal details to the 422, keeping the guard names in rules", () => {
    const explaining = {
      ...demoCaseV1,
      refusalDetails: (_context: unknown, event: WorkflowEvent) => ({
        violations: [{ rule: 'reason-required', decision: event.decision }],
        rules: ['ignored'],
      }),
    };
    let refusal: unknown;
    try {
      applyEvent(explaining, started.snapshot, ev('case.decided', { decision: 'reject' }), env);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(DomainError);
    expect((refusal as DomainError).code).toBe(DomainErrorCode.GuardRejected);
    expect((refusal as DomainError).extensions).toEqual({
      violations: [{ rule: 'reason-required', decision: 'reject' }],
      rules: ['rejectionHasReason'],
    });
    // Not consulted when the event is accepted, nor for a state that does not take it (409).
    const asked = jest.fn(() => ({}));
    applyEvent({ ...demoCaseV1, refusalDetails: asked }, started.snapshot, ev('case.decided', { decision: 'accept' }), env);
    expect(codeOf(() => applyEvent({ ...demoCaseV1, refusalDetails: asked }, started.snapshot, ev('case.closed', {}), env))).toBe(
      DomainErrorCode.EventNotAccepted,
    );
    expect(asked).not.toHaveBeenCalled();
  });

  it('records a deadline step the machine does not handle and escalates it without changing state', () => {
    const step = applyEvent(
      demoCaseV1,
      started.snapshot,
      ev('deadline.step', { kind: 'demo-screening', step: 'due', deadlineId: 'd1' }),
      env,
    );
    expect(step.changed).toBe(false);
    expect(step.state).toBe('screening');
    expect(step.effects).toEqual([
      { type: 'deadline.escalate', kind: 'demo-screening', step: 'due', deadlineId: 'd1' },
    ]);
  });

  it('accepts nothing once finished', () => {
    const decided = applyEvent(demoCaseV1, started.snapshot, ev('case.decided', { decision: 'accept' }), env);
    const closed = applyEvent(demoCaseV1, decided.snapshot, ev('case.closed', {}), env);
    expect(closed.status).toBe('done');
    expect(closed.allowedEvents).toEqual([]);
    expect(codeOf(() => applyEvent(demoCaseV1, closed.snapshot, ev('note.added', { text: 'x' }), env))).toBe(
      DomainErrorCode.EventNotAccepted,
    );
  });
});

describe('replayJournal and versions', () => {
  let registry: WorkflowRegistry;
  beforeEach(() => {
    registry = new WorkflowRegistry([demoCaseV1, demoCaseV2]);
  });

  it('gives new instances the newest version and keeps the old one for running instances', () => {
    expect(registry.latest('demo-case').version).toBe(2);
    expect(registry.get('demo-case', 1)).toBe(demoCaseV1);
  });

  it('reproduces the stored snapshot from the journal across a migration from v1 to v2', () => {
    const m0 = meta('2026-11-20T10:00:00Z', 'e0');
    let snap = startWorkflow(demoCaseV1, input, m0, env).snapshot;
    const m1 = meta('2026-11-20T11:00:00Z', 'e1');
    snap = applyEvent(demoCaseV1, snap, { type: 'note.added', text: 'a', meta: m1 }, env).snapshot;
    snap = demoCaseV2.migration!.migrate(snap);
    const m2 = meta('2026-11-23T09:00:00Z', 'e2');
    const decided = applyEvent(demoCaseV2, snap, { type: 'case.decided', decision: 'accept', meta: m2 }, env);
    expect(decided.state).toBe('review');
    expect(decided.deadlines.map((d) => [d.kind, d.dueDate])).toEqual([['demo-review', '2026-12-23']]);

    const replayed = replayJournal(
      'demo-case',
      [
        { seq: 1, eventType: 'workflow.started', payload: input, meta: m0, machineVersion: 1 },
        { seq: 2, eventType: 'note.added', payload: { text: 'a' }, meta: m1, machineVersion: 1 },
        {
          seq: 3,
          eventType: 'engine.migrated',
          payload: { fromVersion: 1, toVersion: 2 },
          meta: m1,
          machineVersion: 2,
        },
        { seq: 4, eventType: 'case.decided', payload: { decision: 'accept' }, meta: m2, machineVersion: 2 },
      ],
      registry,
      env,
    );
    expect(canonicalJson(replayed)).toBe(canonicalJson(decided.snapshot));
  });
});

// ----------------------------------------------------------------------------------------------
// The clock fixture (testing/clock-fixture.machine.ts): a Friday 20 Nov 2026 15:00 (GMT) receipt.

const FRIDAY = '2026-11-20T15:00:00Z';
const fixtureInput = { reference: 'FIX-1', area: 'north', receivedAt: FRIDAY };
const INTAKE = 'intake.safety.watching & intake.screening.open';
const started = () => new FixtureWalk(clockFixture, fixtureInput, FRIDAY);
const inConference = (input: Record<string, unknown> = fixtureInput) =>
  new FixtureWalk(clockFixture, input, FRIDAY).send(
    'conference.scheduled',
    { conferenceDate: '2026-12-10', strategyDate: '2026-11-20' },
    '2026-11-23T09:00:00Z',
  );

describe('an outcome', () => {
  it('opens two clocks at once in parallel regions (the first declaration of a kind wins) and takes the shortest stuck limit', () => {
    const first = started().last;
    expect(first.state).toBe(INTAKE);
    expect(first.status).toBe('active');
    expect(first.changed).toBe(true);
    expect(first.deadlines).toEqual([
      {
        kind: 'enquiry-response',
        ladder: 'enquiry-response',
        anchorDate: '2026-11-20',
        dueDate: '2026-11-23',
        dueAt: '2026-11-23T15:00:00.000Z',
      },
      {
        kind: 'screening',
        ladder: 'screening',
        anchorDate: '2026-11-20',
        dueDate: '2026-11-23',
        dueAt: '2026-11-24T00:00:00.000Z',
      },
    ]);
    expect(first.stuckAfterHours).toBe(12); // screening 48, safety 12
    expect(first.allowedEvents).toEqual(['conference.scheduled', 'screened']);
    expect(first.effects).toEqual([{ type: 'notify', template: 'fixture.received', reference: 'FIX-1' }]);
    expect(first.area).toBe('north');
    expect(first.reference).toBe('FIX-1');
    expect(first.snapshot).toMatchObject({
      status: 'active',
      value: { intake: { screening: 'open', safety: 'watching' } },
    });
  });

  it('closes a clock whose state is left and keeps the one still declared: the other declaration of the kind takes over', () => {
    const screened = started().send('screened', { reason: 'Known to services' }, '2026-11-23T09:00:00Z').last;
    expect(screened.state).toBe('intake.safety.watching & intake.screening.done');
    expect(screened.deadlines.map((d) => [d.kind, d.dueDate])).toEqual([['screening', '2026-12-04']]);
    expect(screened.stuckAfterHours).toBe(12);
    expect(screened.effects).toEqual([]);
  });

  it('opens keyed, earliest-of and hour clocks as the context fills, and moves them with their anchor', () => {
    const walk = inConference({ ...fixtureInput, expectedDeliveryDate: '2027-01-20' })
      .send('report.expected', { agencyId: 'police' }, '2026-11-23T10:00:00Z')
      .send('report.expected', { agencyId: 'health' }, '2026-11-23T10:05:00Z')
      .send('invitation.drafted', { inviteeId: 'person-1' }, '2026-11-23T11:00:00Z');
    // The invitation has no clock until it is sent; the pre-birth limit (EDD − 6 weeks) beats 15 working days.
    expect(walk.last.deadlines.map((d) => [d.kind, d.key, d.anchorDate, d.dueDate])).toEqual([
      ['agency-report', 'health', '2026-12-10', '2026-12-07'],
      ['agency-report', 'police', '2026-12-10', '2026-12-07'],
      ['icpc', undefined, '2027-01-20', '2026-12-09'],
    ]);
    walk
      .send('invitation.sent', { inviteeId: 'person-1' }, '2026-11-23T12:00:00Z')
      .send('breach.noticed', {}, '2026-11-27T16:00:00Z')
      .send('conference.scheduled', { conferenceDate: '2026-12-15' }, '2026-11-30T09:00:00Z');
    expect(walk.last.deadlines.map((d) => [d.kind, d.key, d.dueDate, d.dueAt])).toEqual([
      ['agency-report', 'health', '2026-12-10', '2026-12-11T00:00:00.000Z'],
      ['agency-report', 'police', '2026-12-10', '2026-12-11T00:00:00.000Z'],
      ['breach-report', undefined, '2026-11-30', '2026-11-30T16:00:00.000Z'],
      ['icpc', undefined, '2026-12-09', '2026-12-10T00:00:00.000Z'],
      ['invitation-reply', 'person-1', '2026-11-30', '2026-12-01T00:00:00.000Z'],
    ]);
    expect(walk.last.stuckAfterHours).toBe(72);
  });

  it('has no deadlines and no stuck limit once finished, whatever its final state declares', () => {
    const walk = inConference()
      .send('report.expected', { agencyId: 'police' }, '2026-11-23T10:00:00Z')
      .send('report.received', { agencyId: 'police' }, '2026-12-01T10:00:00Z');
    expect(walk.last.deadlines.map((d) => d.kind)).toEqual(['icpc']);
    const held = walk.send('conference.held', {}, '2026-12-10T12:00:00Z').last;
    expect(held.status).toBe('done');
    expect(held.state).toBe('held');
    expect(held.deadlines).toEqual([]);
    expect(held.stuckAfterHours).toBeUndefined();
    expect(held.allowedEvents).toEqual([]);
  });

  it('is not changed by a deadline step the machine leaves to the engine, and carries the step (its key included) into the escalation', () => {
    const walk = inConference().send('report.expected', { agencyId: 'police' }, '2026-11-23T10:00:00Z');
    const step = {
      deadlineId: 'd-1',
      kind: 'agency-report',
      key: 'police',
      stepId: 'due',
      step: 'due',
      occurrence: 0,
    };
    const escalated = walk.send(ENGINE_EVENTS.deadlineStep, step, '2026-12-08T00:00:00Z').last;
    expect(escalated.changed).toBe(false);
    expect(escalated.effects).toEqual([{ type: ENGINE_EFFECTS.deadlineEscalate, ...step }]);
    expect(escalated.snapshot).toEqual(walk.outcomes[walk.outcomes.length - 2]!.snapshot);
    expect(escalated.deadlines).toEqual(walk.outcomes[walk.outcomes.length - 2]!.deadlines);
  });

  it('describes a stored snapshot without effects and as unchanged', () => {
    const first = started().last;
    const described = describeSnapshot(clockFixture, first.snapshot, fixtureEnv);
    expect(described).toEqual({ ...first, effects: [], changed: false });
  });

  it('refuses to write anything when the machine itself fails (a defect, never a client error)', () => {
    expect(() =>
      startWorkflow(clockFixture, { ...fixtureInput, breakTheMachine: true }, metaAt(FRIDAY), fixtureEnv),
    ).toThrow('Machine clock-fixture v1 entered an error state');
  });
});

describe('refusals and what they say', () => {
  it('400 for an event the process does not have, listing the ones it has', () => {
    expect(refusalOf(() => started().send('conference.exploded', {}, FRIDAY))).toEqual({
      code: DomainErrorCode.InvalidInput,
      message: "'conference.exploded' is not an event of clock-fixture",
      extensions: {
        errors: [
          {
            field: 'type',
            messages: [
              'type must be one of: screened, conference.scheduled, report.expected, report.received, invitation.drafted, invitation.sent, breach.noticed, conference.held, conference.quorate',
            ],
          },
        ],
      },
    });
  });

  it('400 for a malformed payload or a field an event without payload does not take, naming the fields only', () => {
    expect(
      refusalOf(() => inConference().send('report.expected', { agencyId: 'the-press' }, FRIDAY)),
    ).toEqual({
      code: DomainErrorCode.InvalidInput,
      message: 'event failed validation',
      extensions: {
        errors: [{ field: 'agencyId', messages: [expect.stringContaining('agencyId must be one of')] }],
      },
    });
    expect(refusalOf(() => inConference().send('breach.noticed', { extra: 1 }, FRIDAY))).toEqual({
      code: DomainErrorCode.InvalidInput,
      message: 'event failed validation',
      extensions: { errors: [{ field: 'extra', messages: ['property extra should not exist'] }] },
    });
    expect(
      refusalOf(() =>
        startWorkflow(clockFixture, { ...fixtureInput, reference: 'X' }, metaAt(FRIDAY), fixtureEnv),
      ),
    ).toEqual({
      code: DomainErrorCode.InvalidInput,
      message: 'input failed validation',
      extensions: { errors: [{ field: 'reference', messages: [expect.any(String)] }] },
    });
  });

  it('409 for an event the current state does not take, with the state and what it would take', () => {
    expect(refusalOf(() => started().send('conference.quorate', {}, FRIDAY))).toEqual({
      code: DomainErrorCode.EventNotAccepted,
      message: `State '${INTAKE}' does not accept 'conference.quorate'`,
      extensions: { state: INTAKE, allowedEvents: ['conference.scheduled', 'screened'] },
    });
    expect(refusalOf(() => started().send('conference.held', {}, FRIDAY))).toMatchObject({
      code: DomainErrorCode.EventNotAccepted,
      extensions: { state: INTAKE },
    });
  });

  it('409 for any event, engine steps included, once the workflow has finished', () => {
    const held = inConference().send('conference.held', {}, '2026-12-10T12:00:00Z');
    for (const type of ['report.expected', ENGINE_EVENTS.deadlineStep]) {
      expect(
        refusalOf(() => held.send(type, type === 'report.expected' ? { agencyId: 'police' } : {}, FRIDAY)),
      ).toEqual({
        code: DomainErrorCode.EventNotAccepted,
        message: `The workflow has finished; it accepts no '${type}'`,
        extensions: {},
      });
    }
  });

  it('422 naming the guard, whether given as a name or as an object with params', () => {
    expect(refusalOf(() => started().send('screened', {}, FRIDAY))).toEqual({
      code: DomainErrorCode.GuardRejected,
      message: "The rules of the process do not allow 'screened' now",
      extensions: { rules: ['screeningHasReason'] },
    });
    expect(refusalOf(() => inConference().send('report.received', { agencyId: 'school' }, FRIDAY))).toEqual({
      code: DomainErrorCode.GuardRejected,
      message: "The rules of the process do not allow 'report.received' now",
      extensions: { rules: ['reportIsExpected'] },
    });
  });

  it('422 with no name for an unnamed guard: the state takes the event, its rule does not allow it now', () => {
    const waiting = inConference().send('report.expected', { agencyId: 'police' }, '2026-11-23T10:00:00Z');
    // Strictly: toEqual would take [undefined] for [].
    expect(refusalOf(() => waiting.send('conference.held', {}, FRIDAY))).toStrictEqual({
      code: DomainErrorCode.GuardRejected,
      message: "The rules of the process do not allow 'conference.held' now",
      extensions: { rules: [] },
    });
  });
});

describe('forceState (a manager moves a workflow by force)', () => {
  it('puts the machine in the named state with its context unchanged, runs no action and recomputes clocks', () => {
    const walk = started();
    const forced = forceState(clockFixture, walk.last.snapshot, 'conference', fixtureEnv);
    expect(forced.state).toBe('conference');
    expect(forced.changed).toBe(true);
    expect(forced.effects).toEqual([]);
    expect(forced.snapshot.context).toEqual(walk.last.snapshot.context);
    expect(forced.deadlines).toEqual([]); // no strategy date, no EDD, no reports yet
    expect(forced.stuckAfterHours).toBe(72);
    expect(forced.allowedEvents).toEqual([
      'breach.noticed',
      'conference.held',
      'conference.scheduled',
      'invitation.drafted',
      'invitation.sent',
      'report.expected',
      'report.received',
    ]);
  });

  it('enters a nested state by its dot path, the other regions taking their initial states', () => {
    const forced = forceState(
      clockFixture,
      inConference().last.snapshot,
      'intake.screening.done',
      fixtureEnv,
    );
    expect(forced.state).toBe('intake.safety.watching & intake.screening.done');
    expect(forced.deadlines.map((d) => [d.kind, d.dueDate])).toEqual([['screening', '2026-12-04']]);
  });

  it('may finish the workflow, which then has no clocks', () => {
    const forced = forceState(clockFixture, started().last.snapshot, 'held', fixtureEnv);
    expect(forced.status).toBe('done');
    expect(forced.deadlines).toEqual([]);
    expect(forced.stuckAfterHours).toBeUndefined();
  });

  it.each([
    'nowhere',
    'intake.nowhere',
    'intake..screening',
    'conference.',
    '.conference',
    '',
    '1intake',
    'intake/screening',
    'held.after',
  ])("answers 422 for '%s', a state the process does not have", (target) => {
    expect(refusalOf(() => forceState(clockFixture, started().last.snapshot, target, fixtureEnv))).toEqual({
      code: DomainErrorCode.GuardRejected,
      message: `clock-fixture has no state '${target}'`,
      extensions: { rules: ['stateExists'] },
    });
  });
});

describe('stateValueOf', () => {
  it('turns a dot path into a state value', () => {
    expect(stateValueOf('held')).toBe('held');
    expect(stateValueOf('intake.screening.done')).toEqual({ intake: { screening: 'done' } });
  });
});

describe('allowedEvents and restore', () => {
  it('lists the events of the definition the active states handle, sorted, and none once finished', () => {
    const snapshot = restore(clockFixture, started().last.snapshot);
    expect(allowedEvents(clockFixture, snapshot)).toEqual(['conference.scheduled', 'screened']);
    const held = restore(
      clockFixture,
      forceState(clockFixture, started().last.snapshot, 'held', fixtureEnv).snapshot,
    );
    expect(allowedEvents(clockFixture, held)).toEqual([]);
  });

  it('leaves out events a state handles that the definition does not offer to clients', () => {
    const narrowed = { ...clockFixture, events: { screened: clockFixture.events.screened! } };
    expect(allowedEvents(narrowed, restore(clockFixture, started().last.snapshot))).toEqual(['screened']);
  });
});

describe('a definition that leaves things out', () => {
  it('has no area and no reference when the definition does not say how to read them', () => {
    const { areaOf: _areaOf, referenceOf: _referenceOf, ...unscoped } = clockFixture;
    const first = startWorkflow(unscoped, fixtureInput, metaAt(FRIDAY), fixtureEnv);
    expect(first.area).toBeNull();
    expect(first.reference).toBeNull();
    expect(first.state).toBe(INTAKE);
  });

  it('422 with no rule named when a child state forbids an event its parent takes', () => {
    const machine = setup({}).createMachine({
      id: 'forbidding',
      initial: 'open',
      states: {
        open: {
          initial: 'locked',
          on: { 'case.closed': '.unlocked' },
          states: { locked: { on: { 'case.closed': {} } }, unlocked: {} },
        },
      },
    });
    const forbidding: WorkflowDefinition = {
      type: 'forbidding',
      version: 1,
      machine,
      input: clockFixture.input,
      events: { 'case.closed': null },
    };
    const persisted = { status: 'active' as const, value: { open: 'locked' }, context: {} };
    expect(
      refusalOf(() => applyEvent(forbidding, persisted, { type: 'case.closed', meta: metaAt(FRIDAY) }, fixtureEnv)),
    ).toStrictEqual({
      code: DomainErrorCode.GuardRejected,
      message: "The rules of the process do not allow 'case.closed' now",
      extensions: { rules: [] },
    });
  });

  it('422 naming the guard of a transition that only blocks the event (no target, no actions)', () => {
    const machine = setup({ guards: { closingIsBlocked: () => true } }).createMachine({
      id: 'blocking',
      initial: 'open',
      states: { open: { on: { 'case.closed': { guard: 'closingIsBlocked' } } } },
    });
    const blocking: WorkflowDefinition = {
      type: 'blocking',
      version: 1,
      machine,
      input: clockFixture.input,
      events: { 'case.closed': null },
    };
    const persisted = { status: 'active' as const, value: 'open', context: {} };
    expect(
      refusalOf(() => applyEvent(blocking, persisted, { type: 'case.closed', meta: metaAt(FRIDAY) }, fixtureEnv)),
    ).toEqual({
      code: DomainErrorCode.GuardRejected,
      message: "The rules of the process do not allow 'case.closed' now",
      extensions: { rules: ['closingIsBlocked'] },
    });
  });
});

describe('effects', () => {
  it('are only what the machine emits: its other actions (a log, a named action) are not effects', () => {
    const remembered = jest.fn();
    const machine = setup({
      types: { emitted: {} as { type: 'notify'; template: string } },
      actions: { remember: remembered },
    }).createMachine({
      id: 'noisy',
      initial: 'open',
      states: {
        open: {
          on: {
            'case.closed': {
              target: 'closed',
              actions: [log('closing'), 'remember', emit({ type: 'notify', template: 'noisy.closed' })],
            },
          },
        },
        closed: {},
      },
    });
    const noisy: WorkflowDefinition = {
      type: 'noisy',
      version: 1,
      machine,
      input: clockFixture.input,
      events: { 'case.closed': null },
    };
    const persisted = { status: 'active' as const, value: 'open', context: {} };
    const closed = applyEvent(noisy, persisted, { type: 'case.closed', meta: metaAt(FRIDAY) }, fixtureEnv);
    expect(closed.state).toBe('closed');
    expect(closed.effects).toEqual([{ type: 'notify', template: 'noisy.closed' }]);
    expect(remembered).not.toHaveBeenCalled();
  });
});
