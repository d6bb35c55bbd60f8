import { Module } from '@nestjs/common';
import { PeopleStoreModule } from '@app/persistence';
import { DomainWorkflowModule } from '../workflows/domain-workflow.module';
import { PlanStore } from './plan.store';
import { PlansController, RegisterController, ReturnsController } from './plans.controller';
import { PlansService } from './plans.service';

/** Child protection plans, the register and the census: the domain API over the plan workflow. */
@Module({
  imports: [DomainWorkflowModule, PeopleStoreModule],
  controllers: [PlansController, RegisterController, ReturnsController],
  providers: [PlansService, PlanStore],
})
export class PlansModule {}
