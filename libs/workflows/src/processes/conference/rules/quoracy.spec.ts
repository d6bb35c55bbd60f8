import { DomainError } from '../../../errors';
import { DEFAULT_STATUTORY_SETTINGS } from '../../../settings';
import type { ConferenceAttendee, ProfessionalAttendee, ProfessionalGroup } from './attendance';
import { assessQuoracy, ConferenceQuoracy, inquorateOptions, mayAdjourn, QuoracyShortfall } from './quoracy';

const settings = DEFAULT_STATUTORY_SETTINGS; // children's social care + 2 others
const CHILDREN = ['child-a', 'child-b', 'child-c'];

const professional = (
  personId: string,
  agency: string,
  professionalGroup: ProfessionalGroup,
  directContactChildIds: string[],
): ProfessionalAttendee => ({
  personId,
  capacity: 'professional',
  agency,
  professionalGroup,
  directContactChildIds,
});

// A household of three children and the people who might come.
// Children's social care need not have direct contact itself: its presence is what counts.
const socialWorker = professional('sw', 'csc:ealing', 'childrens-social-care', []);
const teamManager = professional('tm', 'csc:ealing', 'childrens-social-care', []);
const teacher = professional('teacher-1', 'school:st-marys', 'education', ['child-a']);
const secondTeacher = professional('teacher-2', 'school:st-marys', 'education', ['child-a']);
const otherSchool = professional('teacher-3', 'school:greenfield', 'education', ['child-a']);
const gp = professional('gp', 'gp:park-road', 'gp', ['child-a', 'child-b']);
const healthVisitor = professional('hv', 'health:whittington', 'health-visiting', ['child-b']);
const schoolNurse = professional('sn', 'health:whittington', 'school-nursing', ['child-b']);
const policeNoContact = professional('police', 'police:met', 'police', []);
const chair: ConferenceAttendee = { personId: 'chair', capacity: 'chair' };
const minuteTaker: ConferenceAttendee = { personId: 'minutes', capacity: 'minute-taker' };
const parent: ConferenceAttendee = { personId: 'mother', capacity: 'parent-or-carer' };

const assess = (attendees: ConferenceAttendee[], childIds = CHILDREN): ConferenceQuoracy =>
  assessQuoracy({ childIds, attendees }, settings);

const child = (quoracy: ConferenceQuoracy, childId: string) =>
  quoracy.children.find((c) => c.childId === childId)!;

const tooFew = (counted: number): QuoracyShortfall => ({
  rule: 'too-few-other-agencies',
  required: 2,
  counted,
});
const cscAbsent: QuoracyShortfall = { rule: 'childrens-social-care-absent' };

describe('assessQuoracy, as child A sees it', () => {
  it.each<[string, ConferenceAttendee[], boolean, QuoracyShortfall[], boolean]>([
    [
      'social care and exactly two other agencies with direct contact: quorate',
      [socialWorker, teacher, gp],
      true,
      [],
      false,
    ],
    [
      'one agency counted once: two teachers of one school are one agency',
      [socialWorker, teacher, secondTeacher],
      false,
      [tooFew(1)],
      true,
    ],
    [
      'an agency without direct contact does not count',
      [socialWorker, teacher, policeNoContact],
      false,
      [tooFew(1)],
      true,
    ],
    [
      'children’s social care absent: never quorate, however many agencies',
      [teacher, otherSchool, gp],
      false,
      [cscAbsent],
      false,
    ],
    [
      'social care alone, with family, chair and minute taker: nothing else counts',
      [socialWorker, teamManager, parent, chair, minuteTaker],
      false,
      [tooFew(0)],
      false,
    ],
    ['two schools are two agencies', [socialWorker, teacher, otherSchool], true, [], false],
    [
      'social care staff are never one of the "other" agencies',
      [socialWorker, teamManager, teacher],
      false,
      [tooFew(1)],
      true,
    ],
    ['nobody at all: both missing', [], false, [cscAbsent, tooFew(0)], false],
  ])('%s', (_case, attendees, quorate, missing, exceptional) => {
    const result = child(assess(attendees), 'child-a');
    expect(result.quorate).toBe(quorate);
    expect(result.missing).toEqual(missing);
    expect(result.exceptionalQuorum).toBe(exceptional);
  });

  it('names who came without direct contact, so the chair sees why they did not count', () => {
    const result = child(assess([socialWorker, teacher, secondTeacher, policeNoContact]), 'child-a');
    expect(result.countedAgencies).toEqual([{ agency: 'school:st-marys', professionalGroup: 'education' }]);
    expect(result.notCountedWithoutDirectContact).toEqual([
      { agency: 'police:met', professionalGroup: 'police' },
    ]);
  });

  it('a chair employed by children’s services does not make social care present', () => {
    const result = child(assess([chair, teacher, gp]), 'child-a');
    expect(result.childrensSocialCarePresent).toBe(false);
    expect(result.missing).toEqual([cscAbsent]);
  });
});

describe('assessQuoracy per child', () => {
  it('a GP and a health visitor are two professional groups: quorate for child B', () => {
    expect(child(assess([socialWorker, gp, healthVisitor]), 'child-b').quorate).toBe(true);
  });

  it('a health visitor and a school nurse of one NHS trust are two professional groups', () => {
    const result = child(assess([socialWorker, healthVisitor, schoolNurse]), 'child-b');
    expect(result.quorate).toBe(true);
    expect(result.countedAgencies).toHaveLength(2);
  });

  it('gives a different answer for each child from one attendance', () => {
    const quoracy = assess([socialWorker, teacher, gp, parent, chair]);
    expect(quoracy.quorate).toBe(false);
    expect(quoracy.children.map((c) => [c.childId, c.quorate, c.missing, c.exceptionalQuorum])).toEqual([
      ['child-a', true, [], false], // school and GP
      ['child-b', false, [tooFew(1)], true], // only the GP has seen child B
      ['child-c', false, [tooFew(0)], false], // nobody but social care has seen child C
    ]);
  });

  it('is quorate for the conference only when quorate for every child', () => {
    expect(assess([socialWorker, teacher, gp, healthVisitor], ['child-a', 'child-b']).quorate).toBe(true);
    expect(assess([socialWorker, teacher, gp, healthVisitor]).quorate).toBe(false);
  });

  it('follows the authority quorum: with three others required, two make it exceptional', () => {
    const result = assessQuoracy(
      { childIds: CHILDREN, attendees: [socialWorker, teacher, gp] },
      { quorumOtherAgencies: 3 },
    );
    expect(result.children[0]).toMatchObject({
      quorate: false,
      missing: [{ rule: 'too-few-other-agencies', required: 3, counted: 2 }],
      exceptionalQuorum: true,
    });
  });
});

describe('assessQuoracy refuses facts it cannot judge safely', () => {
  it.each<[string, string[], ConferenceAttendee[], RegExp]>([
    ['no child', [], [socialWorker], /childIds/],
    ['a child twice', ['child-a', 'child-a'], [socialWorker], /childIds/],
    ['a person recorded twice', ['child-a'], [teacher, teacher], /attendees\[1\]\.personId/],
    [
      'an agency key in another spelling (it would count twice)',
      ['child-a'],
      [professional('t', 'School:St Marys', 'education', [])],
      /attendees\[0\]\.agency/,
    ],
    [
      'an unknown professional group',
      ['child-a'],
      [professional('t', 'school:x', 'teaching' as ProfessionalGroup, [])],
      /professionalGroup/,
    ],
    [
      'direct contact with a child not in this conference',
      ['child-a'],
      [professional('t', 'school:x', 'education', ['child-z'])],
      /directContactChildIds\[0\]/,
    ],
  ])('%s', (_case, childIds, attendees, field) => {
    expect(() => assessQuoracy({ childIds, attendees }, settings)).toThrow(DomainError);
    expect(() => assessQuoracy({ childIds, attendees }, settings)).toThrow(field);
  });
});

describe('inquorateOptions: adjourn, or proceed exceptionally; never two adjournments in a row without a manager', () => {
  const onlyChildA = ['child-a'];
  const quorate = assess([socialWorker, teacher, otherSchool], onlyChildA);
  const exceptional = assess([socialWorker, teacher], onlyChildA); // social care + one agency
  const hopeless = assess([teacher, otherSchool], onlyChildA); // no social care

  it('has nothing to decide when quorate', () => {
    expect(inquorateOptions(quorate, { quorate: false })).toEqual({
      quorate: true,
      secondInquorateInARow: false,
      adjournment: 'not-needed',
      mayProceedExceptionally: false,
    });
  });

  it.each([
    ['the first conference for the household', null],
    ['after a quorate one', { quorate: true }],
  ])('lets the chair adjourn an inquorate conference: %s', (_case, previous) => {
    const options = inquorateOptions(exceptional, previous);
    expect(options).toMatchObject({ secondInquorateInARow: false, adjournment: 'chair-may-adjourn' });
    expect(mayAdjourn(options, false)).toBe(true);
  });

  it('the second inquorate conference in a row needs a manager’s override to adjourn, and may still proceed exceptionally', () => {
    const options = inquorateOptions(exceptional, { quorate: false });
    expect(options).toEqual({
      quorate: false,
      secondInquorateInARow: true,
      adjournment: 'manager-override-required',
      mayProceedExceptionally: true,
    });
    expect(mayAdjourn(options, false)).toBe(false);
    expect(mayAdjourn(options, true)).toBe(true);
  });

  it('offers the exceptional route only with social care and one agency for every inquorate child', () => {
    expect(inquorateOptions(hopeless, null).mayProceedExceptionally).toBe(false);
    const mixed = assess([socialWorker, teacher, gp]); // A quorate, B exceptional, C nobody
    expect(inquorateOptions(mixed, null).mayProceedExceptionally).toBe(false);
    const bothExceptional = assess([socialWorker, gp], ['child-a', 'child-b']);
    expect(inquorateOptions(bothExceptional, null).mayProceedExceptionally).toBe(true);
  });

  it('never needs an override to adjourn when not asked to', () => {
    expect(mayAdjourn(inquorateOptions(quorate, null), true)).toBe(false);
  });
});
