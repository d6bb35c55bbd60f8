import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { Holds, IsCalendarDate, OPAQUE_ID, Text } from '../conference/conference.payloads';
import { ABUSE_CATEGORIES, AbuseCategory, CONFERENCE_KINDS, ConferenceKind } from '../conference/rules';
import type { PlanFigures } from './child-protection-plan.context';
import {
  CONFERENCE_END_REASON,
  ENDED_WITHOUT_CONFERENCE_REASONS,
  EndedWithoutConferenceReason,
  PREVIOUS_PLAN_SOURCES,
  PreviousPlanSource,
} from './child-protection-plan.vocabulary';

/**
 * What the conference (or a co-ordinator) may send the plan, validated with class-validator.
 * People by person id only; no date of birth is accepted (a birth carries the due date the API
 * computed from the person store with rules/timescales.ts postBirthReviewDueDate()).
 */

/** The conference's reference and the plan's place among its children: `CPC-2026-000042-P1`. */
export const PLAN_REFERENCE = /^CPC-\d{4}-\d{6}(?:-R\d{1,3})?-P\d{1,2}$/;

function Categories(): PropertyDecorator {
  return (target, key) => {
    IsArray()(target, key);
    ArrayMinSize(1)(target, key);
    ArrayMaxSize(4)(target, key);
    ArrayUnique()(target, key);
    IsIn(ABUSE_CATEGORIES, { each: true })(target, key);
  };
}

export class PlanFiguresInput implements PlanFigures {
  @IsInt() @Min(1) @Max(12) firstReviewMonths!: number;
  @IsInt() @Min(1) @Max(12) subsequentReviewMonths!: number;
  @IsInt() @Min(1) @Max(60) coreGroupWorkingDays!: number;
  @IsInt() @Min(1) @Max(60) postBirthReviewWorkingDays!: number;
  @IsInt() @Min(1) @Max(60) earlyReviewWorkingDays!: number;
  @IsArray() @ArrayMaxSize(400) @ArrayUnique() @IsCalendarDate({ each: true }) localClosureDays!: string[];
}

export class PlanChildInput {
  @Matches(OPAQUE_ID) personId!: string;
  @IsBoolean()
  @Holds<PlanChildInput>(
    'motherForUnborn',
    (c) => (c.unborn === true) === (c.motherPersonId !== undefined),
    'motherPersonId is given for an unborn child, and only for one',
  )
  unborn!: boolean;
  @IsOptional() @Matches(OPAQUE_ID) motherPersonId?: string;
}

export class LeadSocialWorkerInput {
  @Matches(OPAQUE_ID) personId!: string;
  @Matches(OPAQUE_ID) teamId!: string;
}

/** The plan's start, declared by the deciding conference (workflow.start). */
export class PlanStartInput {
  @Matches(PLAN_REFERENCE) reference!: string;
  @IsString() @Length(1, 40) area!: string;
  @Matches(OPAQUE_ID) householdId!: string;
  @Matches(/^CPC-\d{4}-\d{6}(?:-R\d{1,3})?$/) conferenceReference!: string;
  @IsIn(CONFERENCE_KINDS)
  @Holds<PlanStartInput>(
    'transferForTransferIn',
    (p) => (p.conferenceKind === 'transfer-in') === (p.transferringAuthorityId !== undefined),
    'transferringAuthorityId is given for a transfer-in plan, and only for one',
  )
  conferenceKind!: ConferenceKind;
  /** CPPstartDate: the conference's date. */
  @IsCalendarDate() conferenceDate!: string;
  @IsDefined() @ValidateNested() @Type(() => PlanChildInput) child!: PlanChildInput;
  @Categories() categories!: AbuseCategory[];
  @IsDefined() @ValidateNested() @Type(() => LeadSocialWorkerInput) leadSocialWorker!: LeadSocialWorkerInput;
  @IsOptional() @Matches(OPAQUE_ID) transferringAuthorityId?: string;
  /** The conference proceeded on an exceptional quorum: the first review is an early one. */
  @IsBoolean() exceptionalQuorum!: boolean;
  /** Earlier plans of this child in the service (the API counts them in the subject index). */
  @IsInt() @Min(0) @Max(50) earlierPlansHere!: number;
  @IsArray()
  @ArrayMaxSize(80)
  @ArrayUnique()
  @Matches(OPAQUE_ID, { each: true })
  icpcInviteePersonIds!: string[];
  @IsDefined() @ValidateNested() @Type(() => PlanFiguresInput) figures!: PlanFiguresInput;
}

export class CoreGroupMetPayload {
  @IsCalendarDate() metOn!: string;
}

export class PlanReviewedPayload {
  @IsCalendarDate() reviewDate!: string;
  @Matches(/^CPC-\d{4}-\d{6}(?:-R\d{1,3})?$/) conferenceReference!: string;
  /** The latest categories (they may change at a review). */
  @Categories() categories!: AbuseCategory[];
  /** The review proceeded on an exceptional quorum: the next review is an early one. */
  @IsBoolean() earlyReview!: boolean;
}

export class PlanEndedPayload {
  @IsCalendarDate() endDate!: string;
  @IsIn([CONFERENCE_END_REASON]) reason!: typeof CONFERENCE_END_REASON;
  @Matches(/^CPC-\d{4}-\d{6}(?:-R\d{1,3})?$/) conferenceReference!: string;
}

export class PlanEndedWithoutConferencePayload {
  @IsCalendarDate() endDate!: string;
  @IsIn(ENDED_WITHOUT_CONFERENCE_REASONS)
  @Holds<PlanEndedWithoutConferencePayload>(
    'newAuthorityWhenMoved',
    (p) => (p.reason === 'moved-new-authority-took-over') === (p.newAuthorityId !== undefined),
    'newAuthorityId is given when a new authority took over, and only then',
  )
  reason!: EndedWithoutConferenceReason;
  @IsOptional() @Matches(OPAQUE_ID) newAuthorityId?: string;
}

export class ReviewBroughtForwardPayload {
  @IsCalendarDate() dueDate!: string;
  @Text(2000) reason!: string;
}

export class PreviousPlansRecordedPayload {
  @IsIn(PREVIOUS_PLAN_SOURCES)
  @Holds<PreviousPlansRecordedPayload>(
    'authorityForAnotherAuthority',
    (p) => (p.source === 'another-authority') === (p.authorityId !== undefined),
    'authorityId is given for plans in another authority, and only for those',
  )
  source!: PreviousPlanSource;
  @IsInt() @Min(1) @Max(50) count!: number;
  @IsOptional() @Matches(OPAQUE_ID) authorityId?: string;
}

export class PlanBirthRecordedPayload {
  /** The born child's new person record. */
  @Matches(OPAQUE_ID) childPersonId!: string;
  /**
   * postBirthReviewDueDate() of the date of birth, computed by the API from the person store: the
   * date of birth itself never enters the journal.
   */
  @IsCalendarDate() postBirthDueDate!: string;
}

export class LeadSocialWorkerChangedPayload extends LeadSocialWorkerInput {}
