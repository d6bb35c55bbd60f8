import { isIsoDate, parseIsoDate } from '../../calendar';
import type { AgeBand } from './conference.vocabulary';

/**
 * A child's age band for the invitation, computed by the API from the person store's date of
 * birth, which then goes no further (the request carries the band, never the date). Age is
 * attained at the start of the birthday; a child born on 29 February attains it on 1 March in a
 * year without one (Family Law Reform Act 1969, s. 9).
 *
 * `on` is the date the conference is to be held by (its due date), so that a child who reaches
 * the age before then is invited.
 */
export function ageBandOn(dateOfBirth: string | null, on: string, childInvitationAge: number): AgeBand {
  if (dateOfBirth === null) return 'unborn';
  const born = parseIsoDate(dateOfBirth, 'dateOfBirth');
  parseIsoDate(on, 'on');
  const [year, month, day] = born.split('-');
  const target = String(Number(year) + childInvitationAge).padStart(4, '0');
  const birthday = isIsoDate(`${target}-${month}-${day}`) ? `${target}-${month}-${day}` : `${target}-03-01`;
  return on >= birthday ? 'invitation-age' : 'under-invitation-age';
}
