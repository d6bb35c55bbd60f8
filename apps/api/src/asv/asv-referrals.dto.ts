import { ApiProperty, ApiPropertyOptional, OmitType, PickType } from '@nestjs/swagger';
import {
  IsIn,
  IsISO8601,
  IsOptional,
  Matches,
  Validate,
  ValidateIf,
  ValidationArguments,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import {
  ALLEGATION_OUTCOMES,
  type AllegationOutcome,
  ASV_FIELD_PATTERNS as P,
  ASV_REFERRAL_STATES,
  type AsvReferralState,
  AsvReferralInput,
  ContactPayload,
  FollowUpPayload,
  HarmThresholdLimbs,
  LimbAssessment,
  MeetingHeldPayload,
  OutcomePayload,
  RedirectPayload,
  type RedirectRoute,
  ReferrerDetails,
  ReopenPayload,
  TrackOpenedPayload,
} from '@app/workflows';
import { WorkflowFlagsQuery } from '../http/query';
import { ApiFields, withOpenApi } from '../http/openapi-from-validation';

// The request bodies of /asv-referrals, derived from the machine's payload classes with the
// mapped types of @nestjs/swagger, so each field is validated here by the very rule the machine
// applies again (the machine is the authority, this is the edge) and described in OpenAPI from
// that rule (withOpenApi). What a rule cannot say (descriptions, examples) is added with
// @ApiFields. Unknown fields are refused by the global pipe. Free-text fields may hold personal
// data: they are kept in the case record only, never logged.

const OPAQUE =
  'An opaque id from another system (case management, HR, register of organisations): never a name.';

// The nested classes are described once, where they are, so every body that holds them says the same.
ApiFields<ReferrerDetails>({
  organisationId: { description: "The referring organisation's id in the register of organisations." },
  organisationName: { description: "An organisation's name (a school, a trust, a club): never a person's." },
})(withOpenApi(ReferrerDetails));
ApiFields<LimbAssessment>({
  rationale: { description: 'Why the limb does or does not apply.' },
})(withOpenApi(LimbAssessment));
ApiFields<HarmThresholdLimbs>({
  harmedChild: { description: '(1) harmed or may have harmed a child' },
  criminalOffence: { description: '(2) possibly committed a criminal offence against or related to a child' },
  riskOfHarm: { description: '(3) behaved towards a child in a way that indicates they may pose a risk of harm' },
  transferableRisk: { description: '(4) behaved in a way that indicates they may not be suitable to work with children' },
})(withOpenApi(HarmThresholdLimbs));

/** The contact as received: the machine's input without what the API assigns (reference, retention figures). */
@ApiFields<ReceiveContactDto>({
  receivedAt: {
    example: '2026-11-20T10:00:00Z',
    format: 'date-time',
    description: 'When the contact reached the service, with its UTC offset: the screening clock runs from it.',
  },
  area: { example: 'north', description: 'The geographic area: it scopes who may see the case.' },
  subjectPersonId: { example: 'person-9001', description: `The person the allegation is about. ${OPAQUE}` },
  childIds: { example: ['child-1'], description: OPAQUE },
  employerIds: { example: ['org-4411'], description: OPAQUE },
})
export class ReceiveContactDto extends OmitType(withOpenApi(AsvReferralInput), [
  'reference',
  'retentionSettings',
] as const) {}

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

/**
 * One screening decision for the two events it sends: threshold-met ({ limbs }) or a redirect
 * (RedirectPayload: limbs, route, reason). route and reason keep RedirectPayload's rules, and
 * apply only to a redirect: required there, refused on threshold-met.
 */
@ApiFields<ScreeningDto>({
  route: { required: false, description: 'Required for a redirect, refused otherwise.' },
  reason: { required: false, description: 'Why: required for a redirect, refused otherwise.' },
})
export class ScreeningDto extends PickType(withOpenApi(RedirectPayload), ['limbs', 'route', 'reason'] as const) {
  @ApiProperty({
    enum: SCREENING_DECISIONS,
    description: 'threshold-met: refer to the LADO (a limb applies); redirect: threshold not met (no limb applies).',
  })
  @IsIn(SCREENING_DECISIONS)
  decision!: ScreeningDecision;

  @ValidateIf((o: ScreeningDto) => forARedirect(o, o.route))
  @Validate(OnlyForARedirect)
  override route!: RedirectRoute;

  @ValidateIf((o: ScreeningDto) => forARedirect(o, o.reason))
  @Validate(OnlyForARedirect)
  override reason!: string;
}

@ApiFields<MeetingDto>({
  heldOn: { example: '2026-11-25', format: 'date', description: 'The day it was held (not a future day).' },
})
export class MeetingDto extends PickType(withOpenApi(MeetingHeldPayload), ['heldOn'] as const) {}

@ApiFields<OpenTrackDto>({
  externalReference: { example: 'CRIME/2026/4471', description: "The other agency's reference: a crime or HR case number." },
})
export class OpenTrackDto extends PickType(withOpenApi(TrackOpenedPayload), ['externalReference'] as const) {}

@ApiFields<OutcomeDto>({
  subjectIsTeacher: {
    description: 'A teacher dismissed or resigning on a substantiated allegation is also referred to the TRA.',
  },
})
export class OutcomeDto extends PickType(withOpenApi(OutcomePayload), [
  'outcome',
  'employmentOutcome',
  'subjectIsTeacher',
] as const) {}

@ApiFields<FollowUpDto>({
  reference: { example: 'DBS-88120', description: 'The DBS or TRA case reference.' },
})
export class FollowUpDto extends PickType(withOpenApi(FollowUpPayload), ['followUp', 'reference'] as const) {}

@ApiFields<ContactDto>({
  employerId: { description: "Which of the case's employers, for a contact with an employer." },
})
export class ContactDto extends PickType(withOpenApi(ContactPayload), [
  'with',
  'channel',
  'employerId',
  'summary',
] as const) {}

/**
 * Not derived from ClosePayload: the client gives the subject's date of birth, the API computes
 * the retention from it and sends only the result (ClosePayload.retention), so the date of birth
 * reaches no journal, no table and no log.
 */
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

export class ReopenDto extends PickType(withOpenApi(ReopenPayload), ['reason'] as const) {}

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
