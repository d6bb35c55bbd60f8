import { Effect, ENGINE_EFFECTS } from '@app/workflows';

/** Where a workflow.signal goes: a workflow by id, or one its sender started with a start key. */
export type SignalTarget = { id: string } | { workflowType: string; startKey: string };

/**
 * The start key of a child, deterministic from its source: the key the machine gave, scoped to
 * the workflow that gave it (two conferences may each start a plan keyed by the same child), or,
 * without one, the source's journal entry and the effect's place among that entry's effects.
 */
export function childStartKey(sourceId: string, seq: number, n: number, given?: unknown): string {
  return typeof given === 'string' && given.length > 0 ? `${sourceId}/${given}` : `${sourceId}.${seq}.${n}`;
}

/** The event id of a signal, deterministic from its source, so a redelivery is the same event. */
export const signalEventId = (sourceId: string, seq: number, n: number): string => `${sourceId}.${seq}.${n}`;

function scopedTarget(sourceId: string, target: unknown): unknown {
  if (!target || typeof target !== 'object') return target;
  const { workflowType, startKey } = target as Record<string, unknown>;
  if (typeof startKey !== 'string' || startKey.length === 0) return target;
  return { workflowType, startKey: `${sourceId}/${startKey}` };
}

/**
 * Fills in the keys that make the workflow.start and workflow.signal effects of one transition
 * exactly-once, as the engine writes them to the outbox: a redelivered row starts no second
 * child (start is idempotent on type and start key) and sends no second event (send is
 * idempotent on workflow and event id). Other effects pass unchanged.
 */
export function withLinkKeys(effects: Effect[], sourceId: string, seq: number): Effect[] {
  return effects.map((effect, n) => {
    if (effect.type === ENGINE_EFFECTS.workflowStart) {
      return { ...effect, startKey: childStartKey(sourceId, seq, n, effect.startKey) };
    }
    if (effect.type === ENGINE_EFFECTS.workflowSignal) {
      return { ...effect, target: scopedTarget(sourceId, effect.target), eventId: signalEventId(sourceId, seq, n) };
    }
    return effect;
  });
}
