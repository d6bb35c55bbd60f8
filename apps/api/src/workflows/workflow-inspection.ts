import { createInspector, type StatelyInspectionEvent } from '@statelyai/inspect';
import type { JournalEntryView } from '@app/persistence';
import { replaySteps, type TransitionEnv, type WorkflowRegistry } from '@app/workflows';

const REDACTED = '[redacted]';

/** Context keeps its shape, never its values: the trace is for seeing how a workflow moved, not what it holds. */
function redactContext(context: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(context ?? {}).map((key) => [key, REDACTED]));
}

/**
 * An inspection trace of one workflow in the Stately inspection format (@statelyai/inspect), made
 * here from its journal: the actor with its machine definition, then each event (its type only)
 * and the state it led to. Context values and payloads are left out, and nothing is sent anywhere:
 * the adapter only collects, so no case data reaches a hosted inspector.
 */
export function inspectionTrace(
  id: string,
  type: string,
  journal: JournalEntryView[],
  registry: WorkflowRegistry,
  env: TransitionEnv,
): StatelyInspectionEvent[] {
  const events: StatelyInspectionEvent[] = [];
  const inspector = createInspector(
    { send: (event) => events.push(event) },
    {
      autoStart: true,
      sanitizeContext: (context) => redactContext(context as Record<string, unknown>),
      sanitizeEvent: (event) => ({ type: event.type }),
    },
  );
  const steps = replaySteps(
    type,
    journal.map((e) => ({
      seq: e.seq,
      eventType: e.type,
      payload: e.payload,
      machineVersion: e.machineVersion,
      meta: { at: e.occurredAt, actor: e.actor, eventId: e.eventId },
    })),
    registry,
    env,
  );
  const [first, ...rest] = steps;
  if (!first) return events;
  const actorId = `${type}:${id}`;
  const definition = registry.get(type, first.entry.machineVersion).machine.toJSON();
  inspector.actor(
    actorId,
    { status: 'active', value: first.snapshot.value, context: first.snapshot.context },
    { definition: JSON.stringify(definition) },
  );
  for (const step of rest) {
    const event = { type: step.entry.eventType };
    inspector.event(actorId, event, { source: `${step.entry.meta.actor.role}` });
    inspector.snapshot(
      actorId,
      { status: step.snapshot.status === 'done' ? 'done' : 'active', value: step.snapshot.value, context: step.snapshot.context },
      { event },
    );
  }
  inspector.stop();
  return events;
}
