import { Module, OnModuleInit } from '@nestjs/common';
import { DocumentStoreModule, PeopleStoreModule } from '@app/persistence';
import { Mailer, OutboxDispatcher, OutboxModule, QueueBackendModule } from '@app/timers';
import { DomainWorkflowModule } from '../workflows/domain-workflow.module';
import { BounceMailbox } from './delivery-reports/bounce-mailbox';
import { DeliveryReportsService } from './delivery-reports/delivery-reports.service';
import { DeliveryReportsWorker } from './delivery-reports/delivery-reports.worker';
import { DistributionController } from './distribution.controller';
import { DistributionEffectsHandler } from './distribution-effects.handler';
import { DistributionService } from './distribution.service';
import { PackAssembler } from './pack-assembler';
import { PackLinkController } from './pack-link.controller';
import { PackLinkService } from './pack-link.service';
import { PackLinksStore } from './pack-links.store';
import { PackViews } from './pack-views';

/**
 * The distribution's effects (packs sent by email, links stopped, incidents recorded), in every
 * process that runs the outbox: registered with the dispatcher when the module starts. With them,
 * the reader of the relay's delivery reports (delivery-reports/), which runs where the outbox does.
 */
@Module({
  imports: [OutboxModule, DocumentStoreModule, PeopleStoreModule, QueueBackendModule],
  providers: [
    DistributionEffectsHandler,
    PackLinksStore,
    PackAssembler,
    Mailer,
    BounceMailbox,
    DeliveryReportsService,
    DeliveryReportsWorker,
  ],
  exports: [PackLinksStore, PackAssembler, Mailer, DeliveryReportsWorker],
})
export class DistributionEffectsModule implements OnModuleInit {
  constructor(
    private readonly dispatcher: OutboxDispatcher,
    private readonly handler: DistributionEffectsHandler,
  ) {}

  onModuleInit(): void {
    this.dispatcher.register(this.handler);
  }
}

/** The distribution's domain API and the recipients' personal links. */
@Module({
  imports: [DomainWorkflowModule, DocumentStoreModule, PeopleStoreModule, DistributionEffectsModule],
  controllers: [DistributionController, PackLinkController],
  providers: [DistributionService, PackLinkService, PackViews],
  exports: [DistributionService],
})
export class DistributionModule {}
