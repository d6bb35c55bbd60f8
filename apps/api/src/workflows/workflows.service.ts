import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AccessLogService, WorkflowEngine } from '@app/persistence';
import { DomainError, DomainErrorCode } from '@app/workflows';
import { AuthenticatedRequest, scopeAreas, throwIfAreaOutside } from '../auth';
import { accessEntry, actorOf, eventIdOf } from './domain-workflow.service';
import { inspectionTrace } from './workflow-inspection';
import {
  GENERIC_RECORD_TYPE,
  hiddenTypes,
  recordTypeOf,
  throwIfDomainApiOnly,
  throwIfWorkflowHidden,
} from './type-access';
import { EVENT_TYPE_PATTERN, type ListWorkflowsQuery } from './workflows.dto';

/**
 * The generic workflow API: scoping by area and type, access logging, then the engine. Each write
 * is logged, in its own transaction, under the record type of the workflow's process (an ASV case
 * is an 'asv-referral' here as on /asv-referrals), learnt from the locked instance.
 */
@Injectable()
export class WorkflowsService {
  constructor(
    private readonly engine: WorkflowEngine,
    private readonly accessLog: AccessLogService,
  ) {}

  /**
   * The engine's write options for this request: the actor, the check of the locked instance
   * (hidden records are 404; with `clientWrite`, domain-API types are moved on there), and the
   * access-log row under the instance's record type.
   */
  private writeOptions(req: AuthenticatedRequest, eventId: string, clientWrite = false) {
    let recordType = GENERIC_RECORD_TYPE;
    return {
      actor: actorOf(req),
      eventId,
      authorize: (instance: { area: string | null; type: string }) => {
        throwIfWorkflowHidden(req.principal, instance);
        if (clientWrite) throwIfDomainApiOnly(instance.type);
        recordType = recordTypeOf(instance.type);
      },
      alsoInTransaction: (tx: EntityManager, id: string) =>
        this.accessLog.record(accessEntry(req, 'write', recordType, id), tx),
    };
  }

  /** Reads are checked as writes are; the type found names the record in the log. */
  private readCheck(req: AuthenticatedRequest, found: { type?: string }) {
    return (instance: { area: string | null; type: string }) => {
      throwIfWorkflowHidden(req.principal, instance);
      found.type = instance.type;
    };
  }

  private logRead(req: AuthenticatedRequest, type: string | undefined, id: string) {
    return this.accessLog.record(accessEntry(req, 'read', recordTypeOf(type ?? ''), id));
  }

  /**
   * A workflow of a type without a domain API, in an area of the caller's (another area: 403, as
   * the caller named it). A type with a domain API is started there (403 naming it).
   */
  start(req: AuthenticatedRequest, type: string, input: Record<string, unknown>, key: string | undefined) {
    throwIfDomainApiOnly(type);
    return this.engine.start(type, input, {
      actor: actorOf(req),
      idempotencyKey: key,
      authorize: (instance) => {
        throwIfAreaOutside(req.principal, instance.area);
        throwIfWorkflowHidden(req.principal, instance);
      },
      alsoInTransaction: (tx, id) => this.accessLog.record(accessEntry(req, 'write', recordTypeOf(type), id), tx),
    });
  }

  send(req: AuthenticatedRequest, id: string, body: unknown, key: string | undefined) {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new DomainError(DomainErrorCode.InvalidInput, 'The event must be a JSON object with a type', {
        errors: [{ field: 'body', messages: ['body must be a JSON object such as { "type": "case.decided", ... }'] }],
      });
    }
    const type = (body as Record<string, unknown>).type;
    if (typeof type !== 'string' || !EVENT_TYPE_PATTERN.test(type)) {
      throw new DomainError(DomainErrorCode.InvalidInput, 'The event needs a type', {
        errors: [{ field: 'type', messages: ['type must be an event type such as case.decided'] }],
      });
    }
    if (type.startsWith('deadline.') || type.startsWith('engine.') || type.startsWith('workflow.')) {
      throw new DomainError(DomainErrorCode.InvalidInput, `'${type}' is sent by the engine only`, {
        errors: [{ field: 'type', messages: ['engine events cannot be sent through the API'] }],
      });
    }
    return this.engine.send(id, { ...(body as Record<string, unknown>), type }, this.writeOptions(req, eventIdOf(key), true));
  }

  migrate(req: AuthenticatedRequest, id: string, toVersion: number, reason: string, key: string | undefined) {
    return this.engine.migrate(id, toVersion, reason, this.writeOptions(req, key ?? `migrate-${randomUUID()}`));
  }

  force(req: AuthenticatedRequest, id: string, toState: string, reason: string, key: string | undefined) {
    return this.engine.force(id, toState, reason, this.writeOptions(req, key ?? `force-${randomUUID()}`));
  }

  /** Gives the workflow to another member of staff (or no one), with a reason: journaled as `engine.reassigned`. */
  reassign(req: AuthenticatedRequest, id: string, assignee: string | null, reason: string, key: string | undefined) {
    return this.engine.reassign(id, assignee, reason, this.writeOptions(req, key ?? `reassign-${randomUUID()}`));
  }

  resolveIncident(
    req: AuthenticatedRequest,
    id: string,
    incidentId: string,
    resolution: { reason: string; retry: boolean },
    key: string | undefined,
  ) {
    return this.engine.resolveIncident(id, incidentId, resolution, this.writeOptions(req, key ?? `resolve-${randomUUID()}`));
  }

  async get(req: AuthenticatedRequest, id: string) {
    const details = await this.engine.get(id, this.readCheck(req, {}));
    await this.logRead(req, details.type, id);
    return details;
  }

  async history(req: AuthenticatedRequest, id: string) {
    const found: { type?: string } = {};
    const entries = await this.engine.history(id, this.readCheck(req, found));
    await this.logRead(req, found.type, id);
    return entries;
  }

  /** A trace in the Stately inspection format, rebuilt from the journal, with no context values or payloads. */
  async inspection(req: AuthenticatedRequest, id: string) {
    const details = await this.engine.get(id, this.readCheck(req, {}));
    const journal = await this.engine.history(id);
    await this.logRead(req, details.type, id);
    return inspectionTrace(id, details.type, journal, this.engine.definitions, this.engine.transitionEnv);
  }

  /**
   * Summaries carry ids, references, states and dates only (no context), so a listing is not logged
   * per record; asking which workflows are about a person is itself a read of that person's record.
   */
  async list(req: AuthenticatedRequest, query: ListWorkflowsQuery) {
    const page = await this.engine.list({
      ...query,
      updatedBefore: query.updatedBefore ? new Date(query.updatedBefore) : undefined,
      areas: scopeAreas(req.principal),
      excludeTypes: hiddenTypes(req.principal),
    });
    if (query.subject) {
      await this.accessLog.record(accessEntry(req, 'read', 'subject', query.subject));
    }
    return page;
  }

  types() {
    return this.engine.definitions.all().map((d) => ({
      type: d.type,
      version: d.version,
      latest: this.engine.definitions.latest(d.type).version === d.version,
      description: d.description ?? null,
      events: Object.keys(d.events).sort(),
      migratesFrom: d.migration?.fromVersion ?? null,
      definition: d.machine.toJSON(),
    }));
  }
}
