import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  ALLEGATION_OUTCOMES,
  AllegationOutcome,
  CONCERN_CATEGORIES,
  ConcernCategory,
  CONTACT_CHANNELS,
  CONTACT_PARTIES,
  ContactChannel,
  ContactParty,
  EMPLOYMENT_OUTCOMES,
  EmploymentOutcome,
  FOLLOW_UPS,
  FollowUp,
  REDIRECT_ROUTES,
  RedirectRoute,
  REFERRER_TYPES,
  ReferrerType,
  RETENTION_BASES,
  RetentionBasis,
} from './asv-referral.vocabulary';

/**
 * What a client may send to an ASV referral: the start input and each event's payload, validated
 * by the engine (unknown fields refused) and, through classes derived from these, by the API.
 *
 * Personal data: ids are opaque (subjectPersonId, childIds, employerIds), never a person's name,
 * address or date of birth; organisation names are allowed (they are not personal data). Free-text
 * fields may hold personal data: they are bounded in length, kept in the context and journal only,
 * and never logged nor copied into effects.
 */

/** An opaque id from another system (case management, HR, the organisations register): never a name. */
const OPAQUE_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;
/** Another agency's reference: crime numbers and HR case numbers often contain slashes. */
const EXTERNAL_REFERENCE = /^[A-Za-z0-9][A-Za-z0-9_./:-]{0,63}$/;
/** Free text must say something: not only spaces. */
const NOT_BLANK = /\S/;
/** An ISO date-time with its offset, so its London date is unambiguous. */
const DATE_TIME_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** The field patterns above, for the HTTP layer's DTOs to validate exactly as the machine does. */
export const ASV_FIELD_PATTERNS = {
  opaqueId: OPAQUE_ID,
  externalReference: EXTERNAL_REFERENCE,
  notBlank: NOT_BLANK,
  dateTimeWithOffset: DATE_TIME_WITH_OFFSET,
  dateOnly: DATE_ONLY,
} as const;

export class ReferrerDetails {
  @IsIn(REFERRER_TYPES) type!: ReferrerType;
  /** The referring organisation's id in the authority's register of organisations. */
  @IsOptional() @Matches(OPAQUE_ID) organisationId?: string;
  /** The name of an ORGANISATION (a school, a trust, a club): never a person's name. */
  @IsOptional() @IsString() @Length(1, 200) @Matches(NOT_BLANK) organisationName?: string;
}

/** Figures the machine needs when closing; the API fills them from StatutorySettings, never from the client. */
export class AsvRetentionSettingsInput {
  @IsInt() @Min(1) @Max(100) asvRetentionYears!: number;
  @IsInt() @Min(16) @Max(100) asvNormalRetirementAge!: number;
}

export class AsvReferralInput {
  /** Assigned by the API; the machine generates nothing. */
  @Matches(/^ASV-\d{4}-\d{6}$/) reference!: string;
  @IsISO8601({ strict: true }) @Matches(DATE_TIME_WITH_OFFSET) receivedAt!: string;
  @IsString() @Length(1, 40) area!: string;
  @IsDefined() @ValidateNested() @Type(() => ReferrerDetails) referrer!: ReferrerDetails;
  @Matches(OPAQUE_ID) subjectPersonId!: string;
  @IsArray() @ArrayMaxSize(50) @ArrayUnique() @Matches(OPAQUE_ID, { each: true }) childIds!: string[];
  @IsArray() @ArrayMaxSize(20) @ArrayUnique() @Matches(OPAQUE_ID, { each: true }) employerIds!: string[];
  @IsIn(CONCERN_CATEGORIES) concernCategory!: ConcernCategory;
  @IsDefined()
  @ValidateNested()
  @Type(() => AsvRetentionSettingsInput)
  retentionSettings!: AsvRetentionSettingsInput;
}

export class LimbAssessment {
  @IsBoolean() applies!: boolean;
  /** Why the limb does or does not apply. Free text: may contain personal data. */
  @IsString() @Length(1, 2000) @Matches(NOT_BLANK) rationale!: string;
}

/** The four limbs of the harm threshold (KCSIE Part Four), each assessed with its rationale. */
export class HarmThresholdLimbs {
  /** (1) harmed or may have harmed a child. */
  @IsDefined() @ValidateNested() @Type(() => LimbAssessment) harmedChild!: LimbAssessment;
  /** (2) possibly committed a criminal offence against or related to a child. */
  @IsDefined() @ValidateNested() @Type(() => LimbAssessment) criminalOffence!: LimbAssessment;
  /** (3) behaved towards a child or children in a way that indicates they may pose a risk of harm. */
  @IsDefined() @ValidateNested() @Type(() => LimbAssessment) riskOfHarm!: LimbAssessment;
  /** (4) behaved in a way that indicates they may not be suitable to work with children. */
  @IsDefined() @ValidateNested() @Type(() => LimbAssessment) transferableRisk!: LimbAssessment;
}
export type HarmThresholdLimb = keyof HarmThresholdLimbs;

export class ThresholdMetPayload {
  @IsDefined() @ValidateNested() @Type(() => HarmThresholdLimbs) limbs!: HarmThresholdLimbs;
}

export class RedirectPayload {
  @IsDefined() @ValidateNested() @Type(() => HarmThresholdLimbs) limbs!: HarmThresholdLimbs;
  @IsIn(REDIRECT_ROUTES) route!: RedirectRoute;
  /** Required: every redirect records why. Free text: may contain personal data. */
  @IsString() @Length(1, 2000) @Matches(NOT_BLANK) reason!: string;
}

export class MeetingHeldPayload {
  @IsISO8601({ strict: true }) @Matches(DATE_ONLY) heldOn!: string;
}

export class TrackOpenedPayload {
  /** The other agency's reference (a crime number, an HR case number): not a name. */
  @IsOptional() @Matches(EXTERNAL_REFERENCE) externalReference?: string;
}

export class OutcomePayload {
  @IsIn(ALLEGATION_OUTCOMES) outcome!: AllegationOutcome;
  @IsIn(EMPLOYMENT_OUTCOMES) employmentOutcome!: EmploymentOutcome;
  @IsBoolean() subjectIsTeacher!: boolean;
}

export class FollowUpPayload {
  @IsIn(FOLLOW_UPS) followUp!: FollowUp;
  /** The DBS or TRA case reference, when one is given. */
  @IsOptional() @Matches(EXTERNAL_REFERENCE) reference?: string;
}

/** The retention date computed with retentionDate() (rules/retention.ts). */
export class RetentionDecision {
  @IsISO8601({ strict: true }) @Matches(DATE_ONLY) retainUntil!: string;
  @IsIn(RETENTION_BASES) basis!: RetentionBasis;
}

export class ClosePayload {
  /**
   * Computed by the caller with retentionDate() from the subject's date of birth, which then goes
   * no further. The date of birth is not in this payload because every payload is kept for ever
   * in the append-only journal; replay needs only the result. The machine checks the result
   * against what it can know without the date of birth (guard readyToClose).
   */
  @IsDefined() @ValidateNested() @Type(() => RetentionDecision) retention!: RetentionDecision;
}

export class ReopenPayload {
  /** Free text: may contain personal data. */
  @IsString() @Length(1, 2000) @Matches(NOT_BLANK) reason!: string;
}

export class ContactPayload {
  @IsIn(CONTACT_PARTIES) with!: ContactParty;
  @IsIn(CONTACT_CHANNELS) channel!: ContactChannel;
  /** Which employer, when the case has several (must be one of the case's employerIds). */
  @IsOptional() @Matches(OPAQUE_ID) employerId?: string;
  /** Free text: may contain personal data, so it is never logged nor put in an effect. */
  @IsString() @Length(1, 1000) @Matches(NOT_BLANK) summary!: string;
}
