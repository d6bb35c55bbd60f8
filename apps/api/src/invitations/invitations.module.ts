import { Module } from '@nestjs/common';
import { InvitationsModule as InvitationStoreModule } from '@app/timers';
import { InvitationPageController } from './invitation-page.controller';
import { InvitationPageFilter } from './invitation-page.filter';
import { InvitationPageService } from './invitation-page.service';
import { InvitationViews } from './invitation-views';

/** Invitees' personal links: the page that shows their invitation and takes their answer. */
@Module({
  imports: [InvitationStoreModule],
  controllers: [InvitationPageController],
  providers: [{ provide: InvitationViews, useFactory: () => new InvitationViews() }, InvitationPageFilter, InvitationPageService],
})
export class InvitationPagesModule {}
