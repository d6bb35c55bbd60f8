import { formatDateTime, formatDeadline } from './views';

describe('the console’s dates and times (Europe/London, as GOV.UK writes them)', () => {
  it('writes an instant with its London time: am and pm without a space, midday and midnight in words', () => {
    expect(formatDateTime('2026-11-25T09:30:00Z')).toBe('25 November 2026 at 9:30am');
    expect(formatDateTime('2026-11-25T17:00:00Z')).toBe('25 November 2026 at 5pm');
    expect(formatDateTime('2026-11-25T12:00:00Z')).toBe('25 November 2026 at midday');
    expect(formatDateTime('2026-11-25T00:00:00Z')).toBe('25 November 2026 at midnight');
    expect(formatDateTime('2026-11-25T12:05:00Z')).toBe('25 November 2026 at 12:05pm');
    expect(formatDateTime('2026-11-25T00:05:00Z')).toBe('25 November 2026 at 12:05am');
    // British Summer Time: 08:30 UTC is 9:30 in London.
    expect(formatDateTime('2026-07-01T08:30:00Z')).toBe('1 July 2026 at 9:30am');
    expect(formatDateTime(new Date('2026-07-01T08:30:00Z'))).toBe('1 July 2026 at 9:30am');
  });

  it('writes a deadline due at the midnight ending a day as the end of that day, in winter and in summer', () => {
    // Due at the end of 5 August 2026 (BST): 23:00 UTC on the 5th.
    expect(formatDeadline('2026-08-05T23:00:00Z')).toBe('by the end of 5 August 2026');
    // Due at the end of 24 November 2026 (GMT): midnight UTC on the 25th.
    expect(formatDeadline('2026-11-25T00:00:00Z')).toBe('by the end of 24 November 2026');
    // The end of the day the clocks go back (25 October 2026).
    expect(formatDeadline('2026-10-26T00:00:00Z')).toBe('by the end of 25 October 2026');
    // A deadline at a time of day keeps its time.
    expect(formatDeadline('2026-11-25T15:30:00Z')).toBe('by 25 November 2026 at 3:30pm');
  });

  it('writes nothing for what is no date', () => {
    for (const value of [undefined, null, 'yesterday', 42]) {
      expect(formatDateTime(value)).toBe('');
      expect(formatDeadline(value)).toBe('');
    }
  });
});
