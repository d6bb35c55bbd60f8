import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  CLOCK,
  Clock,
  describeSnapshot,
  DomainError,
  DomainErrorCode,
  TransitionEnv,
  WorkflowRegistry,
} from '@app/workflows';
import type {
  IncidentView,
  JournalEntryView,
  ListedWorkflow,
  ListExtension,
  ListFilters,
  OpenDeadlineView,
  Page,
  WorkflowDetails,
  WorkflowLinkView,
  WriteOptions,
} from './engine.types';
import { flagsOf, InstanceRow } from './instance-row';
import { TRANSITION_ENV } from './transition-env';
import { listPage, listQuery } from './workflow-list';

type Authorize = WriteOptions['authorize'];

interface DeadlineRow {
  id: string;
  kind: string;
  item_key: string;
  ladder: string;
  status: 'open';
  anchor_date: string;
  due_date: string;
  due_at: Date;
  last_step: string | null;
  warned_at: Date | null;
  overdue_at: Date | null;
}

interface LinkRow {
  id: string;
  type: string;
  state: string;
  status: 'active' | 'done';
  area: string | null;
  parent_seq: number;
}

/** Reads: one workflow, its journal, and lists from the indexed columns. */
@Injectable()
export class WorkflowQueries {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: WorkflowRegistry,
    @Inject(TRANSITION_ENV) private readonly env: TransitionEnv,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async get(id: string, authorize?: Authorize): Promise<WorkflowDetails> {
    const rows = (await this.dataSource.query(
      `SELECT i.*,
              (SELECT json_build_object('id', p.id, 'type', p.type, 'state', p.state, 'status', p.status,
                                        'area', p.area, 'parent_seq', i.parent_seq)
                 FROM workflow_instance p WHERE p.id = i.parent_id) AS parent,
              (SELECT coalesce(json_agg(json_build_object('id', c.id, 'type', c.type, 'state', c.state, 'status', c.status,
                                                          'area', c.area, 'parent_seq', c.parent_seq)
                                        ORDER BY c.parent_seq, c.created_at, c.id), '[]'::json)
                 FROM workflow_instance c WHERE c.parent_id = i.id) AS children
         FROM workflow_instance i WHERE i.id = $1`,
      [id],
    )) as (InstanceRow & { parent: LinkRow | null; children: LinkRow[] })[];
    const row = rows[0];
    if (!row) throw new DomainError(DomainErrorCode.NotFound, 'Workflow not found');
    authorize?.({ area: row.area, type: row.type });
    const definition = this.registry.get(row.type, row.machine_version);
    const described = describeSnapshot(definition, row.snapshot, this.env);
    const deadlines = (await this.dataSource.query(
      `SELECT id, kind, item_key, ladder, status, anchor_date::text AS anchor_date, due_date::text AS due_date, due_at,
              last_step, warned_at, overdue_at
         FROM workflow_deadline WHERE workflow_id = $1 AND status = 'open' ORDER BY due_at, kind, item_key`,
      [id],
    )) as DeadlineRow[];
    const incidents = (await this.dataSource.query(
      `SELECT id, kind, detail, created_at, resolved_at FROM workflow_incident WHERE workflow_id = $1 ORDER BY created_at`,
      [id],
    )) as { id: string; kind: string; detail: string; created_at: Date; resolved_at: Date | null }[];
    const visible = (link: LinkRow) => isVisible(authorize, link);
    return {
      id: row.id,
      type: row.type,
      machineVersion: row.machine_version,
      state: row.state,
      status: row.status,
      area: row.area,
      reference: row.reference,
      context: row.snapshot.context,
      allowedEvents: described.allowedEvents,
      deadlines: deadlines.map(deadlineView),
      incidents: incidents.map(
        (i): IncidentView => ({
          id: i.id,
          kind: i.kind,
          detail: i.detail,
          createdAt: i.created_at.toISOString(),
          resolvedAt: i.resolved_at?.toISOString() ?? null,
        }),
      ),
      ...flagsOf(row, this.clock.now()),
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
      lastTransitionAt: row.last_transition_at.toISOString(),
      seq: row.seq,
      assignee: row.assignee_sub ? { sub: row.assignee_sub, since: row.assigned_at!.toISOString() } : null,
      parent: row.parent && visible(row.parent) ? linkView(row.parent) : null,
      children: row.children.filter(visible).map(linkView),
    };
  }

  async history(id: string, authorize?: Authorize): Promise<JournalEntryView[]> {
    const instances = (await this.dataSource.query(`SELECT area, type FROM workflow_instance WHERE id = $1`, [id])) as {
      area: string | null;
      type: string;
    }[];
    if (!instances[0]) throw new DomainError(DomainErrorCode.NotFound, 'Workflow not found');
    authorize?.(instances[0]);
    const rows = (await this.dataSource.query(
      `SELECT seq, event_id, event_type, payload, actor_sub, actor_role, from_state, to_state, machine_version, occurred_at
         FROM workflow_journal WHERE workflow_id = $1 ORDER BY seq`,
      [id],
    )) as {
      seq: number;
      event_id: string;
      event_type: string;
      payload: Record<string, unknown>;
      actor_sub: string;
      actor_role: string;
      from_state: string | null;
      to_state: string;
      machine_version: number;
      occurred_at: Date;
    }[];
    return rows.map((r) => ({
      seq: r.seq,
      eventId: r.event_id,
      type: r.event_type,
      payload: r.payload,
      actor: { sub: r.actor_sub, role: r.actor_role },
      fromState: r.from_state,
      toState: r.to_state,
      machineVersion: r.machine_version,
      occurredAt: r.occurred_at.toISOString(),
    }));
  }

  /**
   * Lists instances from the indexed columns only (never by reading snapshots), newest change
   * first. A domain list passes an extension: its own indexed conditions and selected columns.
   */
  async list<Extra extends object = Record<string, never>>(
    filters: ListFilters,
    extension: ListExtension<Extra> = {},
  ): Promise<Page<ListedWorkflow<Extra>>> {
    const now = this.clock.now();
    const { sql, params, limit } = listQuery(filters, extension, now);
    const rows = (await this.dataSource.query(sql, params)) as Parameters<typeof listPage>[0];
    return listPage(rows, limit, extension, now);
  }
}

function isVisible(authorize: Authorize, link: LinkRow): boolean {
  if (!authorize) return true;
  try {
    authorize({ area: link.area, type: link.type });
    return true;
  } catch (error) {
    if (error instanceof DomainError) return false;
    throw error;
  }
}

const linkView = (link: LinkRow): WorkflowLinkView => ({
  id: link.id,
  type: link.type,
  state: link.state,
  status: link.status,
  parentSeq: link.parent_seq,
});

function deadlineView(d: DeadlineRow): OpenDeadlineView {
  return {
    id: d.id,
    kind: d.kind,
    ...(d.item_key ? { key: d.item_key } : {}),
    ladder: d.ladder,
    status: d.status,
    anchorDate: d.anchor_date,
    dueDate: d.due_date,
    dueAt: d.due_at.toISOString(),
    lastStep: d.last_step,
    warnedAt: d.warned_at?.toISOString() ?? null,
    overdueAt: d.overdue_at?.toISOString() ?? null,
  };
}
