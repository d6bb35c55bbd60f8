import type { InvitationEffect } from './conference.invitees';
import type { OutcomeEffect } from './conference.outcome.effects';
import type { CONFERENCE_EFFECTS, ConferenceNotifyRole, ConferenceTemplate } from './conference.vocabulary';

/** A message to a role about the conference: its reference and a template, never a name. */
export interface ConferenceNotifyEffect {
  type: typeof CONFERENCE_EFFECTS.notify;
  role: ConferenceNotifyRole;
  template: ConferenceTemplate;
  reference: string;
}

/** Every effect the conference machine declares with emit(). */
export type ConferenceEffect = ConferenceNotifyEffect | InvitationEffect | OutcomeEffect;
