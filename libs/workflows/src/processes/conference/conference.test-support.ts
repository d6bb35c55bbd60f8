import { WorkingDayCalendar } from '../../calendar';
import {
  applyEvent,
  EventActor,
  JournalEntryForReplay,
  startWorkflow,
  TransitionEnv,
  TransitionOutcome,
} from '../../engine';
import { DomainError, DomainErrorCode } from '../../errors';
import { DEFAULT_STATUTORY_SETTINGS } from '../../settings';
import { conferenceFigures } from './conference.clocks';
import type { ConferenceContext } from './conference.context';
import { conferenceDefinition } from './conference.definition';

/** Factories and a walker for the conference specs (no test runner import: used by specs only). */

export const env: TransitionEnv = {
  settings: DEFAULT_STATUTORY_SETTINGS,
  calendar: new WorkingDayCalendar(),
};

export const FIGURES = conferenceFigures(DEFAULT_STATUTORY_SETTINGS, []);

export const ACTORS = {
  coordinator: { sub: 'coord-1', role: 'coordinator' },
  chair: { sub: 'chair-7', role: 'chair' },
  otherChair: { sub: 'chair-9', role: 'chair' },
  teamManager: { sub: 'tm-3', role: 'team_manager' },
  socialWorker: { sub: 'sw-1', role: 'social_worker' },
  system: { sub: 'system', role: 'system' },
} satisfies Record<string, EventActor>;

/**
 * An ICPC for a household of three children: a 13-year-old (invited), an 8-year-old and a
 * 3-year-old; two parents, the mother with a confidential address and a BSL interpreter, the
 * father by letter; police, GP, health visitor and school. Strategy discussion Monday 2 November
 * 2026, request Tuesday 3 November.
 */
export function icpcRequest(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    reference: 'CPC-2026-000042',
    kind: 'initial',
    area: 'north',
    householdId: 'household-12',
    children: [
      { personId: 'child-a', ageBand: 'invitation-age', contactBy: 'email' },
      { personId: 'child-b', ageBand: 'under-invitation-age' },
      { personId: 'child-c', ageBand: 'under-invitation-age' },
    ],
    parentsAndCarers: [
      {
        personId: 'parent-m',
        relationship: 'mother',
        parentalResponsibility: true,
        confidentialAddress: true,
        childIds: ['child-a', 'child-b', 'child-c'],
        contactBy: 'email',
        needs: { interpreter: 'bsl', accessNeeds: true, supporterPersonId: 'supporter-1' },
      },
      {
        personId: 'parent-f',
        relationship: 'father',
        parentalResponsibility: true,
        confidentialAddress: false,
        childIds: ['child-b', 'child-c'],
        contactBy: 'letter',
        needs: { interpreter: 'none', accessNeeds: false },
      },
    ],
    strategyDiscussions: [
      { id: 'sd-1', heldOn: '2026-10-30', startedSection47: false },
      { id: 'sd-2', heldOn: '2026-11-02', startedSection47: true },
    ],
    section47StartDate: '2026-11-02',
    socialWorker: {
      personId: 'sw-person-1',
      teamId: 'team-n1',
      teamManagerPersonId: 'tm-person-3',
      agencyId: 'csc:north',
    },
    professionals: [
      {
        personId: 'pc-1',
        agencyId: 'police:met',
        professionalGroup: 'police',
        directContactWith: ['child-a'],
        contactBy: 'email',
      },
      {
        personId: 'gp-1',
        agencyId: 'gp:park-road',
        professionalGroup: 'gp',
        directContactWith: ['child-a', 'child-b', 'child-c'],
        contactBy: 'email',
      },
      {
        personId: 'hv-1',
        agencyId: 'health:whittington',
        professionalGroup: 'health-visiting',
        directContactWith: ['child-c'],
        contactBy: 'email',
      },
      {
        personId: 'teacher-1',
        agencyId: 'school:st-marys',
        professionalGroup: 'education',
        directContactWith: ['child-a', 'child-b'],
        contactBy: 'email',
      },
    ],
    figures: FIGURES,
    ...overrides,
  };
}

export const REQUESTED_AT = '2026-11-03T10:00:00Z';

export const BOOKING = {
  date: '2026-11-19',
  startTime: '10:00',
  durationMinutes: 90,
  venueId: 'room-3',
  minuteTakerSub: 'minutes-2',
};

export function codeOf(
  fn: () => unknown,
): { code: DomainErrorCode; extensions: Record<string, unknown> } | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, extensions: error.extensions };
    throw error;
  }
  return undefined;
}

/** Walks one conference through events, keeping the journal the engine would write, for replay. */
export class ConferenceWalk {
  readonly journal: JournalEntryForReplay[] = [];
  readonly outcomes: TransitionOutcome[] = [];
  last: TransitionOutcome;
  private seq = 0;

  constructor(input: Record<string, unknown> = icpcRequest(), at = REQUESTED_AT) {
    const meta = this.meta(at, ACTORS.socialWorker);
    this.last = startWorkflow(conferenceDefinition, input, meta, env);
    this.outcomes.push(this.last);
    this.journal.push({
      seq: this.seq,
      eventType: 'workflow.started',
      payload: input,
      meta,
      machineVersion: 1,
    });
  }

  get context(): ConferenceContext {
    return this.last.snapshot.context as unknown as ConferenceContext;
  }

  send(
    type: string,
    payload: Record<string, unknown>,
    at: string,
    actor: EventActor = ACTORS.coordinator,
  ): this {
    const meta = this.meta(at, actor);
    this.last = applyEvent(conferenceDefinition, this.last.snapshot, { type, ...payload, meta }, env);
    this.outcomes.push(this.last);
    this.journal.push({ seq: this.seq, eventType: type, payload, meta, machineVersion: 1 });
    return this;
  }

  refusal(
    type: string,
    payload: Record<string, unknown>,
    at: string,
    actor: EventActor = ACTORS.coordinator,
  ) {
    return codeOf(() =>
      applyEvent(
        conferenceDefinition,
        this.last.snapshot,
        { type, ...payload, meta: this.meta(at, actor) },
        env,
      ),
    );
  }

  invitee(personId: string) {
    return this.context.invitees.find((person) => person.personId === personId);
  }

  private meta(at: string, actor: EventActor) {
    this.seq += 1;
    return { at, eventId: `evt-${this.seq}`, actor };
  }
}
