// The conference process (pure part): vocabulary, payloads, context, machine, definition, descriptor.
export * from './conference.vocabulary';
export * from './conference.payloads';
export * from './conference.context';
export * from './conference.events';
export * from './conference.effects';
export * from './conference.clocks';
export { ageBandOn } from './conference.age-band';
export { everyInvitationSent, everyReportIn, missingPreBirthGroups } from './conference.invitees';
export type { InvitationEffect, InvitationEmailEffect, InvitationLetterEffect, InvitationSlot } from './conference.invitees';
export { conferenceMachine, CONFERENCE_MACHINE_ID, isReady } from './conference.machine';
export { conferenceDefinition, conferenceSubjects } from './conference.definition';
// Part 2: the meeting, the decision, and what it hands over.
export * from './conference.outcome.vocabulary';
export * from './conference.outcome.payloads';
export * from './conference.outcome.context';
export * from './conference.outcome.events';
export * from './conference.outcome.effects';
export * from './conference.handover';
// The plan process a decision starts (registered globally by the API, with the conference).
export { childProtectionPlanDefinition, childProtectionPlanProcess } from '../child-protection-plan';
export { CONFERENCE_LADDERS } from './conference.ladders';
export { conferenceProcess } from './conference.process';
export { CONFERENCE_RECORD } from './conference.record';
