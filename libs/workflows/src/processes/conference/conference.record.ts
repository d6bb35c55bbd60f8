import type { ReadModelDeclaration } from '../../engine';
import { londonDateOf, requestClock } from './conference.clocks';
import type { ConferenceContext } from './conference.context';

/**
 * The conference's row in `conference_record`, written by the engine in every transition's
 * statement: the census's conference figures (initial conferences within their statutory due
 * date, reviews within theirs) are indexed queries on it. `statutory_due` is the date the request
 * set (an adjournment's new date is not a new statutory date); `held_on` the date of the sitting
 * that decided. Ids, codes and dates only.
 */
export const CONFERENCE_RECORD: ReadModelDeclaration = {
  table: 'conference_record',
  columns: {
    area: 'text',
    reference: 'text',
    household_id: 'text',
    kind: 'text',
    requested_kind: 'text',
    review_cycle: 'int',
    statutory_due: 'date',
    due_date: 'date',
    held_on: 'date',
    decided: 'boolean',
    quorate: 'boolean',
    exceptional_quorum: 'boolean',
    adjournments: 'int',
    children: 'int',
    children_with_plans: 'int',
  },
  rowOf: (raw) => {
    const c = raw as ConferenceContext;
    const decisions = c.outcome.decisions;
    const sitting = c.outcome.sitting;
    return {
      area: c.area,
      reference: c.reference,
      household_id: c.householdId,
      kind: c.kind,
      requested_kind: c.requestedKind,
      review_cycle: c.outcome.reviewCycle,
      statutory_due: statutoryDue(c),
      due_date: c.clocks.dueDate,
      held_on: decisions !== null && sitting !== null ? sitting.heldOn : null,
      decided: decisions !== null,
      quorate: sitting?.quoracy.quorate ?? null,
      exceptional_quorum: sitting?.exceptional != null,
      adjournments: c.outcome.adjournedSittings.length,
      children: c.children.length,
      children_with_plans: decisions?.children.filter((d) => d.plan).length ?? 0,
    };
  },
};

/** The due date the request set, from the same rule (an adjournment moves clocks.dueDate, not this). */
function statutoryDue(c: ConferenceContext): string {
  if (c.kind === 'pre-birth' || c.requestedKind !== c.kind) return c.clocks.dueDate;
  const started = c.strategyDiscussions.find((d) => d.startedSection47);
  if (c.kind === 'initial' && !started) return c.clocks.dueDate;
  return requestClock(
    {
      kind: c.kind,
      requestDate: londonDateOf(c.requestedAt),
      strategyDiscussionDate: started?.heldOn ?? null,
      notifiedOn: c.transfer?.notifiedOn ?? null,
      preBirthClock: c.preBirthClock,
      reviewDueDate: c.reviewDueDate,
    },
    c.figures,
  ).dueDate;
}
