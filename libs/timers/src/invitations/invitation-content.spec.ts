import { EffectRefused } from '../outbox/effect-handler';
import { invitationEmail, slotInWords } from './invitation-content';
import { outcomeEventId, sendingOf } from './invitation.handler';

const SLOT = { date: '2027-07-01', startTime: '10:00', durationMinutes: 90, venueId: 'room-2', onlineLink: null };

describe('invitationEmail', () => {
  it('asks with the reference, the London time, the place and the personal link', () => {
    const email = invitationEmail('CPC-2027-000042', 'REQUEST', 0, SLOT, 'https://cp.example/invitations/abc');
    expect(email.subject).toBe('Invitation: child protection conference CPC-2027-000042');
    expect(email.text).toContain('When: Thursday 1 July 2027, 10:00 to 11:30 (UK time)');
    expect(email.text).toContain('Where: Venue room-2');
    expect(email.text).toContain('https://cp.example/invitations/abc');
  });

  it('says a move is an update, and a cancellation has no link', () => {
    expect(invitationEmail('CPC-2027-000042', 'REQUEST', 2, SLOT, 'https://x/invitations/a').subject).toBe(
      'Updated invitation: child protection conference CPC-2027-000042',
    );
    const cancel = invitationEmail('CPC-2027-000042', 'CANCEL', 3, SLOT, null);
    expect(cancel.subject).toBe('Cancelled: child protection conference CPC-2027-000042');
    expect(cancel.text).not.toContain('/invitations/');
  });

  it('gives the time in GMT in winter', () => {
    expect(slotInWords({ ...SLOT, date: '2027-01-12', startTime: '14:30', durationMinutes: 60 })).toBe(
      'Tuesday 12 January 2027, 14:30 to 15:30 (UK time)',
    );
  });
});

describe('sendingOf', () => {
  const effect = (payload: Record<string, unknown>) => ({
    id: '7',
    workflowId: '0b7c3f0e-1a2b-4c3d-8e4f-5a6b7c8d9e0f',
    journalSeq: 3,
    type: 'conference.invitation-email',
    payload,
    attempt: 1,
  });
  const valid = {
    type: 'conference.invitation-email',
    reference: 'CPC-2027-000042',
    personId: '9d8c7b6a-5f4e-4d3c-9b2a-1f0e9d8c7b6a',
    sequence: 1,
    method: 'REQUEST',
    slot: SLOT,
  };

  it('reads the sending the machine declared', () => {
    expect(sendingOf(effect(valid))).toEqual({
      reference: 'CPC-2027-000042',
      personId: valid.personId,
      sequence: 1,
      method: 'REQUEST',
      slot: SLOT,
    });
  });

  it.each([
    ['no person id', { personId: undefined }],
    ['an email for a person id', { personId: 'parent@example.org' }],
    ['a negative sequence', { sequence: -1 }],
    ['another method', { method: 'PUBLISH' }],
    ['a bad start time', { slot: { ...SLOT, startTime: '25:00' } }],
    ['a name for a reference', { reference: 'Amira Okafor' }],
  ])('refuses a row with %s, once and for all', (_, change) => {
    expect(() => sendingOf(effect({ ...valid, ...change }))).toThrow(EffectRefused);
  });

  it('makes one outcome event id per outbox row', () => {
    expect(outcomeEventId('7')).toBe('invitation-outcome-7');
  });
});
