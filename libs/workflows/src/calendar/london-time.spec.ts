import { InvalidDateError } from './local-date';
import { londonMidnight, nextDay } from './london-time';

// 2026: British Summer Time from Sunday 29 March (01:00 UTC) to Sunday 25 October (01:00 UTC).
describe('londonMidnight', () => {
  it('is 00:00 UTC in winter and 23:00 UTC the day before in summer', () => {
    expect(londonMidnight('2026-01-15').toISOString()).toBe('2026-01-15T00:00:00.000Z');
    expect(londonMidnight('2026-06-05').toISOString()).toBe('2026-06-04T23:00:00.000Z');
  });

  it('follows the change of clocks: the Sundays themselves start in the old time, the Mondays in the new', () => {
    expect(londonMidnight('2026-03-29').toISOString()).toBe('2026-03-29T00:00:00.000Z'); // GMT until 01:00
    expect(londonMidnight('2026-03-30').toISOString()).toBe('2026-03-29T23:00:00.000Z');
    expect(londonMidnight('2026-10-25').toISOString()).toBe('2026-10-24T23:00:00.000Z'); // BST until 01:00 UTC
    expect(londonMidnight('2026-10-26').toISOString()).toBe('2026-10-26T00:00:00.000Z');
  });

  it('crosses the end of a year', () => {
    expect(londonMidnight('2027-01-01').toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  it('refuses a date that is not one, naming no value', () => {
    expect(() => londonMidnight('2026-02-30')).toThrow(InvalidDateError);
    expect(() => londonMidnight('2026-06-05T10:00:00Z')).toThrow(InvalidDateError);
  });
});

describe('nextDay', () => {
  it('is the next calendar day across months, years and 29 February', () => {
    expect(nextDay('2026-11-30')).toBe('2026-12-01');
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
    expect(nextDay('2028-02-28')).toBe('2028-02-29');
    expect(nextDay('2026-02-28')).toBe('2026-03-01');
  });
});
