import { Module } from '@nestjs/common';
import { AccessLogModule } from '@app/persistence';
import { AsvReferralStore } from './asv-referral.store';
import { AsvReferralsController } from './asv-referrals.controller';
import { AsvReferralsService } from './asv-referrals.service';

/** Allegations against staff and volunteers: the domain API over the asv-referral workflow. */
@Module({
  imports: [AccessLogModule],
  controllers: [AsvReferralsController],
  providers: [AsvReferralsService, AsvReferralStore],
})
export class AsvModule {}
