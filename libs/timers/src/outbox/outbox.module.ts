import { Module } from '@nestjs/common';
import { EFFECT_HANDLERS, EffectHandler } from './effect-handler';
import { HttpPostEffectHandler } from './http-post.handler';
import { DeadlineEffectsHandler } from '../deadlines/deadline-effects.handler';
import { DeadlineTimersModule } from '../deadlines/deadline-timers.module';
import { InvitationEffectHandler } from '../invitations/invitation.handler';
import { InvitationsModule } from '../invitations/invitations.module';
import { EmailDeliveryHandler } from '../notifications/email-delivery.handler';
import { EscalationEffectHandler } from '../notifications/escalation.handler';
import { NotificationsModule } from '../notifications/notifications.module';
import { NotifyEffectHandler } from '../notifications/notify.handler';
import { WebhookDeliveryHandler } from '../notifications/webhook-delivery.handler';
import { OutboxDispatcher } from './outbox-dispatcher';
import { WorkflowLinksHandler } from './workflow-links.handler';

@Module({
  imports: [NotificationsModule, DeadlineTimersModule, InvitationsModule],
  providers: [
    HttpPostEffectHandler,
    WorkflowLinksHandler,
    {
      provide: EFFECT_HANDLERS,
      inject: [
        HttpPostEffectHandler,
        EscalationEffectHandler,
        NotifyEffectHandler,
        EmailDeliveryHandler,
        WebhookDeliveryHandler,
        DeadlineEffectsHandler,
        WorkflowLinksHandler,
        InvitationEffectHandler,
      ],
      useFactory: (...handlers: EffectHandler[]) => handlers,
    },
    OutboxDispatcher,
  ],
  exports: [OutboxDispatcher],
})
export class OutboxModule {}
