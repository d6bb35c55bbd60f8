import { ApiProperty } from '@nestjs/swagger';
import { pageOf } from '../http/openapi';
import { OpenDeadlineDto } from '../workflows/workflows.responses';

// The answers of /plans, /register and /returns for the OpenAPI description (plan.view.ts, plan.store.ts).

const CODES = ['NEG', 'PHY', 'SAB', 'EMO', 'MUL'];

export class PlanViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ nullable: true, type: String, example: 'CPC-2027-000042-P1' }) reference!: string | null;
  @ApiProperty({ nullable: true, type: String }) area!: string | null;
  @ApiProperty({ example: 'active.coreGroup.awaiting' }) state!: string;
  @ApiProperty({ enum: ['active', 'done'] }) workflowStatus!: 'active' | 'done';
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'The plan: the child by person id, start date, initial and latest category (census codes), lead social worker, core group, review dates, previous plans, the birth, the ending. No name or date of birth.',
  })
  plan!: Record<string, unknown>;
  @ApiProperty({ type: [OpenDeadlineDto] }) deadlines!: OpenDeadlineDto[];
  @ApiProperty() overdue!: boolean;
  @ApiProperty({ type: [String] }) allowedEvents!: string[];
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'uuid',
    description: 'The conference that made the plan.',
  })
  parentId!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class PlanSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ nullable: true, type: String }) reference!: string | null;
  @ApiProperty({ nullable: true, type: String }) area!: string | null;
  @ApiProperty() state!: string;
  @ApiProperty({ enum: ['active', 'done'] }) workflowStatus!: string;
  @ApiProperty() childPersonId!: string;
  @ApiProperty({ example: '2027-02-15' }) startDate!: string;
  @ApiProperty({ enum: CODES }) latestCategory!: string;
  @ApiProperty({ nullable: true, type: String }) reviewDue!: string | null;
  @ApiProperty({ nullable: true, type: String }) endDate!: string | null;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}
export const PlanSummaryPageDto = pageOf(PlanSummaryDto, 'PlanSummaryPage');

export class PlanTransitionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() state!: string;
  @ApiProperty({ enum: ['active', 'done'] }) workflowStatus!: string;
  @ApiProperty() seq!: number;
  @ApiProperty({ type: [String] }) allowedEvents!: string[];
  @ApiProperty({ required: false }) replayed?: boolean;
}

export class RegisterEntryDto {
  @ApiProperty({ format: 'uuid' }) planId!: string;
  @ApiProperty({ example: 'CPC-2027-000042-P1' }) reference!: string;
  @ApiProperty() area!: string;
  @ApiProperty() childPersonId!: string;
  @ApiProperty({ description: 'An unborn child’s plan, held against the mother until the birth.' })
  unborn!: boolean;
  @ApiProperty() householdId!: string;
  @ApiProperty({ example: '2027-02-15' }) startDate!: string;
  @ApiProperty({ enum: CODES }) initialCategory!: string;
  @ApiProperty({ enum: CODES }) latestCategory!: string;
  @ApiProperty() leadSocialWorkerPersonId!: string;
  @ApiProperty() leadTeamId!: string;
  @ApiProperty({ nullable: true, type: String, example: '2027-05-14' }) reviewDue!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Until the core group has met.' })
  coreGroupDue!: string | null;
  @ApiProperty({ description: 'NumberOfPreviousCPP.' }) previousPlans!: number;
  @ApiProperty({ nullable: true, type: String }) transferringAuthorityId!: string | null;
}
export const RegisterPageDto = pageOf(RegisterEntryDto, 'RegisterPage');

export class CategoryCountsDto {
  @ApiProperty() NEG!: number;
  @ApiProperty() PHY!: number;
  @ApiProperty() SAB!: number;
  @ApiProperty() EMO!: number;
  @ApiProperty() MUL!: number;
}

export class CensusDto {
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({
    oneOf: [
      { type: 'array', items: { type: 'string' } },
      { type: 'string', enum: ['all'] },
    ],
  })
  areas!: string[] | 'all';
  @ApiProperty({ description: 'Plans started in the period (CPPstartDate in it).' }) plansStarted!: number;
  @ApiProperty({ type: CategoryCountsDto, description: 'By initial category of abuse.' })
  plansStartedByCategory!: CategoryCountsDto;
  @ApiProperty({ description: 'Started in the period with a previous plan (NumberOfPreviousCPP > 0).' })
  plansStartedWithPreviousPlans!: number;
  @ApiProperty({ description: 'Plans ended in the period (CPPendDate in it).' }) plansEnded!: number;
  @ApiProperty({ description: 'Children on a plan on the last day of the period.' }) onPlanAtEnd!: number;
  @ApiProperty({ description: 'Children at initial conferences held in the period.' })
  initialConferences!: number;
  @ApiProperty({ description: 'Of those, held within icpcWorkingDays (15) of the strategy discussion.' })
  initialConferencesWithinTimescale!: number;
  @ApiProperty({ description: 'Children reviewed at review conferences held in the period.' })
  reviewConferences!: number;
  @ApiProperty({ description: 'Of those, held by the review’s due date.' })
  reviewConferencesWithinTimescale!: number;
}
