import { Injectable } from '@nestjs/common';
import { AccessLogService } from '@app/persistence';
import { DutyRotaStore, NotificationQueries, RotaEntry } from '@app/timers';
import { DomainError, DomainErrorCode, throwIfMissing } from '@app/workflows';
import { accessContextOf } from '../audit';
import { AuthenticatedRequest } from '../auth';
import { recordTypeOf, throwIfWorkflowHidden } from '../workflows/type-access';
import {
  InboxQuery,
  MAX_ROTA_DAYS,
  PutRotaDto,
  PutTeamDto,
  RotaRangeQuery,
  TeamsQuery,
} from './notifications.dto';

const DAY_MS = 86_400_000;

function invalid(field: string, message: string): DomainError {
  return new DomainError(DomainErrorCode.InvalidInput, message, { errors: [{ field, messages: [message] }] });
}

/** A range of dates the rota can be read or replaced by: in order, and at most a year and a day. */
function throwIfBadRange(range: { from: string; to: string }): void {
  const days = (Date.parse(range.to) - Date.parse(range.from)) / DAY_MS;
  if (days < 0) throw invalid('to', 'to must be on or after from');
  if (days >= MAX_ROTA_DAYS) throw invalid('to', `the range may cover at most ${MAX_ROTA_DAYS} days`);
}

/** Every entry inside the range, and nobody twice on one date. */
function throwIfBadEntries(range: { from: string; to: string }, entries: RotaEntry[]): void {
  const seen = new Set<string>();
  entries.forEach((entry, i) => {
    if (entry.date < range.from || entry.date > range.to)
      throw invalid(`entries.${i}.date`, 'each entry must fall within from and to');
    const key = `${entry.date} ${entry.subject}`;
    if (seen.has(key)) throw invalid(`entries.${i}`, 'a person is on the rota once per date');
    seen.add(key);
  });
}

/**
 * Teams and the duty rota (managers), the caller's own inbox, and a workflow's notifications
 * (scoped and access-logged like the workflow itself). Changes to teams and the rota are
 * access-logged in their own transaction, so who changed who is told can be found.
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly rota: DutyRotaStore,
    private readonly queries: NotificationQueries,
    private readonly accessLog: AccessLogService,
  ) {}

  listTeams(query: TeamsQuery) {
    return this.rota.listTeams(query);
  }

  async putTeam(req: AuthenticatedRequest, body: PutTeamDto) {
    const { team } = await this.rota.putTeam(
      { ...body, fallbackSubject: body.fallbackSubject ?? null },
      {
        alsoInTransaction: (tx) =>
          this.logWrite(req, 'notification-team', `${body.area}/${body.recipient}`, tx),
      },
    );
    return team;
  }

  readRota(query: RotaRangeQuery) {
    throwIfBadRange(query);
    return this.rota.readRota(query.area, query.recipient, query);
  }

  putRota(req: AuthenticatedRequest, body: PutRotaDto) {
    throwIfBadRange(body);
    const entries = body.entries.map((e) => ({ date: e.date, subject: e.subject, email: e.email }));
    throwIfBadEntries(body, entries);
    return this.rota.replaceRota(body.area, body.recipient, body, entries, {
      alsoInTransaction: (tx) => this.logWrite(req, 'duty-rota', `${body.area}/${body.recipient}`, tx),
    });
  }

  inbox(req: AuthenticatedRequest, query: InboxQuery) {
    return this.queries.inbox(req.principal.sub, query);
  }

  acknowledge(req: AuthenticatedRequest, id: string) {
    return this.queries.acknowledge(req.principal.sub, id);
  }

  async forWorkflow(req: AuthenticatedRequest, workflowId: string) {
    const workflow = throwIfMissing(await this.queries.workflowScope(workflowId), 'Workflow');
    throwIfWorkflowHidden(req.principal, workflow);
    const notifications = await this.queries.forWorkflow(workflowId);
    await this.accessLog.record({
      ...accessContextOf(req),
      action: 'read',
      recordType: recordTypeOf(workflow.type),
      recordId: workflowId,
    });
    return notifications;
  }

  private logWrite(
    req: AuthenticatedRequest,
    recordType: string,
    recordId: string,
    tx: Parameters<AccessLogService['record']>[1],
  ) {
    return this.accessLog.record({ ...accessContextOf(req), action: 'write', recordType, recordId }, tx);
  }
}
