import {
  applyEvent,
  DomainError,
  EventMeta,
  startWorkflow,
  TransitionEnv,
  TransitionOutcome,
  WorkflowDefinition,
} from '@app/workflows';
import { DEFAULT_SAMPLE_ACTOR, ProcessSamples, sampleActor, samplePayload } from '../fixtures/event-samples';

/** The events, in order, that take a new instance to a state accepting the event sought. */
export type EventPath = string[];

export interface ExplorationResult {
  /** For each event type a reachable state accepts with its sample: the shortest path there. */
  paths: Map<string, EventPath>;
  /** Event types of the definition with no sample. */
  withoutSample: string[];
  /** States reached. */
  states: number;
}

const MAX_DEPTH = 25;

/**
 * Explores a machine from its start with the process's sample payloads, breadth first and purely
 * (the engine's own transition functions, no database): every state reached, and for each event
 * type the shortest path to a state where it is accepted. States are told apart by their value and
 * by the event types they accept: a self-transition that only adds to the context leads nowhere
 * new, unless it lets another event in (a report's withholding asked for, then decided).
 */
export function explore(
  definition: WorkflowDefinition,
  samples: ProcessSamples,
  env: TransitionEnv,
  now: Date,
): ExplorationResult {
  const types = Object.keys(definition.events);
  const withoutSample = types.filter((type) => !(type in samples.events));
  const paths = new Map<string, EventPath>();
  const start = startWorkflow(
    definition,
    samples.input({ now, n: 0 }),
    meta(now, 'explore-start', DEFAULT_SAMPLE_ACTOR),
    env,
  );
  const accepted = (outcome: TransitionOutcome) =>
    types.filter(
      (type) => !withoutSample.includes(type) && tryEvent(definition, samples, outcome, type, env, now),
    );
  const key = (outcome: TransitionOutcome) => `${outcome.state}|${accepted(outcome).join(',')}`;
  const seen = new Set([key(start)]);
  const queue: { outcome: TransitionOutcome; path: EventPath }[] = [{ outcome: start, path: [] }];
  while (queue.length > 0 && paths.size < types.length - withoutSample.length) {
    const { outcome, path } = queue.shift()!;
    for (const type of types) {
      if (withoutSample.includes(type)) continue;
      const next = tryEvent(definition, samples, outcome, type, env, now);
      if (!next) continue;
      if (!paths.has(type)) paths.set(type, path);
      const nextKey = key(next);
      if (!seen.has(nextKey) && path.length < MAX_DEPTH) {
        seen.add(nextKey);
        queue.push({ outcome: next, path: [...path, type] });
      }
    }
  }
  return { paths, withoutSample, states: seen.size };
}

/** The instance a path leads to, from a fresh input (`n` makes it unique), as the engine would store it. */
export function follow(
  definition: WorkflowDefinition,
  samples: ProcessSamples,
  path: EventPath,
  env: TransitionEnv,
  now: Date,
  n: number,
): TransitionOutcome {
  let outcome = startWorkflow(
    definition,
    samples.input({ now, n }),
    meta(now, `seed-${n}`, DEFAULT_SAMPLE_ACTOR),
    env,
  );
  for (const type of path) {
    const next = tryEvent(definition, samples, outcome, type, env, now);
    if (!next)
      throw new Error(
        `${definition.type}: '${type}' was accepted while exploring but not on the seeded path`,
      );
    outcome = next;
  }
  return outcome;
}

/** The event's payload for the state it is sent in. */
export function payloadFor(samples: ProcessSamples, outcome: TransitionOutcome, type: string, now: Date) {
  return samplePayload(samples.events[type]!, { context: outcome.snapshot.context, now });
}

/** The next outcome, or undefined when the state refuses the event (a DomainError); anything else is a defect. */
function tryEvent(
  definition: WorkflowDefinition,
  samples: ProcessSamples,
  outcome: TransitionOutcome,
  type: string,
  env: TransitionEnv,
  now: Date,
): TransitionOutcome | undefined {
  try {
    const payload = payloadFor(samples, outcome, type, now);
    return applyEvent(
      definition,
      outcome.snapshot,
      { ...payload, type, meta: meta(now, `explore-${type}`, sampleActor(samples, type)) },
      env,
    );
  } catch (error) {
    if (error instanceof DomainError) return undefined;
    throw error;
  }
}

const meta = (now: Date, eventId: string, actor: EventMeta['actor']): EventMeta => ({
  at: now.toISOString(),
  actor,
  eventId,
});
