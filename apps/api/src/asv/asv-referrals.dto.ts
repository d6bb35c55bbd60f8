import { WorkflowFlagsQuery } from '../http/query';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateIf,
  ValidateNested,
  ValidationArguments,
  ValidatorConstraint,
  ValidatorConstraintInterface,
  Validate,
} from 'class-validator';
import {
  ALLEGATION_OUTCOMES,
  type AllegationOutcome,
  ASV_FIELD_PATTERNS as P,
  ASV_REFERRAL_STATES,
  type AsvReferralState,
  CONCERN_CATEGORIES,
  type ConcernCategory,
  CONTACT_CHANNELS,
  CONTACT_PARTIES,
  type ContactChannel,
  type ContactParty,
  EMPLOYMENT_OUTCOMES,
  type EmploymentOutcome,
  FOLLOW_UPS,
  type FollowUp,
  REDIRECT_ROUTES,
  type RedirectRoute,
  REFERRER_TYPES,
  type ReferrerType,
} from '@app/workflows';

// The request bodies of /asv-referrals. Each mirrors the machine's payload class (which validates
// again: the machine is the authority, this is the edge), with its OpenAPI description. Unknown
// fields are refused by the global pipe. Free-text fields may hold personal data: they are kept in
// the case record only, never logged.

const OPAQUE =
  'An opaque id from another system (case management, HR, register of organisations): never a name.';

export class ReferrerDto {
  @ApiProperty({ enum: REFERRER_TYPES }) @IsIn(REFERRER_TYPES) type!: ReferrerType;
  @ApiPropertyOptional({ description: "The referring organisation's id in the register of organisations." })
  @IsOptional()
  @Matches(P.opaqueId)
  organisationId?: string;
  @ApiPropertyOptional({
    description: "An organisation's name (a school, a trust, a club): never a person's.",
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @Matches(P.notBlank)
  organisationName?: string;
}

export class ReceiveContactDto {
  @ApiProperty({
    example: '2026-11-20T10:00:00Z',
    description:
      'When the contact reached the service, with its UTC offset: the screening clock runs from it.',
  })
  @IsISO8601({ strict: true })
  @Matches(P.dateTimeWithOffset, { message: 'receivedAt must be an ISO date-time with its offset' })
  receivedAt!: string;

  @ApiProperty({ example: 'north', description: 'The geographic area: it scopes who may see the case.' })
  @IsString()
  @Length(1, 40)
  area!: string;

  @ApiProperty({ type: ReferrerDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => ReferrerDto)
  referrer!: ReferrerDto;

  @ApiProperty({ example: 'person-9001', description: `The person the allegation is about. ${OPAQUE}` })
  @Matches(P.opaqueId)
  subjectPersonId!: string;

  @ApiProperty({ type: [String], example: ['child-1'], description: OPAQUE, maxItems: 50 })
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @Matches(P.opaqueId, { each: true })
  childIds!: string[];

  @ApiProperty({ type: [String], example: ['org-4411'], description: OPAQUE, maxItems: 20 })
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @Matches(P.opaqueId, { each: true })
  employerIds!: string[];

  @ApiProperty({ enum: CONCERN_CATEGORIES }) @IsIn(CONCERN_CATEGORIES) concernCategory!: ConcernCategory;
}

export class LimbAssessmentDto {
  @ApiProperty() @IsBoolean() applies!: boolean;
  @ApiProperty({ description: 'Why the limb does or does not apply.', maxLength: 2000 })
  @IsString()
  @Length(1, 2000)
  @Matches(P.notBlank)
  rationale!: string;
}

/** The four limbs of the harm threshold (KCSIE Part Four), each assessed with its rationale. */
export class HarmThresholdLimbsDto {
  @ApiProperty({ type: LimbAssessmentDto, description: '(1) harmed or may have harmed a child' })
  @IsDefined()
  @ValidateNested()
  @Type(() => LimbAssessmentDto)
  harmedChild!: LimbAssessmentDto;
  @ApiProperty({
    type: LimbAssessmentDto,
    description: '(2) possibly committed a criminal offence against or related to a child',
  })
  @IsDefined()
  @ValidateNested()
  @Type(() => LimbAssessmentDto)
  criminalOffence!: LimbAssessmentDto;
  @ApiProperty({
    type: LimbAssessmentDto,
    description: '(3) behaved towards a child in a way that indicates they may pose a risk of harm',
  })
  @IsDefined()
  @ValidateNested()
  @Type(() => LimbAssessmentDto)
  riskOfHarm!: LimbAssessmentDto;
  @ApiProperty({
    type: LimbAssessmentDto,
    description: '(4) behaved in a way that indicates they may not be suitable to work with children',
  })
  @IsDefined()
  @ValidateNested()
  @Type(() => LimbAssessmentDto)
  transferableRisk!: LimbAssessmentDto;
}

export const SCREENING_DECISIONS = ['threshold-met', 'redirect'] as const;
export type ScreeningDecision = (typeof SCREENING_DECISIONS)[number];

/** Refuses a redirect's field on a threshold-met decision, rather than silently dropping it. */
@ValidatorConstraint({ name: 'onlyForARedirect' })
class OnlyForARedirect implements ValidatorConstraintInterface {
  validate(_value: unknown, args: ValidationArguments): boolean {
    return (args.object as ScreeningDto).decision === 'redirect';
  }
  defaultMessage(args: ValidationArguments): string {
    return `${args.property} is recorded only when the decision is redirect`;
  }
}
const forARedirect = (o: ScreeningDto, value: unknown) => o.decision === 'redirect' || value !== undefined;

export class ScreeningDto {
  @ApiProperty({
    enum: SCREENING_DECISIONS,
    description:
      'threshold-met: refer to the LADO (a limb applies); redirect: threshold not met (no limb applies).',
  })
  @IsIn(SCREENING_DECISIONS)
  decision!: ScreeningDecision;

  @ApiProperty({ type: HarmThresholdLimbsDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => HarmThresholdLimbsDto)
  limbs!: HarmThresholdLimbsDto;

  @ApiPropertyOptional({ enum: REDIRECT_ROUTES, description: 'Required for a redirect, refused otherwise.' })
  @ValidateIf((o: ScreeningDto) => forARedirect(o, o.route))
  @Validate(OnlyForARedirect)
  @IsIn(REDIRECT_ROUTES)
  route?: RedirectRoute;

  @ApiPropertyOptional({ description: 'Why: required for a redirect, refused otherwise.', maxLength: 2000 })
  @ValidateIf((o: ScreeningDto) => forARedirect(o, o.reason))
  @Validate(OnlyForARedirect)
  @IsString()
  @Length(1, 2000)
  @Matches(P.notBlank, { message: 'reason must not be blank' })
  reason?: string;
}

export class MeetingDto {
  @ApiProperty({
    example: '2026-11-25',
    format: 'date',
    description: 'The day it was held (not a future day).',
  })
  @IsISO8601({ strict: true })
  @Matches(P.dateOnly, { message: 'heldOn must be a date (YYYY-MM-DD)' })
  heldOn!: string;
}

export class OpenTrackDto {
  @ApiPropertyOptional({
    example: 'CRIME/2026/4471',
    description: "The other agency's reference: a crime or HR case number.",
  })
  @IsOptional()
  @Matches(P.externalReference)
  externalReference?: string;
}

export class OutcomeDto {
  @ApiProperty({ enum: ALLEGATION_OUTCOMES }) @IsIn(ALLEGATION_OUTCOMES) outcome!: AllegationOutcome;
  @ApiProperty({ enum: EMPLOYMENT_OUTCOMES })
  @IsIn(EMPLOYMENT_OUTCOMES)
  employmentOutcome!: EmploymentOutcome;
  @ApiProperty({
    description:
      'A teacher dismissed or resigning on a substantiated allegation is also referred to the TRA.',
  })
  @IsBoolean()
  subjectIsTeacher!: boolean;
}

export class FollowUpDto {
  @ApiProperty({ enum: FOLLOW_UPS }) @IsIn(FOLLOW_UPS) followUp!: FollowUp;
  @ApiPropertyOptional({ example: 'DBS-88120', description: 'The DBS or TRA case reference.' })
  @IsOptional()
  @Matches(P.externalReference)
  reference?: string;
}

export class ContactDto {
  @ApiProperty({ enum: CONTACT_PARTIES }) @IsIn(CONTACT_PARTIES) with!: ContactParty;
  @ApiProperty({ enum: CONTACT_CHANNELS }) @IsIn(CONTACT_CHANNELS) channel!: ContactChannel;
  @ApiPropertyOptional({ description: "Which of the case's employers, for a contact with an employer." })
  @IsOptional()
  @Matches(P.opaqueId)
  employerId?: string;
  @ApiProperty({ maxLength: 1000 }) @IsString() @Length(1, 1000) @Matches(P.notBlank) summary!: string;
}

export class CloseDto {
  @ApiPropertyOptional({
    example: '1975-06-30',
    format: 'date',
    description:
      "The subject's date of birth, used to compute the retention date and then dropped: it is neither stored nor logged. Without it the retention is years from the allegation.",
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(P.dateOnly, { message: 'subjectDateOfBirth must be a date (YYYY-MM-DD)' })
  subjectDateOfBirth?: string;
}

export class ReopenDto {
  @ApiProperty({ maxLength: 2000 }) @IsString() @Length(1, 2000) @Matches(P.notBlank) reason!: string;
}

export class ListAsvReferralsQuery extends WorkflowFlagsQuery {
  @ApiPropertyOptional({
    enum: ASV_REFERRAL_STATES,
    description: "Top-level state ('tracks' covers every track combination).",
  })
  @IsOptional()
  @IsIn(ASV_REFERRAL_STATES)
  state?: AsvReferralState;

  @ApiPropertyOptional({ format: 'date', description: 'Received on or after this London date' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(P.dateOnly, { message: 'receivedFrom must be a date (YYYY-MM-DD)' })
  receivedFrom?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Received on or before this London date' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(P.dateOnly, { message: 'receivedTo must be a date (YYYY-MM-DD)' })
  receivedTo?: string;

  @ApiPropertyOptional({
    enum: ALLEGATION_OUTCOMES,
    description: 'The outcome recorded (none until then, nor after a reopening)',
  })
  @IsOptional()
  @IsIn(ALLEGATION_OUTCOMES)
  outcome?: AllegationOutcome;
}
