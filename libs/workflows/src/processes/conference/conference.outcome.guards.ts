import type { ConferenceContext } from './conference.context';
import type { ConferenceEvent } from './conference.events';
import { isTheChair } from './conference.guards';
import { findInvitee } from './conference.invitees';
import { ADJOURNMENT_OVERRIDE_ROLE, OUTCOME_EVENTS as O } from './conference.outcome.vocabulary';
import { attendeesOf } from './steps/attendance.steps';
import { throwIfQuoracyFactsInvalid } from './rules';

/**
 * Part 2's rules as named predicates (the engine names a refused event's guards in its 422).
 * Each checks who acts as well as what is sent: the chair of this conference records the
 * meeting; only a manager overrides a second inquorate conference's adjournment.
 */
type Args = { context: ConferenceContext; event: ConferenceEvent };

const childIds = (context: ConferenceContext) => context.children.map((child) => child.personId);
const repeats = (ids: readonly string[]) => new Set(ids).size !== ids.length;

function attendanceIsCoherent(context: ConferenceContext, event: ConferenceEvent): boolean {
  if (event.type !== O.attendanceRecorded) return false;
  try {
    throwIfQuoracyFactsInvalid({ childIds: childIds(context), attendees: attendeesOf(event.attendees) });
  } catch {
    return false;
  }
  const present = new Set(event.attendees.map((a) => a.personId));
  const apologies = event.apologies.map((a) => a.personId);
  const partIds = event.exclusions.map((e) => e.partId);
  return (
    !repeats(apologies) &&
    apologies.every((id) => !present.has(id) && findInvitee(context, id) !== undefined) &&
    !repeats(partIds) &&
    event.exclusions.every((e) => e.personIds.every((id) => present.has(id) || findInvitee(context, id)))
  );
}

const inquorate = (context: ConferenceContext) => context.outcome.sitting?.options ?? null;

function decisionsAreCoherent(context: ConferenceContext, event: ConferenceEvent): boolean {
  if (event.type !== O.decisionRecorded) return false;
  const decided = event.children.map((d) => d.childId);
  const children = childIds(context);
  const onPlans = new Set(context.outcome.childrenOnPlanIds);
  const people = new Set([
    ...context.invitees.map((p) => p.personId),
    ...(context.outcome.sitting?.attendees.map((a) => a.attendee.personId) ?? []),
  ]);
  return (
    !repeats(decided) &&
    decided.length === children.length &&
    children.every((id) => decided.includes(id)) &&
    event.children.every(
      (d) =>
        // A review signals the plan it reviews: its workflow id is given for a child on a plan, and only then.
        onPlans.has(d.childId) === (d.planWorkflowId !== undefined) &&
        !repeats(d.dissent.map((x) => x.personId)) &&
        d.dissent.every((x) => people.has(x.personId)),
    )
  );
}

export const outcomeGuards = {
  /** The chair (or a co-ordinator for them) records who came, with every person and child known. */
  chairRecordsCoherentAttendance: ({ context, event }: Args) =>
    (isTheChair(context, event) || event.meta.actor.role === 'coordinator') &&
    attendanceIsCoherent(context, event),
  quorateForEveryChild: ({ context }: Args) => context.outcome.sitting?.quoracy.quorate === true,
  /** The chair adjourns an inquorate conference, unless it is the household's second in a row. */
  chairMayAdjourn: ({ context, event }: Args) =>
    event.type === O.adjourned &&
    isTheChair(context, event) &&
    event.overrideReason === undefined &&
    inquorate(context)?.adjournment === 'chair-may-adjourn',
  /** A second inquorate conference in a row is adjourned again only with a manager's override and reason. */
  managerOverridesSecondInquorate: ({ context, event }: Args) =>
    event.type === O.adjourned &&
    event.meta.actor.role === ADJOURNMENT_OVERRIDE_ROLE &&
    event.overrideReason !== undefined &&
    inquorate(context)?.adjournment === 'manager-override-required',
  /** Children's social care and one agency with direct contact, for every inquorate child. */
  chairProceedsOnExceptionalQuorum: ({ context, event }: Args) =>
    isTheChair(context, event) && inquorate(context)?.mayProceedExceptionally === true,
  /** One decision for each child of the conference; dissenters were there (or invited). */
  chairDecidesForEveryChild: ({ context, event }: Args) =>
    isTheChair(context, event) && decisionsAreCoherent(context, event),
};
