import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ResolveAnswer } from '@app/persistence';
import {
  CONTACT_SYSTEMS,
  CONTACT_USES,
  type ContactPoint,
  type ExternalId,
  GENDERS,
  PERSON_KINDS,
  type PostalAddress,
} from '@app/workflows';
import type { PeopleService } from './people.service';
import type { PersonView } from './person.view';

// The answers of /people for the OpenAPI description, field for field with what PeopleService
// returns (person.view.ts, the store's ResolveAnswer); PEOPLE_RESPONSES_IN_STEP keeps them so.

export class ExternalIdViewDto {
  @ApiProperty({ example: 'case-management' }) system!: string;
  @ApiProperty({ example: 'CM-204518' }) value!: string;
}

export class ContactPointViewDto {
  @ApiProperty({ enum: CONTACT_SYSTEMS }) system!: ContactPoint['system'];
  @ApiProperty({ example: '+447700900123' }) value!: string;
  @ApiProperty({ enum: CONTACT_USES, nullable: true }) use!: ContactPoint['use'];
}

export class PostalAddressViewDto {
  @ApiProperty({ type: [String], example: ['14 Elm Road', 'Northfield'] }) lines!: string[];
  @ApiProperty({ type: String, nullable: true, example: 'NW1 4AB' }) postcode!: string | null;
}

export class PersonViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: PERSON_KINDS }) kind!: PersonView['kind'];
  @ApiProperty({ type: String, nullable: true }) givenName!: string | null;
  @ApiProperty({ type: String, nullable: true }) familyName!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) dateOfBirth!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'An unborn child only.' })
  expectedDeliveryDate!: string | null;
  @ApiProperty({ enum: GENDERS, nullable: true }) gender!: PersonView['gender'];
  @ApiProperty({ type: String, nullable: true, description: 'Preferred language (BCP 47).' }) language!:
    string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "The language an interpreter is needed for ('bfi': British Sign Language); null: none.",
  })
  interpreterLanguage!: string | null;
  @ApiProperty({ type: String, nullable: true }) accessNeeds!: string | null;
  @ApiProperty({ description: 'The address must not reach anyone the chair has not agreed (never parents).' })
  confidentialAddress!: boolean;
  @ApiProperty({ type: PostalAddressViewDto, nullable: true }) address!: PostalAddress | null;
  @ApiProperty({ type: [ContactPointViewDto] }) contactPoints!: ContactPoint[];
  @ApiProperty({ type: [ExternalIdViewDto] }) externalIds!: ExternalId[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The NHS number among the external ids, when there is one.',
  })
  nhsNumber!: string | null;
  @ApiProperty({ example: 'north', description: 'The area the person was first recorded in.' }) area!: string;
  @ApiProperty({ description: 'Counts the changes to the record.' }) version!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class CorrectedPersonDto extends PersonViewDto {
  @ApiProperty({
    type: [String],
    example: ['familyName'],
    description: 'The fields the correction changed; empty when it changed nothing.',
  })
  changedFields!: string[];
}

export class ResolvedPersonDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({
    description:
      'True when this request created the record; false when it found one (its details unchanged).',
  })
  created!: boolean;
}

export class ResolvedPeopleDto {
  @ApiProperty({ type: [ResolvedPersonDto], description: 'In the order the people were given.' })
  people!: ResolvedPersonDto[];
  @ApiPropertyOptional({
    description: 'True when this is the recorded answer to an earlier request with the same Idempotency-Key.',
  })
  replayed?: boolean;
}

export class ErasedPersonDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time' }) erasedAt!: string;
}

type Answer<K extends keyof PeopleService> = PeopleService[K] extends (...args: never[]) => Promise<infer R>
  ? R
  : never;
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;
/** The same field names as the service's answers, so a field added to one fails the typecheck until it is described. */
export const PEOPLE_RESPONSES_IN_STEP: [
  SameKeys<PersonViewDto, Answer<'get'>>,
  SameKeys<CorrectedPersonDto, Answer<'correct'>>,
  SameKeys<ResolvedPeopleDto, Answer<'resolve'>>,
  SameKeys<ResolvedPersonDto, ResolveAnswer['people'][number]>,
  SameKeys<ErasedPersonDto, Answer<'erase'>>,
  SameKeys<ExternalIdViewDto, ExternalId>,
  SameKeys<ContactPointViewDto, ContactPoint>,
  SameKeys<PostalAddressViewDto, PostalAddress>,
] = [true, true, true, true, true, true, true, true];
