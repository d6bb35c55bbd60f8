import type { EntityManager } from 'typeorm';
import type { DesiredDeadline, EventActor } from '@app/workflows';

/** What every write answers: enough for a client to know where the workflow stands and what it may do next. */
export interface TransitionResult {
  id: string;
  type: string;
  machineVersion: number;
  state: string;
  status: 'active' | 'done';
  seq: number;
  allowedEvents: string[];
  /** True when this answer is the recorded result of an earlier delivery of the same event id. */
  replayed?: boolean;
}

export interface WriteOptions {
  actor: EventActor;
  /** Called with the locked instance before anything changes; throws to refuse (e.g. out of area → 404). */
  authorize?: (instance: { area: string | null; type: string }) => void;
  /** Runs inside the transition's transaction after it is written (not for a replayed answer): e.g. the access log row. */
  alsoInTransaction?: (tx: EntityManager, workflowId: string) => Promise<void>;
}

export interface StartOptions extends WriteOptions {
  idempotencyKey?: string;
  /** The workflow whose journal entry (seq) asked for this one, when a workflow starts another. */
  parent?: { id: string; seq: number };
}

export interface SendOptions extends WriteOptions {
  eventId: string;
}

export interface OpenDeadlineView extends DesiredDeadline {
  id: string;
  status: 'open' | 'met' | 'cancelled';
  lastStep: string | null;
  warnedAt: string | null;
  overdueAt: string | null;
}

/** Another workflow this one is linked to: the one that started it, or one it started. */
export interface WorkflowLinkView {
  id: string;
  type: string;
  state: string;
  status: 'active' | 'done';
  /** The parent's journal entry that started the child. */
  parentSeq: number;
}

export interface IncidentView {
  id: string;
  kind: string;
  detail: string;
  createdAt: string;
  resolvedAt: string | null;
}

export interface WorkflowDetails {
  id: string;
  type: string;
  machineVersion: number;
  state: string;
  status: 'active' | 'done';
  area: string | null;
  reference: string | null;
  context: Record<string, unknown>;
  allowedEvents: string[];
  deadlines: OpenDeadlineView[];
  incidents: IncidentView[];
  overdue: boolean;
  stuck: boolean;
  createdAt: string;
  updatedAt: string;
  lastTransitionAt: string;
  seq: number;
  /** The member of staff (subject id) the workflow is assigned to, and since when; optional as parent is. */
  assignee?: { sub: string; since: string } | null;
  /**
   * The workflow that started this one and those this one started, as far as the caller may see
   * them. Always in the engine's answers; optional so that details made by hand stay valid.
   */
  parent?: WorkflowLinkView | null;
  children?: WorkflowLinkView[];
}

export interface JournalEntryView {
  seq: number;
  eventId: string;
  type: string;
  payload: Record<string, unknown>;
  actor: EventActor;
  fromState: string | null;
  toState: string;
  machineVersion: number;
  occurredAt: string;
}

export interface WorkflowSummary {
  id: string;
  type: string;
  machineVersion: number;
  state: string;
  status: 'active' | 'done';
  area: string | null;
  reference: string | null;
  nextDueAt: string | null;
  overdue: boolean;
  stuck: boolean;
  openIncidents: number;
  lastTransitionAt: string;
  updatedAt: string;
}

export interface ListFilters {
  type?: string;
  state?: string;
  status?: 'active' | 'done';
  overdue?: boolean;
  stuck?: boolean;
  atRisk?: boolean;
  failed?: boolean;
  updatedBefore?: Date;
  /** Only these areas ('all' for every area). */
  areas?: string[] | 'all';
  /** Types the caller may not see. */
  excludeTypes?: string[];
  /** Only workflows about this subject (an opaque id: a child, a household…). */
  subject?: string;
  cursor?: string;
  limit?: number;
}

/** A condition of a domain list on an indexed column or expression; `?` stands for each value in turn. */
export interface ListCondition {
  sql: string;
  values: unknown[];
}

/**
 * What a domain list adds to the engine's: conditions on its own indexed columns or expressions,
 * and columns it selects besides the summary's (alias → SQL expression on workflow_instance).
 * The engine keeps the scoping, ordering, paging and cursor.
 */
export interface ListExtension<Extra extends object> {
  where?: ListCondition[];
  columns?: { [K in keyof Extra]: string };
}

export type ListedWorkflow<Extra extends object> = WorkflowSummary & { extra: Extra };

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
