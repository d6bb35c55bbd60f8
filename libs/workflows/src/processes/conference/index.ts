// The conference process (pure part): vocabulary, payloads, context, machine, definition, descriptor.
export * from './conference.vocabulary';
export * from './conference.payloads';
export * from './conference.context';
export * from './conference.events';
export * from './conference.effects';
export * from './conference.clocks';
export { ageBandOn } from './conference.age-band';
export { everyInvitationSent, everyReportIn, missingPreBirthGroups } from './conference.invitees';
export type { InvitationEffect, InvitationEmailEffect, InvitationLetterEffect } from './conference.invitees';
export { conferenceMachine, CONFERENCE_MACHINE_ID, isReady } from './conference.machine';
export { conferenceDefinition, conferenceSubjects } from './conference.definition';
export { CONFERENCE_LADDERS } from './conference.ladders';
export { conferenceProcess } from './conference.process';
