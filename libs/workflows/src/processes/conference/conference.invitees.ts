import type { Booking, ConferenceContext, ExpectedReport, FamilyNeeds, Invitee } from './conference.context';
import type { ConferenceRequestInput, FamilyNeedsInput, InviteePayload } from './conference.payloads';
import {
  CONFERENCE_EFFECTS,
  ICalMethod,
  InvitationStatus,
  PRE_BIRTH_REQUIRED_GROUPS,
  SOCIAL_WORKER_REPORT,
} from './conference.vocabulary';

/**
 * The invitee list and the expected reports: built from the request, changed by the
 * co-ordinator, agreed by the chair. Pure helpers of the machine's actions and guards.
 */

/**
 * The date sent with a sending, so that what goes out is the booking of that SEQUENCE even when
 * the conference has moved again before the dispatcher runs. A venue id and a meeting link, no
 * address.
 */
export type InvitationSlot = Pick<
  Booking,
  'date' | 'startTime' | 'durationMinutes' | 'venueId' | 'onlineLink'
>;

/**
 * The sending declared for one invitee: ids, numbers and the slot, never a name, an address or an
 * email. The dispatcher builds the iCalendar UID from the workflow's id and the person id (stable
 * per conference and invitee) and reads the contact point from the person store.
 */
export interface InvitationEmailEffect {
  type: typeof CONFERENCE_EFFECTS.invitationEmail;
  reference: string;
  personId: string;
  /** iCalendar SEQUENCE and METHOD. */
  sequence: number;
  method: ICalMethod;
  slot: InvitationSlot;
}

export interface InvitationLetterEffect {
  type: typeof CONFERENCE_EFFECTS.invitationLetter;
  reference: string;
  personId: string;
  sequence: number;
  method: ICalMethod;
  slot: InvitationSlot;
}

export type InvitationEffect = InvitationEmailEffect | InvitationLetterEffect;

export function familyNeeds(needs: FamilyNeedsInput): FamilyNeeds {
  return {
    interpreter: needs.interpreter,
    accessNeeds: needs.accessNeeds,
    supporterPersonId: needs.supporterPersonId ?? null,
    advocatePersonId: needs.advocatePersonId ?? null,
  };
}

function invitee(fields: Partial<Invitee> & Pick<Invitee, 'personId' | 'invitedAs' | 'contactBy'>): Invitee {
  return {
    agencyId: null,
    professionalGroup: null,
    directContactWith: [],
    needs: null,
    invitedBecause: null,
    status: 'proposed',
    sequence: null,
    method: null,
    sentAt: null,
    letterPostedOn: null,
    answer: null,
    ...fields,
  };
}

/**
 * The list the request gives: parents and carers, each child of the invitation age (younger ones
 * only when the chair agrees, by adding them), the social worker and the team manager, and every
 * professional named (police, health, education, others).
 */
export function inviteesFromRequest(request: ConferenceRequestInput): Invitee[] {
  const childIds = request.children.map((child) => child.personId);
  return [
    ...request.parentsAndCarers.map((person) =>
      invitee({
        personId: person.personId,
        invitedAs:
          person.relationship === 'foster-carer' || person.relationship === 'kinship-carer'
            ? 'carer'
            : 'parent',
        contactBy: person.contactBy,
        needs: familyNeeds(person.needs),
      }),
    ),
    ...request.children
      .filter((child) => child.ageBand === 'invitation-age')
      .map((child) =>
        invitee({
          personId: child.personId,
          invitedAs: 'child',
          contactBy: child.contactBy ?? 'letter',
          needs: child.needs
            ? familyNeeds(child.needs)
            : { interpreter: 'none', accessNeeds: false, supporterPersonId: null, advocatePersonId: null },
          invitedBecause: 'age',
        }),
      ),
    invitee({
      personId: request.socialWorker.personId,
      invitedAs: 'social-worker',
      contactBy: 'email',
      agencyId: request.socialWorker.agencyId,
      professionalGroup: 'childrens-social-care',
      directContactWith: childIds,
    }),
    invitee({
      personId: request.socialWorker.teamManagerPersonId,
      invitedAs: 'team-manager',
      contactBy: 'email',
      agencyId: request.socialWorker.agencyId,
      professionalGroup: 'childrens-social-care',
    }),
    ...request.professionals.map((person) =>
      invitee({
        personId: person.personId,
        invitedAs: 'professional',
        contactBy: person.contactBy,
        agencyId: person.agencyId,
        professionalGroup: person.professionalGroup,
        directContactWith: [...person.directContactWith],
      }),
    ),
  ];
}

/** An invitee the chair adds is agreed by adding them; anyone else's waits for the chair. */
export function inviteeFromPayload(
  payload: InviteePayload,
  childAgeBand: string | undefined,
  byTheChair: boolean,
): Invitee {
  return invitee({
    status: byTheChair ? 'agreed' : 'proposed',
    personId: payload.personId,
    invitedAs: payload.invitedAs,
    contactBy: payload.contactBy,
    agencyId: payload.agencyId ?? null,
    professionalGroup: payload.professionalGroup ?? null,
    directContactWith: [...payload.directContactWith],
    needs: payload.needs ? familyNeeds(payload.needs) : null,
    invitedBecause:
      payload.invitedAs === 'child' ? (childAgeBand === 'invitation-age' ? 'age' : 'chair-agreement') : null,
  });
}

/** Not yet in the invitee's hands: the invitations clock is open while any is like this. */
const UNSENT: ReadonlySet<InvitationStatus> = new Set([
  'proposed',
  'agreed',
  'queued',
  'awaiting-post',
  'rejected',
]);
/** An invitation that went out (and may have been answered): a move or a cancellation is sent after it. */
const WENT_OUT: ReadonlySet<InvitationStatus> = new Set([
  'queued',
  'awaiting-post',
  'sent',
  'attending',
  'not-attending',
  'apologies',
]);
const ANSWERABLE: ReadonlySet<InvitationStatus> = new Set([
  'sent',
  'attending',
  'not-attending',
  'apologies',
]);

export const isUnsent = (person: Invitee) => UNSENT.has(person.status);
export const wentOut = (person: Invitee) => WENT_OUT.has(person.status);
export const isAnswerable = (person: Invitee) => ANSWERABLE.has(person.status);

export function everyInvitationSent(context: ConferenceContext): boolean {
  return context.inviteesAgreed !== null && !context.invitees.some(isUnsent);
}

/** Someone on the list the chair has not agreed yet. */
export function someInviteeProposed(context: ConferenceContext): boolean {
  return context.invitees.some((person) => person.status === 'proposed');
}

export function findInvitee(context: ConferenceContext, personId: string): Invitee | undefined {
  return context.invitees.find((person) => person.personId === personId);
}

/** A pre-birth conference always invites midwifery and the health visitor. */
export function missingPreBirthGroups(context: ConferenceContext): string[] {
  if (context.requestedKind !== 'pre-birth') return [];
  return PRE_BIRTH_REQUIRED_GROUPS.filter(
    (group) => !context.invitees.some((person) => person.professionalGroup === group),
  );
}

/** Queues one sending: an email with its calendar file, or a letter for the co-ordinators to post. */
export function queueSending(
  person: Invitee,
  reference: string,
  sequence: number,
  method: ICalMethod,
  booking: Booking,
): { invitee: Invitee; effect: InvitationEffect } {
  const slot: InvitationSlot = {
    date: booking.date,
    startTime: booking.startTime,
    durationMinutes: booking.durationMinutes,
    venueId: booking.venueId,
    onlineLink: booking.onlineLink,
  };
  const sending = { reference, personId: person.personId, sequence, method, slot };
  const effect: InvitationEffect =
    person.contactBy === 'email'
      ? { type: CONFERENCE_EFFECTS.invitationEmail, ...sending }
      : { type: CONFERENCE_EFFECTS.invitationLetter, ...sending };
  const status: InvitationStatus = person.contactBy === 'email' ? 'queued' : 'awaiting-post';
  return {
    invitee: {
      ...person,
      status,
      sequence,
      method,
      sentAt: null,
      letterPostedOn: null,
      // A new date or a cancellation asks again: an answer given for the old date no longer holds.
      answer: method === 'REQUEST' && person.sequence !== sequence ? null : person.answer,
    },
    effect,
  };
}

/** The reports expected: one from each agency invited (other than children's social care) and the social worker's. */
export function expectedReports(
  context: Pick<ConferenceContext, 'invitees' | 'reports' | 'socialWorker'>,
): ExpectedReport[] {
  const known = new Map(context.reports.map((report) => [report.key, report]));
  const received = context.reports.filter((report) => report.received !== null).map((report) => report.key);
  const keys = new Set([
    SOCIAL_WORKER_REPORT,
    ...context.invitees
      .filter((person) => person.invitedAs === 'professional' && person.agencyId !== null)
      .map((person) => person.agencyId!)
      .filter((agencyId) => agencyId !== context.socialWorker.agencyId),
    // A report received stays expected after its agency's invitee left the list.
    ...received,
  ]);
  return [...keys].map(
    (key) =>
      known.get(key) ?? {
        key,
        author: key === SOCIAL_WORKER_REPORT ? 'social-worker' : 'agency',
        received: null,
        dueBy: null,
        withholding: null,
        sharedWithParentsOn: null,
      },
  );
}

/**
 * Each expected report's clock anchor: the conference's reports date while the report is
 * awaited, none once it is received (so its clock closes, late or not). The reports unchanged
 * keep their identity, so a step that changes nothing here changes nothing.
 */
export function withReportDueDates(
  reports: readonly ExpectedReport[],
  reportsDueBy: string | null,
): ExpectedReport[] {
  return reports.map((report) => {
    const dueBy = report.received === null ? reportsDueBy : null;
    return report.dueBy === dueBy ? report : { ...report, dueBy };
  });
}

/** Every expected report received, and the social worker's shared with the parents. */
export function everyReportIn(context: ConferenceContext): boolean {
  return (
    context.reports.length > 0 &&
    context.reports.every(
      (report) =>
        report.received !== null &&
        (report.author !== 'social-worker' || report.sharedWithParentsOn !== null),
    )
  );
}
