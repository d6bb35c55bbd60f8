import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessLogService, PeopleStore } from '@app/persistence';
import { InvitationStore, type LetterTask } from '@app/timers';
import { CLOCK, type Clock, CONFERENCE_EVENTS as E, dateInLondon, DomainError, DomainErrorCode } from '@app/workflows';
import { type AuthenticatedRequest, scopeAreas } from '../auth';
import { accessEntry, DomainWorkflows } from '../workflows/domain-workflow.service';
import { CONFERENCE_WORKFLOW } from './conference.workflow';
import type {
  LetterPostedDto,
  LetterTaskDto,
  LetterTaskListDto,
  ListLettersQuery,
  ResendInvitationDto,
} from './conference-invitations.dto';
import { transitionView } from './conference.view';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
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
 * Invitations outside the machine's own steps. The co-ordinators' printed letters: one task per
 * sending to an invitee without email (the outbox makes them), listed per conference and for the
 * caller's areas, and recorded posted. And an invitation the mail server rejected, sent again.
 * Posting an invitation is `invitation.letter-posted` on the conference (its letterPostedOn),
 * with the task marked in the same transaction; a cancellation's letter goes to a conference
 * that is over, so only the task (and the access log) records it.
 */
@Injectable()
export class ConferenceInvitationsService {
  private readonly workflow;

  constructor(
    domainWorkflows: DomainWorkflows,
    private readonly store: InvitationStore,
    private readonly accessLog: AccessLogService,
    private readonly people: PeopleStore,
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

  /**
   * A rejected invitation sent again (`invitation.resent`), by email to the address now on record
   * (corrected in the person store first) or by letter. By email with no address on record is
   * refused (422) before anything is written: it would only be rejected again.
   */
  async resend(req: AuthenticatedRequest, id: string, personId: string, dto: ResendInvitationDto, key: string | undefined) {
    await this.workflow.recordFor(req, id);
    if (dto.contactBy === 'email' && !(await this.hasEmail(personId))) {
      throw new DomainError(DomainErrorCode.GuardRejected, 'This person has no email address on record: correct their record first, or send a letter.', {
        rules: ['emailOnRecord'],
      });
    }
    return transitionView(await this.workflow.send(req, id, E.invitationResent, { personId, contactBy: dto.contactBy }, key));
  }

  /** Whether the person store has an email for them (the address itself is not read out). */
  private async hasEmail(personId: string): Promise<boolean> {
    if (!UUID.test(personId)) return false;
    try {
      return (await this.people.get(personId, () => undefined)).contactPoints.some((point) => point.system === 'email');
    } catch (error) {
      if (error instanceof DomainError && error.code === DomainErrorCode.NotFound) return false;
      throw error;
    }
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
