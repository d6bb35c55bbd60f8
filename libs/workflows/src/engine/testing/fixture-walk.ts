import { WorkingDayCalendar } from '../../calendar';
import { DomainError, DomainErrorCode } from '../../errors';
import { DEFAULT_STATUTORY_SETTINGS } from '../../settings';
import type { JournalEntryForReplay } from '../replay';
import { applyEvent, forceState, startWorkflow, TransitionEnv, TransitionOutcome } from '../transition';
import { ENGINE_EVENTS, EventMeta, WorkflowDefinition } from '../workflow-definition';

export const fixtureEnv: TransitionEnv = {
  settings: DEFAULT_STATUTORY_SETTINGS,
  calendar: new WorkingDayCalendar(),
};

export function metaAt(at: string, eventId = `evt-${at}`): EventMeta {
  return { at, eventId, actor: { sub: 'user-1', role: 'coordinator' } };
}

/** What a DomainError carries, or undefined when the call succeeds; any other error is rethrown. */
export function refusalOf(
  fn: () => unknown,
): { code: DomainErrorCode; message: string; extensions: unknown } | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError)
      return { code: error.code, message: error.message, extensions: error.extensions };
    throw error;
  }
  return undefined;
}

/**
 * Drives one workflow through the pure engine as the persistence layer would, keeping the journal
 * it would write (forced moves and resolved incidents included), so a spec can replay it.
 */
export class FixtureWalk {
  readonly journal: JournalEntryForReplay[] = [];
  readonly outcomes: TransitionOutcome[] = [];

  constructor(
    readonly definition: WorkflowDefinition,
    input: Record<string, unknown>,
    at: string,
    readonly env: TransitionEnv = fixtureEnv,
  ) {
    const meta = metaAt(at, 'evt-0');
    this.record(ENGINE_EVENTS.started, input, meta, startWorkflow(definition, input, meta, env));
  }

  get last(): TransitionOutcome {
    return this.outcomes[this.outcomes.length - 1]!;
  }

  send(type: string, payload: Record<string, unknown>, at: string): this {
    const meta = metaAt(at, `evt-${this.journal.length}`);
    return this.record(
      type,
      payload,
      meta,
      applyEvent(this.definition, this.last.snapshot, { type, ...payload, meta }, this.env),
    );
  }

  force(toState: string, at: string): this {
    const meta = metaAt(at, `evt-${this.journal.length}`);
    const payload = { toState, reason: 'Moved by a manager' };
    return this.record(
      ENGINE_EVENTS.forced,
      payload,
      meta,
      forceState(this.definition, this.last.snapshot, toState, this.env),
    );
  }

  /** An incident resolved by a manager: journaled, no change to the workflow. */
  resolveIncident(at: string): this {
    const meta = metaAt(at, `evt-${this.journal.length}`);
    this.journal.push({
      seq: this.journal.length + 1,
      eventType: ENGINE_EVENTS.incidentResolved,
      payload: { incidentId: 'incident-1', reason: 'Sent by hand' },
      meta,
      machineVersion: this.definition.version,
    });
    this.outcomes.push({ ...this.last, effects: [], changed: false });
    return this;
  }

  private record(
    eventType: string,
    payload: Record<string, unknown>,
    meta: EventMeta,
    outcome: TransitionOutcome,
  ): this {
    this.journal.push({
      seq: this.journal.length + 1,
      eventType,
      payload,
      meta,
      machineVersion: this.definition.version,
    });
    this.outcomes.push(outcome);
    return this;
  }
}
