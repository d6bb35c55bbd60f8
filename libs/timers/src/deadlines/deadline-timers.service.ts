import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '@app/persistence';
import { CLOCK, Clock, EscalationLadder, ladderFor, WorkingDayCalendar } from '@app/workflows';
import { parseStepJobId } from './deadline-step-job';
import { DeadlineQueue } from './deadline-queue';
import { DeadlineRecord, DeadlineStore } from './deadline-store';
import { OpenDeadline, planSteps, revisionJobIds } from './step-plan';

/**
 * Keeps one deadline's jobs in line with its row: the jobs of its current revision while it is
 * open, none of any older revision, none at all once it is met or cancelled. Decided from the row,
 * not from the effect that asked, so effects delivered twice, late or out of order do no harm.
 */
@Injectable()
export class DeadlineTimers {
  constructor(
    private readonly store: DeadlineStore,
    private readonly queue: DeadlineQueue,
    private readonly config: AppConfig,
    private readonly calendar: WorkingDayCalendar,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  ladderOf(deadline: Pick<OpenDeadline, 'ladder'>): EscalationLadder {
    return ladderFor(this.config.escalationLadders, deadline.ladder);
  }

  /** Brings a deadline's jobs in line with its row; returns false when there is no such deadline. */
  async sync(deadlineId: string): Promise<boolean> {
    const deadline = await this.store.find(deadlineId);
    if (!deadline) return false;
    const recorded = await this.store.recordedSteps(deadline.workflowId, deadline.id);
    const lastStale = deadline.status === 'open' ? deadline.revision - 1 : deadline.revision;
    await this.removeRevisions(deadline, 1, lastStale, recorded);
    if (deadline.status !== 'open') return true;

    await this.schedule(deadline, new Set(recorded));
    // A transition that closed or moved the deadline while we were adding: take back what we added.
    const now = await this.store.find(deadlineId);
    if (now && (now.status !== 'open' || now.revision !== deadline.revision)) {
      await this.removeRevisions(deadline, deadline.revision, deadline.revision, recorded);
    }
    return true;
  }

  /** Adds the jobs of a deadline's current revision: delayed ones to come, and now those due and not yet recorded. */
  async schedule(deadline: OpenDeadline, recorded: ReadonlySet<string>): Promise<void> {
    const now = this.clock.now();
    const plan = planSteps(this.ladderOf(deadline), deadline, now, this.calendar);
    await this.queue.add(plan.upcoming, now);
    for (const step of plan.due) if (!recorded.has(step.jobId)) await this.queue.ensureRunsNow(step);
  }

  private async removeRevisions(
    deadline: DeadlineRecord,
    from: number,
    to: number,
    recorded: string[],
  ): Promise<void> {
    if (to < from) return;
    const ladder = this.ladderOf(deadline);
    const repeats = recorded.map(parseStepJobId).filter((id) => id && id.occurrence > 0);
    const ids: string[] = [];
    for (let revision = from; revision <= to; revision += 1) {
      const fired = repeats.filter((id) => id!.revision === revision).map((id) => id!.occurrence);
      ids.push(...revisionJobIds(ladder, deadline.id, revision, fired));
    }
    await this.queue.remove(ids);
  }
}
