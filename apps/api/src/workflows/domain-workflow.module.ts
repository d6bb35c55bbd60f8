import { Module } from '@nestjs/common';
import { AccessLogModule } from '@app/persistence';
import { DomainWorkflows } from './domain-workflow.service';

/** The domain-workflow layer, for every domain API's module to import. */
@Module({
  imports: [AccessLogModule],
  providers: [DomainWorkflows],
  exports: [DomainWorkflows],
})
export class DomainWorkflowModule {}
