/** The BullMQ queue of deadline step jobs (and of the reconciler's scheduled passes). */
export const DEADLINE_STEPS_QUEUE = 'deadline-steps';

/** Job names on that queue. */
export const DEADLINE_JOBS = { step: 'deadline-step', reconcile: 'reconcile' } as const;

/** The BullMQ job scheduler that runs a reconciler pass every reconcilePeriodSeconds. */
export const RECONCILER_SCHEDULER_ID = 'deadline-reconciler';

/**
 * What a step job carries: ids and numbers only, never personal data. Everything else (the
 * workflow, the due date, who to tell) is read again from PostgreSQL when the job runs.
 */
export interface DeadlineStepJobData {
  deadlineId: string;
  /** The deadline's revision when the job was made: a moved deadline's older jobs do nothing. */
  revision: number;
  stepId: string;
  /** 0 for warnings and the due step; 1, 2, 3… for the occurrences of a repeat. */
  occurrence: number;
}

/**
 * The deterministic id of a step job, also the event id of the 'deadline.step' it sends, so a job
 * added twice is one job and a job run twice is one journal row. No ':' (BullMQ reserves it); the
 * parts never contain '.' (uuids, integers, step ids are [a-z0-9-]).
 */
export const stepJobId = (data: DeadlineStepJobData): string =>
  `${data.deadlineId}.${data.revision}.${data.stepId}.${data.occurrence}`;

/** The job (or event) id's parts; undefined for an id that is not a step job's. */
export function parseStepJobId(id: string): DeadlineStepJobData | undefined {
  const parts = id.split('.');
  if (parts.length !== 4) return undefined;
  const [deadlineId, revision, stepId, occurrence] = parts as [string, string, string, string];
  if (!/^\d+$/.test(revision) || !/^\d+$/.test(occurrence)) return undefined;
  return { deadlineId, revision: Number(revision), stepId, occurrence: Number(occurrence) };
}
