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
  IsUrl,
  Length,
  Matches,
  Max,
  Min,
  ValidateBy,
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';
import { WorkingDayCalendar } from '../../calendar';
import type { ConferenceFigures } from './conference.context';
import {
  AGENCY_KEY_PATTERN,
  AGE_BANDS,
  AgeBand,
  CHAIR_SELECTIONS,
  ChairSelection,
  CONFERENCE_KINDS,
  CONTACT_BY,
  ContactBy,
  ConferenceKind,
  INTERPRETER_NEEDS,
  InterpreterNeed,
  INVITATION_ANSWERS,
  InvitationAnswer,
  INVITEE_ROLES,
  InviteeRole,
  PROFESSIONAL_GROUPS,
  ProfessionalGroup,
  RELATIONSHIPS,
  Relationship,
  REPORT_AUTHORS,
  ReportAuthor,
  WITHDRAWAL_REASONS,
  WithdrawalReason,
} from './conference.vocabulary';

/**
 * Payload classes: what a client may send, validated with class-validator (unknown fields
 * rejected by the engine). People appear by the service's person id only: no name, date of
 * birth, address, email or language is accepted here, so none reaches the journal. Free text
 * (reasons) may contain personal data: bounded, kept in context and journal, never in effects.
 */

/** An opaque id (the service's person id, an organisation's id, a token's sub): never a name. */
export const OPAQUE_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;
/** The case-management system's document reference. */
export const EXTERNAL_REFERENCE = /^[A-Za-z0-9][A-Za-z0-9_./:-]{0,63}$/;
/** A review started by the conference before it adds its cycle: `CPC-2026-000042-R1`. */
export const CONFERENCE_REFERENCE = /^CPC-\d{4}-\d{6}(?:-R\d{1,3})?$/;
const NOT_BLANK = /\S/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The field patterns above, for the HTTP layer's DTOs to validate exactly as the machine does. */
export const CONFERENCE_FIELD_PATTERNS = {
  opaqueId: OPAQUE_ID,
  externalReference: EXTERNAL_REFERENCE,
  reference: CONFERENCE_REFERENCE,
  notBlank: NOT_BLANK,
  dateOnly: DATE_ONLY,
  timeOfDay: TIME_OF_DAY,
} as const;

/**
 * A real calendar date inside the years the working-day calendar knows, so that no clock the
 * machine computes from it can throw (a throw inside an action would be a 500, not a 400).
 */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string' || !DATE_ONLY.test(value)) return false;
          const [y, m, d] = value.split('-').map(Number) as [number, number, number];
          const date = new Date(Date.UTC(y, m - 1, d));
          return (
            date.toISOString().slice(0, 10) === value &&
            y >= WorkingDayCalendar.firstYear + 1 &&
            y <= WorkingDayCalendar.lastYear - 1
          );
        },
        defaultMessage: () =>
          '$property must be a calendar date (YYYY-MM-DD) within the years the calendar covers',
      },
    },
    options,
  );
}

/** A rule across fields of one payload; placed on a field that is always present so it always runs. */
export function Holds<T>(name: string, rule: (payload: T) => boolean, message: string): PropertyDecorator {
  return ValidateBy({
    name,
    validator: {
      validate: (_value: unknown, args) => rule(args?.object as T),
      defaultMessage: () => message,
    },
  });
}

const TEXT = (max: number) => [IsString(), Length(1, max), Matches(NOT_BLANK)];
export function Text(max: number): PropertyDecorator {
  return (target, key) => TEXT(max).forEach((decorate) => decorate(target, key));
}

// ---------------------------------------------------------------- the request

/**
 * The figures the machine's clocks need, filled by the API from StatutorySettings and the
 * authority's closure days (conferenceFigures()), never by the client. Kept in the context so a
 * replay computes the same dates whatever the settings are by then.
 */
export class ConferenceFiguresInput implements ConferenceFigures {
  @IsInt() @Min(1) @Max(60) icpcWorkingDays!: number;
  @IsInt() @Min(0) @Max(60) icpcRequestWorkingDays!: number;
  @IsInt() @Min(1) @Max(60) transferInWorkingDays!: number;
  @IsInt() @Min(0) @Max(30) invitationsWorkingDaysBefore!: number;
  @IsInt() @Min(0) @Max(30) agencyReportWorkingDaysBeforeIcpc!: number;
  @IsInt() @Min(0) @Max(30) agencyReportWorkingDaysBeforeReview!: number;
  @IsInt() @Min(0) @Max(30) socialWorkerReportToParentsWorkingDays!: number;
  @IsBoolean() preBirthSetsAsideIcpcWorkingDays!: boolean;
  @IsInt() @Min(1) @Max(10) conferenceMovesFlaggedAt!: number;
  @IsInt() @Min(1) @Max(10) quorumOtherAgencies!: number;
  @IsInt() @Min(1) @Max(60) inquorateIcpcReconveneWorkingDays!: number;
  @IsInt() @Min(1) @Max(60) inquorateReviewReconveneWorkingDays!: number;
  @IsInt() @Min(1) @Max(60) earlyReviewWorkingDays!: number;
  @IsInt() @Min(1) @Max(12) firstReviewMonths!: number;
  @IsInt() @Min(1) @Max(12) subsequentReviewMonths!: number;
  @IsInt() @Min(1) @Max(60) coreGroupWorkingDays!: number;
  @IsInt() @Min(1) @Max(60) postBirthReviewWorkingDays!: number;
  @IsInt() @Min(0) @Max(30) decisionsDistributionWorkingDays!: number;
  @IsInt() @Min(1) @Max(60) minutesDistributionWorkingDays!: number;
  @IsInt() @Min(1) @Max(60) minutesCorrectionsWorkingDays!: number;
  @IsInt() @Min(1) @Max(60) correctionAnswerWorkingDays!: number;
  @IsInt() @Min(1) @Max(365) personalLinkExpiryDays!: number;
  @IsArray() @ArrayMaxSize(400) @ArrayUnique() @IsCalendarDate({ each: true }) localClosureDays!: string[];
}

/** A family member's needs, as flags and ids: the language itself is in the person store. */
export class FamilyNeedsInput {
  @IsIn(INTERPRETER_NEEDS) interpreter!: InterpreterNeed;
  /** Details of the needs are in the person store; the booking shows that there are some. */
  @IsBoolean() accessNeeds!: boolean;
  @IsOptional() @Matches(OPAQUE_ID) supporterPersonId?: string;
  @IsOptional() @Matches(OPAQUE_ID) advocatePersonId?: string;
}

export class ChildInput {
  @Matches(OPAQUE_ID) personId!: string;
  @IsIn(AGE_BANDS) ageBand!: AgeBand;
  /** An unborn child's mother (her person id): the plan is held against her until the birth. */
  @IsOptional() @Matches(OPAQUE_ID) motherPersonId?: string;
  /** How a child of the invitation age is invited (by letter unless given). */
  @IsOptional() @IsIn(CONTACT_BY) contactBy?: ContactBy;
  @IsOptional() @ValidateNested() @Type(() => FamilyNeedsInput) needs?: FamilyNeedsInput;
}

export class ParentOrCarerInput {
  @Matches(OPAQUE_ID) personId!: string;
  @IsIn(RELATIONSHIPS) relationship!: Relationship;
  @IsBoolean() parentalResponsibility!: boolean;
  /** The address itself is in the person store; this keeps it from every document and letter. */
  @IsBoolean() confidentialAddress!: boolean;
  /** The children (person ids of this request) this person is a parent or carer of. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @Matches(OPAQUE_ID, { each: true })
  childIds!: string[];
  @IsIn(CONTACT_BY) contactBy!: ContactBy;
  @IsDefined() @ValidateNested() @Type(() => FamilyNeedsInput) needs!: FamilyNeedsInput;
}

export class StrategyDiscussionInput {
  @Matches(OPAQUE_ID) id!: string;
  @IsCalendarDate() heldOn!: string;
  /** The one that started the section 47 enquiry: the ICPC clock runs from it. */
  @IsBoolean() startedSection47!: boolean;
}

export class SocialWorkerInput {
  @Matches(OPAQUE_ID) personId!: string;
  @Matches(OPAQUE_ID) teamId!: string;
  /** The social worker's team manager (role team_manager): invited, and agrees a late date. */
  @Matches(OPAQUE_ID) teamManagerPersonId!: string;
  /** Children's social care as an agency, for the quoracy count and the reports. */
  @Matches(AGENCY_KEY_PATTERN) agencyId!: string;
}

export class ProfessionalInput {
  @Matches(OPAQUE_ID) personId!: string;
  @Matches(AGENCY_KEY_PATTERN) agencyId!: string;
  @IsIn(PROFESSIONAL_GROUPS) professionalGroup!: ProfessionalGroup;
  /** The children (person ids of this request) this professional has had direct contact with. */
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @Matches(OPAQUE_ID, { each: true })
  directContactWith!: string[];
  @IsIn(CONTACT_BY) contactBy!: ContactBy;
}

export class TransferInput {
  /** The transferring authority's code (an organisation, not a person). */
  @Matches(OPAQUE_ID) transferringAuthorityId!: string;
  /** The day this authority was told of the move: the transfer-in clock runs from it. */
  @IsCalendarDate() notifiedOn!: string;
}

/**
 * A pre-birth conference's clock, computed by the API with the timescale rule from the expected
 * date of delivery, which stays in the person store (see conference.context.ts for why).
 */
export class PreBirthClockInput {
  /** The latest date (week 34 by default), back to a working day. */
  @IsCalendarDate() latestDate!: string;
  /** The ideal date (three months before the expected date by default). */
  @IsCalendarDate() idealDate!: string;
}

// ---------------------------------------------------------------- part 2, on the request

/** The household's previous conference: was it quorate (for every child)? */
export class PreviousConferenceOutcomeInput {
  @IsBoolean() quorate!: boolean;
}

/** A review conference started by the conference before it: its cycle and the children on plans. */
export class ReviewCycleInput {
  @IsInt() @Min(1) @Max(200) cycle!: number;
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @Matches(OPAQUE_ID, { each: true })
  childrenOnPlanIds!: string[];
}

type Request = ConferenceRequestInput;
const personIdsOf = (r: Request): string[] => [
  ...(r.children ?? []).map((c) => c?.personId),
  ...(r.parentsAndCarers ?? []).map((p) => p?.personId),
  ...(r.professionals ?? []).map((p) => p?.personId),
  r.socialWorker?.personId,
  r.socialWorker?.teamManagerPersonId,
];
const childIdsOf = (r: Request) => new Set((r.children ?? []).map((c) => c?.personId));
const runsFromStrategyDiscussion = (kind: ConferenceKind) => kind === 'initial' || kind === 'pre-birth';

export class ConferenceRequestInput {
  /** Assigned by the API; the machine generates nothing. */
  @Matches(CONFERENCE_REFERENCE) reference!: string;
  @IsIn(CONFERENCE_KINDS)
  @Holds<Request>(
    'transferForTransferIn',
    (r) => (r.kind === 'transfer-in') === (r.transfer !== undefined),
    'transfer is given for a transfer-in conference, and only for one',
  )
  @Holds<Request>(
    'preBirthClockForPreBirth',
    (r) => (r.kind === 'pre-birth') === (r.preBirthClock !== undefined),
    'preBirthClock is given for a pre-birth conference, and only for one',
  )
  @Holds<Request>(
    'reviewDueDateForReview',
    (r) => (r.kind === 'review') === (r.reviewDueDate !== undefined),
    'reviewDueDate is given for a review conference, and only for one',
  )
  @Holds<Request>(
    'section47ForInitial',
    (r) => runsFromStrategyDiscussion(r.kind) === (r.section47StartDate !== undefined),
    'section47StartDate is given for an initial or pre-birth conference, and only for those',
  )
  @Holds<Request>(
    'oneStrategyDiscussionStartedSection47',
    (r) =>
      !Array.isArray(r.strategyDiscussions) ||
      r.strategyDiscussions.filter((d) => d?.startedSection47 === true).length ===
        (runsFromStrategyDiscussion(r.kind) ? 1 : 0),
    'strategyDiscussions marks exactly one as startedSection47 for an initial or pre-birth conference, none otherwise',
  )
  @Holds<Request>(
    'unbornChildOnlyForPreBirth',
    (r) =>
      !Array.isArray(r.children) ||
      (r.kind === 'pre-birth'
        ? r.children.some((c) => c?.ageBand === 'unborn')
        : r.children.every((c) => c?.ageBand !== 'unborn')),
    'children includes an unborn child for a pre-birth conference, and only for one',
  )
  @Holds<Request>(
    'motherForEveryUnbornChild',
    (r) =>
      !Array.isArray(r.children) ||
      r.children.every((c) => (c?.ageBand === 'unborn') === (c?.motherPersonId !== undefined)),
    'children gives motherPersonId for every unborn child, and only for an unborn child',
  )
  @Holds<Request>(
    'everyPersonOnce',
    (r) => new Set(personIdsOf(r)).size === personIdsOf(r).length,
    'every person (child, parent, carer, professional, social worker, team manager) appears once',
  )
  @Holds<Request>(
    'childrenNamedAreOnTheRequest',
    (r) => {
      const children = childIdsOf(r);
      return [
        ...(r.parentsAndCarers ?? []).flatMap((p) => p?.childIds ?? []),
        ...(r.professionals ?? []).flatMap((p) => p?.directContactWith ?? []),
      ].every((id) => children.has(id));
    },
    'parentsAndCarers.childIds and professionals.directContactWith name children of this request',
  )
  kind!: ConferenceKind;
  @IsString() @Length(1, 40) area!: string;
  @Matches(OPAQUE_ID) householdId!: string;
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ChildInput)
  children!: ChildInput[];
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ParentOrCarerInput)
  parentsAndCarers!: ParentOrCarerInput[];
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => StrategyDiscussionInput)
  strategyDiscussions!: StrategyDiscussionInput[];
  @IsOptional() @IsCalendarDate() section47StartDate?: string;
  @IsDefined() @ValidateNested() @Type(() => SocialWorkerInput) socialWorker!: SocialWorkerInput;
  @IsArray()
  @ArrayMaxSize(60)
  @ValidateNested({ each: true })
  @Type(() => ProfessionalInput)
  professionals!: ProfessionalInput[];
  @IsOptional() @ValidateNested() @Type(() => TransferInput) transfer?: TransferInput;
  @IsOptional() @ValidateNested() @Type(() => PreBirthClockInput) preBirthClock?: PreBirthClockInput;
  /** A review requested by hand: its due date from the plans' review cycle (part 2 computes it). */
  @IsOptional() @IsCalendarDate() reviewDueDate?: string;
  @IsDefined() @ValidateNested() @Type(() => ConferenceFiguresInput) figures!: ConferenceFiguresInput;
  // Part 2.
  /** The household's previous conference (the API finds it): a second inquorate one in a row needs an override to adjourn. */
  @IsOptional()
  @ValidateNested()
  @Type(() => PreviousConferenceOutcomeInput)
  previousConferenceOutcome?: PreviousConferenceOutcomeInput;
  /** A review started by the conference before it: its cycle and the children on plans. */
  @IsOptional()
  @ValidateNested()
  @Type(() => ReviewCycleInput)
  @Holds<Request>(
    'reviewCycleForReview',
    (r) => r.review === undefined || r.kind === 'review',
    'review is given only for a review conference',
  )
  review?: ReviewCycleInput;
}

// ---------------------------------------------------------------- events

export class WithdrawPayload {
  @IsIn(WITHDRAWAL_REASONS)
  @Holds<WithdrawPayload>(
    'noteForOther',
    (p) => p.reason !== 'other' || p.note !== undefined,
    'note is given when reason is other',
  )
  reason!: WithdrawalReason;
  @IsOptional() @Text(2000) note?: string;
}

/** The chair chosen by the chair-assignment rule (or by a co-ordinator, with a reason). */
export class ChairAssignedPayload {
  /** The chair's subject in the identity provider. */
  @Matches(OPAQUE_ID)
  @Holds<ChairAssignedPayload>(
    'reasonWhenChosen',
    (p) => p.selection !== 'chosen-by-coordinator' || p.reason !== undefined,
    'reason is given when the co-ordinator chose the chair',
  )
  chairSub!: string;
  @IsIn(CHAIR_SELECTIONS) selection!: ChairSelection;
  @IsOptional() @Text(1000) reason?: string;
}

export class SchedulePayload {
  @IsCalendarDate() date!: string;
  /** London time of day. */
  @Matches(TIME_OF_DAY)
  @Holds<SchedulePayload>(
    'venueOrOnline',
    (p) => p.venueId !== undefined || p.onlineLink !== undefined,
    'venueId or onlineLink (or both) is given',
  )
  startTime!: string;
  @IsInt() @Min(30) @Max(480) durationMinutes!: number;
  /** A room in the authority's register of venues (an id, not an address). */
  @IsOptional() @Matches(OPAQUE_ID) venueId?: string;
  @IsOptional() @IsUrl({ protocols: ['https'], require_protocol: true }) @Length(1, 500) onlineLink?: string;
  @Matches(OPAQUE_ID) minuteTakerSub!: string;
  /** Required when the date is after the conference's due date (guard). */
  @IsOptional() @Text(2000) lateReason?: string;
}

export class ReschedulePayload extends SchedulePayload {
  @Text(2000) reason!: string;
}

export class CancelPayload {
  @Text(2000) reason!: string;
}

export class DeliveryDateRevisedPayload {
  @IsDefined() @ValidateNested() @Type(() => PreBirthClockInput) preBirthClock!: PreBirthClockInput;
}

export class BirthRecordedPayload {
  @Matches(OPAQUE_ID) unbornPersonId!: string;
  /** The born child's new person record. */
  @Matches(OPAQUE_ID) childPersonId!: string;
}

export class InviteePayload {
  @Matches(OPAQUE_ID)
  @Holds<InviteePayload>(
    'agencyForProfessionals',
    (p) =>
      (p.invitedAs === 'professional') === (p.agencyId !== undefined && p.professionalGroup !== undefined),
    'agencyId and professionalGroup are given for a professional, and only for one',
  )
  @Holds<InviteePayload>(
    'needsForFamily',
    (p) => ['parent', 'carer', 'child'].includes(p.invitedAs) === (p.needs !== undefined),
    'needs are given for a family member, and only for one',
  )
  personId!: string;
  @IsIn(INVITEE_ROLES.filter((role) => role !== 'social-worker' && role !== 'team-manager'))
  invitedAs!: InviteeRole;
  @IsOptional() @Matches(AGENCY_KEY_PATTERN) agencyId?: string;
  @IsOptional() @IsIn(PROFESSIONAL_GROUPS) professionalGroup?: ProfessionalGroup;
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @Matches(OPAQUE_ID, { each: true })
  directContactWith!: string[];
  @IsIn(CONTACT_BY) contactBy!: ContactBy;
  @IsOptional() @ValidateNested() @Type(() => FamilyNeedsInput) needs?: FamilyNeedsInput;
}

export class InviteeRemovedPayload {
  @Matches(OPAQUE_ID) personId!: string;
  @Text(1000) reason!: string;
}

/** From the outbox dispatcher: what the mail server (or the co-ordinator's post) did with one sending. */
export class InvitationDeliveryPayload {
  @Matches(OPAQUE_ID) personId!: string;
  /** The SEQUENCE of the sending reported on: a report on an older sending changes nothing. */
  @IsInt() @Min(0) @Max(1000) sequence!: number;
}

export class LetterPostedPayload extends InvitationDeliveryPayload {
  @IsCalendarDate() postedOn!: string;
}

export class InvitationResentPayload {
  @Matches(OPAQUE_ID) personId!: string;
  @IsIn(CONTACT_BY) contactBy!: ContactBy;
}

export class InvitationAnsweredPayload {
  @Matches(OPAQUE_ID)
  @Holds<InvitationAnsweredPayload>(
    'reportOnlyWithApologies',
    (p) => (p.answer === 'apologies') === (p.withReport !== undefined),
    'withReport is given with apologies, and only with them',
  )
  personId!: string;
  @IsIn(INVITATION_ANSWERS) answer!: InvitationAnswer;
  @IsOptional() @IsBoolean() withReport?: boolean;
}

export class ReportReceivedPayload {
  @IsIn(REPORT_AUTHORS)
  @Holds<ReportReceivedPayload>(
    'agencyIdForAgency',
    (p) => (p.author === 'agency') === (p.agencyId !== undefined),
    'agencyId is given for an agency report, and only for one',
  )
  @Holds<ReportReceivedPayload>(
    'documentOrReference',
    (p) => (p.documentId === undefined) !== (p.caseManagementReference === undefined),
    'exactly one of documentId and caseManagementReference is given',
  )
  author!: ReportAuthor;
  @IsOptional() @Matches(AGENCY_KEY_PATTERN) agencyId?: string;
  /** An uploaded document's id in the document store (its contents never enter the workflow). */
  @IsOptional() @Matches(OPAQUE_ID) documentId?: string;
  @IsOptional() @Matches(EXTERNAL_REFERENCE) caseManagementReference?: string;
}

export class WithholdingRequestedPayload {
  @Matches(AGENCY_KEY_PATTERN) agencyId!: string;
  @Text(2000) reason!: string;
}

export class WithholdingDecidedPayload {
  @Matches(AGENCY_KEY_PATTERN) agencyId!: string;
  @IsBoolean() withhold!: boolean;
  @Text(2000) reason!: string;
}

export class ReportSharedPayload {
  @IsCalendarDate() sharedOn!: string;
}
