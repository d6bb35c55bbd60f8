import {
  DEADLINE_MEASURES,
  DEADLINE_STEP,
  ENGINE_EFFECTS,
  ENGINE_EVENTS,
  HOUR_COUNTINGS,
  SYSTEM_ACTOR,
} from './workflow-definition';

// These names are written into journal and outbox rows and read back by other layers and by
// replay: changing one breaks stored workflows, so each is pinned here.
describe('the engine contract', () => {
  it('names the events the engine itself journals', () => {
    expect(ENGINE_EVENTS).toEqual({
      started: 'workflow.started',
      deadlineStep: 'deadline.step',
      migrated: 'engine.migrated',
      forced: 'engine.forced',
      incidentResolved: 'engine.incident-resolved',
      reassigned: 'engine.reassigned',
    });
  });

  it('names the effects the engine writes to the outbox', () => {
    expect(ENGINE_EFFECTS).toEqual({
      deadlineOpened: 'deadline.opened',
      deadlineMoved: 'deadline.moved',
      deadlineClosed: 'deadline.closed',
      deadlineEscalate: 'deadline.escalate',
      workflowStart: 'workflow.start',
      workflowSignal: 'workflow.signal',
    });
  });

  it('names the kinds of ladder step, the measures of a clock and the ways hours are counted', () => {
    expect(DEADLINE_STEP).toEqual({ warning: 'warning', due: 'due', repeat: 'repeat' });
    expect(DEADLINE_MEASURES).toEqual([
      'workingDays',
      'workingDaysBefore',
      'months',
      'weeks',
      'weeksBefore',
      'hours',
    ]);
    expect(HOUR_COUNTINGS).toEqual(['working-days', 'wall-clock']);
  });

  it('acts as the system, unchangeably, when no person does', () => {
    expect(SYSTEM_ACTOR).toEqual({ sub: 'system', role: 'system' });
    expect(Object.isFrozen(SYSTEM_ACTOR)).toBe(true);
  });
});
