import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import type { WorkingDayCalendar } from '../calendar';
import { DomainError, DomainErrorCode } from '../errors';
import type { StatutorySettings } from '../settings';
import { desiredDeadlines, stuckAfterHours } from './deadlines';
import { throwIfInvalidPayload } from './payload-validation';
import { stateToString } from './state-value';
import {
  DesiredDeadline,
  Effect,
  ENGINE_EFFECTS,
  ENGINE_EVENTS,
  EventMeta,
  PersistedWorkflowSnapshot,
  WorkflowDefinition,
  WorkflowEvent,
} from './workflow-definition';

/** What a transition needs besides the machine: the authority's figures and its calendar. */
export interface TransitionEnv {
  settings: StatutorySettings;
  calendar: WorkingDayCalendar;
}

/** Everything the engine writes for one transition, computed without I/O. */
export interface TransitionOutcome {
  snapshot: PersistedWorkflowSnapshot;
  state: string;
  status: 'active' | 'done';
  effects: Effect[];
  deadlines: DesiredDeadline[];
  allowedEvents: string[];
  stuckAfterHours?: number;
  area: string | null;
  reference: string | null;
  /** False when the event was recorded but the machine's state and context did not change. */
  changed: boolean;
}

const RESERVED_KEYS = new Set(['type', 'meta']);

function payloadOf(event: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(event).filter(([key]) => !RESERVED_KEYS.has(key)));
}

function effectsOf(actions: { type: string; params?: unknown }[]): Effect[] {
  return actions
    .filter((action) => action.type === 'xstate.emit')
    .map((action) => (action.params as { event: Effect }).event)
    .map((effect) => JSON.parse(JSON.stringify(effect)) as Effect);
}

function persist(definition: WorkflowDefinition, snapshot: AnyMachineSnapshot): PersistedWorkflowSnapshot {
  const persisted = definition.machine.getPersistedSnapshot(snapshot) as unknown as PersistedWorkflowSnapshot;
  return JSON.parse(JSON.stringify(persisted)) as PersistedWorkflowSnapshot;
}

/** Rebuilds a machine snapshot from its persisted JSON (pure machines have no child actors to restore). */
export function restore(
  definition: WorkflowDefinition,
  persisted: PersistedWorkflowSnapshot,
): AnyMachineSnapshot {
  return definition.machine.resolveState({ value: persisted.value as never, context: persisted.context });
}

/** The events a client could send now: those with a transition from an active state (guards may still refuse). */
export function allowedEvents(definition: WorkflowDefinition, snapshot: AnyMachineSnapshot): string[] {
  if (snapshot.status !== 'active') return [];
  const candidates = new Set<string>();
  for (const node of snapshot._nodes) {
    for (const type of node.ownEvents) if (type in definition.events) candidates.add(type);
  }
  return [...candidates].sort();
}

function outcome(
  definition: WorkflowDefinition,
  snapshot: AnyMachineSnapshot,
  effects: Effect[],
  env: TransitionEnv,
  changed: boolean,
): TransitionOutcome {
  if (snapshot.status === 'error') {
    // A machine action threw: a defect in the machine, never a client error. Nothing is written.
    throw new Error(`Machine ${definition.type} v${definition.version} entered an error state`);
  }
  const meta = snapshot.getMeta() as Record<string, unknown>;
  return {
    snapshot: persist(definition, snapshot),
    state: stateToString(snapshot.value),
    status: snapshot.status === 'done' ? 'done' : 'active',
    effects,
    deadlines:
      snapshot.status === 'done' ? [] : desiredDeadlines(meta, snapshot.context, env.settings, env.calendar),
    allowedEvents: allowedEvents(definition, snapshot),
    stuckAfterHours: snapshot.status === 'done' ? undefined : stuckAfterHours(meta),
    area: definition.areaOf?.(snapshot.context) ?? null,
    reference: definition.referenceOf?.(snapshot.context) ?? null,
    changed,
  };
}

/** Describes a persisted snapshot as a transition outcome with no effects (after a migration, or to read it). */
export function describeSnapshot(
  definition: WorkflowDefinition,
  persisted: PersistedWorkflowSnapshot,
  env: TransitionEnv,
): TransitionOutcome {
  return outcome(definition, restore(definition, persisted), [], env, false);
}

/** Validates input and computes a new instance's first snapshot, effects and deadlines. */
export function startWorkflow(
  definition: WorkflowDefinition,
  input: Record<string, unknown>,
  meta: EventMeta,
  env: TransitionEnv,
): TransitionOutcome {
  throwIfInvalidPayload(definition.input, input, 'input');
  const [snapshot, actions] = initialTransition(definition.machine, { ...input, meta } as never);
  return outcome(definition, snapshot, effectsOf(actions), env, true);
}

/**
 * The names of the guards on the transitions an event could take from the active states: a guard
 * given by name ('hasReason') or as an object ({ type: 'hasReason', params }). An inline function
 * has no name to give.
 */
function guardsFor(snapshot: AnyMachineSnapshot, type: string): string[] {
  const names = new Set<string>();
  for (const node of snapshot._nodes) {
    const transitions = node.transitions.get(type);
    if (transitions === undefined) continue;
    for (const t of transitions) {
      const guard = t.guard as unknown;
      const name = typeof guard === 'string' ? guard : (guard as { type?: unknown } | undefined)?.type;
      if (typeof name === 'string') names.add(name);
    }
  }
  return [...names];
}

/**
 * Applies one event: validates its payload, checks that the state accepts it (409) and that its
 * guards pass (422), and returns the next snapshot with its effects and deadlines. A deadline step
 * the machine does not handle itself is recorded without a state change and escalated by the engine.
 */
export function applyEvent(
  definition: WorkflowDefinition,
  persisted: PersistedWorkflowSnapshot,
  event: WorkflowEvent,
  env: TransitionEnv,
): TransitionOutcome {
  const isDeadlineStep = event.type === ENGINE_EVENTS.deadlineStep;
  if (!isDeadlineStep && !(event.type in definition.events)) {
    throw new DomainError(
      DomainErrorCode.InvalidInput,
      `'${event.type}' is not an event of ${definition.type}`,
      {
        errors: [
          { field: 'type', messages: [`type must be one of: ${Object.keys(definition.events).join(', ')}`] },
        ],
      },
    );
  }
  if (!isDeadlineStep)
    throwIfInvalidPayload(definition.events[event.type] ?? null, payloadOf(event), 'event');

  const current = restore(definition, persisted);
  if (current.status !== 'active') {
    throw new DomainError(
      DomainErrorCode.EventNotAccepted,
      `The workflow has finished; it accepts no '${event.type}'`,
    );
  }
  if (!current.can(event as never)) {
    if (isDeadlineStep) {
      const { type: _type, meta: _meta, ...step } = event;
      return outcome(definition, current, [{ type: ENGINE_EFFECTS.deadlineEscalate, ...step }], env, false);
    }
    const guards = guardsFor(current, event.type);
    if (guards.length > 0 || current._nodes.some((n) => n.ownEvents.includes(event.type))) {
      throw new DomainError(DomainErrorCode.GuardRejected, `The rules of the process do not allow '${event.type}' now`, {
        ...definition.refusalDetails?.(current.context, event),
        rules: guards,
      });
    }
    throw new DomainError(
      DomainErrorCode.EventNotAccepted,
      `State '${stateToString(current.value)}' does not accept '${event.type}'`,
      { state: stateToString(current.value), allowedEvents: allowedEvents(definition, current) },
    );
  }
  const [next, actions] = transition(definition.machine, current, event as never);
  return outcome(definition, next, effectsOf(actions), env, true);
}

/** 'lado.tracks' → { lado: 'tracks' }: a dot path to a state, as the managers' console names it. */
export function stateValueOf(path: string): unknown {
  const keys = path.split('.');
  return keys.reduceRight<unknown>((inner, key) => (inner === undefined ? key : { [key]: inner }), undefined);
}

/**
 * A manager's forced move: the machine is put in the named state with its context unchanged
 * (child states take their initial ones), no actions run. An unknown state is a 422.
 */
export function forceState(
  definition: WorkflowDefinition,
  persisted: PersistedWorkflowSnapshot,
  target: string,
  env: TransitionEnv,
): TransitionOutcome {
  let snapshot: AnyMachineSnapshot;
  try {
    // Throws unless the path names a state node of this machine exactly (its id map is a Map).
    definition.machine.getStateNodeById(`${definition.machine.id}.${target}`);
    snapshot = definition.machine.resolveState({
      value: stateValueOf(target) as never,
      context: persisted.context,
    });
  } catch {
    throw new DomainError(DomainErrorCode.GuardRejected, `${definition.type} has no state '${target}'`, {
      rules: ['stateExists'],
    });
  }
  return outcome(definition, snapshot, [], env, true);
}
