import { Module } from '@nestjs/common';
import { ChairsStoreModule, PeopleStoreModule } from '@app/persistence';
import { DomainWorkflowModule } from '../workflows/domain-workflow.module';
import { ConferenceStore } from './conference.store';
import { ConferencesController } from './conferences.controller';
import { ConferencesService } from './conferences.service';

/** Child protection conferences: the domain API over the conference workflow. */
@Module({
  imports: [DomainWorkflowModule, PeopleStoreModule, ChairsStoreModule],
  controllers: [ConferencesController],
  providers: [ConferencesService, ConferenceStore],
})
export class ConferencesModule {}
