import { createHash } from 'node:crypto';
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
import { distributionFigures } from './distribution.clocks';
import type { DistributionContext, Pack } from './distribution.context';
import { distributionDefinition } from './distribution.definition';
import type { Effect } from '../../engine';

/** Factories and a walker for the distribution specs (no test runner import: used by specs only). */

export const env: TransitionEnv = {
  settings: DEFAULT_STATUTORY_SETTINGS,
  calendar: new WorkingDayCalendar(),
};
export const FIGURES = distributionFigures(DEFAULT_STATUTORY_SETTINGS, []);

export const ACTORS = {
  coordinator: { sub: 'coord-1', role: 'coordinator' },
  chair: { sub: 'chair-7', role: 'chair' },
  otherChair: { sub: 'chair-9', role: 'chair' },
  system: { sub: 'system', role: 'system' },
} satisfies Record<string, EventActor>;

/** The SHA-256 the document store would give a part's bytes (the bytes never reach the machine). */
export const sha = (partId: string) => createHash('sha256').update(`bytes of ${partId}`).digest('hex');

/**
 * A conference held on Monday 23 November 2026: the mother (a confidential address) and the
 * father (no email: letters), the grandmother, the social worker and the police. The father was
 * excluded from section-1; the police report is not for sharing with parents, the school's is.
 */
export function conferenceHeld(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const invitee = (
    personId: string,
    invitedAs: string,
    contactBy = 'email',
    agencyId: string | null = null,
  ) => ({
    personId,
    invitedAs,
    agencyId,
    attended: true,
    contactBy,
  });
  return {
    conferenceReference: 'CPC-2026-000042',
    area: 'north',
    householdId: 'household-12',
    conferenceKind: 'initial',
    heldOn: '2026-11-23',
    chairSub: ACTORS.chair.sub,
    invitees: [
      invitee('mother', 'parent'),
      invitee('father', 'parent', 'letter'),
      // An older child: on the family's side, as a family member.
      invitee('grandmother', 'child'),
      invitee('social-worker', 'social-worker'),
      invitee('police', 'professional', 'email', 'police-north'),
    ],
    uninvitedAttendeePersonIds: [],
    exclusions: [{ partId: 'section-1', excludedPersonIds: ['father'] }],
    reports: [
      {
        key: 'police-north',
        documentId: 'report-police',
        caseManagementReference: null,
        notForSharingWithParents: true,
      },
      {
        key: 'school-12',
        documentId: 'report-school',
        caseManagementReference: null,
        notForSharingWithParents: false,
      },
      // Received as a case-management reference only: nothing of it to distribute here.
      { key: 'gp-3', documentId: null, caseManagementReference: 'CM-991', notForSharingWithParents: false },
    ],
    confidentialAddressPersonIds: ['mother'],
    children: [{ childId: 'child-a', outcome: 'plan', categories: ['neglect'] }],
    figures: FIGURES,
    ...overrides,
  };
}

/** The handover's invitee for a person of a distribution role (the specs' generated households). */
export const inviteeOf = (p: { personId: string; role: string; hasEmail: boolean }) => ({
  personId: p.personId,
  invitedAs: p.role === 'family-member' ? 'child' : p.role,
  agencyId: null,
  attended: true,
  contactBy: p.hasEmail ? 'email' : 'letter',
});

export const HELD_AT = '2026-11-23T16:00:00.000Z';

export const part = (partId: string, kind = 'main', facts: Record<string, string> = {}) => ({
  partId,
  kind,
  sha256: sha(partId),
  ...facts,
});

export const DECISIONS_V1 = {
  origin: 'template',
  templateId: 'decisions-and-outline-plan',
  parts: [part('decisions-main')],
};
export const MINUTES_V1 = {
  origin: 'uploaded',
  parts: [
    part('minutes-main'),
    part('minutes-section-1', 'excluded-section', { sectionId: 'section-1' }),
    part('minutes-address-mother', 'confidential-address', { addressOfPersonId: 'mother' }),
  ],
};
export const POLICE_REPORT = {
  reportId: 'report-police',
  origin: 'uploaded',
  parts: [part('report-police-body', 'report', { reportId: 'report-police' })],
};
export const SCHOOL_REPORT = {
  reportId: 'report-school',
  origin: 'uploaded',
  parts: [part('report-school-body', 'report', { reportId: 'report-school' })],
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

/** Walks one distribution through events, keeping the journal the engine would write, for replay. */
export class DistributionWalk {
  readonly journal: JournalEntryForReplay[] = [];
  readonly effects: Effect[] = [];
  last: TransitionOutcome;
  private seq = 0;

  constructor(input: Record<string, unknown> = conferenceHeld(), at = HELD_AT) {
    const meta = this.meta(at, ACTORS.system);
    this.last = startWorkflow(distributionDefinition, input, meta, env);
    this.effects.push(...this.last.effects);
    this.journal.push({
      seq: this.seq,
      eventType: 'workflow.started',
      payload: input,
      meta,
      machineVersion: 1,
    });
  }

  get context(): DistributionContext {
    return this.last.snapshot.context as unknown as DistributionContext;
  }

  send(type: string, payload: object, at: string, actor: EventActor = ACTORS.coordinator): this {
    const meta = this.meta(at, actor);
    this.last = applyEvent(distributionDefinition, this.last.snapshot, { type, ...payload, meta }, env);
    this.effects.push(...this.last.effects);
    this.journal.push({ seq: this.seq, eventType: type, payload: { ...payload }, meta, machineVersion: 1 });
    return this;
  }

  refusal(type: string, payload: object, at: string, actor: EventActor = ACTORS.coordinator) {
    return codeOf(() =>
      applyEvent(
        distributionDefinition,
        this.last.snapshot,
        { type, ...payload, meta: this.meta(at, actor) },
        env,
      ),
    );
  }

  pack(packId: string): Pack | undefined {
    return this.context.packs.find((p) => p.packId === packId);
  }

  /** Reports every queued pack of the round as the dispatcher would: sent, and delivered when emailed. */
  deliverAll(round: string, at: string): this {
    for (const p of this.context.packs.filter((x) => x.round === round && x.status === 'queued')) {
      this.send('pack.sent', { packId: p.packId, attempt: p.attempt }, at, ACTORS.system);
      if (p.channel === 'email')
        this.send('pack.delivered', { packId: p.packId, attempt: p.attempt }, at, ACTORS.system);
    }
    return this;
  }

  private meta(at: string, actor: EventActor) {
    this.seq += 1;
    return { at, eventId: `evt-${this.seq}`, actor };
  }
}
