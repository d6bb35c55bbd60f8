import type { IncidentKind } from '@app/persistence';

/** One pending effect as the dispatcher hands it to a handler. */
export interface OutboxEffect {
  /** Stable across retries: receivers use it to perform the effect once. */
  id: string;
  workflowId: string | null;
  journalSeq: number | null;
  type: string;
  payload: Record<string, unknown>;
  attempt: number;
}

/** Performs effects of some types after commit. Must be idempotent: an effect may be delivered more than once. */
export interface EffectHandler {
  readonly effectTypes: readonly string[];
  handle(effect: OutboxEffect): Promise<void>;
}

/** Multi-provider token: every EffectHandler the application registers. */
export const EFFECT_HANDLERS = Symbol('EFFECT_HANDLERS');

/** An error safe to store and show: no payloads, no personal data, just what went wrong. */
export class EffectFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EffectFailure';
  }
}

/**
 * A failure that retrying cannot mend (the target refused the event, the request names no
 * workflow type): the effect fails at once and becomes one incident of this kind on its workflow.
 */
export class EffectRefused extends EffectFailure {
  constructor(
    message: string,
    readonly incidentKind: IncidentKind,
  ) {
    super(message);
    this.name = 'EffectRefused';
  }
}
