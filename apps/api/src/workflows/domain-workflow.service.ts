import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  type AccessLogEntry,
  AccessLogService,
  type Page,
  type TransitionResult,
  type WorkflowDetails,
  WorkflowEngine,
} from '@app/persistence';
import { DomainError, DomainErrorCode, type EventActor } from '@app/workflows';
import { accessContextOf } from '../audit/access-context';
import { type AuthenticatedRequest, scopeAreas, throwIfAreaOutside, throwIfOutOfScope } from '../auth';
import type { DomainWorkflowOptions } from './domain-workflow.options';

/** Who did it, as the journal records it: the token's subject and the role the route admitted. */
export function actorOf(req: AuthenticatedRequest): EventActor {
  return { sub: req.principal.sub, role: req.actingRole };
}

/** An access-log entry for this request. */
export function accessEntry(
  req: AuthenticatedRequest,
  action: 'read' | 'write',
  recordType: string,
  recordId: string,
): AccessLogEntry {
  return { ...accessContextOf(req), action, recordType, recordId };
}

/** The event id of a write: the client's Idempotency-Key, or a fresh one (the write is then not retryable). */
export const eventIdOf = (key: string | undefined): string => key ?? `api-${randomUUID()}`;

/** A plain JSON object without the optional fields left out, as the journal will hold it. */
export function withoutUndefined(value: object): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}

/** What a domain write adds to the transition's transaction (a booking, a person reference); throwing undoes it all. */
export interface DomainWriteHooks {
  alsoInTransaction?: (tx: EntityManager, workflowId: string) => Promise<void>;
}

/**
 * One process's workflows as its domain API uses them: start, send, read and list, each with the
 * checks every domain API needs and none may forget. A record of another type, of another area
 * or missing answers the process's one not-found (404), word for word; a new record in an area
 * outside the caller's is refused plainly (403). Every read and write is in the access log under
 * the process's record type, a write in its own transaction. The journal's actor is the token's
 * subject in the role the route admitted; the event id is the Idempotency-Key or a fresh one.
 */
export class DomainWorkflow {
  constructor(
    readonly options: DomainWorkflowOptions,
    private readonly engine: WorkflowEngine,
    private readonly accessLog: AccessLogService,
  ) {}

  /**
   * Before a new record costs anything (a reference drawn, say): the area is one of the caller's,
   * else 403. start() checks it again on the area the machine derives from the input.
   */
  throwIfAreaOutside(req: AuthenticatedRequest, area: string | null | undefined): void {
    throwIfAreaOutside(req.principal, area);
  }

  start(
    req: AuthenticatedRequest,
    input: Record<string, unknown>,
    key: string | undefined,
    hooks: DomainWriteHooks = {},
  ): Promise<TransitionResult> {
    return this.engine.start(this.options.type, withoutUndefined(input), {
      actor: actorOf(req),
      idempotencyKey: key,
      authorize: (instance) => throwIfAreaOutside(req.principal, instance.area),
      alsoInTransaction: async (tx, id) => {
        await this.accessLog.record(this.entry(req, 'write', id), tx);
        await hooks.alsoInTransaction?.(tx, id);
      },
    });
  }

  send(
    req: AuthenticatedRequest,
    id: string,
    eventType: string,
    payload: object,
    key: string | undefined,
    hooks: DomainWriteHooks = {},
  ): Promise<TransitionResult> {
    return this.engine
      .send(
        id,
        { ...withoutUndefined(payload), type: eventType },
        {
          actor: actorOf(req),
          eventId: eventIdOf(key),
          authorize: this.authorize(req),
          alsoInTransaction: async (tx) => {
            await this.accessLog.record(this.entry(req, 'write', id), tx);
            await hooks.alsoInTransaction?.(tx, id);
          },
        },
      )
      .catch((error: unknown) => this.asNotFound(error));
  }

  /** A person reads the record: found, of this type and in scope, then logged. */
  async read(req: AuthenticatedRequest, id: string): Promise<WorkflowDetails> {
    const details = await this.recordFor(req, id);
    await this.accessLog.record(this.entry(req, 'read', id));
    return details;
  }

  /**
   * The record a write needs facts from before it is sent (found, of this type and in scope). Not
   * logged as a read: the write that follows is logged, and a refused write logs nothing.
   */
  recordFor(req: AuthenticatedRequest, id: string): Promise<WorkflowDetails> {
    return this.engine.get(id, this.authorize(req)).catch((error: unknown) => this.asNotFound(error));
  }

  /**
   * The process's own list query, run for the caller's areas only. Summaries carry references,
   * states and dates, no personal data: a list is not logged per record (as GET /workflows).
   */
  list<T>(req: AuthenticatedRequest, query: (areas: string[] | 'all') => Promise<Page<T>>): Promise<Page<T>> {
    return query(scopeAreas(req.principal));
  }

  private authorize(req: AuthenticatedRequest) {
    return (instance: { area: string | null; type: string }) => {
      if (instance.type !== this.options.type) throw this.notFound();
      throwIfOutOfScope(req.principal, instance.area);
    };
  }

  private entry(req: AuthenticatedRequest, action: 'read' | 'write', id: string): AccessLogEntry {
    return accessEntry(req, action, this.options.recordType, id);
  }

  private notFound(): DomainError {
    return new DomainError(DomainErrorCode.NotFound, this.options.notFound);
  }

  /** Missing, another area's or another type's: one answer, so none tells a caller that something exists. */
  private asNotFound(error: unknown): never {
    throw error instanceof DomainError && error.code === DomainErrorCode.NotFound ? this.notFound() : error;
  }
}

/** Makes the DomainWorkflow of each process, for its domain service: `domainWorkflows.for(ASV_REFERRAL_WORKFLOW)`. */
@Injectable()
export class DomainWorkflows {
  constructor(
    private readonly engine: WorkflowEngine,
    private readonly accessLog: AccessLogService,
  ) {}

  for(options: DomainWorkflowOptions): DomainWorkflow {
    return new DomainWorkflow(options, this.engine, this.accessLog);
  }
}
