import { WorkingDayCalendar } from '../../calendar';
import {
  applyEvent,
  EventActor,
  JournalEntryForReplay,
  startWorkflow,
  TransitionEnv,
  TransitionOutcome,
  WorkflowDefinition,
} from '../../engine';
import { DomainError, DomainErrorCode } from '../../errors';
import { DEFAULT_STATUTORY_SETTINGS } from '../../settings';
import { planFigures } from './child-protection-plan.clocks';

/** Factories and a walker for the plan specs (and the conference's part-2 specs). */

export const env: TransitionEnv = {
  settings: DEFAULT_STATUTORY_SETTINGS,
  calendar: new WorkingDayCalendar(),
};
export const PLAN_FIGURES = planFigures(DEFAULT_STATUTORY_SETTINGS, []);

export const PLAN_ACTORS = {
  system: { sub: 'system', role: 'system' },
  coordinator: { sub: 'coord-1', role: 'coordinator' },
  manager: { sub: 'mgr-1', role: 'manager' },
  socialWorker: { sub: 'sw-1', role: 'social_worker' },
} satisfies Record<string, EventActor>;

/** A plan made at an ICPC on Thursday 19 November 2026 for neglect. */
export function planStart(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    reference: 'CPC-2026-000042-P1',
    area: 'north',
    householdId: 'household-12',
    conferenceReference: 'CPC-2026-000042',
    conferenceKind: 'initial',
    conferenceDate: '2026-11-19',
    child: { personId: 'child-a', unborn: false },
    categories: ['neglect'],
    leadSocialWorker: { personId: 'sw-person-1', teamId: 'team-n1' },
    exceptionalQuorum: false,
    earlierPlansHere: 0,
    icpcInviteePersonIds: ['parent-m', 'gp-1'],
    figures: PLAN_FIGURES,
    ...overrides,
  };
}

export function codeOf(fn: () => unknown): DomainErrorCode | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return undefined;
}

/** Walks one workflow of any definition, keeping the journal the engine would write, for replay. */
export class Walk<C> {
  readonly journal: JournalEntryForReplay[] = [];
  last: TransitionOutcome;
  private seq = 0;

  constructor(
    readonly definition: WorkflowDefinition,
    input: Record<string, unknown>,
    at: string,
    actor: EventActor = PLAN_ACTORS.system,
  ) {
    const meta = this.meta(at, actor);
    this.last = startWorkflow(definition, input, meta, env);
    this.journal.push({
      seq: this.seq,
      eventType: 'workflow.started',
      payload: input,
      meta,
      machineVersion: definition.version,
    });
  }

  get context(): C {
    return this.last.snapshot.context as unknown as C;
  }

  deadline(kind: string): string | undefined {
    return this.last.deadlines.find((d) => d.kind === kind)?.dueDate;
  }

  send(
    type: string,
    payload: Record<string, unknown>,
    at: string,
    actor: EventActor = PLAN_ACTORS.system,
  ): this {
    const meta = this.meta(at, actor);
    this.last = applyEvent(this.definition, this.last.snapshot, { type, ...payload, meta }, env);
    this.journal.push({
      seq: this.seq,
      eventType: type,
      payload,
      meta,
      machineVersion: this.definition.version,
    });
    return this;
  }

  refusal(
    type: string,
    payload: Record<string, unknown>,
    at: string,
    actor: EventActor = PLAN_ACTORS.system,
  ) {
    return codeOf(() =>
      applyEvent(this.definition, this.last.snapshot, { type, ...payload, meta: this.meta(at, actor) }, env),
    );
  }

  private meta(at: string, actor: EventActor) {
    this.seq += 1;
    return { at, eventId: `evt-${this.seq}`, actor };
  }
}
