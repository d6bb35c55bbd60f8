import ICAL from 'ical.js';
import { invitationCalendar, invitationUid, locationOf, slotTimes } from './invitation-calendar';

const WORKFLOW = '0b7c3f0e-1a2b-4c3d-8e4f-5a6b7c8d9e0f';
const PERSON = '9d8c7b6a-5f4e-4d3c-9b2a-1f0e9d8c7b6a';

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const event = calendar.getFirstSubcomponent('vevent')!;
  return { calendar, event, vevent: new ICAL.Event(event) };
}

const input = (overrides: Partial<Parameters<typeof invitationCalendar>[0]> = {}) => ({
  uid: invitationUid(WORKFLOW, PERSON, 'conferences@council.example'),
  sequence: 0,
  method: 'REQUEST' as const,
  reference: 'CPC-2027-000042',
  slot: { date: '2027-07-01', startTime: '10:00', durationMinutes: 90, venueId: 'room-2', onlineLink: null },
  organiser: { name: 'Child protection conferences', email: 'conferences@council.example' },
  attendeeEmail: 'parent@example.org',
  stamp: new Date('2027-06-20T09:00:00Z'),
  ...overrides,
});

describe('invitationCalendar', () => {
  it('makes one VEVENT in Europe/London with its VTIMEZONE, the organiser, the one attendee, the UID and SEQUENCE', () => {
    const { calendar, event, vevent } = parse(invitationCalendar(input()));
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(calendar.getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid')).toBe('Europe/London');
    expect(calendar.getAllSubcomponents('vevent')).toHaveLength(1);
    expect(vevent.uid).toBe(`conference-${WORKFLOW}-invitee-${PERSON}@council.example`);
    expect(vevent.sequence).toBe(0);
    // 10:00 in London in July is 09:00 UTC (BST), whatever the process's TZ.
    expect(event.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Europe/London');
    expect(event.getFirstProperty('dtstart')!.toICALString()).toBe('DTSTART;TZID=Europe/London:20270701T100000');
    expect(event.getFirstProperty('dtend')!.toICALString()).toBe('DTEND;TZID=Europe/London:20270701T113000');
    expect(event.getFirstPropertyValue('organizer')).toBe('mailto:conferences@council.example');
    expect(event.getAllProperties('attendee').map((p) => String(p.getFirstValue()).toLowerCase())).toEqual([
      'mailto:parent@example.org',
    ]);
    expect(vevent.summary).toBe('Child protection conference CPC-2027-000042');
    expect(vevent.location).toBe('Venue room-2');
  });

  it('gives GMT in winter and the online link as the location', () => {
    const { event, vevent } = parse(
      invitationCalendar(
        input({
          slot: { date: '2027-01-12', startTime: '14:30', durationMinutes: 60, venueId: null, onlineLink: 'https://meet.example/abc' },
        }),
      ),
    );
    expect(event.getFirstProperty('dtstart')!.toICALString()).toBe('DTSTART;TZID=Europe/London:20270112T143000');
    expect(vevent.location).toBe('https://meet.example/abc');
  });

  it('crosses the change of the clocks by the length, not by the wall clock', () => {
    // 28 March 2027 00:30 GMT + 60 minutes is 02:30 BST (01:00 GMT became 02:00 BST).
    const { start, end } = slotTimes({ date: '2027-03-28', startTime: '00:30', durationMinutes: 60 });
    expect(end.toMillis() - start.toMillis()).toBe(3_600_000);
    expect(end.toFormat('HH:mm')).toBe('02:30');
  });

  it('cancels with METHOD:CANCEL, STATUS:CANCELLED and the raised SEQUENCE under the same UID', () => {
    const request = parse(invitationCalendar(input()));
    const cancel = parse(invitationCalendar(input({ method: 'CANCEL', sequence: 3 })));
    expect(cancel.calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(cancel.event.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(cancel.vevent.sequence).toBe(3);
    expect(cancel.vevent.uid).toBe(request.vevent.uid);
  });

  it('names no one: the summary and description carry the reference only', () => {
    const text = invitationCalendar(input());
    const { vevent } = parse(text);
    expect(vevent.description).toContain('CPC-2027-000042');
    // The attendee's address appears once, in ATTENDEE.
    expect(text.replace(/\r\n /g, '').split('parent@example.org')).toHaveLength(2);
  });

  it('says where without an address', () => {
    expect(locationOf({ venueId: null, onlineLink: null })).toBe('Venue to be confirmed');
  });
});
