import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import {
  AccessLogModule,
  AppConfig,
  ChairsStoreModule,
  DocumentStoreModule,
  PeopleStoreModule,
} from '@app/persistence';
import { InvitationsModule } from '@app/timers';
import { DomainWorkflowModule } from '../workflows/domain-workflow.module';
import { PlanStore } from '../plans/plan.store';
import { ConferenceInvitationsController } from './conference-invitations.controller';
import { ConferenceInvitationsService } from './conference-invitations.service';
import { ConferenceReportsController } from './conference-reports.controller';
import { ConferenceReportsService } from './conference-reports.service';
import { ConferenceOutcomeController } from './conference-outcome.controller';
import { ConferenceOutcomeService } from './conference-outcome.service';
import { ConferenceStore } from './conference.store';
import { ConferencesController } from './conferences.controller';
import { ConferencesService } from './conferences.service';

/** Child protection conferences: the domain API over the conference workflow. */
@Module({
  imports: [
    DomainWorkflowModule,
    PeopleStoreModule,
    ChairsStoreModule,
    AccessLogModule,
    InvitationsModule,
    DocumentStoreModule,
    // Report uploads: multer's memory storage (its default with neither storage nor dest, so the
    // bytes are a Buffer and never a temporary file), one file and nothing else, up to the setting.
    MulterModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        limits: { fileSize: config.reportUploadMaxBytes, files: 1, fields: 0, parts: 1 },
      }),
    }),
  ],
  controllers: [
    ConferencesController,
    ConferenceReportsController,
    ConferenceInvitationsController,
    ConferenceOutcomeController,
  ],
  providers: [
    ConferencesService,
    ConferenceStore,
    ConferenceReportsService,
    ConferenceInvitationsService,
    ConferenceOutcomeService,
    PlanStore,
  ],
  exports: [ConferenceStore],
})
export class ConferencesModule {}
