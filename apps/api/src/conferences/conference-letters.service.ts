import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessLogService } from '@app/persistence';
import { InvitationStore, type LetterTask } from '@app/timers';
import { CLOCK, type Clock, CONFERENCE_EVENTS as E, dateInLondon, DomainError, DomainErrorCode } from '@app/workflows';
import { type AuthenticatedRequest, scopeAreas } from '../auth';
import { accessEntry, DomainWorkflows } from '../workflows/domain-workflow.service';
import { CONFERENCE_WORKFLOW } from './conference.workflow';
import type { LetterPostedDto, LetterTaskDto, LetterTaskListDto, ListLettersQuery } from './conference-letters.dto';

const taskNotFound = () => new DomainError(DomainErrorCode.NotFound, 'Letter task not found');

export function letterView(task: LetterTask): LetterTaskDto {
  return {
    id: task.id,
    conferenceId: task.workflowId,
    reference: task.reference,
    personId: task.personId,
    sequence: task.sequence,
    method: task.method,
    slot: task.slot,
    status: task.postedOn !== null ? 'posted' : task.supersededAt !== null ? 'superseded' : 'to-post',
    createdAt: task.createdAt,
    postedOn: task.postedOn,
    postedBy: task.postedBy,
  };
}

/**
 * The co-ordinators' printed letters: one task per sending to an invitee without email (the
 * outbox makes them), listed per conference and for the caller's areas, and recorded posted.
 * Posting an invitation is `invitation.letter-posted` on the conference (its letterPostedOn),
 * with the task marked in the same transaction; a cancellation's letter goes to a conference
 * that is over, so only the task (and the access log) records it.
 */
@Injectable()
export class ConferenceLettersService {
  private readonly workflow;

  constructor(
    domainWorkflows: DomainWorkflows,
    private readonly store: InvitationStore,
    private readonly accessLog: AccessLogService,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.workflow = domainWorkflows.for(CONFERENCE_WORKFLOW);
  }

  async ofConference(req: AuthenticatedRequest, id: string): Promise<LetterTaskListDto> {
    await this.workflow.read(req, id);
    return { items: (await this.store.letterTasksOf(id)).map(letterView) };
  }

  /** Letters still to post in the caller's areas (ids and facts only: not logged per record, as a list). */
  async toPost(req: AuthenticatedRequest, query: ListLettersQuery): Promise<LetterTaskListDto> {
    const areas = scopeAreas(req.principal);
    const tasks = await this.store.openLetterTasks(areas === 'all' ? null : areas, query.limit ?? 100);
    return { items: tasks.map(letterView) };
  }

  async posted(
    req: AuthenticatedRequest,
    id: string,
    taskId: string,
    dto: LetterPostedDto,
    key: string | undefined,
  ): Promise<LetterTaskDto> {
    const conference = await this.workflow.recordFor(req, id);
    const task = await this.store.letterTask(id, taskId);
    if (!task) throw taskNotFound();
    if (task.postedOn !== null) {
      // A retry of the same recording answers as the first did; another date is a conflict.
      if (task.postedOn === dto.postedOn) return letterView(task);
      throw new DomainError(DomainErrorCode.Conflict, `This letter was recorded posted on ${task.postedOn}.`);
    }
    if (task.supersededAt !== null) {
      throw new DomainError(DomainErrorCode.Conflict, 'A newer letter replaced this one: post that one instead.');
    }
    if (dto.postedOn > dateInLondon(this.clock.now())) {
      throw new DomainError(DomainErrorCode.InvalidInput, 'postedOn is not after today', {
        errors: [{ field: 'postedOn', messages: ['postedOn is not after today'] }],
      });
    }
    const mark = async (tx: import('typeorm').EntityManager) => {
      if (!(await this.store.markPosted(tx, task.id, dto.postedOn, req.principal.sub))) {
        throw new DomainError(DomainErrorCode.Conflict, 'This letter was recorded posted, or replaced, meanwhile.');
      }
    };
    if (task.method === 'REQUEST' && conference.status === 'active') {
      await this.workflow.send(
        req,
        id,
        E.letterPosted,
        { personId: task.personId, sequence: task.sequence, postedOn: dto.postedOn },
        key,
        { alsoInTransaction: mark },
      );
    } else {
      await this.dataSource.transaction(async (tx) => {
        await mark(tx);
        await this.accessLog.record(accessEntry(req, 'write', CONFERENCE_WORKFLOW.recordType, id), tx);
      });
    }
    return letterView((await this.store.letterTask(id, taskId))!);
  }
}
