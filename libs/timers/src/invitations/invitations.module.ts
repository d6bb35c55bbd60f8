import { Module } from '@nestjs/common';
import { PeopleStoreModule } from '@app/persistence';
import { NotificationsModule } from '../notifications/notifications.module';
import { InvitationEffectHandler } from './invitation.handler';
import { InvitationStore } from './invitation.store';

/** Conference invitations: the effect handler OutboxModule registers, and the store the API reads. */
@Module({
  imports: [PeopleStoreModule, NotificationsModule],
  providers: [InvitationStore, InvitationEffectHandler],
  exports: [InvitationStore, InvitationEffectHandler],
})
export class InvitationsModule {}
