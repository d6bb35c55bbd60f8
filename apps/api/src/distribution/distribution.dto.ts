import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { type PipeTransform } from '@nestjs/common';
import { Type } from 'class-transformer';
import { PageQuery } from '../http/query';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBase64,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  AddressNeedInput,
  CHANNELS,
  type Channel,
  CONFERENCE_FIELD_PATTERNS,
  DomainError,
  DomainErrorCode,
  ListEntryInput,
  RECIPIENT_ROLES,
  type RecipientRole,
  REVOCATION_REASONS,
  type RevocationReason,
  type Round,
  ROUNDS,
} from '@app/workflows';

const OPAQUE_ID = CONFERENCE_FIELD_PATTERNS.opaqueId;
const PACK_ID = /^(decisions|minutes)\.\d{1,3}\.[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;

const refuse = (field: string, message: string) =>
  new DomainError(DomainErrorCode.InvalidInput, message, { errors: [{ field, messages: [message] }] });

/** A round in a path: 'decisions' or 'minutes'. */
export class ParseRoundPipe implements PipeTransform<unknown, Round> {
  transform(value: unknown): Round {
    if (typeof value === 'string' && (ROUNDS as readonly string[]).includes(value)) return value as Round;
    throw refuse('round', 'round must be decisions or minutes');
  }
}

/** A pack id in a path: `<round>.<issue>.<recipient id>`. */
export class ParsePackIdPipe implements PipeTransform<unknown, string> {
  transform(value: unknown): string {
    if (typeof value === 'string' && PACK_ID.test(value)) return value;
    throw refuse('packId', 'packId must be a pack id, e.g. minutes.1.<person id>');
  }
}

export class ParseOpaqueIdPipe implements PipeTransform<unknown, string> {
  constructor(private readonly field: string) {}
  transform(value: unknown): string {
    if (typeof value === 'string' && OPAQUE_ID.test(value)) return value;
    throw refuse(this.field, `${this.field} must be an id`);
  }
}

/** A multipart version's file field names: what the manifest's `file` may be. */
export const VERSION_FILE_FIELD = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
/** The most parts a version has, as JSON or multipart. */
export const VERSION_MAX_PARTS = 40;

const UPLOAD_KINDS = ['main', 'excluded-section', 'confidential-address'] as const;

/** What a part of a new version says of itself, in JSON and in a multipart manifest alike. */
class PartFactsDto {
  @ApiPropertyOptional({ description: 'A part of an earlier version, carried over unchanged.' })
  @IsOptional()
  @Matches(OPAQUE_ID)
  partId?: string;
  @ApiPropertyOptional({ enum: UPLOAD_KINDS })
  @ValidateIf((p: PartFactsDto) => p.partId === undefined)
  @IsIn(UPLOAD_KINDS)
  kind?: (typeof UPLOAD_KINDS)[number];
  @ApiPropertyOptional({ description: 'An excluded part of the meeting: the id part 2 gave it.' })
  @IsOptional()
  @Matches(OPAQUE_ID)
  sectionId?: string;
  @ApiPropertyOptional({ description: 'A confidential address: whose (their person id).' })
  @IsOptional()
  @Matches(OPAQUE_ID)
  addressOfPersonId?: string;
}

/**
 * One part of a new version: its bytes (base64, PDF, DOCX or ODT, judged by their content), or
 * `partId` to carry a part of the previous version over unchanged.
 */
export class PartUploadDto extends PartFactsDto {
  @ApiPropertyOptional({ description: 'The bytes, base64.' })
  @ValidateIf((p: PartUploadDto) => p.partId === undefined)
  @IsString()
  @IsBase64()
  @MaxLength(240_000)
  content?: string;
}

export class DocumentVersionDto {
  @ApiProperty({ type: [PartUploadDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(VERSION_MAX_PARTS)
  @ValidateNested({ each: true })
  @Type(() => PartUploadDto)
  parts!: PartUploadDto[];
}

/**
 * One part of a multipart version, in its manifest: as a JSON part (PartUploadDto), except that a
 * new part names the file field holding its bytes (`file`) instead of carrying them as base64.
 */
export class ManifestPartDto extends PartFactsDto {
  @ApiPropertyOptional({
    description: 'The file field that holds this part’s bytes (a new part), e.g. `part0`.',
    example: 'part0',
  })
  @ValidateIf((p: ManifestPartDto) => p.partId === undefined)
  @IsString()
  @Matches(VERSION_FILE_FIELD)
  file?: string;
}

/** The `manifest` field of a multipart version: its parts in order, as the JSON body's `parts`. */
export class VersionManifestDto {
  @ApiProperty({ type: [ManifestPartDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(VERSION_MAX_PARTS)
  @ValidateNested({ each: true })
  @Type(() => ManifestPartDto)
  parts!: ManifestPartDto[];
}

export class AddRecipientDto {
  @ApiProperty() @Matches(OPAQUE_ID) personId!: string;
  @ApiProperty({ enum: RECIPIENT_ROLES }) @IsIn(RECIPIENT_ROLES) role!: RecipientRole;
}

/** The chair's approval: the list (the draft when left out) and the professionals marked as needing a confidential address. */
export class ApprovalDto {
  @ApiPropertyOptional({
    type: [ListEntryInput],
    description: 'The list; the draft (GET …/lists/{round}) when left out.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(140)
  @ValidateNested({ each: true })
  @Type(() => ListEntryInput)
  recipients?: ListEntryInput[];
  @ApiPropertyOptional({ type: [AddressNeedInput] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => AddressNeedInput)
  addressNeeds?: AddressNeedInput[];
}

export class CorrectionRequestDto {
  @ApiProperty() @Matches(PACK_ID) packId!: string;
  @ApiProperty({
    description: 'What should be corrected (kept in the document store, never in the journal).',
  })
  @IsString()
  @Length(1, 4000)
  text!: string;
}

export class CorrectionAnswerDto {
  @ApiProperty() @IsBoolean() accepted!: boolean;
}

export class RevocationDto {
  @ApiProperty({ enum: REVOCATION_REASONS }) @IsIn(REVOCATION_REASONS) reason!: RevocationReason;
}

export class ResendDto {
  @ApiProperty({ enum: CHANNELS }) @IsIn(CHANNELS) channel!: Channel;
}

/** The link page's forms. */
export class PackCodeFormDto {
  @IsOptional() @Matches(/^\d{6}$/) code?: string;
}

export class PackCorrectionFormDto {
  @IsString() @Length(1, 4000) text!: string;
}

/** GET /distributions: the distributions in your areas, or the one a conference started. */
export class ListDistributionsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: "The conference's id: its distribution only." })
  @IsOptional()
  @IsUUID()
  conference?: string;
}
