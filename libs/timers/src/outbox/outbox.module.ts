import { Module } from '@nestjs/common';
import { EFFECT_HANDLERS, EffectHandler } from './effect-handler';
import { HttpPostEffectHandler } from './http-post.handler';
import { OutboxDispatcher } from './outbox-dispatcher';

@Module({
  providers: [
    HttpPostEffectHandler,
    {
      provide: EFFECT_HANDLERS,
      inject: [HttpPostEffectHandler],
      useFactory: (...handlers: EffectHandler[]) => handlers,
    },
    OutboxDispatcher,
  ],
  exports: [OutboxDispatcher],
})
export class OutboxModule {}
