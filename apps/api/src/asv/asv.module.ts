import { Module } from '@nestjs/common';
import { DomainWorkflowModule } from '../workflows/domain-workflow.module';
import { AsvReferralStore } from './asv-referral.store';
import { AsvReferralsController } from './asv-referrals.controller';
import { AsvReferralsService } from './asv-referrals.service';

/** Allegations against staff and volunteers: the domain API over the asv-referral workflow. */
@Module({
  imports: [DomainWorkflowModule],
  controllers: [AsvReferralsController],
  providers: [AsvReferralsService, AsvReferralStore],
})
export class AsvModule {}
