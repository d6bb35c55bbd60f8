import {
  DEADLINE_STEP,
  DeadlineStepPayload,
  DeadlineTiming,
  EscalationLadder,
  LadderStep,
  latestRepeat,
  nextRepeat,
  repeatAt,
  stepAt,
  WorkingDayCalendar,
} from '@app/workflows';
import { DeadlineStepJobData, stepJobId } from './deadline-step-job';

/** An open deadline as the timers read it from workflow_deadline. */
export interface OpenDeadline {
  id: string;
  workflowId: string;
  kind: string;
  /** The item of a clock declared one per item; absent for a clock that is one of its kind. */
  key?: string;
  ladder: string;
  revision: number;
  dueDate: string;
  dueAt: Date;
  openedAt: Date;
}

/** One step firing that should have a job: its id, its data and when it is meant to fire. */
export interface PlannedStep {
  jobId: string;
  data: DeadlineStepJobData;
  step: LadderStep;
  fireAt: Date;
}

export interface DeadlinePlan {
  /** Firings whose time has come (on the injected clock): fire now unless already recorded. */
  due: PlannedStep[];
  /** Firings still to come: each wants a delayed job. */
  upcoming: PlannedStep[];
}

const timingOf = (deadline: OpenDeadline): DeadlineTiming => ({
  dueDate: deadline.dueDate,
  dueAt: deadline.dueAt,
  openedAt: deadline.openedAt,
});

function planned(deadline: OpenDeadline, step: LadderStep, occurrence: number, fireAt: Date): PlannedStep {
  const data: DeadlineStepJobData = {
    deadlineId: deadline.id,
    revision: deadline.revision,
    stepId: step.id,
    occurrence,
  };
  return { jobId: stepJobId(data), data, step, fireAt };
}

/**
 * A deadline already missed when it opened (a contact entered late, a clock anchored in the past):
 * of its warning and due steps whose time had passed by then, the one furthest along. It is sent at
 * once, as the reconciler sends what an outage held back, so a clock that is late from the start
 * escalates now rather than at the next repeat. The steps it overtook are not sent: one message
 * says where the clock stands. A deadline not yet missed when it opened skips the warnings that
 * fell before its opening, as before: nobody is warned late of a clock that is still running.
 */
function missedAtOpening(
  ladder: EscalationLadder,
  timing: DeadlineTiming,
  calendar: WorkingDayCalendar,
): { step: LadderStep; fireAt: Date } | undefined {
  if (timing.dueAt > timing.openedAt) return undefined;
  let latest: { step: LadderStep; fireAt: Date } | undefined;
  for (const step of ladder.steps) {
    if (step.kind === DEADLINE_STEP.repeat) continue;
    const fireAt = stepAt(step, timing, calendar);
    if (fireAt < timing.openedAt && (!latest || fireAt >= latest.fireAt)) latest = { step, fireAt };
  }
  return latest;
}

/** When a warning or due step fires for this deadline, or undefined when it is not sent at all. */
function fireTimeOf(
  ladder: EscalationLadder,
  step: LadderStep,
  timing: DeadlineTiming,
  calendar: WorkingDayCalendar,
): Date | undefined {
  const fireAt = stepAt(step, timing, calendar);
  if (fireAt >= timing.openedAt) return fireAt;
  return missedAtOpening(ladder, timing, calendar)?.step.id === step.id ? fireAt : undefined;
}

/**
 * Every firing of a deadline's ladder that should exist as a job at `now`: each warning and due
 * step from the deadline's opening on (and, for one already missed when it opened, the step it
 * was missed by: missedAtOpening), the repeat
 * occurrence due now, and the next one. Earlier repeat occurrences are not planned: after an
 * outage the service manager hears once, not once per missed day.
 */
export function planSteps(
  ladder: EscalationLadder,
  deadline: OpenDeadline,
  now: Date,
  calendar: WorkingDayCalendar,
): DeadlinePlan {
  const timing = timingOf(deadline);
  const plan: DeadlinePlan = { due: [], upcoming: [] };
  for (const step of ladder.steps) {
    if (step.kind === DEADLINE_STEP.repeat) {
      const latest = latestRepeat(step, timing, now, calendar);
      if (latest) plan.due.push(planned(deadline, step, latest.occurrence, latest.fireAt));
      const next = nextRepeat(step, timing, now, calendar);
      if (next) plan.upcoming.push(planned(deadline, step, next.occurrence, next.fireAt));
      continue;
    }
    const fireAt = fireTimeOf(ladder, step, timing, calendar);
    if (!fireAt) continue;
    (fireAt <= now ? plan.due : plan.upcoming).push(planned(deadline, step, 0, fireAt));
  }
  const byTime = (a: PlannedStep, b: PlannedStep) => a.fireAt.getTime() - b.fireAt.getTime();
  plan.due.sort(byTime);
  plan.upcoming.sort(byTime);
  return plan;
}

/** The repeat occurrence after `occurrence`: scheduled once that one has fired. */
export function plannedRepeat(
  ladder: EscalationLadder,
  deadline: OpenDeadline,
  stepId: string,
  occurrence: number,
  calendar: WorkingDayCalendar,
): PlannedStep | undefined {
  const step = ladder.steps.find((s) => s.id === stepId && s.kind === DEADLINE_STEP.repeat);
  const next = step && repeatAt(step, timingOf(deadline), occurrence, calendar);
  return step && next ? planned(deadline, step, next.occurrence, next.fireAt) : undefined;
}

/** What a step job should do when it runs, judged against the deadline as it is now. */
export type StepVerdict =
  /** Its time has come and it is the one to send. */
  | { verdict: 'fire'; step: LadderStep; fireAt: Date }
  /** Its time has not come on the injected clock (a job promoted by hand, or clocks apart): later. */
  | { verdict: 'early'; fireAt: Date }
  /** A repeat occurrence that a later one, also due, replaces: that one is sent instead. */
  | { verdict: 'superseded'; latest: PlannedStep }
  /** The ladder has no such step any more (settings changed), or a step before the deadline opened that a later one overtook. */
  | { verdict: 'not-in-ladder' };

export function judgeStep(
  ladder: EscalationLadder,
  deadline: OpenDeadline,
  job: Pick<DeadlineStepJobData, 'stepId' | 'occurrence'>,
  now: Date,
  calendar: WorkingDayCalendar,
): StepVerdict {
  const step = ladder.steps.find((s) => s.id === job.stepId);
  if (!step) return { verdict: 'not-in-ladder' };
  const timing = timingOf(deadline);
  if (step.kind === DEADLINE_STEP.repeat) {
    const scheduled = repeatAt(step, timing, job.occurrence, calendar);
    if (!scheduled) return { verdict: 'not-in-ladder' };
    if (scheduled.fireAt > now) return { verdict: 'early', fireAt: scheduled.fireAt };
    const latest = latestRepeat(step, timing, now, calendar);
    if (latest && latest.occurrence > job.occurrence) {
      return { verdict: 'superseded', latest: planned(deadline, step, latest.occurrence, latest.fireAt) };
    }
    return { verdict: 'fire', step, fireAt: scheduled.fireAt };
  }
  if (job.occurrence !== 0) return { verdict: 'not-in-ladder' };
  const fireAt = fireTimeOf(ladder, step, timing, calendar);
  if (!fireAt) return { verdict: 'not-in-ladder' };
  if (fireAt > now) return { verdict: 'early', fireAt };
  return { verdict: 'fire', step, fireAt };
}

/** The 'deadline.step' event's payload: exactly the contract's fields, ids and dates only. */
export function stepPayload(
  deadline: OpenDeadline,
  step: LadderStep,
  occurrence: number,
): DeadlineStepPayload {
  return {
    deadlineId: deadline.id,
    kind: deadline.kind,
    ...(deadline.key === undefined ? {} : { key: deadline.key }),
    ladder: deadline.ladder,
    stepId: step.id,
    step: step.kind,
    occurrence,
    dueDate: deadline.dueDate,
    dueAt: deadline.dueAt.toISOString(),
    notify: [...step.notify],
  };
}

/**
 * The ids of every job a revision of a deadline may still have in the queue, without knowing that
 * revision's due date (a moved deadline's row holds only the new one): each warning and due step,
 * and of the repeat the first occurrence and the ones around the last recorded in the journal
 * (after firing occurrence n, only n + 1 is scheduled).
 */
export function revisionJobIds(
  ladder: EscalationLadder,
  deadlineId: string,
  revision: number,
  recordedRepeatOccurrences: number[],
): string[] {
  const ids = new Set<string>();
  const last = recordedRepeatOccurrences.length > 0 ? Math.max(...recordedRepeatOccurrences) : 0;
  for (const step of ladder.steps) {
    const id = (occurrence: number) => stepJobId({ deadlineId, revision, stepId: step.id, occurrence });
    if (step.kind !== DEADLINE_STEP.repeat) {
      ids.add(id(0));
      continue;
    }
    ids.add(id(1));
    if (last > 0) {
      ids.add(id(last));
      ids.add(id(last + 1));
    }
  }
  return [...ids];
}
