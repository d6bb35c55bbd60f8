import type { ICalMethod, InvitationSlot } from '@app/workflows';
import { locationOf, slotTimes } from './invitation-calendar';

export interface InvitationEmailContent {
  subject: string;
  text: string;
}

/** "Thursday 1 July 2027, 10:00 to 11:30" in London. */
export function slotInWords(slot: InvitationSlot): string {
  const { start, end } = slotTimes(slot);
  return `${start.setLocale('en-GB').toFormat('cccc d LLLL yyyy, HH:mm')} to ${end.toFormat('HH:mm')} (UK time)`;
}

/**
 * The email that carries one invitee's calendar file: the case reference, the date, time and
 * place, and (for a request) the personal link to answer. No name of anyone, in the subject or
 * the text: a mailbox may be shared, and a subject line is shown everywhere.
 */
export function invitationEmail(
  reference: string,
  method: ICalMethod,
  sequence: number,
  slot: InvitationSlot,
  responseUrl: string | null,
): InvitationEmailContent {
  const when = slotInWords(slot);
  const where = locationOf(slot);
  if (method === 'CANCEL') {
    return {
      subject: `Cancelled: child protection conference ${reference}`,
      text: [
        `The child protection conference with case reference ${reference} on ${when} will not take place.`,
        '',
        'The calendar file attached removes it from your calendar. If a new date is set, you will be invited again.',
      ].join('\n'),
    };
  }
  const updated = sequence > 0;
  return {
    subject: `${updated ? 'Updated invitation' : 'Invitation'}: child protection conference ${reference}`,
    text: [
      updated
        ? `The child protection conference with case reference ${reference} has a new date, time or place.`
        : `You are invited to the child protection conference with case reference ${reference}.`,
      '',
      `When: ${when}`,
      `Where: ${where}`,
      '',
      ...(responseUrl
        ? [
            'Please tell us whether you will attend, or send your apologies (with or without a report), through your personal link:',
            responseUrl,
            '',
            'The link is for you only: please do not forward this email.',
          ]
        : []),
      'Replies to this email or to the calendar request are not read.',
    ].join('\n'),
  };
}
