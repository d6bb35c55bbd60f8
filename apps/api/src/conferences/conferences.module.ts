import { Module } from '@nestjs/common';
import { ChairsStoreModule, PeopleStoreModule } from '@app/persistence';
import { DomainWorkflowModule } from '../workflows/domain-workflow.module';
import { PlanStore } from '../plans/plan.store';
import { ConferenceOutcomeController } from './conference-outcome.controller';
import { ConferenceOutcomeService } from './conference-outcome.service';
import { ConferenceStore } from './conference.store';
import { ConferencesController } from './conferences.controller';
import { ConferencesService } from './conferences.service';

/** Child protection conferences: the domain API over the conference workflow. */
@Module({
  imports: [DomainWorkflowModule, PeopleStoreModule, ChairsStoreModule],
  controllers: [ConferencesController, ConferenceOutcomeController],
  providers: [ConferencesService, ConferenceStore, ConferenceOutcomeService, PlanStore],
  exports: [ConferenceStore],
})
export class ConferencesModule {}
