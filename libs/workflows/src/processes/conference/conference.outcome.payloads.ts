import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { Holds, OPAQUE_ID, Text } from './conference.payloads';
import {
  ATTENDEE_CAPACITIES,
  AttendeeCapacity,
  WITHOUT_PLAN_OUTCOMES,
  WithoutPlanOutcome,
} from './conference.outcome.vocabulary';
import {
  ABUSE_CATEGORIES,
  AbuseCategory,
  AGENCY_KEY_PATTERN,
  PROFESSIONAL_GROUPS,
  ProfessionalGroup,
} from './rules';

/**
 * Part 2's payloads (class-validator; unknown fields refused). People by person id only; the
 * reasons, the interim protection plan and the chair's decision record are bounded free text.
 */

const PersonIds =
  (min: number, max: number): PropertyDecorator =>
  (target, key) => {
    IsArray()(target, key);
    ArrayMinSize(min)(target, key);
    ArrayMaxSize(max)(target, key);
    ArrayUnique()(target, key);
    Matches(OPAQUE_ID, { each: true })(target, key);
  };

/** Someone present: a professional with their agency, group and the children they have had direct contact with. */
export class AttendeeInput {
  @Matches(OPAQUE_ID)
  @Holds<AttendeeInput>(
    'agencyForProfessionals',
    (a) =>
      (a.capacity === 'professional') ===
      (a.agencyId !== undefined &&
        a.professionalGroup !== undefined &&
        a.directContactChildIds !== undefined),
    'agencyId, professionalGroup and directContactChildIds are given for a professional, and only for one',
  )
  personId!: string;
  @IsIn(ATTENDEE_CAPACITIES) capacity!: AttendeeCapacity;
  @IsOptional() @Matches(AGENCY_KEY_PATTERN) agencyId?: string;
  @IsOptional() @IsIn(PROFESSIONAL_GROUPS) professionalGroup?: ProfessionalGroup;
  @IsOptional() @PersonIds(0, 20) directContactChildIds?: string[];
}

export class ApologyInput {
  @Matches(OPAQUE_ID) personId!: string;
  /** Apologies with a report (the report itself is part 1's report.received). */
  @IsBoolean() withReport!: boolean;
}

export class ExclusionInput {
  /** The id of the excluded part of the meeting; distribution keeps that part from these people. */
  @Matches(OPAQUE_ID) partId!: string;
  @PersonIds(1, 20) personIds!: string[];
  @Text(2000) reason!: string;
  @Text(2000) chairDecision!: string;
}

export class AttendanceRecordedPayload {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(80)
  @ValidateNested({ each: true })
  @Type(() => AttendeeInput)
  attendees!: AttendeeInput[];
  @IsArray()
  @ArrayMaxSize(80)
  @ValidateNested({ each: true })
  @Type(() => ApologyInput)
  apologies!: ApologyInput[];
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ExclusionInput)
  exclusions!: ExclusionInput[];
}

export class AdjournedPayload {
  /** The interim protection plan until the conference reconvenes. */
  @Text(4000) interimProtectionPlan!: string;
  /** A manager's override, needed to adjourn the second inquorate conference in a row. */
  @IsOptional() @Text(2000) overrideReason?: string;
}

export class ProceededExceptionallyPayload {
  /** Why delay would harm the child. */
  @Text(2000) delayWouldHarm!: string;
  /** Why the information available is enough to decide. */
  @Text(2000) informationSufficient!: string;
}

export class DissentInput {
  @Matches(OPAQUE_ID) personId!: string;
  /** Whether they will use the authority's challenge (resolution) procedure. */
  @IsBoolean() usesChallengeProcedure!: boolean;
}

export class ChildDecisionInput {
  @Matches(OPAQUE_ID)
  @Holds<ChildDecisionInput>(
    'categoriesForAPlan',
    (d) => (d.plan === true) === (d.categories !== undefined),
    'categories are given for a plan, and only for one',
  )
  @Holds<ChildDecisionInput>(
    'outcomeWithoutAPlan',
    (d) => (d.plan === false) === (d.withoutPlan !== undefined),
    'withoutPlan is given when there is no plan, and only then',
  )
  childId!: string;
  @IsBoolean() plan!: boolean;
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  @ArrayUnique()
  @IsIn(ABUSE_CATEGORIES, { each: true })
  categories?: AbuseCategory[];
  @IsOptional() @IsIn(WITHOUT_PLAN_OUTCOMES) withoutPlan?: WithoutPlanOutcome;
  @IsArray()
  @ArrayMaxSize(40)
  @ValidateNested({ each: true })
  @Type(() => DissentInput)
  dissent!: DissentInput[];
  @Text(4000) chairDecisionRecord!: string;
  /**
   * At a review, the child's plan workflow: resolved by the API from the subject index (the
   * child's open child-protection-plan), never taken from the client.
   */
  @IsOptional() @IsUUID() planWorkflowId?: string;
  /** Earlier plans of the child in the service: counted by the API from the subject index. */
  @IsOptional() @IsInt() @Min(0) @Max(50) earlierPlansHere?: number;
}

export class DecisionRecordedPayload {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ChildDecisionInput)
  children!: ChildDecisionInput[];
}
