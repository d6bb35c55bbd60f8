import { Module } from '@nestjs/common';
import { AccessLogModule, ChairsStoreModule, PeopleStoreModule } from '@app/persistence';
import { InvitationsModule } from '@app/timers';
import { DomainWorkflowModule } from '../workflows/domain-workflow.module';
import { ConferenceInvitationsController } from './conference-invitations.controller';
import { ConferenceInvitationsService } from './conference-invitations.service';
import { ConferenceStore } from './conference.store';
import { ConferencesController } from './conferences.controller';
import { ConferencesService } from './conferences.service';

/** Child protection conferences: the domain API over the conference workflow. */
@Module({
  imports: [DomainWorkflowModule, PeopleStoreModule, ChairsStoreModule, AccessLogModule, InvitationsModule],
  controllers: [ConferencesController, ConferenceInvitationsController],
  providers: [ConferencesService, ConferenceStore, ConferenceInvitationsService],
})
export class ConferencesModule {}
