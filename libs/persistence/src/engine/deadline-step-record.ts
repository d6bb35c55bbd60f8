import type { EntityManager } from 'typeorm';
import { DEADLINE_STEP } from '@app/workflows';

/** Ranks a ladder step in SQL, so the step shown is the furthest up the ladder. */
const rank = (column: string) =>
  `CASE ${column} WHEN '${DEADLINE_STEP.warning}' THEN 1 WHEN '${DEADLINE_STEP.due}' THEN 2 WHEN '${DEADLINE_STEP.repeat}' THEN 3 ELSE 0 END`;

/** A fired step marks its deadline (warned, overdue) and the instance as at risk, for the managers' lists. */
export async function recordDeadlineStep(
  tx: EntityManager,
  workflowId: string,
  payload: Record<string, unknown>,
  now: Date,
): Promise<void> {
  const deadlineId = typeof payload.deadlineId === 'string' ? payload.deadlineId : null;
  const step = typeof payload.step === 'string' ? payload.step : null;
  if (!deadlineId || !step) return;
  const overdue = step === DEADLINE_STEP.due || step === DEADLINE_STEP.repeat;
  // Steps that fall due together (after an outage, or a clock jump) are recorded in any order:
  // the last step shown is the furthest up the ladder, never a late-recorded warning.
  await tx.query(
    `UPDATE workflow_deadline
        SET last_step = CASE WHEN ${rank('$3::text')} >= ${rank('last_step')} THEN $3 ELSE last_step END,
            last_step_at = CASE WHEN ${rank('$3::text')} >= ${rank('last_step')} THEN $4 ELSE last_step_at END,
            warned_at = COALESCE(warned_at, $4),
            overdue_at = CASE WHEN $5 THEN COALESCE(overdue_at, $4) ELSE overdue_at END
      WHERE id = $1 AND workflow_id = $2 AND status = 'open'`,
    [deadlineId, workflowId, step, now, overdue],
  );
  await tx.query(`UPDATE workflow_instance SET warned = true WHERE id = $1 AND status = 'active'`, [workflowId]);
}
