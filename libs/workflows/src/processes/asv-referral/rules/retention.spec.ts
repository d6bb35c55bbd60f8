import { DEFAULT_STATUTORY_SETTINGS } from '../../../settings';
import { anniversary, retentionDate, retentionFollowsTheRule } from './retention';

const settings = DEFAULT_STATUTORY_SETTINGS; // retirement age 67, 10 years

describe('retentionDate', () => {
  it('keeps until normal retirement age when that is later than ten years from the allegation', () => {
    expect(
      retentionDate({
        allegationDate: '2026-03-10',
        subjectDateOfBirth: '1980-07-01',
        outcome: 'substantiated',
        settings,
      }),
    ).toEqual({ retainUntil: '2047-07-01', basis: 'normal-retirement-age', flagForEmployer: false });
  });

  it('keeps for ten years from the allegation when the subject reaches retirement age sooner', () => {
    expect(
      retentionDate({
        allegationDate: '2026-03-10',
        subjectDateOfBirth: '1962-01-15',
        outcome: 'unfounded',
        settings,
      }),
    ).toEqual({ retainUntil: '2036-03-10', basis: 'years-from-allegation', flagForEmployer: false });
  });

  it('applies the ten-year rule alone when the date of birth is unknown', () => {
    expect(retentionDate({ allegationDate: '2026-03-10', outcome: 'false', settings })).toEqual({
      retainUntil: '2036-03-10',
      basis: 'years-from-allegation',
      flagForEmployer: false,
    });
  });

  it('reads an allegation date-time as its London date', () => {
    expect(
      retentionDate({ allegationDate: '2026-06-30T23:30:00Z', outcome: 'false', settings }).retainUntil,
    ).toBe('2036-07-01');
  });

  it('takes 1 March in a common year for someone born on 29 February', () => {
    expect(
      retentionDate({
        allegationDate: '2026-03-10',
        subjectDateOfBirth: '1972-02-29',
        outcome: 'unsubstantiated',
        settings,
      }),
    ).toEqual({ retainUntil: '2039-03-01', basis: 'normal-retirement-age', flagForEmployer: false });
    expect(anniversary('1972-02-29', 68)).toBe('2040-02-29');
  });

  it('prefers the ten years when both give the same date', () => {
    expect(
      retentionDate({
        allegationDate: '2026-03-10',
        subjectDateOfBirth: '1969-03-10',
        outcome: 'substantiated',
        settings,
      }).basis,
    ).toBe('years-from-allegation');
  });

  it('flags a malicious allegation for removal from the personnel file, and only that outcome', () => {
    expect(
      retentionDate({ allegationDate: '2026-03-10', outcome: 'malicious', settings }).flagForEmployer,
    ).toBe(true);
    for (const outcome of ['substantiated', 'false', 'unsubstantiated', 'unfounded'] as const) {
      expect(retentionDate({ allegationDate: '2026-03-10', outcome, settings }).flagForEmployer).toBe(false);
    }
  });

  it('follows the authority settings', () => {
    expect(
      retentionDate({
        allegationDate: '2026-03-10',
        subjectDateOfBirth: '1980-07-01',
        outcome: 'substantiated',
        settings: { asvRetentionYears: 25, asvNormalRetirementAge: 60 },
      }),
    ).toEqual({ retainUntil: '2051-03-10', basis: 'years-from-allegation', flagForEmployer: false });
  });

  it('refuses a malformed date of birth', () => {
    expect(() =>
      retentionDate({
        allegationDate: '2026-03-10',
        subjectDateOfBirth: '1980-02-30',
        outcome: 'false',
        settings,
      }),
    ).toThrow(RangeError);
  });
});

describe('retentionFollowsTheRule (what the machine can check without the date of birth)', () => {
  // Received Friday 20 November 2026 in London: ten years give 20 November 2036, and nobody born
  // before the allegation reaches 67 later than 20 November 2093.
  const facts = { allegationDate: '2026-11-20T10:00:00Z', outcome: 'substantiated' as const, settings };

  it('takes years-from-allegation only at exactly that date', () => {
    expect(
      retentionFollowsTheRule(facts, { retainUntil: '2036-11-20', basis: 'years-from-allegation' }),
    ).toBe(true);
    expect(
      retentionFollowsTheRule(facts, { retainUntil: '2036-11-21', basis: 'years-from-allegation' }),
    ).toBe(false);
    expect(
      retentionFollowsTheRule(facts, { retainUntil: '2036-11-19', basis: 'years-from-allegation' }),
    ).toBe(false);
  });

  it('takes a retirement date strictly after the ten years and no later than the retirement age from the allegation', () => {
    const retirement = (retainUntil: string) =>
      retentionFollowsTheRule(facts, { retainUntil, basis: 'normal-retirement-age' });
    expect(retirement('2036-11-21')).toBe(true);
    expect(retirement('2093-11-20')).toBe(true);
    expect(retirement('2036-11-20')).toBe(false);
    expect(retirement('2093-11-21')).toBe(false);
  });

  it('reads the allegation as its London date and follows the settings', () => {
    const lateEvening = { ...facts, allegationDate: '2026-06-30T23:30:00Z' }; // 1 July in London
    expect(
      retentionFollowsTheRule(lateEvening, { retainUntil: '2036-07-01', basis: 'years-from-allegation' }),
    ).toBe(true);
    const local = { ...facts, settings: { asvRetentionYears: 25, asvNormalRetirementAge: 60 } };
    expect(
      retentionFollowsTheRule(local, { retainUntil: '2051-11-20', basis: 'years-from-allegation' }),
    ).toBe(true);
    expect(
      retentionFollowsTheRule(local, { retainUntil: '2086-11-21', basis: 'normal-retirement-age' }),
    ).toBe(false);
  });
});
