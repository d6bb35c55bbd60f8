import { isIsoDate } from '../calendar';
import { isValidNhsNumber } from './nhs-number';

/**
 * A person the service keeps apart from workflows: a child, an unborn child or an adult (parent,
 * carer, professional). Workflows hold the person's id only; everything here is personal data and
 * never goes into a log, a journal, a job or an error message.
 */
export const PERSON_KINDS = ['child', 'unborn-child', 'adult'] as const;
export type PersonKind = (typeof PERSON_KINDS)[number];

/** As the Children in Need census records gender: female (2), male (1), not known (0), not specified (9). */
export const GENDERS = ['female', 'male', 'not-known', 'not-specified'] as const;
export type Gender = (typeof GENDERS)[number];

export const CONTACT_SYSTEMS = ['email', 'phone'] as const;
export type ContactSystem = (typeof CONTACT_SYSTEMS)[number];
export const CONTACT_USES = ['home', 'work', 'mobile'] as const;
export type ContactUse = (typeof CONTACT_USES)[number];

/** The external id systems this service itself knows of; others (e.g. 'education') are accepted too. */
export const EXTERNAL_ID_SYSTEMS = { caseManagement: 'case-management', nhsNumber: 'nhs-number' } as const;

/** What a value looks like. The database holds the same rules as CHECK constraints. */
export const PERSON_PATTERNS = {
  externalIdSystem: /^[a-z][a-z0-9-]{1,39}$/,
  /** Printable ASCII without spaces: case-management ids, NHS numbers. */
  externalIdValue: /^[!-~]{1,100}$/,
  /** A name or an address line: no control characters, something other than spaces. */
  singleLine: /^(?=.*\S)\P{Cc}*$/u,
  /** Free text over several lines (access needs): tabs and line breaks, no other control characters. */
  multiLine: /^(?=[\s\S]*\S)(?:[\t\n\r]|\P{Cc})*$/u,
  /** A BCP 47 language tag, lower-case primary subtag: 'en', 'pl', 'pa-Guru'; 'bfi' is British Sign Language. */
  language: /^[a-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$/,
  /** A UK postcode, upper case, as the address is printed. */
  postcode: /^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$/,
  email: /^[^@\s\p{Cc}]{1,64}@[^@\s\p{Cc}]{1,189}$/u,
  /** Digits with an optional leading +, spaces and punctuation removed. */
  phone: /^\+?[0-9]{6,15}$/,
} as const;

export const BRITISH_SIGN_LANGUAGE = 'bfi';

export interface ExternalId {
  system: string;
  value: string;
}

export interface ContactPoint {
  system: ContactSystem;
  value: string;
  use: ContactUse | null;
}

export interface PostalAddress {
  lines: string[];
  postcode: string | null;
}

/** A person's details as the service holds them (the id, area and timestamps apart). */
export interface PersonDetails {
  kind: PersonKind;
  givenName: string | null;
  familyName: string | null;
  dateOfBirth: string | null;
  expectedDeliveryDate: string | null;
  gender: Gender | null;
  /** Preferred language (BCP 47). */
  language: string | null;
  /** The language an interpreter is needed for ('bfi': British Sign Language); null when none is needed. */
  interpreterLanguage: string | null;
  accessNeeds: string | null;
  /** The address must not reach anyone the chair has not agreed (parents never see a confidential address). */
  confidentialAddress: boolean;
  address: PostalAddress | null;
  contactPoints: ContactPoint[];
  externalIds: ExternalId[];
}

export interface FieldProblem {
  field: string;
  messages: string[];
}

/**
 * What is wrong with a whole record (after a correction too): the rules that join fields together.
 * Messages name fields and rules, never values. `today` is the Europe/London date.
 */
export function personRecordProblems(person: PersonDetails, today: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const problem = (field: string, message: string) => problems.push({ field, messages: [message] });
  const unborn = person.kind === 'unborn-child';
  if (unborn) {
    if (person.expectedDeliveryDate === null) problem('expectedDeliveryDate', 'an unborn child needs an expected date of delivery');
    if (person.dateOfBirth !== null) problem('dateOfBirth', 'an unborn child has no date of birth: record the birth by changing kind to child');
    if (person.externalIds.some((id) => id.system === EXTERNAL_ID_SYSTEMS.nhsNumber)) {
      problem('externalIds', 'an unborn child has no NHS number yet');
    }
  } else {
    if (person.expectedDeliveryDate !== null) problem('expectedDeliveryDate', 'only an unborn child has an expected date of delivery');
    if (person.givenName === null && person.familyName === null) problem('givenName', 'a child or adult needs a given or family name');
  }
  if (person.dateOfBirth !== null) {
    if (!isIsoDate(person.dateOfBirth)) problem('dateOfBirth', 'dateOfBirth must be a real date in YYYY-MM-DD format');
    else if (person.dateOfBirth > today) problem('dateOfBirth', 'dateOfBirth must not be in the future');
  }
  if (person.expectedDeliveryDate !== null && !isIsoDate(person.expectedDeliveryDate)) {
    problem('expectedDeliveryDate', 'expectedDeliveryDate must be a real date in YYYY-MM-DD format');
  }
  const systems = person.externalIds.map((id) => id.system);
  if (new Set(systems).size !== systems.length) problem('externalIds', 'one external id per system');
  person.externalIds.forEach((id, i) => {
    if (!PERSON_PATTERNS.externalIdSystem.test(id.system)) {
      problem(`externalIds.${i}.system`, 'system must be lower-case letters, digits and -, up to 40');
    }
    if (!PERSON_PATTERNS.externalIdValue.test(id.value)) {
      problem(`externalIds.${i}.value`, 'value must be 1-100 printable characters without spaces');
    } else if (id.system === EXTERNAL_ID_SYSTEMS.nhsNumber && !isValidNhsNumber(id.value)) {
      problem(`externalIds.${i}.value`, 'an NHS number is ten digits ending in its modulus 11 check digit');
    }
  });
  const contacts = person.contactPoints.map((point) => `${point.system}:${point.value.toLowerCase()}`);
  if (new Set(contacts).size !== contacts.length) problem('contactPoints', 'each contact point once');
  return problems;
}
