import { Module, OnModuleInit } from '@nestjs/common';
import { DocumentStoreModule, PeopleStoreModule } from '@app/persistence';
import { Mailer, OutboxDispatcher, OutboxModule } from '@app/timers';
import { DomainWorkflowModule } from '../workflows/domain-workflow.module';
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
 * process that runs the outbox: registered with the dispatcher when the module starts.
 */
@Module({
  imports: [OutboxModule, DocumentStoreModule, PeopleStoreModule],
  providers: [DistributionEffectsHandler, PackLinksStore, PackAssembler, Mailer],
  exports: [PackLinksStore, PackAssembler, Mailer],
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
})
export class DistributionModule {}
