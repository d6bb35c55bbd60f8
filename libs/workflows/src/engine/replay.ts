import {
  DesiredDeadline,
  ENGINE_EVENTS,
  EventMeta,
  PersistedWorkflowSnapshot,
  WorkflowEvent,
} from './workflow-definition';
import type { WorkflowRegistry } from './registry';
import { applyEvent, describeSnapshot, forceState, startWorkflow, TransitionEnv } from './transition';

export interface JournalEntryForReplay {
  seq: number;
  eventType: string;
  payload: Record<string, unknown>;
  meta: EventMeta;
  /** The machine version the event was applied with. */
  machineVersion: number;
}

/** Key order does not matter when comparing snapshots. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    // The default sort orders keys by UTF-16 code units, as `<` does.
    const keys = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** One journal entry with the snapshot it produced and the deadlines open after it. */
export interface ReplayStep {
  entry: JournalEntryForReplay;
  snapshot: PersistedWorkflowSnapshot;
  /** Recomputed from the snapshot as the engine computed them at the time: keyed and hour clocks included. */
  deadlines: DesiredDeadline[];
}

/**
 * Rebuilds an instance step by step from its journal alone: the start with its input, then every
 * event through the machine version it was applied with, migrations and forced moves included.
 */
export function replaySteps(
  type: string,
  entries: JournalEntryForReplay[],
  registry: WorkflowRegistry,
  env: TransitionEnv,
): ReplayStep[] {
  const [first, ...rest] = [...entries].sort((a, b) => a.seq - b.seq);
  if (!first || first.eventType !== ENGINE_EVENTS.started)
    throw new Error('Journal does not begin with a start');
  let state = startWorkflow(registry.get(type, first.machineVersion), first.payload, first.meta, env);
  const steps: ReplayStep[] = [{ entry: first, snapshot: state.snapshot, deadlines: state.deadlines }];
  for (const entry of rest) {
    const definition = registry.get(type, entry.machineVersion);
    if (entry.eventType === ENGINE_EVENTS.forced) {
      state = forceState(definition, state.snapshot, String(entry.payload.toState), env);
    } else if (entry.eventType === ENGINE_EVENTS.migrated) {
      if (!definition.migration) throw new Error(`${type} v${entry.machineVersion} has no migration`);
      state = describeSnapshot(definition, definition.migration.migrate(state.snapshot), env);
    } else if (entry.eventType !== ENGINE_EVENTS.incidentResolved && entry.eventType !== ENGINE_EVENTS.reassigned) {
      const event = { ...entry.payload, type: entry.eventType, meta: entry.meta } as WorkflowEvent;
      state = applyEvent(definition, state.snapshot, event, env);
    }
    steps.push({ entry, snapshot: state.snapshot, deadlines: state.deadlines });
  }
  return steps;
}

/**
 * The snapshot an instance's journal rebuilds. It must equal the stored snapshot; if it does not,
 * a machine change has broken running workflows.
 */
export function replayJournal(
  type: string,
  entries: JournalEntryForReplay[],
  registry: WorkflowRegistry,
  env: TransitionEnv,
): PersistedWorkflowSnapshot {
  const steps = replaySteps(type, entries, registry, env);
  return steps[steps.length - 1]!.snapshot;
}
