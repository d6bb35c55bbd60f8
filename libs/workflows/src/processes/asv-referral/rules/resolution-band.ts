import { addMonthsClamped, dateInLondon, isIsoDate } from '../../../calendar';
import type { StatutorySettings } from '../../../settings';

/** The resolution target a LADO case met: the months of the first target met, or 'beyond' the last. */
export type LadoResolutionBand = number | 'beyond';

/** The London calendar date of an ISO date, or of an ISO date-time with its offset. */
function londonDate(value: string, field: string): string {
  if (isIsoDate(value)) return value;
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) throw new RangeError(`${field} is not an ISO date or date-time`);
  return dateInLondon(instant);
}

/**
 * Which LADO resolution target (KCSIE Part Four: 1, 3 and 12 months by default, the setting
 * `ladoResolutionTargetMonths`) a case met, for the managers' returns. The targets are reported
 * against, never escalated, so this is a pure classification.
 *
 * Rule: both instants are read as London calendar dates. A case meets the N-month target when it
 * was resolved on or before the same day of the month N calendar months after receipt, clamped to
 * the end of a shorter month (received 31 Jan: one month ends 28 Feb, or 29 Feb in a leap year).
 * Calendar months, not working days, and no falling back to a working day: this measures elapsed
 * time, unlike a statutory due date.
 *
 * @throws RangeError when resolvedAt is before receivedAt or either is unreadable.
 */
export function resolutionBand(
  receivedAt: string,
  resolvedAt: string,
  settings: Pick<StatutorySettings, 'ladoResolutionTargetMonths'>,
): LadoResolutionBand {
  const received = londonDate(receivedAt, 'receivedAt');
  const resolved = londonDate(resolvedAt, 'resolvedAt');
  if (resolved < received) throw new RangeError('resolvedAt is before receivedAt');
  const targets = [...settings.ladoResolutionTargetMonths].sort((a, b) => a - b);
  const met = targets.find((months) => resolved <= addMonthsClamped(received, months, 'receivedAt'));
  return met ?? 'beyond';
}
