import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AccessLogService, WorkflowEngine } from '@app/persistence';
import { DomainError, DomainErrorCode } from '@app/workflows';
import { accessContextOf } from '../audit';
import { AuthenticatedRequest, scopeAreas } from '../auth';
import { inspectionTrace } from './workflow-inspection';
import { hiddenTypes, throwIfDomainApiOnly, throwIfWorkflowHidden } from './type-access';
import type { ListWorkflowsQuery } from './workflows.dto';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,200}$/;

/** The generic workflow API: scoping by area, access logging, then the engine. */
@Injectable()
export class WorkflowsService {
  constructor(
    private readonly engine: WorkflowEngine,
    private readonly accessLog: AccessLogService,
  ) {}

  /**
   * A client's Idempotency-Key, in a namespace of its own ('client.<key>') so that no client key
   * can take the event id of a timer's step job or of an engine event on the same workflow.
   */
  static idempotencyKey(header: unknown): string | undefined {
    if (header === undefined) return undefined;
    if (typeof header !== 'string' || !IDEMPOTENCY_KEY.test(header)) {
      throw new DomainError(DomainErrorCode.InvalidInput, 'Idempotency-Key must be 1-200 letters, digits or . _ : -', {
        errors: [{ field: 'Idempotency-Key', messages: ['invalid Idempotency-Key header'] }],
      });
    }
    return `client.${header}`;
  }

  private actor(req: AuthenticatedRequest) {
    return { sub: req.principal.sub, role: req.actingRole };
  }

  private logEntry(req: AuthenticatedRequest, action: 'read' | 'write', recordId: string) {
    return { ...accessContextOf(req), action, recordType: 'workflow', recordId };
  }

  private authorize(req: AuthenticatedRequest) {
    return (instance: { area: string | null; type: string }) => throwIfWorkflowHidden(req.principal, instance);
  }

  /** For clients' starts and events: hidden records are 404, domain-API types are moved on there. */
  private authorizeClientWrite(req: AuthenticatedRequest) {
    return (instance: { area: string | null; type: string }) => {
      throwIfWorkflowHidden(req.principal, instance);
      throwIfDomainApiOnly(instance.type);
    };
  }

  start(req: AuthenticatedRequest, type: string, input: Record<string, unknown>, key: string | undefined) {
    throwIfDomainApiOnly(type);
    return this.engine.start(type, input, {
      actor: this.actor(req),
      idempotencyKey: key,
      authorize: this.authorize(req),
      alsoInTransaction: (tx, id) => this.accessLog.record(this.logEntry(req, 'write', id), tx),
    });
  }

  send(req: AuthenticatedRequest, id: string, body: unknown, key: string | undefined) {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new DomainError(DomainErrorCode.InvalidInput, 'The event must be a JSON object with a type', {
        errors: [{ field: 'body', messages: ['body must be a JSON object such as { "type": "case.decided", ... }'] }],
      });
    }
    const type = (body as Record<string, unknown>).type;
    if (typeof type !== 'string' || !/^[a-z][a-z0-9.-]{0,99}$/.test(type)) {
      throw new DomainError(DomainErrorCode.InvalidInput, 'The event needs a type', {
        errors: [{ field: 'type', messages: ['type must be an event type such as case.decided'] }],
      });
    }
    if (type.startsWith('deadline.') || type.startsWith('engine.') || type.startsWith('workflow.')) {
      throw new DomainError(DomainErrorCode.InvalidInput, `'${type}' is sent by the engine only`, {
        errors: [{ field: 'type', messages: ['engine events cannot be sent through the API'] }],
      });
    }
    return this.engine.send(id, { ...(body as Record<string, unknown>), type }, {
      actor: this.actor(req),
      eventId: key ?? `api-${randomUUID()}`,
      authorize: this.authorizeClientWrite(req),
      alsoInTransaction: (tx) => this.accessLog.record(this.logEntry(req, 'write', id), tx),
    });
  }

  migrate(req: AuthenticatedRequest, id: string, toVersion: number, reason: string, key: string | undefined) {
    return this.engine.migrate(id, toVersion, reason, {
      actor: this.actor(req),
      eventId: key ?? `migrate-${randomUUID()}`,
      authorize: this.authorize(req),
      alsoInTransaction: (tx) => this.accessLog.record(this.logEntry(req, 'write', id), tx),
    });
  }

  force(req: AuthenticatedRequest, id: string, toState: string, reason: string, key: string | undefined) {
    return this.engine.force(id, toState, reason, {
      actor: this.actor(req),
      eventId: key ?? `force-${randomUUID()}`,
      authorize: this.authorize(req),
      alsoInTransaction: (tx) => this.accessLog.record(this.logEntry(req, 'write', id), tx),
    });
  }

  resolveIncident(
    req: AuthenticatedRequest,
    id: string,
    incidentId: string,
    resolution: { reason: string; retry: boolean },
    key: string | undefined,
  ) {
    return this.engine.resolveIncident(id, incidentId, resolution, {
      actor: this.actor(req),
      eventId: key ?? `resolve-${randomUUID()}`,
      authorize: this.authorize(req),
      alsoInTransaction: (tx) => this.accessLog.record(this.logEntry(req, 'write', id), tx),
    });
  }

  async get(req: AuthenticatedRequest, id: string) {
    const details = await this.engine.get(id, this.authorize(req));
    await this.accessLog.record(this.logEntry(req, 'read', id));
    return details;
  }

  async history(req: AuthenticatedRequest, id: string) {
    const entries = await this.engine.history(id, this.authorize(req));
    await this.accessLog.record(this.logEntry(req, 'read', id));
    return entries;
  }

  /** A trace in the Stately inspection format, rebuilt from the journal, with no context values or payloads. */
  async inspection(req: AuthenticatedRequest, id: string) {
    const details = await this.engine.get(id, this.authorize(req));
    const journal = await this.engine.history(id);
    await this.accessLog.record(this.logEntry(req, 'read', id));
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
      await this.accessLog.record({ ...accessContextOf(req), action: 'read', recordType: 'subject', recordId: query.subject });
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
