import type { AnyStateMachine } from 'xstate';
import type { StatutorySettingKey } from '../settings';

/** A setting name (resolved from the authority's statutory settings) or a fixed number. */
export type FigureRef = number | StatutorySettingKey;

/** How the hours of an hour clock pass: only on working days (midnight to midnight, London), or on the wall clock. */
export type HourCounting = 'working-days' | 'wall-clock';
export const HOUR_COUNTINGS: readonly HourCounting[] = ['working-days', 'wall-clock'];

/**
 * Where a clock's anchor is: a dot path into the context ('receivedAt', 'strategyDiscussion.date'),
 * or, for a clock declared `forEach` item, '$item' (the item itself) or '$item.<path>' (a path in it).
 */
export type AnchorPath = string;

/**
 * One rule for a due time: an anchor (an ISO date or date-time) and exactly one measure from it.
 * Figures are settings or fixed numbers, whole and not negative.
 */
export interface DeadlineRule {
  anchor: AnchorPath;
  /** "within N working days" of the anchor (day 0 is the anchor itself). */
  workingDays?: FigureRef;
  /** "N working days before" the anchor: the Nth working day before it (0: the anchor, or the working day before it). */
  workingDaysBefore?: FigureRef;
  /** "within N months" of the anchor; a non-working due date falls back to the previous working day. */
  months?: FigureRef;
  /** "within N weeks" of the anchor; a non-working due date falls back to the previous working day. */
  weeks?: FigureRef;
  /** "N weeks before" the anchor (EDD − 6 weeks); a non-working date falls back to the previous working day. */
  weeksBefore?: FigureRef;
  /** "within N hours" of the anchor instant, counted as `hoursCounted` says (required with hours). */
  hours?: FigureRef;
  hoursCounted?: HourCounting;
}

/** The measures a rule may take: exactly one per rule. */
export const DEADLINE_MEASURES = [
  'workingDays',
  'workingDaysBefore',
  'months',
  'weeks',
  'weeksBefore',
  'hours',
] as const satisfies readonly (keyof DeadlineRule)[];
export type DeadlineMeasure = (typeof DEADLINE_MEASURES)[number];

/**
 * A statutory clock, declared as data in a state's `meta.deadlines`. It is open while a state
 * that declares it is active, and closed when none is. The due time is computed by the engine
 * from the anchor found in the workflow's context, never by an XState `after` delay.
 *
 * - One rule: `anchor` and one measure (`{ kind, anchor: 'receivedAt', workingDays: 1 }`).
 * - The earlier of several rules: `earliestOf: [rule, rule]` (a pre-birth conference: 6 weeks
 *   before the expected date of delivery, or 15 working days from the strategy discussion); a rule
 *   whose anchor is absent is left out, and no rule with an anchor means no clock yet.
 * - One clock per item of a list: `forEach: '<path to an array>'` and `key: '<path in the item>'`
 *   ('$item' for an item that is itself the key), each clock a DesiredDeadline with that key; the
 *   anchor may be in the item ('$item.dueFrom') or in the context (every report due before the
 *   one conference date). An item without its anchor has no clock yet; an item without a key, or
 *   two items with one key, is a defect in the machine and the transition throws.
 *
 * A day clock's due date is a London date and it is missed at the midnight that ends it; an hour
 * clock is missed at the exact instant.
 */
export interface DeadlineDecl extends Partial<DeadlineRule> {
  /** One open deadline per kind (and key) per workflow, e.g. 'asv-screening', 'icpc'. */
  kind: string;
  /** The earlier of these rules, instead of `anchor` and a measure. */
  earliestOf?: DeadlineRule[];
  /** Dot path into the context to an array: one clock per item. */
  forEach?: string;
  /** With forEach: dot path in the item to its key (a string or an integer), or '$item'. */
  key?: string;
  /** Escalation ladder (a setting of libs/timers); defaults to the kind. */
  ladder?: string;
  /** For people reading the definition: what the clock is. */
  description?: string;
}

/** What a state's meta may declare for the engine. */
export interface StateMetaForEngine {
  deadlines?: DeadlineDecl[];
  /** A non-final state with no transition for this long makes the workflow "stuck". */
  stuckAfterHours?: number;
  /** A human label for consoles. */
  label?: string;
}

/** A side effect declared by a machine with XState's `emit()`; performed after commit via the outbox. */
export interface Effect {
  type: string;
  [key: string]: unknown;
}

/** Class of a validated payload: class-validator decorators, unknown fields rejected. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type PayloadClass = new (...args: any[]) => object;

export interface MachineMigration {
  /** The version this one migrates from (always the previous one). */
  fromVersion: number;
  /** Pure: the persisted snapshot of the old version → one valid in the new. */
  migrate(snapshot: PersistedWorkflowSnapshot): PersistedWorkflowSnapshot;
  /** What changes, for the audit trail. */
  description: string;
}

export interface WorkflowDefinition {
  /** Stable id of the process, e.g. 'asv-referral'. */
  type: string;
  /** Incremented for every change to the machine that running instances could notice. */
  version: number;
  machine: AnyStateMachine;
  /** Validates `input` of POST /workflows for this type. */
  input: PayloadClass;
  /** Every event a client may send, with the class that validates its payload (null: no payload). */
  events: Record<string, PayloadClass | null>;
  /** The geographic area that scopes access to the instance, from its context. */
  areaOf?(context: unknown): string | null;
  /** The case reference people use (never a name), from its context. */
  referenceOf?(context: unknown): string | null;
  /**
   * The people and groups the workflow is about (opaque ids only: a child, an unborn child, a
   * household, the subject of an allegation), kept by the engine in an indexed table so every
   * workflow about one subject is one query.
   */
  subjectsOf?(context: unknown): WorkflowSubject[];
  /**
   * One row of the process's own read-model table (a register, a census), from the context: the
   * engine writes it in the transition's own statement, so the row always says what the snapshot
   * says and is read with indexed queries instead of the snapshots.
   */
  readModel?: ReadModelDeclaration;
  /**
   * Why the rules refuse an event, beyond the names of its guards: called only when a guard has
   * refused it, and merged into the 422's extensions (the engine's `rules` stays the guard names).
   * Rule names and ids only, never personal data: it reaches the client and the logs.
   */
  refusalDetails?(context: unknown, event: WorkflowEvent): Record<string, unknown> | undefined;
  /** Present when this version can take instances of the previous one. */
  migration?: MachineMigration;
  description?: string;
}

/** One subject of a workflow: an opaque id of the service's own id space and what it is. */
/** A read-model table: its name, its columns' SQL types, and the row of a context. */
export interface ReadModelDeclaration {
  /** A table with `workflow_id uuid PRIMARY KEY` and these columns (a migration creates it). */
  table: string;
  columns: Readonly<Record<string, ReadModelColumnType>>;
  /** The row's values by column, from the context and the workflow's status. Ids and dates only. */
  rowOf(context: unknown, status: 'active' | 'done'): Record<string, string | number | boolean | null>;
}
export type ReadModelColumnType = 'text' | 'date' | 'int' | 'boolean';

export interface WorkflowSubject {
  id: string;
  /** e.g. 'child', 'unborn-child', 'household', 'allegation-subject'. */
  kind: string;
}

/** The JSON the engine persists for an instance (XState's persisted snapshot). */
export interface PersistedWorkflowSnapshot {
  status: 'active' | 'done' | 'error' | 'stopped';
  value: unknown;
  context: Record<string, unknown>;
  [key: string]: unknown;
}

/** Who caused an event: a person (from the token) or the system (timers, reconciler). */
export interface EventActor {
  sub: string;
  role: string;
}

/** What the engine adds to every event before the machine sees it: time and actor, so machines stay deterministic. */
export interface EventMeta {
  at: string;
  actor: EventActor;
  eventId: string;
}

export interface WorkflowEvent {
  type: string;
  meta: EventMeta;
  [key: string]: unknown;
}

/** A deadline as the engine computes it from the declarations of the active states. */
export interface DesiredDeadline {
  kind: string;
  /**
   * The item a clock of this kind is about when a state opens several of one kind (one per
   * expected report, one per invitation); absent for a clock that is one of its kind. A
   * deadline's identity within its workflow is (kind, key).
   */
  key?: string;
  ladder: string;
  /** The London date of the anchor of the rule that gave the due time. */
  anchorDate: string;
  /**
   * The London date by which it is to be done. For an hour clock, the date of the last instant
   * still in time (so a clock that runs out at midnight is due on the day that midnight ends).
   */
  dueDate: string;
  /**
   * The first instant at which the deadline is missed: for a day clock, midnight, London time,
   * after the due date; for an hour clock, the anchor's instant plus the hours.
   */
  dueAt: string;
}

export const SYSTEM_ACTOR: EventActor = Object.freeze({ sub: 'system', role: 'system' });

/** Events the engine itself sends; every machine accepts them (or the engine handles them). */
export const ENGINE_EVENTS = {
  started: 'workflow.started',
  deadlineStep: 'deadline.step',
  migrated: 'engine.migrated',
  /** A manager moved the workflow to a state by force, with a reason. */
  forced: 'engine.forced',
  /** A manager resolved an incident (and perhaps retried its effect), with a reason: no state change. */
  incidentResolved: 'engine.incident-resolved',
  /** A manager gave the workflow to another member of staff (or to no one), with a reason: no state change. */
  reassigned: 'engine.reassigned',
} as const;

/**
 * The outbox contract the engine writes: effect types that libs/timers performs. Machines declare
 * their own effects with `emit()`; these are the engine's, and the names are owned here.
 */
export const ENGINE_EFFECTS = {
  deadlineOpened: 'deadline.opened',
  deadlineMoved: 'deadline.moved',
  deadlineClosed: 'deadline.closed',
  /** A ladder step fired and the machine left it to the engine: tell the people on the ladder. */
  deadlineEscalate: 'deadline.escalate',
  /** Start another workflow (type, input, a deterministic start key), exactly once. */
  workflowStart: 'workflow.start',
  /** Send an event to another workflow (by id, or by type and start key), exactly once. */
  workflowSignal: 'workflow.signal',
} as const;
export type EngineEffectType = (typeof ENGINE_EFFECTS)[keyof typeof ENGINE_EFFECTS];

/**
 * The kinds of step on a deadline's escalation ladder: warnings before the due time, the due
 * time itself (the deadline is missed), and the repeats after it until it is met.
 */
export const DEADLINE_STEP = { warning: 'warning', due: 'due', repeat: 'repeat' } as const;
export type DeadlineStepKind = (typeof DEADLINE_STEP)[keyof typeof DEADLINE_STEP];
