/**
 * Quoracy (Working Together; local safeguarding partnership procedures): a conference is quorate
 * for a child when children's social care and at least `quorumOtherAgencies` (2) other agencies
 * or professional groups that have had direct contact with THAT child attend. Each agency or
 * group counts once however many of its staff attend (see attendance.ts for the keys). Without
 * children's social care it is never quorate. The answer is per child and names what is missing.
 */
import { DomainError, DomainErrorCode } from '../../../errors';
import type { StatutorySettings } from '../../../settings';
import type { ConferenceAttendee, ProfessionalAttendee, QuorumUnit } from './attendance';
import { AGENCY_KEY_PATTERN, CHILDRENS_SOCIAL_CARE, PROFESSIONAL_GROUPS, quorumUnitKey } from './attendance';

export type QuoracySettings = Pick<StatutorySettings, 'quorumOtherAgencies'>;

export interface QuoracyFacts {
  /** Every child the family conference considers. */
  childIds: readonly string[];
  /** Everyone present (apologies, with or without a report, are not attendance). */
  attendees: readonly ConferenceAttendee[];
}

/** What a child's quorum lacks. */
export type QuoracyShortfall =
  | { rule: 'childrens-social-care-absent' }
  | { rule: 'too-few-other-agencies'; required: number; counted: number };

export interface ChildQuoracy {
  childId: string;
  quorate: boolean;
  childrensSocialCarePresent: boolean;
  /** The other agencies or groups with direct contact with this child, each once. */
  countedAgencies: QuorumUnit[];
  /** Agencies or groups that attended without direct contact with this child: present, not counted. */
  notCountedWithoutDirectContact: QuorumUnit[];
  /** Empty when quorate. */
  missing: QuoracyShortfall[];
  /**
   * Not quorate, but children's social care and at least one other agency with direct contact
   * attend (exactly one with the default quorum of two): the chair may proceed exceptionally.
   */
  exceptionalQuorum: boolean;
}

export interface ConferenceQuoracy {
  /** Quorate for every child. */
  quorate: boolean;
  children: ChildQuoracy[];
}

/** Throws DomainError invalid_input (naming the field, never a value) when the facts cannot be judged safely. */
export function throwIfQuoracyFactsInvalid(facts: QuoracyFacts): void {
  const fail = (detail: string): never => {
    throw new DomainError(DomainErrorCode.InvalidInput, detail);
  };
  if (facts.childIds.length === 0) fail('childIds must name at least one child');
  const children = new Set(facts.childIds);
  if (children.size !== facts.childIds.length) fail('childIds names a child twice');
  const people = new Set<string>();
  facts.attendees.forEach((attendee, i) => {
    if (people.has(attendee.personId)) fail(`attendees[${i}].personId is recorded twice`);
    people.add(attendee.personId);
    if (attendee.capacity !== 'professional') return;
    if (!AGENCY_KEY_PATTERN.test(attendee.agency))
      fail(`attendees[${i}].agency is not a canonical <type>:<slug> key`);
    if (!(PROFESSIONAL_GROUPS as readonly string[]).includes(attendee.professionalGroup)) {
      fail(`attendees[${i}].professionalGroup is not a known professional group`);
    }
    attendee.directContactChildIds.forEach((childId, j) => {
      if (!children.has(childId))
        fail(`attendees[${i}].directContactChildIds[${j}] is not a child of this conference`);
    });
  });
}

const unitOf = (attendee: ProfessionalAttendee): QuorumUnit => ({
  agency: attendee.agency,
  professionalGroup: attendee.professionalGroup,
});

/** Distinct units, in the order first met. */
function distinctUnits(attendees: readonly ProfessionalAttendee[]): QuorumUnit[] {
  const byKey = new Map<string, QuorumUnit>();
  for (const attendee of attendees) {
    const unit = unitOf(attendee);
    if (!byKey.has(quorumUnitKey(unit))) byKey.set(quorumUnitKey(unit), unit);
  }
  return [...byKey.values()];
}

/** The quorum for one child, from the professionals present. */
function childQuoracy(
  childId: string,
  professionals: readonly ProfessionalAttendee[],
  childrensSocialCarePresent: boolean,
  required: number,
): ChildQuoracy {
  const others = professionals.filter((p) => p.professionalGroup !== CHILDRENS_SOCIAL_CARE);
  const countedAgencies = distinctUnits(others.filter((p) => p.directContactChildIds.includes(childId)));
  const counted = new Set(countedAgencies.map(quorumUnitKey));
  const notCountedWithoutDirectContact = distinctUnits(others).filter(
    (unit) => !counted.has(quorumUnitKey(unit)),
  );
  const missing: QuoracyShortfall[] = [];
  if (!childrensSocialCarePresent) missing.push({ rule: 'childrens-social-care-absent' });
  if (countedAgencies.length < required) {
    missing.push({ rule: 'too-few-other-agencies', required, counted: countedAgencies.length });
  }
  const quorate = missing.length === 0;
  return {
    childId,
    quorate,
    childrensSocialCarePresent,
    countedAgencies,
    notCountedWithoutDirectContact,
    missing,
    exceptionalQuorum: !quorate && childrensSocialCarePresent && countedAgencies.length >= 1,
  };
}

/** The quorum per child, and whether the conference is quorate for all of them. */
export function assessQuoracy(facts: QuoracyFacts, settings: QuoracySettings): ConferenceQuoracy {
  throwIfQuoracyFactsInvalid(facts);
  const professionals = facts.attendees.filter(
    (a): a is ProfessionalAttendee => a.capacity === 'professional',
  );
  const childrensSocialCarePresent = professionals.some((p) => p.professionalGroup === CHILDRENS_SOCIAL_CARE);
  const children = facts.childIds.map((childId) =>
    childQuoracy(childId, professionals, childrensSocialCarePresent, settings.quorumOtherAgencies),
  );
  return { quorate: children.every((child) => child.quorate), children };
}

/** The household's previous conference, as far as "two inquorate conferences in a row" needs it. */
export interface PreviousConferenceOutcome {
  /** False when it was inquorate for any child, whether it was then adjourned or proceeded exceptionally. */
  quorate: boolean;
}

export interface InquorateOptions {
  quorate: boolean;
  /** This conference and the household's previous one were both inquorate. */
  secondInquorateInARow: boolean;
  /** Whether the chair may adjourn: not needed when quorate; otherwise alone, or only with a manager's override. */
  adjournment: 'not-needed' | 'chair-may-adjourn' | 'manager-override-required';
  /** Every child for whom the conference is inquorate meets the exceptional quorum (reasons must then be recorded). */
  mayProceedExceptionally: boolean;
}

/**
 * What the chair may do with an inquorate conference: adjourn (an interim plan and a new date), or
 * proceed exceptionally. Two inquorate conferences in a row should not happen, so a second one can
 * be adjourned only with a manager's override; proceeding exceptionally stays open where allowed.
 */
export function inquorateOptions(
  quoracy: ConferenceQuoracy,
  previous: PreviousConferenceOutcome | null,
): InquorateOptions {
  if (quoracy.quorate) {
    return {
      quorate: true,
      secondInquorateInARow: false,
      adjournment: 'not-needed',
      mayProceedExceptionally: false,
    };
  }
  const secondInquorateInARow = previous !== null && !previous.quorate;
  return {
    quorate: false,
    secondInquorateInARow,
    adjournment: secondInquorateInARow ? 'manager-override-required' : 'chair-may-adjourn',
    mayProceedExceptionally: quoracy.children.filter((c) => !c.quorate).every((c) => c.exceptionalQuorum),
  };
}

/** Whether an adjournment may be recorded: the chair alone, or with a manager's override on a second inquorate conference. */
export function mayAdjourn(options: InquorateOptions, managerOverride: boolean): boolean {
  if (options.adjournment === 'chair-may-adjourn') return true;
  return options.adjournment === 'manager-override-required' && managerOverride;
}
