export * from './outbox/effect-handler';
export * from './outbox/outbox-dispatcher';
export * from './outbox/http-post.handler';
export * from './outbox/workflow-links.handler';
export * from './outbox/outbox.module';
export * from './notifications';
export * from './queue';
export * from './deadlines';
