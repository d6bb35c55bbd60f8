/**
 * Who attended a conference, as the quoracy rule reads it. People are referenced by the service's
 * person id only.
 *
 * A professional is identified for quoracy by two keys:
 * - `agency`: the organisation they represent, `<type>:<slug>` in lower case, e.g.
 *   'school:st-marys', 'police:met', 'gp:park-road-surgery', 'health:whittington-trust',
 *   'csc:ealing'. The key is canonical (the pattern is enforced), because two spellings of one
 *   school would otherwise count as two agencies and make an inquorate conference look quorate.
 * - `professionalGroup`: one of PROFESSIONAL_GROUPS.
 * Staff count as one "agency or professional group" when both keys are equal: two teachers of
 * one school are one; a GP and a health visitor are two (different groups), even when one NHS
 * body employs both; two different schools are two agencies.
 */

export const PROFESSIONAL_GROUPS = [
  'childrens-social-care',
  'police',
  'gp',
  'health-visiting',
  'school-nursing',
  'midwifery',
  'paediatrics',
  'other-health',
  'education',
  'early-years',
  'adult-services',
  'mental-health',
  'substance-misuse',
  'probation',
  'housing',
  'foster-care',
  'voluntary-sector',
  'legal',
  'other',
] as const;
export type ProfessionalGroup = (typeof PROFESSIONAL_GROUPS)[number];

/** The group that marks children's social care: required at every quorate conference, never one of the "other" agencies. */
export const CHILDRENS_SOCIAL_CARE: ProfessionalGroup = 'childrens-social-care';

/** The canonical form of an agency key: `<type>:<slug>`, lower case letters, digits and hyphens. */
export const AGENCY_KEY_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*:[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** How someone took part. Only professionals count towards the quorum; the chair and minute taker never do. */
export type AttendeeCapacity =
  | 'professional'
  | 'chair'
  | 'minute-taker'
  | 'parent-or-carer'
  | 'family-member'
  | 'child'
  | 'supporter-or-advocate'
  | 'interpreter';

/** A professional who attended: their agency, professional group and the children they have had direct contact with. */
export interface ProfessionalAttendee {
  personId: string;
  capacity: 'professional';
  agency: string;
  professionalGroup: ProfessionalGroup;
  /** Ids of the household's children this professional (or their agency) has had direct contact with. */
  directContactChildIds: readonly string[];
}

/** Anyone else who attended: recorded, but never part of the quorum. */
export interface OtherAttendee {
  personId: string;
  capacity: Exclude<AttendeeCapacity, 'professional'>;
}

export type ConferenceAttendee = ProfessionalAttendee | OtherAttendee;

/** The agency-or-professional-group that counts once towards the quorum however many of its staff attend. */
export interface QuorumUnit {
  agency: string;
  professionalGroup: ProfessionalGroup;
}

/** The key under which staff count once: equal agency and equal professional group. */
export function quorumUnitKey(unit: QuorumUnit): string {
  return `${unit.agency}|${unit.professionalGroup}`;
}
