import { DEFAULT_STATUTORY_SETTINGS } from '../../../settings';
import { resolutionBand } from './resolution-band';

const settings = DEFAULT_STATUTORY_SETTINGS;

describe('resolutionBand', () => {
  it('meets the one-month target up to the same day of the next month, and not a day later', () => {
    expect(resolutionBand('2026-03-15T10:00:00Z', '2026-04-15T16:00:00Z', settings)).toBe(1);
    expect(resolutionBand('2026-03-15T10:00:00Z', '2026-04-16T09:00:00Z', settings)).toBe(3);
  });

  it('clamps to the end of a shorter month: received 31 January, one month ends on 28 February (29 in a leap year)', () => {
    expect(resolutionBand('2026-01-31', '2026-02-28', settings)).toBe(1);
    expect(resolutionBand('2026-01-31', '2026-03-01', settings)).toBe(3);
    expect(resolutionBand('2028-01-31', '2028-02-29', settings)).toBe(1);
  });

  it('meets three months and twelve months at their last day, and is beyond after', () => {
    expect(resolutionBand('2026-01-10', '2026-04-10', settings)).toBe(3);
    expect(resolutionBand('2026-01-10', '2026-04-11', settings)).toBe(12);
    expect(resolutionBand('2026-01-10', '2027-01-10', settings)).toBe(12);
    expect(resolutionBand('2026-01-10', '2027-01-11', settings)).toBe('beyond');
  });

  it('reads instants as London dates: 23:30 UTC in summer is already the next day', () => {
    // Received 15 June in London (00:30 BST); resolved 15 July 23:30 UTC, which is 16 July in London.
    expect(resolutionBand('2026-06-14T23:30:00Z', '2026-07-15T22:30:00Z', settings)).toBe(1);
    expect(resolutionBand('2026-06-14T23:30:00Z', '2026-07-15T23:30:00Z', settings)).toBe(3);
  });

  it('counts a same-day resolution in the first band and follows the authority settings', () => {
    expect(resolutionBand('2026-05-01', '2026-05-01', settings)).toBe(1);
    expect(resolutionBand('2026-05-01', '2026-06-20', { ladoResolutionTargetMonths: [6, 2] })).toBe(2);
  });

  it('refuses a resolution before the receipt', () => {
    expect(() => resolutionBand('2026-05-02', '2026-05-01', settings)).toThrow(RangeError);
  });
});
