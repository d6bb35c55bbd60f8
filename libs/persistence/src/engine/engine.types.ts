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
  cursor?: string;
  limit?: number;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
