import { ENGINE_EFFECTS } from '../../../engine';
import type { PlanFigures, PlanStartInput } from '../../child-protection-plan';
import { PLAN_EVENTS, PLAN_TYPE } from '../../child-protection-plan/child-protection-plan.vocabulary';
import type { ConferenceContext } from '../conference.context';
import { DISTRIBUTION_START_KEY, DISTRIBUTION_TYPE, DistributionStartInput } from '../conference.handover';
import type { ChildDecision, Sitting } from '../conference.outcome.context';
import type { WorkflowSignalEffect, WorkflowStartEffect } from '../conference.outcome.effects';
import type { ConferenceRequestInput } from '../conference.payloads';
import { CONFERENCE_TYPE, SOCIAL_WORKER_REPORT } from '../conference.vocabulary';

/**
 * The starts and signals a decided conference declares, each built from the context alone so a
 * replay declares the same. Ids only.
 */

const planFiguresOf = (context: ConferenceContext): PlanFigures => ({
  firstReviewMonths: context.figures.firstReviewMonths,
  subsequentReviewMonths: context.figures.subsequentReviewMonths,
  coreGroupWorkingDays: context.figures.coreGroupWorkingDays,
  postBirthReviewWorkingDays: context.figures.postBirthReviewWorkingDays,
  earlyReviewWorkingDays: context.figures.earlyReviewWorkingDays,
  localClosureDays: [...context.figures.localClosureDays],
});

/** The case reference without a review cycle: `CPC-2026-000042-R2` → `CPC-2026-000042`. */
const rootReference = (reference: string) => reference.replace(/-R\d+$/, '');

/** A plan's start key: one plan per child per deciding conference (the engine scopes it to the conference). */
export const planStartKey = (childId: string) => `plan:${childId}`;
/** The household's next review: one per household and cycle, never one per plan. */
export const reviewStartKey = (householdId: string, cycle: number) => `review:${householdId}:${cycle}`;

export function planStart(
  context: ConferenceContext,
  sitting: Sitting,
  decision: ChildDecision,
  earlierPlansHere: number,
): WorkflowStartEffect<PlanStartInput> {
  const index = context.children.findIndex((c) => c.personId === decision.childId);
  const child = context.children[index]!;
  const unborn = child.ageBand === 'unborn';
  const input: PlanStartInput = {
    reference: `${context.reference}-P${index + 1}`,
    area: context.area,
    householdId: context.householdId,
    conferenceReference: context.reference,
    conferenceKind: context.kind,
    conferenceDate: sitting.heldOn,
    child: unborn
      ? { personId: child.personId, unborn: true, motherPersonId: child.motherPersonId! }
      : { personId: child.personId, unborn: false },
    categories: [...decision.categories],
    leadSocialWorker: { personId: context.socialWorker.personId, teamId: context.socialWorker.teamId },
    ...(context.transfer ? { transferringAuthorityId: context.transfer.transferringAuthorityId } : {}),
    exceptionalQuorum: sitting.exceptional !== null,
    earlierPlansHere,
    icpcInviteePersonIds: context.invitees.map((p) => p.personId),
    figures: planFiguresOf(context),
  };
  return {
    type: ENGINE_EFFECTS.workflowStart,
    workflowType: PLAN_TYPE,
    input,
    startKey: planStartKey(child.personId),
  };
}

/** A review's outcome for a child already on a plan: it continues (latest categories) or ends. */
export function planSignal(
  context: ConferenceContext,
  sitting: Sitting,
  decision: ChildDecision,
): WorkflowSignalEffect {
  const event = decision.plan
    ? {
        type: PLAN_EVENTS.reviewed,
        reviewDate: sitting.heldOn,
        conferenceReference: context.reference,
        categories: [...decision.categories],
        earlyReview: sitting.exceptional !== null,
      }
    : {
        type: PLAN_EVENTS.ended,
        endDate: sitting.heldOn,
        reason: 'no-continuing-risk',
        conferenceReference: context.reference,
      };
  return { type: ENGINE_EFFECTS.workflowSignal, target: { id: decision.planWorkflowId! }, event };
}

/**
 * The household's next review conference: the children on plans, the list carried over (family,
 * professionals, the social worker), due on the earliest of the children's review dates.
 */
export function reviewConferenceStart(
  context: ConferenceContext,
  sitting: Sitting,
  childrenOnPlanIds: string[],
  dueDate: string,
): WorkflowStartEffect<ConferenceRequestInput> {
  const cycle = context.outcome.reviewCycle + 1;
  const onPlan = new Set(childrenOnPlanIds);
  const inviteeOf = (personId: string) => context.invitees.find((p) => p.personId === personId);
  const children = context.children
    .filter((c) => onPlan.has(c.personId))
    .map((c) => {
      const invitee = inviteeOf(c.personId);
      // A review takes no unborn child: until the birth is recorded the child is under the invitation age.
      const ageBand = c.ageBand === 'unborn' ? 'under-invitation-age' : c.ageBand;
      return {
        personId: c.personId,
        ageBand,
        ...(invitee ? { contactBy: invitee.contactBy } : {}),
        ...(invitee?.needs ? { needs: needsOf(invitee.needs) } : {}),
      };
    });
  const parentsAndCarers = context.parentsAndCarers
    .map((p) => ({ ...p, childIds: p.childIds.filter((id) => onPlan.has(id)) }))
    .filter((p) => p.childIds.length > 0)
    .map((p) => {
      const invitee = inviteeOf(p.personId);
      return {
        personId: p.personId,
        relationship: p.relationship,
        parentalResponsibility: p.parentalResponsibility,
        confidentialAddress: p.confidentialAddress,
        childIds: p.childIds,
        contactBy: invitee?.contactBy ?? 'letter',
        needs: needsOf(invitee?.needs ?? null),
      };
    });
  const professionals = context.invitees
    .filter((p) => p.invitedAs === 'professional' && p.agencyId !== null && p.professionalGroup !== null)
    .map((p) => ({
      personId: p.personId,
      agencyId: p.agencyId!,
      professionalGroup: p.professionalGroup!,
      directContactWith: p.directContactWith.filter((id) => onPlan.has(id)),
      contactBy: p.contactBy,
    }));
  const input = {
    reference: `${rootReference(context.reference)}-R${cycle}`,
    kind: 'review',
    area: context.area,
    householdId: context.householdId,
    children,
    parentsAndCarers,
    strategyDiscussions: [],
    socialWorker: { ...context.socialWorker },
    professionals,
    reviewDueDate: dueDate,
    figures: { ...context.figures, localClosureDays: [...context.figures.localClosureDays] },
    previousConferenceOutcome: { quorate: sitting.quoracy.quorate },
    review: { cycle, childrenOnPlanIds: [...childrenOnPlanIds] },
  } as ConferenceRequestInput;
  return {
    type: ENGINE_EFFECTS.workflowStart,
    workflowType: CONFERENCE_TYPE,
    input,
    startKey: reviewStartKey(context.householdId, cycle),
  };
}

function needsOf(needs: ConferenceContext['invitees'][number]['needs']) {
  return {
    interpreter: needs?.interpreter ?? 'none',
    accessNeeds: needs?.accessNeeds ?? false,
    ...(needs?.supporterPersonId ? { supporterPersonId: needs.supporterPersonId } : {}),
    ...(needs?.advocatePersonId ? { advocatePersonId: needs.advocatePersonId } : {}),
  };
}

/** The distribution of the decisions, minutes and reports (DistributionStartInput). */
export function distributionStart(
  context: ConferenceContext,
  sitting: Sitting,
  decisions: ChildDecision[],
): WorkflowStartEffect<DistributionStartInput> {
  const present = new Set(sitting.attendees.map((a) => a.attendee.personId));
  const input: DistributionStartInput = {
    conferenceReference: context.reference,
    area: context.area,
    householdId: context.householdId,
    conferenceKind: context.kind,
    heldOn: sitting.heldOn,
    chairSub: context.chair?.sub ?? '',
    invitees: context.invitees.map((p) => ({
      personId: p.personId,
      invitedAs: p.invitedAs,
      agencyId: p.agencyId,
      attended: present.has(p.personId),
      contactBy: p.contactBy,
    })),
    uninvitedAttendeePersonIds: sitting.attendees.filter((a) => !a.invited).map((a) => a.attendee.personId),
    exclusions: sitting.exclusions.map((e) => ({ partId: e.partId, excludedPersonIds: [...e.personIds] })),
    reports: context.reports.map((r) => ({
      key: r.key,
      documentId: r.received?.documentId ?? null,
      caseManagementReference: r.received?.caseManagementReference ?? null,
      notForSharingWithParents:
        r.key !== SOCIAL_WORKER_REPORT &&
        r.withholding !== null &&
        (r.withholding.decision?.withhold ?? true),
    })),
    confidentialAddressPersonIds: context.parentsAndCarers
      .filter((p) => p.confidentialAddress)
      .map((p) => p.personId),
    children: decisions.map((d) => ({
      childId: d.childId,
      outcome: d.plan ? 'plan' : d.withoutPlan!,
      categories: [...d.categories],
    })),
    figures: {
      decisionsDistributionWorkingDays: context.figures.decisionsDistributionWorkingDays,
      minutesDistributionWorkingDays: context.figures.minutesDistributionWorkingDays,
      minutesCorrectionsWorkingDays: context.figures.minutesCorrectionsWorkingDays,
      correctionAnswerWorkingDays: context.figures.correctionAnswerWorkingDays,
      personalLinkExpiryDays: context.figures.personalLinkExpiryDays,
      localClosureDays: [...context.figures.localClosureDays],
    },
  };
  return {
    type: ENGINE_EFFECTS.workflowStart,
    workflowType: DISTRIBUTION_TYPE,
    input,
    startKey: DISTRIBUTION_START_KEY,
  };
}
