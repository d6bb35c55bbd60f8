import { demoCaseV1, demoCaseV2 } from '../../../../test/fixtures/demo-case.machine';
import { WorkingDayCalendar } from '../calendar';
import { DomainError, DomainErrorCode } from '../errors';
import { DEFAULT_STATUTORY_SETTINGS } from '../settings';
import { WorkflowRegistry } from './registry';
import { canonicalJson, replayJournal } from './replay';
import { applyEvent, startWorkflow, TransitionEnv } from './transition';
import type { EventMeta, WorkflowEvent } from './workflow-definition';

const env: TransitionEnv = { settings: DEFAULT_STATUTORY_SETTINGS, calendar: new WorkingDayCalendar() };
const meta = (at: string, eventId = at): EventMeta => ({ at, eventId, actor: { sub: 'u1', role: 'coordinator' } });
const input = { reference: 'DEMO-1', area: 'north', receivedAt: '2026-11-20T10:00:00Z', webhookUrl: 'http://x' };
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
    const started = startWorkflow(demoCaseV1, { ...input, receivedAt: '2026-06-04T10:00:00Z' }, meta('x'), env);
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
  const started = startWorkflow(demoCaseV1, input, meta('2026-11-20T10:00:00Z'), env);

  it('moves on, declares the effect and closes the clock the new state does not declare', () => {
    const next = applyEvent(demoCaseV1, started.snapshot, ev('case.decided', { decision: 'accept' }), env);
    expect(next.state).toBe('decided');
    expect(next.deadlines).toEqual([]);
    expect(next.effects).toEqual([
      { type: 'webhook.post', url: 'http://x', body: { reference: 'DEMO-1', decision: 'accept' } },
    ]);
    expect(next.snapshot.context).toMatchObject({ decision: 'accept', decidedAt: '2026-11-23T09:00:00Z' });
  });

  it('answers 422 when a guard refuses, 409 when the state does not take the event, 400 for unknown or malformed events', () => {
    expect(codeOf(() => applyEvent(demoCaseV1, started.snapshot, ev('case.decided', { decision: 'reject' }), env))).toBe(
      DomainErrorCode.GuardRejected,
    );
    expect(codeOf(() => applyEvent(demoCaseV1, started.snapshot, ev('case.closed', {}), env))).toBe(
      DomainErrorCode.EventNotAccepted,
    );
    expect(codeOf(() => applyEvent(demoCaseV1, started.snapshot, ev('case.exploded', {}), env))).toBe(
      DomainErrorCode.InvalidInput,
    );
    expect(codeOf(() => applyEvent(demoCaseV1, started.snapshot, ev('case.decided', { decision: 'maybe' }), env))).toBe(
      DomainErrorCode.InvalidInput,
    );
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
    expect(step.effects).toEqual([{ type: 'deadline.escalate', kind: 'demo-screening', step: 'due', deadlineId: 'd1' }]);
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
  const registry = new WorkflowRegistry([demoCaseV1, demoCaseV2]);

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
        { seq: 3, eventType: 'engine.migrated', payload: { fromVersion: 1, toVersion: 2 }, meta: m1, machineVersion: 2 },
        { seq: 4, eventType: 'case.decided', payload: { decision: 'accept' }, meta: m2, machineVersion: 2 },
      ],
      registry,
      env,
    );
    expect(canonicalJson(replayed)).toBe(canonicalJson(decided.snapshot));
  });
});
