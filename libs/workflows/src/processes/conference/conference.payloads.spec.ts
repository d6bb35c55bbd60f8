import { canonicalJson, startWorkflow } from '../../engine';
import { DomainErrorCode } from '../../errors';
import { conferenceDefinition } from './conference.definition';
import {
  ACTORS,
  BOOKING,
  codeOf,
  ConferenceWalk,
  env,
  FIGURES,
  icpcRequest,
  REQUESTED_AT,
} from './conference.test-support';
import { CONFERENCE_EVENTS as E } from './conference.vocabulary';

const meta = { at: REQUESTED_AT, eventId: 'evt-1', actor: ACTORS.socialWorker };
const start = (input: Record<string, unknown>) =>
  codeOf(() => startWorkflow(conferenceDefinition, input, meta, env));
const fields = (refusal: ReturnType<typeof start>) =>
  (refusal?.extensions.errors as { field: string; messages: string[] }[] | undefined)?.map(
    (error) => error.field,
  );
const child = (overrides: Record<string, unknown>) => ({
  personId: 'child-a',
  ageBand: 'invitation-age',
  ...overrides,
});

describe('conference request: refused with 400 and the fields named (never their values)', () => {
  it.each([
    ['a child’s name', icpcRequest({ children: [child({ name: 'A Child' })] }), 'children.0.name'],
    [
      'a child’s date of birth',
      icpcRequest({ children: [child({ dateOfBirth: '2013-04-01' })] }),
      'children.0.dateOfBirth',
    ],
    [
      'an expected date of delivery',
      icpcRequest({ kind: 'pre-birth', expectedDeliveryDate: '2027-03-15' }),
      'expectedDeliveryDate',
    ],
    [
      'a parent’s address',
      icpcRequest({
        parentsAndCarers: [
          {
            personId: 'parent-m',
            relationship: 'mother',
            parentalResponsibility: true,
            confidentialAddress: true,
            childIds: ['child-a'],
            contactBy: 'email',
            needs: { interpreter: 'none', accessNeeds: false },
            address: '1 High Street',
          },
        ],
      }),
      'parentsAndCarers.0.address',
    ],
    ['a person id with a space', icpcRequest({ householdId: 'house hold' }), 'householdId'],
    ['a bad reference', icpcRequest({ reference: 'CPC-26-1' }), 'reference'],
    ['an unknown kind', icpcRequest({ kind: 'strategy' }), 'kind'],
    ['no child', icpcRequest({ children: [] }), 'children'],
    ['an impossible date', icpcRequest({ section47StartDate: '2026-02-30' }), 'section47StartDate'],
    [
      'a date outside the calendar’s years',
      icpcRequest({ section47StartDate: '2031-06-01' }),
      'section47StartDate',
    ],
    ['no figures', icpcRequest({ figures: undefined }), 'figures'],
    [
      'a figure out of range',
      icpcRequest({ figures: { ...FIGURES, icpcWorkingDays: 0 } }),
      'figures.icpcWorkingDays',
    ],
    [
      'two strategy discussions marked as starting the section 47 enquiry',
      icpcRequest({
        strategyDiscussions: [
          { id: 'sd-1', heldOn: '2026-10-30', startedSection47: true },
          { id: 'sd-2', heldOn: '2026-11-02', startedSection47: true },
        ],
      }),
      'kind',
    ],
    ['an ICPC without its strategy discussion', icpcRequest({ strategyDiscussions: [] }), 'kind'],
    [
      'a transfer-in without the transfer',
      icpcRequest({ kind: 'transfer-in', strategyDiscussions: [], section47StartDate: undefined }),
      'kind',
    ],
    ['a pre-birth without its clock', icpcRequest({ kind: 'pre-birth' }), 'kind'],
    [
      'an unborn child on an ICPC',
      icpcRequest({ children: [child({ ageBand: 'unborn', motherPersonId: 'parent-m' })] }),
      'kind',
    ],
    [
      'an unborn child without a mother',
      icpcRequest({
        kind: 'pre-birth',
        children: [child({ ageBand: 'unborn' })],
        preBirthClock: { latestDate: '2027-02-01', idealDate: '2026-12-15' },
      }),
      'kind',
    ],
    ['one person twice', icpcRequest({ children: [child({}), child({})] }), 'kind'],
    [
      'direct contact with a child not on the request',
      icpcRequest({
        professionals: [
          {
            personId: 'pc-1',
            agencyId: 'police:met',
            professionalGroup: 'police',
            directContactWith: ['child-z'],
            contactBy: 'email',
          },
        ],
      }),
      'kind',
    ],
  ])('%s', (_name, input, field) => {
    const refusal = start(input);
    expect(refusal?.code).toBe(DomainErrorCode.InvalidInput);
    expect(fields(refusal)).toContain(field);
    expect(JSON.stringify(refusal)).not.toMatch(/A Child|2013-04-01|1 High Street|2027-03-15/);
  });

  it('accepts the request the specs start from', () => {
    expect(start(icpcRequest())).toBeUndefined();
  });
});

describe('conference events: refused with 400 before any rule is asked, and nothing changes', () => {
  const chaired = () =>
    new ConferenceWalk().send(
      E.chairAssigned,
      { chairSub: ACTORS.chair.sub, selection: 'area-chair' },
      '2026-11-03T14:00:00Z',
    );

  it.each([
    [
      'a chair chosen by the co-ordinator without a reason',
      E.chairAssigned,
      { chairSub: 'chair-9', selection: 'chosen-by-coordinator' },
    ],
    [
      'a chair’s name',
      E.chairAssigned,
      { chairSub: 'chair-9', selection: 'area-chair', chairName: 'A Chair' },
    ],
    ['neither a venue nor an online link', E.scheduled, { ...BOOKING, venueId: undefined }],
    [
      'an online link that is not https',
      E.scheduled,
      { ...BOOKING, venueId: undefined, onlineLink: 'http://meet.example/abc' },
    ],
    ['a time of day out of range', E.scheduled, { ...BOOKING, startTime: '25:00' }],
    ['a conference of ten minutes', E.scheduled, { ...BOOKING, durationMinutes: 10 }],
    ['a move without its reason', E.rescheduled, BOOKING],
    ['a withdrawal for another reason without a note', E.withdrawn, { reason: 'other' }],
    ['a withdrawal reason not in the list', E.withdrawn, { reason: 'family-refused' }],
    ['a payload on the late reason’s agreement', E.lateReasonAgreed, { role: 'chair' }],
    [
      'a report as both a document and a reference',
      E.reportReceived,
      { author: 'social-worker', documentId: 'doc-1', caseManagementReference: 'LCS/1' },
    ],
    ['a report with neither', E.reportReceived, { author: 'agency', agencyId: 'police:met' }],
    ['an agency report without its agency', E.reportReceived, { author: 'agency', documentId: 'doc-1' }],
    [
      'a report’s contents',
      E.reportReceived,
      { author: 'social-worker', documentId: 'doc-1', text: 'The report' },
    ],
    [
      'apologies without saying whether a report comes',
      E.invitationAnswered,
      { personId: 'pc-1', answer: 'apologies' },
    ],
    [
      'a professional without an agency',
      E.inviteeAdded,
      { personId: 'x-1', invitedAs: 'professional', directContactWith: [], contactBy: 'email' },
    ],
    [
      'an invitee’s email address',
      E.inviteeAdded,
      {
        personId: 'x-1',
        invitedAs: 'professional',
        agencyId: 'other:a',
        professionalGroup: 'gp',
        directContactWith: [],
        contactBy: 'email',
        email: 'gp@example.org',
      },
    ],
    [
      'a birth with its date',
      E.birthRecorded,
      { unbornPersonId: 'unborn-1', childPersonId: 'child-new', birthDate: '2026-11-20' },
    ],
    ['an unknown event', 'conference.teleported', {}],
  ])('%s', (_name, type, payload) => {
    const walk = chaired();
    const before = canonicalJson(walk.last.snapshot);
    const refusal = walk.refusal(type, payload as Record<string, unknown>, '2026-11-04T09:00:00Z');
    expect(refusal?.code).toBe(DomainErrorCode.InvalidInput);
    expect(JSON.stringify(refusal)).not.toMatch(/A Chair|gp@example|The report|2026-11-20/);
    expect(canonicalJson(walk.last.snapshot)).toBe(before);
  });
});
