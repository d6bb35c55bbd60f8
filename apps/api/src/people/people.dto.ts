import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
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
  BRITISH_SIGN_LANGUAGE,
  CONTACT_SYSTEMS,
  CONTACT_USES,
  type ContactSystem,
  type ContactUse,
  EXTERNAL_ID_SYSTEMS,
  GENDERS,
  type Gender,
  isValidNhsNumber,
  normaliseNhsNumber,
  PERSON_KINDS,
  PERSON_PATTERNS as P,
  type PersonKind,
} from '@app/workflows';

// The request bodies of /people. Every field may hold personal data: validation messages name the
// field and the rule, never the value, and nothing here is logged.

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_MESSAGE = '$property must be a date in YYYY-MM-DD format';
export const AREA = /^[A-Za-z0-9][A-Za-z0-9 _.-]{0,39}$/;
export const AREA_MESSAGE = '$property must be an area (letters, digits, space, _ . -; up to 40)';
const SINGLE_LINE_MESSAGE = '$property must be one line of text without control characters';
const NHS = EXTERNAL_ID_SYSTEMS.nhsNumber;

/** A value given or null, as JSON says "clear it": validators run only on a value. */
const unlessNull = () => ValidateIf((_, value) => value !== null);

@ValidatorConstraint({ name: 'externalIdValue' })
class ExternalIdValueRule implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    if (typeof value !== 'string' || !P.externalIdValue.test(value)) return false;
    return (args.object as { system?: unknown }).system !== NHS || isValidNhsNumber(value);
  }

  defaultMessage(args: ValidationArguments): string {
    return (args.object as { system?: unknown }).system === NHS
      ? 'an NHS number is ten digits ending in its modulus 11 check digit'
      : 'value must be 1-100 printable characters without spaces';
  }
}

@ValidatorConstraint({ name: 'contactPointValue' })
class ContactPointValueRule implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    const system = (args.object as { system?: unknown }).system;
    if (typeof value !== 'string') return false;
    return system === 'email' ? P.email.test(value) : system === 'phone' ? P.phone.test(value) : false;
  }

  defaultMessage(args: ValidationArguments): string {
    return (args.object as { system?: unknown }).system === 'email'
      ? 'value must be an email address'
      : 'value must be a telephone number: 6 to 15 digits, optionally after +';
  }
}

/** NHS numbers are often written in groups ('943 476 5919'): stored without the spaces. */
const nhsWithoutSpaces = ({ value, obj }: { value: unknown; obj: { system?: unknown } }) =>
  obj.system === NHS && typeof value === 'string' ? normaliseNhsNumber(value) : value;

export class ExternalIdDto {
  @ApiProperty({
    example: 'case-management',
    description: `The system the id comes from: '${EXTERNAL_ID_SYSTEMS.caseManagement}', '${NHS}' or another (lower case, digits, -).`,
  })
  @IsString()
  @Matches(P.externalIdSystem, { message: '$property must be lower-case letters, digits and -, up to 40' })
  system!: string;

  @ApiProperty({ example: 'CM-204518', description: "The person's id in that system; an NHS number is checked by its check digit." })
  @Transform(nhsWithoutSpaces)
  @Validate(ExternalIdValueRule)
  value!: string;
}

export class ExternalIdCorrectionDto {
  @ApiProperty({ example: 'nhs-number' })
  @IsString()
  @Matches(P.externalIdSystem, { message: '$property must be lower-case letters, digits and -, up to 40' })
  system!: string;

  @ApiProperty({ nullable: true, type: String, description: 'The right id in that system; null removes it.' })
  @IsDefined()
  @Transform(nhsWithoutSpaces)
  @unlessNull()
  @Validate(ExternalIdValueRule)
  value!: string | null;
}

export class ContactPointDto {
  @ApiProperty({ enum: CONTACT_SYSTEMS }) @IsIn(CONTACT_SYSTEMS) system!: ContactSystem;

  @ApiProperty({ example: '+447700900123', description: 'An email address, or a telephone number (spaces, dashes, dots and brackets are removed).' })
  @Transform(({ value, obj }) =>
    obj.system === 'phone' && typeof value === 'string' ? value.replace(/[\s().-]/g, '') : value,
  )
  @Validate(ContactPointValueRule)
  value!: string;

  @ApiPropertyOptional({ enum: CONTACT_USES, nullable: true })
  @IsOptional()
  @unlessNull()
  @IsIn(CONTACT_USES)
  use?: ContactUse | null;
}

export class AddressDto {
  @ApiProperty({ type: [String], example: ['14 Elm Road', 'Northfield'], minItems: 1, maxItems: 6 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(6)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  @Matches(P.singleLine, { each: true, message: 'each line must be one line of text' })
  lines!: string[];

  @ApiPropertyOptional({ example: 'NW1 4AB', nullable: true, type: String })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value))
  @unlessNull()
  @Matches(P.postcode, { message: '$property must be a UK postcode' })
  postcode?: string | null;
}

/** The details of a person, every field but the kind optional (and nullable in a correction). */
class PersonFieldsDto {
  @ApiPropertyOptional({ example: 'Amira', nullable: true, type: String })
  @IsOptional()
  @unlessNull()
  @IsString()
  @Length(1, 100)
  @Matches(P.singleLine, { message: SINGLE_LINE_MESSAGE })
  givenName?: string | null;

  @ApiPropertyOptional({ example: 'Okafor', nullable: true, type: String })
  @IsOptional()
  @unlessNull()
  @IsString()
  @Length(1, 100)
  @Matches(P.singleLine, { message: SINGLE_LINE_MESSAGE })
  familyName?: string | null;

  @ApiPropertyOptional({ example: '2019-06-14', nullable: true, type: String, format: 'date' })
  @IsOptional()
  @unlessNull()
  @Matches(ISO_DATE, { message: ISO_DATE_MESSAGE })
  @IsISO8601({ strict: true })
  dateOfBirth?: string | null;

  @ApiPropertyOptional({
    example: '2026-07-01',
    nullable: true,
    type: String,
    format: 'date',
    description: 'An unborn child only.',
  })
  @IsOptional()
  @unlessNull()
  @Matches(ISO_DATE, { message: ISO_DATE_MESSAGE })
  @IsISO8601({ strict: true })
  expectedDeliveryDate?: string | null;

  @ApiPropertyOptional({ enum: GENDERS, nullable: true })
  @IsOptional()
  @unlessNull()
  @IsIn(GENDERS)
  gender?: Gender | null;

  @ApiPropertyOptional({ example: 'pl', nullable: true, type: String, description: 'Preferred language (BCP 47).' })
  @IsOptional()
  @unlessNull()
  @Matches(P.language, { message: '$property must be a language tag such as en, pl or pa-Guru' })
  language?: string | null;

  @ApiPropertyOptional({
    example: BRITISH_SIGN_LANGUAGE,
    nullable: true,
    type: String,
    description: `The language an interpreter is needed for (BCP 47; '${BRITISH_SIGN_LANGUAGE}' is British Sign Language); null or absent: none.`,
  })
  @IsOptional()
  @unlessNull()
  @Matches(P.language, { message: '$property must be a language tag such as pl, or bfi for British Sign Language' })
  interpreterLanguage?: string | null;

  @ApiPropertyOptional({ example: 'Step-free access; hearing loop', nullable: true, type: String })
  @IsOptional()
  @unlessNull()
  @IsString()
  @Length(1, 1000)
  @Matches(P.multiLine, { message: '$property must be text without control characters' })
  accessNeeds?: string | null;

  @ApiPropertyOptional({ description: 'The address must not reach anyone the chair has not agreed (never parents).' })
  @IsOptional()
  @IsBoolean()
  confidentialAddress?: boolean;

  @ApiPropertyOptional({ type: AddressDto, nullable: true })
  @IsOptional()
  @unlessNull()
  @ValidateNested()
  @Type(() => AddressDto)
  address?: AddressDto | null;

  @ApiPropertyOptional({ type: [ContactPointDto], maxItems: 10, description: 'Email addresses and telephone numbers, most used first.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => ContactPointDto)
  contactPoints?: ContactPointDto[];
}

export class PersonToResolveDto extends PersonFieldsDto {
  @ApiProperty({ enum: PERSON_KINDS }) @IsIn(PERSON_KINDS) kind!: PersonKind;

  @ApiPropertyOptional({
    type: [ExternalIdDto],
    maxItems: 10,
    description: 'The ids the person is known by: the service finds them by any one of these, or creates them.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => ExternalIdDto)
  externalIds?: ExternalIdDto[];
}

export const MAX_PEOPLE_PER_REQUEST = 50;

export class ResolvePeopleDto {
  @ApiProperty({ example: 'north', description: 'The area the request is made in; a person created is recorded in it.' })
  @IsString()
  @Matches(AREA, { message: AREA_MESSAGE })
  area!: string;

  @ApiProperty({ type: [PersonToResolveDto], minItems: 1, maxItems: MAX_PEOPLE_PER_REQUEST })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_PEOPLE_PER_REQUEST)
  @ValidateNested({ each: true })
  @Type(() => PersonToResolveDto)
  people!: PersonToResolveDto[];
}

/** Why a record is corrected or erased: kept with the correction or the erasure, so no personal data. */
const Reason = () =>
  applyDecorators(
    IsString(),
    Length(1, 500),
    Matches(P.multiLine, { message: '$property must say why, in text without control characters' }),
  );

export class CorrectPersonDto extends PersonFieldsDto {
  @ApiPropertyOptional({ enum: PERSON_KINDS, description: 'unborn-child to child records a birth.' })
  @IsOptional()
  @IsIn(PERSON_KINDS)
  kind?: PersonKind;

  @ApiPropertyOptional({ type: [ExternalIdCorrectionDto], maxItems: 10 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => ExternalIdCorrectionDto)
  externalIds?: ExternalIdCorrectionDto[];

  @ApiProperty({ example: 'Family name misspelt on the referral', description: 'Why: kept with the correction (no personal data).' })
  @Reason()
  reason!: string;
}

export class ErasePersonDto {
  @ApiProperty({ example: 'Erasure request under UK GDPR Article 17, no retention duty applies' })
  @Reason()
  reason!: string;
}
