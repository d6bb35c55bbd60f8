import { ageBandOn } from './conference.age-band';

describe('ageBandOn: a child is invited from the invitation age (12 by default)', () => {
  it.each<[string, string | null, string, number, string]>([
    ['unborn', null, '2026-11-23', 12, 'unborn'],
    ['twelve on the due date', '2014-11-23', '2026-11-23', 12, 'invitation-age'],
    ['twelve the day after the due date', '2014-11-24', '2026-11-23', 12, 'under-invitation-age'],
    ['thirteen', '2013-04-01', '2026-11-23', 12, 'invitation-age'],
    ['eight', '2018-06-15', '2026-11-23', 12, 'under-invitation-age'],
    [
      'born on 29 February, the day before a leap-year birthday',
      '2012-02-29',
      '2024-02-28',
      12,
      'under-invitation-age',
    ],
    ['born on 29 February, on a leap-year birthday', '2012-02-29', '2024-02-29', 12, 'invitation-age'],
    [
      'born on 29 February, 28 February of a year without one',
      '2012-02-29',
      '2023-02-28',
      11,
      'under-invitation-age',
    ],
    ['born on 29 February, 1 March of a year without one', '2012-02-29', '2023-03-01', 11, 'invitation-age'],
    ['an authority inviting from ten', '2016-11-23', '2026-11-23', 10, 'invitation-age'],
  ])('%s', (_name, dateOfBirth, on, age, band) => {
    expect(ageBandOn(dateOfBirth, on, age)).toBe(band);
  });

  it('names the field of an impossible date, never its value', () => {
    expect(() => ageBandOn('2014-02-30', '2026-11-23', 12)).toThrow(/dateOfBirth/);
    expect(() => ageBandOn('2014-02-30', '2026-11-23', 12)).not.toThrow(/2014-02-30/);
  });
});
