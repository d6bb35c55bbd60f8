import { Module } from '@nestjs/common';
import { EFFECT_HANDLERS, EffectHandler } from './effect-handler';
import { HttpPostEffectHandler } from './http-post.handler';
import { EmailDeliveryHandler } from '../notifications/email-delivery.handler';
import { EscalationEffectHandler } from '../notifications/escalation.handler';
import { NotificationsModule } from '../notifications/notifications.module';
import { NotifyEffectHandler } from '../notifications/notify.handler';
import { WebhookDeliveryHandler } from '../notifications/webhook-delivery.handler';
import { OutboxDispatcher } from './outbox-dispatcher';

@Module({
  imports: [NotificationsModule],
  providers: [
    HttpPostEffectHandler,
    {
      provide: EFFECT_HANDLERS,
      inject: [
        HttpPostEffectHandler,
        EscalationEffectHandler,
        NotifyEffectHandler,
        EmailDeliveryHandler,
        WebhookDeliveryHandler,
      ],
      useFactory: (...handlers: EffectHandler[]) => handlers,
    },
    OutboxDispatcher,
  ],
  exports: [OutboxDispatcher],
})
export class OutboxModule {}
