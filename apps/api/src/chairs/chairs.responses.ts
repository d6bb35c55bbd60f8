import { ApiProperty } from '@nestjs/swagger';
import type { AbsenceView, BookingView, ChairView, CoverView } from '@app/persistence';
import type { ChairsService, SlotsAnswer, WhoChairsAnswer } from './chairs.service';

// The answers of /chairs for the OpenAPI description, field for field with what ChairsService
// returns (the store's views, WhoChairsAnswer, SlotsAnswer); CHAIRS_RESPONSES_IN_STEP keeps them so.

const SUB = {
  description: "The chair's subject id at the identity provider.",
  example: 'chair-north-1',
} as const;

export class CoverViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty(SUB) chairSub!: string;
  @ApiProperty({ example: 'west' }) area!: string;
  @ApiProperty({ format: 'date', description: 'First day, inclusive.' }) from!: string;
  @ApiProperty({ format: 'date', description: 'Last day, inclusive.' }) to!: string;
}

export class AbsenceViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty(SUB) chairSub!: string;
  @ApiProperty({ format: 'date', description: 'First day, inclusive.' }) from!: string;
  @ApiProperty({ format: 'date', description: 'Last day, inclusive.' }) to!: string;
}

export class ChairViewDto {
  @ApiProperty(SUB) sub!: string;
  @ApiProperty({ example: 'Sam Patel (CP chair, north)' }) displayName!: string;
  @ApiProperty({ example: 'sam.patel@council.example', description: 'Work address.' }) email!: string;
  @ApiProperty({ type: [String], example: ['north'], description: 'The areas this chair chairs.' })
  homeAreas!: string[];
  @ApiProperty({ type: [CoverViewDto], description: 'Cover arrangements that have not ended.' })
  covers!: CoverView[];
  @ApiProperty({ type: [AbsenceViewDto], description: 'Absences that have not ended.' })
  absences!: AbsenceView[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class BookingViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty(SUB) sub!: string;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The conference booked; null for other commitments.',
  })
  workflowId!: string | null;
  @ApiProperty({ format: 'date-time' }) start!: string;
  @ApiProperty({ format: 'date-time' }) end!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) cancelledAt!: string | null;
}

export class AbsenceAddedDto extends AbsenceViewDto {
  @ApiProperty({ type: [BookingViewDto], description: 'The bookings the absence falls on: to be moved.' })
  bookingsToMove!: BookingView[];
}

export class ChairNamedDto {
  @ApiProperty(SUB) sub!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Sam Patel (CP chair, north)' }) displayName!:
    string | null;
}

export class WhoChairsDto {
  @ApiProperty({ example: 'north' }) area!: string;
  @ApiProperty({ format: 'date', description: 'The date asked about (Europe/London).' }) on!: string;
  @ApiProperty({
    enum: ['home', 'cover', 'none'],
    description:
      "home: the area's own chair; cover: the chair covering it that day; none: nobody (the co-ordinator chooses).",
  })
  outcome!: WhoChairsAnswer['outcome'];
  @ApiProperty({ type: ChairNamedDto, nullable: true }) chair!: ChairNamedDto | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "The area's own chair, away that day, when a cover chairs instead.",
  })
  coveringFor!: string | null;
  @ApiProperty({
    enum: ['no-chair-for-area', 'chair-away-and-no-cover'],
    nullable: true,
    description: 'Why nobody chairs (outcome none).',
  })
  reason!: WhoChairsAnswer['reason'];
}

export class SlotDto {
  @ApiProperty({ format: 'date-time' }) start!: string;
  @ApiProperty({ format: 'date-time' }) end!: string;
}

export class SlotsDto {
  @ApiProperty(SUB) chair!: string;
  @ApiProperty({ format: 'date' }) until!: string;
  @ApiProperty({ example: 90, description: 'How long each slot is.' }) minutes!: number;
  @ApiProperty({ type: [SlotDto], description: 'Free slots, earliest first.' }) slots!: SlotDto[];
}

type Answer<K extends keyof ChairsService> = ChairsService[K] extends (...args: never[]) => Promise<infer R>
  ? R
  : never;
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;
/** The same field names as the service's answers, so a field added to one fails the typecheck until it is described. */
export const CHAIRS_RESPONSES_IN_STEP: [
  SameKeys<ChairViewDto, ChairView>,
  SameKeys<ChairViewDto, Answer<'get'>>,
  SameKeys<ChairViewDto, Answer<'put'>>,
  SameKeys<CoverViewDto, Answer<'addCover'>>,
  SameKeys<AbsenceViewDto, AbsenceView>,
  SameKeys<AbsenceAddedDto, Answer<'addAbsence'>>,
  SameKeys<BookingViewDto, Answer<'book'>>,
  SameKeys<BookingViewDto, Answer<'cancel'>>,
  SameKeys<WhoChairsDto, Answer<'whoChairs'>>,
  SameKeys<ChairNamedDto, NonNullable<WhoChairsAnswer['chair']>>,
  SameKeys<SlotsDto, Answer<'slots'>>,
  SameKeys<SlotDto, SlotsAnswer['slots'][number]>,
] = [true, true, true, true, true, true, true, true, true, true, true, true];
