import { Inject, Injectable } from '@nestjs/common';
import { TransitionEnv, WorkflowRegistry } from '@app/workflows';
import type {
  JournalEntryView,
  ListedWorkflow,
  ListExtension,
  ListFilters,
  Page,
  SendOptions,
  StartOptions,
  TransitionResult,
  WorkflowDetails,
  WorkflowSummary,
  WriteOptions,
} from './engine.types';
import { TRANSITION_ENV } from './transition-env';
import { WorkflowCommands } from './workflow-commands.service';
import { WorkflowQueries } from './workflow-queries.service';

/**
 * The transactional engine, as the rest of the service calls it. Every write is one transaction:
 * lock the instance row, compute the transition with the pure core, then write the snapshot and
 * its indexed columns, one journal row, the deadline changes, the subjects and an outbox row per
 * effect. Nothing leaves the database before commit. The work is done by the commands
 * (workflow-commands.service.ts) and the queries (workflow-queries.service.ts).
 */
@Injectable()
export class WorkflowEngine {
  constructor(
    private readonly registry: WorkflowRegistry,
    @Inject(TRANSITION_ENV) private readonly env: TransitionEnv,
    private readonly commands: WorkflowCommands,
    private readonly queries: WorkflowQueries,
  ) {}

  get definitions(): WorkflowRegistry {
    return this.registry;
  }

  /** The settings and calendar transitions are computed with (for replays and inspection). */
  get transitionEnv(): TransitionEnv {
    return this.env;
  }

  start(type: string, input: Record<string, unknown>, options: StartOptions): Promise<TransitionResult> {
    return this.commands.start(type, input, options);
  }

  send(id: string, body: { type: string; [key: string]: unknown }, options: SendOptions): Promise<TransitionResult> {
    return this.commands.send(id, body, options);
  }

  /** An audited move of one instance to the next machine version, through that version's migration. */
  migrate(id: string, toVersion: number, reason: string, options: WriteOptions & { eventId: string }) {
    return this.commands.migrate(id, toVersion, reason, options);
  }

  /** A manager's forced move to a state, with a reason; journaled. */
  force(id: string, toState: string, reason: string, options: WriteOptions & { eventId: string }) {
    return this.commands.force(id, toState, reason, options);
  }

  /** A manager gives the workflow to another member of staff (or no one), with a reason; journaled. */
  reassign(id: string, toSub: string | null, reason: string, options: WriteOptions & { eventId: string }) {
    return this.commands.reassign(id, toSub, reason, options);
  }

  /** A manager resolves an incident with a reason and, with `retry`, puts its effect back in the outbox. */
  resolveIncident(
    id: string,
    incidentId: string,
    resolution: { reason: string; retry: boolean },
    options: WriteOptions & { eventId: string },
  ): Promise<TransitionResult> {
    return this.commands.resolveIncident(id, incidentId, resolution, options);
  }

  get(id: string, authorize?: WriteOptions['authorize']): Promise<WorkflowDetails> {
    return this.queries.get(id, authorize);
  }

  history(id: string, authorize?: WriteOptions['authorize']): Promise<JournalEntryView[]> {
    return this.queries.history(id, authorize);
  }

  /** Lists from the indexed columns; a domain list adds its own indexed conditions and columns. */
  list(filters: ListFilters): Promise<Page<WorkflowSummary>>;
  list<Extra extends object>(filters: ListFilters, extension: ListExtension<Extra>): Promise<Page<ListedWorkflow<Extra>>>;
  list<Extra extends object>(filters: ListFilters, extension?: ListExtension<Extra>) {
    return this.queries.list(filters, extension);
  }
}
