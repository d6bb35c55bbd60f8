import { demoCaseV1, demoCaseV2 } from '../../../../test/fixtures/demo-case.machine';
import { WorkflowRegistry } from './registry';
import { canonicalJson, JournalEntryForReplay, replayJournal, replaySteps } from './replay';
import { clockFixture } from './testing/clock-fixture.machine';
import { fixtureEnv, FixtureWalk, metaAt } from './testing/fixture-walk';
import { applyEvent, describeSnapshot, startWorkflow } from './transition';
import { ENGINE_EVENTS } from './workflow-definition';

// Built in each test, not when the suite is collected, so mutation testing credits each test.
let registry: WorkflowRegistry;
beforeEach(() => {
  registry = new WorkflowRegistry([clockFixture, demoCaseV1, demoCaseV2]);
});
const FRIDAY = '2026-11-20T15:00:00Z';

/** A conference with every kind of clock open at some point, a forced move, a step and a resolved incident. */
function richWalk(): FixtureWalk {
  return new FixtureWalk(
    clockFixture,
    { reference: 'FIX-7', area: 'south', receivedAt: FRIDAY, expectedDeliveryDate: '2027-01-20' },
    FRIDAY,
  )
    .send(
      ENGINE_EVENTS.deadlineStep,
      { deadlineId: 'd-0', kind: 'enquiry-response', stepId: 'warn-2h', step: 'warning', occurrence: 0 },
      '2026-11-23T13:00:00Z',
    )
    .send('screened', { reason: 'Known to services' }, '2026-11-23T14:00:00Z')
    .send(
      'conference.scheduled',
      { conferenceDate: '2026-12-10', strategyDate: '2026-11-20' },
      '2026-11-23T15:00:00Z',
    )
    .send('report.expected', { agencyId: 'police' }, '2026-11-23T16:00:00Z')
    .send('report.expected', { agencyId: 'school' }, '2026-11-23T16:01:00Z')
    .send('invitation.drafted', { inviteeId: 'person-1' }, '2026-11-24T09:00:00Z')
    .send('invitation.sent', { inviteeId: 'person-1' }, '2026-11-24T10:00:00Z')
    .send('breach.noticed', {}, '2026-11-27T16:00:00Z')
    .resolveIncident('2026-11-28T10:00:00Z')
    .send('conference.scheduled', { conferenceDate: '2026-12-15' }, '2026-11-30T09:00:00Z')
    .send('report.received', { agencyId: 'police' }, '2026-12-01T09:00:00Z')
    .force('intake.screening.open', '2026-12-02T09:00:00Z')
    .send('conference.scheduled', { conferenceDate: '2026-12-17' }, '2026-12-03T09:00:00Z');
}

describe('replaySteps', () => {
  it('rebuilds every snapshot and every deadline of a journal, keyed and hour clocks included', () => {
    const walk = richWalk();
    const steps = replaySteps(clockFixture.type, walk.journal, registry, fixtureEnv);
    expect(steps).toHaveLength(walk.outcomes.length);
    steps.forEach((step, i) => {
      expect([i, canonicalJson(step.snapshot)]).toEqual([i, canonicalJson(walk.outcomes[i]!.snapshot)]);
      expect([i, step.deadlines]).toEqual([i, walk.outcomes[i]!.deadlines]);
      expect(step.entry).toBe(walk.journal[i]);
    });
    // The walk did reach every kind of clock, so the comparison above covered them.
    const kinds = new Set(
      steps.flatMap((step) => step.deadlines.map((d) => (d.key ? `${d.kind}:${d.key}` : d.kind))),
    );
    expect([...kinds].sort()).toEqual([
      'agency-report:police',
      'agency-report:school',
      'breach-report',
      'enquiry-response',
      'icpc',
      'invitation-reply:person-1',
      'screening',
    ]);
  });

  it('reads the journal in sequence order, however it is given', () => {
    const walk = richWalk();
    const shuffled = [...walk.journal].reverse();
    expect(canonicalJson(replayJournal(clockFixture.type, shuffled, registry, fixtureEnv))).toBe(
      canonicalJson(walk.last.snapshot),
    );
  });

  it('keeps the snapshot and the deadlines through a resolved incident', () => {
    const steps = replaySteps(clockFixture.type, richWalk().journal, registry, fixtureEnv);
    const resolved = steps.findIndex((step) => step.entry.eventType === ENGINE_EVENTS.incidentResolved);
    expect(steps[resolved]!.snapshot).toBe(steps[resolved - 1]!.snapshot);
    expect(steps[resolved]!.deadlines).toBe(steps[resolved - 1]!.deadlines);
  });

  it('follows a migration to the next version, with the deadlines the new version declares', () => {
    const input = { reference: 'DEMO-1', area: 'north', receivedAt: '2026-11-20T10:00:00Z' };
    const m0 = metaAt('2026-11-20T10:00:00Z', 'e0');
    const m1 = metaAt('2026-11-23T08:00:00Z', 'e1');
    const m2 = metaAt('2026-11-23T09:00:00Z', 'e2');
    const migrated = describeSnapshot(
      demoCaseV2,
      demoCaseV2.migration!.migrate(startWorkflow(demoCaseV1, input, m0, fixtureEnv).snapshot),
      fixtureEnv,
    );
    const decided = applyEvent(
      demoCaseV2,
      migrated.snapshot,
      { type: 'case.decided', decision: 'accept', meta: m2 },
      fixtureEnv,
    );
    const journal: JournalEntryForReplay[] = [
      { seq: 1, eventType: ENGINE_EVENTS.started, payload: input, meta: m0, machineVersion: 1 },
      {
        seq: 2,
        eventType: ENGINE_EVENTS.migrated,
        payload: { fromVersion: 1, toVersion: 2 },
        meta: m1,
        machineVersion: 2,
      },
      { seq: 3, eventType: 'case.decided', payload: { decision: 'accept' }, meta: m2, machineVersion: 2 },
    ];
    const steps = replaySteps('demo-case', journal, registry, fixtureEnv);
    expect(canonicalJson(steps[1]!.snapshot)).toBe(canonicalJson(migrated.snapshot));
    expect(steps[1]!.deadlines).toEqual(migrated.deadlines);
    expect(steps[1]!.deadlines.map((d) => d.kind)).toEqual(['demo-screening']);
    expect(steps[2]!.deadlines).toEqual(decided.deadlines);
    expect(steps[2]!.deadlines.map((d) => [d.kind, d.dueDate])).toEqual([['demo-review', '2026-12-23']]);
  });

  it('refuses a journal that does not begin with a start, and a migration the version does not declare', () => {
    const m = metaAt(FRIDAY);
    expect(() => replaySteps(clockFixture.type, [], registry, fixtureEnv)).toThrow(
      'Journal does not begin with a start',
    );
    expect(() =>
      replaySteps(
        clockFixture.type,
        [{ seq: 1, eventType: 'screened', payload: {}, meta: m, machineVersion: 1 }],
        registry,
        fixtureEnv,
      ),
    ).toThrow('Journal does not begin with a start');
    const start = {
      seq: 1,
      eventType: ENGINE_EVENTS.started,
      payload: { reference: 'DEMO-1', area: 'n', receivedAt: FRIDAY },
      meta: m,
      machineVersion: 1,
    };
    expect(() =>
      replaySteps(
        'demo-case',
        [start, { seq: 2, eventType: ENGINE_EVENTS.migrated, payload: {}, meta: m, machineVersion: 1 }],
        registry,
        fixtureEnv,
      ),
    ).toThrow('demo-case v1 has no migration');
  });
});

describe('canonicalJson', () => {
  it('ignores key order and undefined values, keeps array order and nulls', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null, e: undefined } })).toBe(
      '{"a":{"c":null,"d":[2,1]},"b":1}',
    );
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
    expect(canonicalJson([{ y: 1, x: 2 }])).toBe('[{"x":2,"y":1}]');
    expect(canonicalJson(undefined)).toBe('null');
    expect(canonicalJson('text')).toBe('"text"');
  });
});
