/**
 * The kinds of child protection conference. A pre-birth conference runs as an initial one, and a
 * transfer-in conference is the receiving authority's first; only a review follows the review rules.
 */
export const CONFERENCE_KINDS = ['initial', 'transfer-in', 'pre-birth', 'review'] as const;
export type ConferenceKind = (typeof CONFERENCE_KINDS)[number];

/** True for the kinds that follow the initial conference's rules (reports, reconvening): all but a review. */
export function runsAsInitialConference(kind: ConferenceKind): boolean {
  return kind !== 'review';
}
