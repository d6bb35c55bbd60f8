export * from './invitation-calendar';
export * from './invitation-content';
export * from './invitation.store';
export * from './invitation.handler';
export * from './invitations.module';
