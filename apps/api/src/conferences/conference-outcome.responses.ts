import { ApiProperty } from '@nestjs/swagger';
import { ConferenceTransitionDto } from './conference.responses';

// The answers of part 2's routes for the OpenAPI description (conference-outcome.service.ts).

export class QuoracyShortfallDto {
  @ApiProperty({ enum: ['childrens-social-care-absent', 'too-few-other-agencies'] }) rule!: string;
  @ApiProperty({
    required: false,
    description: 'Other agencies or groups required (too-few-other-agencies).',
  })
  required?: number;
  @ApiProperty({ required: false, description: 'Other agencies or groups counted (too-few-other-agencies).' })
  counted?: number;
}

export class QuorumUnitDto {
  @ApiProperty({ example: 'gp:park-road' }) agency!: string;
  @ApiProperty({ example: 'gp' }) professionalGroup!: string;
}

export class ChildQuoracyDto {
  @ApiProperty() childId!: string;
  @ApiProperty() quorate!: boolean;
  @ApiProperty() childrensSocialCarePresent!: boolean;
  @ApiProperty({
    type: [QuorumUnitDto],
    description: 'Other agencies or groups with direct contact, each once.',
  })
  countedAgencies!: QuorumUnitDto[];
  @ApiProperty({
    type: [QuorumUnitDto],
    description: 'Present without direct contact with this child: not counted.',
  })
  notCountedWithoutDirectContact!: QuorumUnitDto[];
  @ApiProperty({ type: [QuoracyShortfallDto], description: 'What is missing; empty when quorate.' })
  missing!: QuoracyShortfallDto[];
  @ApiProperty({
    description: "Children's social care and one other agency: the chair may proceed exceptionally.",
  })
  exceptionalQuorum!: boolean;
}

export class ConferenceQuoracyDto {
  @ApiProperty({ description: 'Quorate for every child.' }) quorate!: boolean;
  @ApiProperty({ type: [ChildQuoracyDto] }) children!: ChildQuoracyDto[];
}

export class InquorateOptionsDto {
  @ApiProperty() quorate!: boolean;
  @ApiProperty({ enum: ['not-needed', 'chair-may-adjourn', 'manager-override-required'] })
  adjournment!: string;
  @ApiProperty() mayProceedExceptionally!: boolean;
  @ApiProperty({ description: 'The household’s previous conference was inquorate too.' })
  secondInquorateInARow!: boolean;
}

export class AttendanceRecordedDto extends ConferenceTransitionDto {
  @ApiProperty({ type: ConferenceQuoracyDto, nullable: true }) quoracy!: ConferenceQuoracyDto | null;
  @ApiProperty({ type: InquorateOptionsDto, nullable: true }) options!: InquorateOptionsDto | null;
}

export class AdjournedDto extends ConferenceTransitionDto {
  @ApiProperty({ nullable: true, type: String, example: '2027-03-04', description: 'The new due date.' })
  reconveneBy!: string | null;
}
