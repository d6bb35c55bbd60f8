import { type PersonDetails, personRecordProblems } from './person';

const TODAY = '2026-03-02';

const child = (overrides: Partial<PersonDetails> = {}): PersonDetails => ({
  kind: 'child',
  givenName: 'Amira',
  familyName: 'Okafor',
  dateOfBirth: '2019-06-14',
  expectedDeliveryDate: null,
  gender: 'female',
  language: 'en',
  interpreterLanguage: null,
  accessNeeds: null,
  confidentialAddress: false,
  address: null,
  contactPoints: [],
  externalIds: [{ system: 'nhs-number', value: '9434765919' }],
  ...overrides,
});

const fields = (person: PersonDetails) => personRecordProblems(person, TODAY).map((p) => p.field);

describe('personRecordProblems', () => {
  it('finds nothing wrong with a complete child', () => {
    expect(personRecordProblems(child(), TODAY)).toEqual([]);
  });

  it('asks an unborn child for an expected date of delivery, and refuses it a date of birth or NHS number', () => {
    expect(fields(child({ kind: 'unborn-child', givenName: null, familyName: null }))).toEqual([
      'expectedDeliveryDate',
      'dateOfBirth',
      'externalIds',
    ]);
    expect(
      fields(
        child({
          kind: 'unborn-child',
          givenName: null,
          familyName: null,
          dateOfBirth: null,
          expectedDeliveryDate: '2026-07-01',
          externalIds: [{ system: 'case-management', value: 'CM-1' }],
        }),
      ),
    ).toEqual([]);
  });

  it('gives only an unborn child an expected date of delivery, and every other person a name', () => {
    expect(fields(child({ expectedDeliveryDate: '2026-07-01' }))).toEqual(['expectedDeliveryDate']);
    expect(fields(child({ kind: 'adult', givenName: null, familyName: null }))).toEqual(['givenName']);
    expect(fields(child({ kind: 'adult', givenName: null }))).toEqual([]);
  });

  it('refuses a date of birth in the future or that is not a date', () => {
    expect(fields(child({ dateOfBirth: '2026-03-03' }))).toEqual(['dateOfBirth']);
    expect(fields(child({ dateOfBirth: TODAY }))).toEqual([]);
    expect(fields(child({ dateOfBirth: '2026-02-30' }))).toEqual(['dateOfBirth']);
  });

  it('refuses an NHS number with the wrong check digit, naming the field and not the value', () => {
    const problems = personRecordProblems(child({ externalIds: [{ system: 'nhs-number', value: '9434765918' }] }), TODAY);
    expect(problems).toEqual([{ field: 'externalIds.0.value', messages: [expect.stringContaining('check digit')] }]);
    expect(JSON.stringify(problems)).not.toContain('9434765918');
  });

  it('keeps one external id per system and each contact point once', () => {
    expect(
      fields(
        child({
          externalIds: [
            { system: 'case-management', value: 'CM-1' },
            { system: 'case-management', value: 'CM-2' },
          ],
          contactPoints: [
            { system: 'email', value: 'a@example.org', use: null },
            { system: 'email', value: 'A@example.org', use: 'home' },
          ],
        }),
      ),
    ).toEqual(['externalIds', 'contactPoints']);
  });
});
