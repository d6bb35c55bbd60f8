import { canonicalJson, replayJournal, WorkflowRegistry } from '../../engine';
import { DomainErrorCode } from '../../errors';
import { conferenceDefinition } from './conference.definition';
import { computeClock } from './rules';
import { isReady } from './conference.machine';
import { ACTORS, BOOKING, ConferenceWalk, env, icpcRequest } from './conference.test-support';
import { CONFERENCE_EVENTS as E } from './conference.vocabulary';

const deadlinesOf = (walk: ConferenceWalk) =>
  Object.fromEntries(walk.last.deadlines.map((deadline) => [deadline.kind, deadline.dueDate]));
const effectsOfType = (walk: ConferenceWalk, type: string) =>
  walk.last.effects.filter((effect) => effect.type === type);
const EMAIL = 'conference.invitation-email';
/** The slot an invitation carries: the booking of its SEQUENCE (a venue id, never an address). */
const SLOT = {
  date: '2026-11-19',
  startTime: '10:00',
  durationMinutes: 90,
  venueId: 'room-3',
  onlineLink: null,
};
/** The journal alone rebuilds the snapshot the walk ended with. */
const expectReplays = (walk: ConferenceWalk) =>
  expect(
    canonicalJson(
      replayJournal('conference', walk.journal, new WorkflowRegistry([conferenceDefinition]), env),
    ),
  ).toBe(canonicalJson(walk.last.snapshot));
const LETTER = 'conference.invitation-letter';

/** Request → area chair → booked on Thursday 19 November 2026 (due Monday 23 November). */
function bookedIcpc(input = icpcRequest()): ConferenceWalk {
  return new ConferenceWalk(input)
    .send(E.chairAssigned, { chairSub: ACTORS.chair.sub, selection: 'area-chair' }, '2026-11-03T14:00:00Z')
    .send(E.scheduled, BOOKING, '2026-11-04T09:00:00Z');
}

/** The chair agrees the list and every invitation goes out (emails accepted, letters posted). */
function invitedIcpc(): ConferenceWalk {
  const walk = bookedIcpc().send(E.inviteesAgreed, {}, '2026-11-05T09:00:00Z', ACTORS.chair);
  for (const person of walk.context.invitees) {
    if (person.contactBy === 'email') {
      walk.send(
        E.invitationSent,
        { personId: person.personId, sequence: 0 },
        '2026-11-05T09:05:00Z',
        ACTORS.system,
      );
    } else {
      walk.send(
        E.letterPosted,
        { personId: person.personId, sequence: 0, postedOn: '2026-11-05' },
        '2026-11-05T16:00:00Z',
      );
    }
  }
  return walk;
}

describe('conference: an ICPC for a household of three children, from request to a ready conference', () => {
  it('computes the due date from the strategy discussion that started the section 47 enquiry and watches it from the request', () => {
    const walk = new ConferenceWalk();
    expect(walk.last.state).toBe('open.awaitingChair');
    expect(walk.context.clocks.dueDate).toBe('2026-11-23');
    expect(walk.context.flags.lateRequest).toBe(false);
    expect(walk.last.deadlines).toEqual([
      {
        kind: 'conference-due',
        ladder: 'conference-due',
        anchorDate: '2026-11-23',
        dueDate: '2026-11-23',
        dueAt: '2026-11-24T00:00:00.000Z',
      },
    ]);
    expect(walk.last.effects).toEqual([
      { type: 'notify', role: 'coordinator', template: 'conference.requested', reference: 'CPC-2026-000042' },
    ]);
    expect(walk.last.area).toBe('north');
    expect(walk.last.reference).toBe('CPC-2026-000042');
    expect(walk.last.stuckAfterHours).toBe(48);
    expect(walk.last.allowedEvents).toContain(E.chairAssigned);
    expect(walk.last.allowedEvents).not.toContain(E.scheduled);
  });

  it('builds the invitee list from the request: parents, the child of invitation age, social worker, team manager, professionals', () => {
    const walk = new ConferenceWalk();
    expect(walk.context.invitees.map((p) => [p.personId, p.invitedAs, p.contactBy, p.status])).toEqual([
      ['parent-m', 'parent', 'email', 'proposed'],
      ['parent-f', 'parent', 'letter', 'proposed'],
      ['child-a', 'child', 'email', 'proposed'],
      ['sw-person-1', 'social-worker', 'email', 'proposed'],
      ['tm-person-3', 'team-manager', 'email', 'proposed'],
      ['pc-1', 'professional', 'email', 'proposed'],
      ['gp-1', 'professional', 'email', 'proposed'],
      ['hv-1', 'professional', 'email', 'proposed'],
      ['teacher-1', 'professional', 'email', 'proposed'],
    ]);
    expect(walk.invitee('child-a')?.invitedBecause).toBe('age');
    expect(walk.invitee('parent-m')?.needs).toEqual({
      interpreter: 'bsl',
      accessNeeds: true,
      supporterPersonId: 'supporter-1',
      advocatePersonId: null,
    });
    expect(walk.invitee('gp-1')).toMatchObject({
      agencyId: 'gp:park-road',
      professionalGroup: 'gp',
      directContactWith: ['child-a', 'child-b', 'child-c'],
    });
    expect(walk.invitee('sw-person-1')).toMatchObject({
      professionalGroup: 'childrens-social-care',
      directContactWith: ['child-a', 'child-b', 'child-c'],
    });
    expect(walk.context.parentsAndCarers.find((p) => p.personId === 'parent-m')?.confidentialAddress).toBe(
      true,
    );
    expect(walk.context.reports.map((r) => r.key)).toEqual([
      'social-worker',
      'police:met',
      'gp:park-road',
      'health:whittington',
      'school:st-marys',
    ]);
  });

  it('holds people by id only: no date of birth, expected date, name, address or language anywhere in the context', () => {
    const keys = new Set<string>();
    const collect = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(collect);
      else if (value && typeof value === 'object') {
        for (const [key, inner] of Object.entries(value)) {
          keys.add(key);
          collect(inner);
        }
      }
    };
    collect(invitedIcpc().context);
    const personal =
      /^(.*name|dateOfBirth|birthDate|expectedDeliveryDate|edd|(postal)?address|email(Address)?|phone|language|nhsNumber)$/i;
    expect([...keys].filter((key) => personal.test(key))).toEqual([]);
    // What the clocks need instead: anchors and an age band.
    expect([...keys]).toEqual(expect.arrayContaining(['ageBand', 'preBirthClock', 'confidentialAddress']));
  });

  it('books within the due date: the invitation, report and sharing clocks are counted back from the conference', () => {
    const walk = bookedIcpc();
    expect(walk.last.state).toBe(
      'open.booked.invitations.awaitingAgreement & open.booked.reportToParents.pending & open.booked.reports.collecting',
    );
    expect(walk.context.booking).toMatchObject({ date: '2026-11-19', sequence: 0, lateAgreement: null });
    expect(deadlinesOf(walk)).toEqual({
      'conference-due': '2026-11-23',
      'conference-invitations': '2026-11-12',
      'conference-reports': '2026-11-16',
      'conference-report-to-parents': '2026-11-17',
    });
    // The list is not agreed yet: nothing is sent, the chair is asked.
    expect(effectsOfType(walk, EMAIL)).toEqual([]);
    expect(walk.last.effects).toContainEqual({
      type: 'notify',
      role: 'chair',
      template: 'conference.invitees-to-agree',
      reference: 'CPC-2026-000042',
    });
  });

  it('sends every invitation once the chair agrees the list: emails with SEQUENCE 0, a letter for the father', () => {
    const walk = bookedIcpc().send(E.inviteesAgreed, {}, '2026-11-05T09:00:00Z', ACTORS.chair);
    expect(effectsOfType(walk, EMAIL)).toHaveLength(8);
    expect(effectsOfType(walk, LETTER)).toEqual([
      {
        type: LETTER,
        reference: 'CPC-2026-000042',
        personId: 'parent-f',
        sequence: 0,
        method: 'REQUEST',
        slot: SLOT,
      },
    ]);
    expect(effectsOfType(walk, EMAIL)[0]).toEqual({
      type: EMAIL,
      reference: 'CPC-2026-000042',
      personId: 'parent-m',
      sequence: 0,
      method: 'REQUEST',
      slot: SLOT,
    });
    expect(walk.invitee('parent-f')?.status).toBe('awaiting-post');
    expect(walk.invitee('pc-1')?.status).toBe('queued');
    expect(walk.last.state).toContain('open.booked.invitations.sending');
  });

  it('tracks each invitation to its answer, and is ready with every report in and the social worker’s shared', () => {
    const walk = invitedIcpc();
    expect(walk.last.state).toContain('invitations.allSent');
    expect(deadlinesOf(walk)['conference-invitations']).toBeUndefined();
    expect(walk.invitee('parent-f')).toMatchObject({ status: 'sent', letterPostedOn: '2026-11-05' });

    walk
      .send(
        E.invitationAnswered,
        { personId: 'parent-m', answer: 'attending' },
        '2026-11-06T10:00:00Z',
        ACTORS.system,
      )
      .send(
        E.invitationAnswered,
        { personId: 'teacher-1', answer: 'apologies', withReport: true },
        '2026-11-06T11:00:00Z',
      );
    expect(walk.invitee('teacher-1')).toMatchObject({
      status: 'apologies',
      answer: { answer: 'apologies', withReport: true },
    });

    for (const agencyId of ['police:met', 'gp:park-road', 'health:whittington', 'school:st-marys']) {
      walk.send(
        E.reportReceived,
        { author: 'agency', agencyId, documentId: `doc-${agencyId.replace(':', '-')}` },
        '2026-11-12T10:00:00Z',
      );
    }
    expect(walk.last.state).toContain('reports.collecting');
    walk.send(
      E.reportReceived,
      { author: 'social-worker', caseManagementReference: 'LCS/DOC/9912' },
      '2026-11-12T12:00:00Z',
      ACTORS.socialWorker,
    );
    expect(walk.last.state).toContain('reports.allIn');
    expect(isReady(walk.context)).toBe(false);
    walk.send(
      E.socialWorkerReportShared,
      { sharedOn: '2026-11-13' },
      '2026-11-13T15:00:00Z',
      ACTORS.socialWorker,
    );
    expect(walk.last.state).toBe(
      'open.booked.invitations.allSent & open.booked.reportToParents.shared & open.booked.reports.allIn',
    );
    expect(isReady(walk.context)).toBe(true);
    expect(Object.keys(deadlinesOf(walk))).toEqual(['conference-due']);

    walk.send(E.convened, {}, '2026-11-19T10:00:00Z', ACTORS.chair);
    expect(walk.last.state).toBe('held.attendance');
    expect(walk.last.deadlines).toEqual([]);
  });

  it('keeps one reports clock per expected report, each closed once its report is received, late or not', () => {
    const reportClocks = (walk: ConferenceWalk) =>
      walk.last.deadlines
        .filter((deadline) => deadline.kind === 'conference-reports')
        .map((deadline) => [deadline.key, deadline.dueDate]);
    const walk = invitedIcpc();
    const expected = walk.context.reports.map((report) => report.key).sort();
    expect(expected).toContain('social-worker');
    expect(reportClocks(walk)).toEqual(expected.map((key) => [key, '2026-11-16']));
    expect(walk.context.reports.every((report) => report.dueBy === '2026-11-16')).toBe(true);

    // One received in time: its clock closes, the others stay.
    walk.send(
      E.reportReceived,
      { author: 'agency', agencyId: 'police:met', documentId: 'doc-police' },
      '2026-11-12T10:00:00Z',
    );
    expect(walk.context.reports.find((report) => report.key === 'police:met')?.dueBy).toBeNull();
    expect(reportClocks(walk).map(([key]) => key)).toEqual(expected.filter((key) => key !== 'police:met'));

    // Moved: the clocks still open move with the conference; the received one stays closed.
    walk.send(
      E.rescheduled,
      { ...BOOKING, date: '2026-11-20', reason: 'Chair unwell' },
      '2026-11-13T09:00:00Z',
    );
    expect(new Set(reportClocks(walk).map(([, due]) => due))).toEqual(new Set(['2026-11-17']));
    expect(reportClocks(walk).map(([key]) => key)).not.toContain('police:met');

    // One received after its date: its clock closes too.
    walk.send(
      E.reportReceived,
      { author: 'agency', agencyId: 'gp:park-road', caseManagementReference: 'GP/1' },
      '2026-11-18T10:00:00Z',
    );
    expect(reportClocks(walk).map(([key]) => key)).toEqual(
      expected.filter((key) => key !== 'police:met' && key !== 'gp:park-road'),
    );
    expectReplays(walk);
  });

  it('records an agency’s request that its report is not shared with parents, and the chair’s decision', () => {
    const walk = invitedIcpc().send(
      E.reportWithholdingRequested,
      { agencyId: 'police:met', reason: 'Ongoing investigation' },
      '2026-11-10T09:00:00Z',
    );
    expect(walk.last.effects).toEqual([
      {
        type: 'notify',
        role: 'chair',
        template: 'conference.report-withholding-requested',
        reference: 'CPC-2026-000042',
      },
    ]);
    const decision = { agencyId: 'police:met', withhold: true, reason: 'Would prejudice the investigation' };
    expect(walk.refusal(E.reportWithholdingDecided, decision, '2026-11-10T10:00:00Z')?.code).toBe(
      DomainErrorCode.GuardRejected,
    );
    expect(
      walk.refusal(E.reportWithholdingDecided, decision, '2026-11-10T10:00:00Z', ACTORS.otherChair)?.code,
    ).toBe(DomainErrorCode.GuardRejected);
    walk.send(E.reportWithholdingDecided, decision, '2026-11-10T10:00:00Z', ACTORS.chair);
    expect(walk.context.reports.find((r) => r.key === 'police:met')?.withholding).toMatchObject({
      reason: 'Ongoing investigation',
      decision: { withhold: true, by: ACTORS.chair.sub },
    });
  });

  it('replays its journal to the same snapshot', () => {
    const walk = invitedIcpc().send(
      E.rescheduled,
      { ...BOOKING, date: '2026-11-20', reason: 'Chair ill' },
      '2026-11-09T09:00:00Z',
    );
    const replayed = replayJournal(
      'conference',
      walk.journal,
      new WorkflowRegistry([conferenceDefinition]),
      env,
    );
    expect(canonicalJson(replayed)).toBe(canonicalJson(walk.last.snapshot));
  });
});

describe('conference: a late ICPC', () => {
  const late = { ...BOOKING, date: '2026-11-25', lateReason: 'No chair free before the due date' };

  it('refuses a date after the due date without a late reason', () => {
    const walk = new ConferenceWalk().send(
      E.chairAssigned,
      { chairSub: ACTORS.chair.sub, selection: 'area-chair' },
      '2026-11-03T14:00:00Z',
    );
    const { lateReason: _reason, ...withoutReason } = late;
    expect(walk.refusal(E.scheduled, withoutReason, '2026-11-04T09:00:00Z')).toMatchObject({
      code: DomainErrorCode.GuardRejected,
      extensions: { rules: ['bookingWithinDueDate', 'lateBookingHasReason'] },
    });
  });

  it('does not let the booking stand until the team manager and the chair have both agreed, each recorded by role', () => {
    const walk = new ConferenceWalk()
      .send(E.chairAssigned, { chairSub: ACTORS.chair.sub, selection: 'area-chair' }, '2026-11-03T14:00:00Z')
      .send(E.scheduled, late, '2026-11-04T09:00:00Z');
    expect(walk.last.state).toBe('open.awaitingBooking');
    expect(walk.context.booking).toBeNull();
    expect(walk.last.effects.map((e) => e.role)).toEqual(['team_manager', 'chair']);

    // A co-ordinator, or a chair who is not this conference's, cannot agree.
    for (const actor of [ACTORS.coordinator, ACTORS.otherChair, ACTORS.socialWorker]) {
      expect(walk.refusal(E.lateReasonAgreed, {}, '2026-11-04T10:00:00Z', actor)?.code).toBe(
        DomainErrorCode.GuardRejected,
      );
    }
    walk.send(E.lateReasonAgreed, {}, '2026-11-04T11:00:00Z', ACTORS.teamManager);
    expect(walk.last.state).toBe('open.awaitingBooking');
    expect(walk.context.proposedBooking?.agreedBy).toEqual({
      team_manager: { sub: 'tm-3', at: '2026-11-04T11:00:00Z' },
      chair: null,
    });
    // The same role twice does not make two agreements.
    expect(walk.refusal(E.lateReasonAgreed, {}, '2026-11-04T11:30:00Z', ACTORS.teamManager)?.code).toBe(
      DomainErrorCode.GuardRejected,
    );

    walk.send(E.lateReasonAgreed, {}, '2026-11-04T12:00:00Z', ACTORS.chair);
    expect(walk.last.state).toContain('open.booked');
    expect(walk.context.booking).toMatchObject({
      date: '2026-11-25',
      lateAgreement: {
        reason: 'No chair free before the due date',
        agreedBy: { team_manager: { sub: 'tm-3' }, chair: { sub: 'chair-7' } },
      },
    });
    expect(walk.context.flags.lateConference).toBe(true);
    expect(walk.context.proposedBooking).toBeNull();
    expectReplays(walk);
  });

  it('records a request made more than a working day after the strategy discussion as late', () => {
    const walk = new ConferenceWalk(icpcRequest(), '2026-11-04T10:00:00Z');
    expect(walk.context.flags.lateRequest).toBe(true);
    expect(walk.last.effects.map((e) => e.template)).toEqual([
      'conference.requested',
      'conference.late-request',
    ]);
  });
});

describe('conference: due dates by kind', () => {
  it.each([
    ['an ICPC: 15 working days from the strategy discussion (Mon 2 Nov)', icpcRequest(), '2026-11-23'],
    [
      'a transfer-in: 15 working days from the notification (Tue 10 Nov)',
      icpcRequest({
        kind: 'transfer-in',
        strategyDiscussions: [],
        section47StartDate: undefined,
        transfer: { transferringAuthorityId: 'la-318', notifiedOn: '2026-11-10' },
      }),
      '2026-12-01',
    ],
    [
      'a transfer-in over Christmas: the bank holidays are not counted',
      icpcRequest({
        kind: 'transfer-in',
        strategyDiscussions: [],
        section47StartDate: undefined,
        transfer: { transferringAuthorityId: 'la-318', notifiedOn: '2026-12-14' },
      }),
      '2027-01-07',
    ],
    ['a pre-birth: the latest date the rule gave', preBirthRequest(), '2027-02-01'],
    [
      'a pre-birth requested after its latest date: due at once',
      preBirthRequest({ preBirthClock: { latestDate: '2026-11-02', idealDate: '2026-08-03' } }),
      '2026-11-03',
    ],
    [
      'a pre-birth where the authority keeps the ICPC rule: the earlier of the two',
      preBirthRequest({
        figures: { ...(icpcRequest().figures as object), preBirthSetsAsideIcpcWorkingDays: false },
      }),
      '2026-11-23',
    ],
    [
      'a review requested by hand, its date from the plans’ cycle (a Sunday: the Friday before)',
      icpcRequest({
        kind: 'review',
        strategyDiscussions: [],
        section47StartDate: undefined,
        reviewDueDate: '2027-02-07',
      }),
      '2027-02-05',
    ],
  ])('%s', (_name, input, dueDate) => {
    const walk = new ConferenceWalk(input as Record<string, unknown>);
    expect(walk.context.clocks.dueDate).toBe(dueDate);
    expect(walk.last.deadlines.find((d) => d.kind === 'conference-due')?.dueDate).toBe(dueDate);
  });

  it('flags a pre-birth request made after the latest week', () => {
    const walk = new ConferenceWalk(
      preBirthRequest({ preBirthClock: { latestDate: '2026-11-02', idealDate: '2026-08-03' } }),
    );
    expect(walk.context.flags.dueAtOnce).toBe(true);
  });
});

/** A pre-birth conference: the mother, an unborn child (expected 15 March 2027), midwife and health visitor. */
function preBirthRequest(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return icpcRequest({
    kind: 'pre-birth',
    children: [{ personId: 'unborn-1', ageBand: 'unborn', motherPersonId: 'parent-m' }],
    parentsAndCarers: [
      {
        personId: 'parent-m',
        relationship: 'mother',
        parentalResponsibility: true,
        confidentialAddress: false,
        childIds: ['unborn-1'],
        contactBy: 'email',
        needs: { interpreter: 'spoken-language', accessNeeds: false },
      },
    ],
    professionals: [
      {
        personId: 'mw-1',
        agencyId: 'health:maternity',
        professionalGroup: 'midwifery',
        directContactWith: ['unborn-1'],
        contactBy: 'email',
      },
    ],
    preBirthClock: { latestDate: '2027-02-01', idealDate: '2026-12-15' },
    ...overrides,
  });
}

describe('conference: pre-birth', () => {
  const chaired = () =>
    new ConferenceWalk(preBirthRequest()).send(
      E.chairAssigned,
      { chairSub: ACTORS.chair.sub, selection: 'cover' },
      '2026-11-03T14:00:00Z',
    );

  it('refuses the list without a health visitor, and agrees it once one is added', () => {
    const walk = chaired();
    expect(walk.refusal(E.inviteesAgreed, {}, '2026-11-04T09:00:00Z', ACTORS.chair)).toMatchObject({
      code: DomainErrorCode.GuardRejected,
      extensions: { rules: ['chairAgreesCompleteList'] },
    });
    walk
      .send(
        E.inviteeAdded,
        {
          personId: 'hv-2',
          invitedAs: 'professional',
          agencyId: 'health:whittington',
          professionalGroup: 'health-visiting',
          directContactWith: [],
          contactBy: 'email',
        },
        '2026-11-04T09:30:00Z',
      )
      .send(E.inviteesAgreed, {}, '2026-11-04T10:00:00Z', ACTORS.chair);
    expect(walk.context.inviteesAgreed).toEqual({ sub: ACTORS.chair.sub, at: '2026-11-04T10:00:00Z' });
  });

  it('moves the clock when the expected date is revised, and flags a booking later than the ideal', () => {
    const walk = chaired()
      .send(
        E.deliveryDateRevised,
        { preBirthClock: { latestDate: '2027-01-18', idealDate: '2026-12-01' } },
        '2026-11-05T09:00:00Z',
      )
      .send(E.scheduled, { ...BOOKING, date: '2026-12-10' }, '2026-11-05T10:00:00Z');
    expect(walk.context.clocks.dueDate).toBe('2027-01-18');
    expect(deadlinesOf(walk)['conference-due']).toBe('2027-01-18');
    expect(walk.context.flags.afterIdealDate).toBe(true);
    expect(walk.context.flags.lateConference).toBe(false);
  });

  it('turns into an initial conference for the born child, with the initial conference’s clock', () => {
    const walk = chaired().send(E.scheduled, { ...BOOKING, date: '2026-12-10' }, '2026-11-05T10:00:00Z');
    walk.send(
      E.birthRecorded,
      { unbornPersonId: 'unborn-1', childPersonId: 'child-new' },
      '2026-11-20T09:00:00Z',
    );
    expect(walk.context.kind).toBe('initial');
    expect(walk.context.requestedKind).toBe('pre-birth');
    expect(walk.context.children).toEqual([
      {
        personId: 'child-new',
        ageBand: 'under-invitation-age',
        motherPersonId: null,
        unbornPersonId: 'unborn-1',
      },
    ]);
    expect(walk.context.clocks.dueDate).toBe('2026-11-23');
    expect(walk.context.flags.lateConference).toBe(true);
    expect(walk.invitee('mw-1')?.directContactWith).toEqual(['child-new']);
    expect(conferenceDefinition.subjectsOf!(walk.context)).toEqual([
      { id: 'household-12', kind: 'household' },
      { id: 'child-new', kind: 'child' },
      { id: 'unborn-1', kind: 'unborn-child' },
    ]);
    // A second birth of the same child, or a revised expected date, no longer applies.
    expect(
      walk.refusal(
        E.birthRecorded,
        { unbornPersonId: 'unborn-1', childPersonId: 'child-x' },
        '2026-11-21T09:00:00Z',
      )?.code,
    ).toBe(DomainErrorCode.GuardRejected);
    expect(
      walk.refusal(
        E.deliveryDateRevised,
        { preBirthClock: { latestDate: '2027-01-18', idealDate: '2026-12-01' } },
        '2026-11-21T09:00:00Z',
      )?.code,
    ).toBe(DomainErrorCode.GuardRejected);
    expectReplays(walk);
  });
});

describe('conference: twins', () => {
  it('converts at the first birth and records the second, each child once', () => {
    const walk = new ConferenceWalk(
      preBirthRequest({
        children: [
          { personId: 'unborn-1', ageBand: 'unborn', motherPersonId: 'parent-m' },
          { personId: 'unborn-2', ageBand: 'unborn', motherPersonId: 'parent-m' },
        ],
        parentsAndCarers: [],
      }),
    )
      .send(
        E.birthRecorded,
        { unbornPersonId: 'unborn-1', childPersonId: 'child-t1' },
        '2026-11-20T09:00:00Z',
      )
      .send(
        E.birthRecorded,
        { unbornPersonId: 'unborn-2', childPersonId: 'child-t2' },
        '2026-11-20T09:05:00Z',
      );
    expect(walk.context.kind).toBe('initial');
    expect(walk.context.children.map((c) => [c.personId, c.ageBand])).toEqual([
      ['child-t1', 'under-invitation-age'],
      ['child-t2', 'under-invitation-age'],
    ]);
    expect(walk.context.births.map((b) => b.childPersonId)).toEqual(['child-t1', 'child-t2']);
    expect(
      walk.refusal(
        E.birthRecorded,
        { unbornPersonId: 'unborn-2', childPersonId: 'child-t3' },
        '2026-11-20T10:00:00Z',
      )?.code,
    ).toBe(DomainErrorCode.GuardRejected);
  });
});

describe('conference: moves and cancellation', () => {
  it('raises SEQUENCE on each move, asks everyone again, and flags a conference moved twice', () => {
    const walk = invitedIcpc()
      .send(E.invitationAnswered, { personId: 'parent-m', answer: 'attending' }, '2026-11-06T10:00:00Z')
      .send(E.rescheduled, { ...BOOKING, date: '2026-11-18', reason: 'Chair ill' }, '2026-11-09T09:00:00Z');
    expect(walk.context.booking?.sequence).toBe(1);
    expect(
      new Set(walk.last.effects.filter((e) => e.type === EMAIL || e.type === LETTER).map((e) => e.sequence)),
    ).toEqual(new Set([1]));
    expect(effectsOfType(walk, EMAIL)).toHaveLength(8);
    expect(walk.invitee('parent-m')).toMatchObject({ status: 'queued', answer: null, sequence: 1 });
    expect(walk.context.flags.movedRepeatedly).toBe(false);
    expect(deadlinesOf(walk)['conference-invitations']).toBe('2026-11-11');

    walk.send(
      E.rescheduled,
      { ...BOOKING, date: '2026-11-20', startTime: '14:00', reason: 'Police unavailable' },
      '2026-11-10T09:00:00Z',
    );
    expect(walk.context.booking?.sequence).toBe(2);
    expect(effectsOfType(walk, LETTER)).toEqual([
      {
        type: LETTER,
        reference: 'CPC-2026-000042',
        personId: 'parent-f',
        sequence: 2,
        method: 'REQUEST',
        slot: { ...SLOT, date: '2026-11-20', startTime: '14:00' },
      },
    ]);
    expect(walk.context.flags.movedRepeatedly).toBe(true);
    expect(walk.context.moves.map((m) => [m.fromDate, m.toDate])).toEqual([
      ['2026-11-19', '2026-11-18'],
      ['2026-11-18', '2026-11-20'],
    ]);
    expect(walk.last.effects).toContainEqual({
      type: 'notify',
      role: 'manager',
      template: 'conference.moved-repeatedly',
      reference: 'CPC-2026-000042',
    });
    // A delivery report on the superseded sending changes nothing.
    expect(
      walk.refusal(E.invitationSent, { personId: 'pc-1', sequence: 1 }, '2026-11-10T09:05:00Z', ACTORS.system)
        ?.code,
    ).toBe(DomainErrorCode.GuardRejected);
    expectReplays(walk);
  });

  it('refuses a "move" to the same date and time', () => {
    const walk = bookedIcpc();
    expect(
      walk.refusal(E.rescheduled, { ...BOOKING, reason: 'No change' }, '2026-11-05T09:00:00Z')?.code,
    ).toBe(DomainErrorCode.GuardRejected);
  });

  it('a late move waits for both agreements while the booked date stands', () => {
    const walk = invitedIcpc().send(
      E.rescheduled,
      { ...BOOKING, date: '2026-11-26', reason: 'Chair ill', lateReason: 'No other chair free' },
      '2026-11-09T09:00:00Z',
    );
    expect(walk.context.booking?.date).toBe('2026-11-19');
    expect(effectsOfType(walk, EMAIL)).toEqual([]);
    walk
      .send(E.lateReasonAgreed, {}, '2026-11-09T10:00:00Z', ACTORS.chair)
      .send(E.lateReasonAgreed, {}, '2026-11-09T11:00:00Z', ACTORS.teamManager);
    expect(walk.context.booking).toMatchObject({ date: '2026-11-26', sequence: 1 });
    expect(walk.context.moves).toHaveLength(1);
    expect(effectsOfType(walk, EMAIL)).toHaveLength(8);
  });

  it('cancels with METHOD:CANCEL and a raised SEQUENCE to everyone invited', () => {
    const walk = invitedIcpc().send(
      E.cancelled,
      { reason: 'Family moved out of the area' },
      '2026-11-09T09:00:00Z',
    );
    expect(walk.last.state).toBe('cancelled');
    expect(walk.last.status).toBe('done');
    const sendings = walk.last.effects.filter((e) => e.type === EMAIL || e.type === LETTER);
    expect(sendings).toHaveLength(9);
    expect(sendings.every((e) => e.method === 'CANCEL' && e.sequence === 1)).toBe(true);
    expect(new Set(sendings.map((e) => JSON.stringify(e.slot)))).toEqual(new Set([JSON.stringify(SLOT)]));
    expect(walk.last.deadlines).toEqual([]);
    expectReplays(walk);
  });

  it('a cancellation before the list was agreed sends nothing', () => {
    const walk = bookedIcpc().send(E.cancelled, { reason: 'Enquiry concluded' }, '2026-11-05T09:00:00Z');
    expect(walk.last.effects.filter((e) => e.type === EMAIL || e.type === LETTER)).toEqual([]);
  });
});

describe('conference: withdrawal', () => {
  it('withdraws an ICPC request as "ICPC not required" (the census answer)', () => {
    const walk = new ConferenceWalk().send(
      E.withdrawn,
      { reason: 'icpc-not-required' },
      '2026-11-04T09:00:00Z',
      ACTORS.socialWorker,
    );
    expect(walk.last.state).toBe('withdrawn');
    expect(walk.context.withdrawal).toEqual({
      at: '2026-11-04T09:00:00Z',
      reason: 'icpc-not-required',
      note: null,
    });
    expect(walk.last.deadlines).toEqual([]);
  });

  it('cancels the invitations that went out when a booked conference is withdrawn', () => {
    const walk = invitedIcpc().send(E.withdrawn, { reason: 'icpc-not-required' }, '2026-11-09T09:00:00Z');
    expect(effectsOfType(walk, EMAIL).every((e) => e.method === 'CANCEL')).toBe(true);
    expect(effectsOfType(walk, EMAIL)).toHaveLength(8);
  });

  it('refuses "ICPC not required" for a transfer-in conference', () => {
    const walk = new ConferenceWalk(
      icpcRequest({
        kind: 'transfer-in',
        strategyDiscussions: [],
        section47StartDate: undefined,
        transfer: { transferringAuthorityId: 'la-318', notifiedOn: '2026-11-02' },
      }),
    );
    expect(walk.refusal(E.withdrawn, { reason: 'icpc-not-required' }, '2026-11-04T09:00:00Z')?.code).toBe(
      DomainErrorCode.GuardRejected,
    );
    walk.send(
      E.withdrawn,
      { reason: 'other', note: 'Family returned to the transferring authority' },
      '2026-11-04T09:00:00Z',
    );
    expect(walk.last.state).toBe('withdrawn');
    expect(
      walk.refusal(E.chairAssigned, { chairSub: 'chair-7', selection: 'area-chair' }, '2026-11-04T10:00:00Z')
        ?.code,
    ).toBe(DomainErrorCode.EventNotAccepted);
  });
});

describe('conference: the chair and the invitee list', () => {
  it('changes the chair (not to the same one), and the former chair’s agreement no longer stands', () => {
    const walk = new ConferenceWalk()
      .send(E.chairAssigned, { chairSub: ACTORS.chair.sub, selection: 'area-chair' }, '2026-11-03T14:00:00Z')
      .send(
        E.scheduled,
        { ...BOOKING, date: '2026-11-25', lateReason: 'Family unavailable' },
        '2026-11-04T09:00:00Z',
      )
      .send(E.lateReasonAgreed, {}, '2026-11-04T10:00:00Z', ACTORS.chair);
    expect(
      walk.refusal(
        E.chairAssigned,
        { chairSub: ACTORS.chair.sub, selection: 'area-chair' },
        '2026-11-04T11:00:00Z',
      )?.code,
    ).toBe(DomainErrorCode.GuardRejected);
    walk.send(E.chairAssigned, { chairSub: 'chair-9', selection: 'cover' }, '2026-11-04T11:00:00Z');
    expect(walk.context.chair).toMatchObject({ sub: 'chair-9', selection: 'cover', reason: null });
    expect(walk.context.proposedBooking?.agreedBy.chair).toBeNull();
  });

  it('invites a younger child, or anyone added after the list was agreed, only once the chair agrees', () => {
    const walk = bookedIcpc().send(E.inviteesAgreed, {}, '2026-11-05T09:00:00Z', ACTORS.chair);
    const child = (personId: string) => ({
      personId,
      invitedAs: 'child',
      directContactWith: [],
      contactBy: 'letter',
      needs: { interpreter: 'none', accessNeeds: false, advocatePersonId: 'advocate-2' },
    });
    // Added by the co-ordinator: on the list, not sent, the invitations clock waits on the chair.
    walk.send(E.inviteeAdded, child('child-b'), '2026-11-05T10:00:00Z');
    expect(walk.invitee('child-b')).toMatchObject({ invitedBecause: 'chair-agreement', status: 'proposed' });
    expect(walk.last.effects).toEqual([]);
    expect(walk.last.state).toContain('invitations.awaitingAgreement');
    walk.send(E.inviteesAgreed, {}, '2026-11-05T11:00:00Z', ACTORS.chair);
    expect(walk.invitee('child-b')).toMatchObject({ status: 'awaiting-post', sequence: 0 });
    expect(effectsOfType(walk, LETTER)).toEqual([
      {
        type: LETTER,
        reference: 'CPC-2026-000042',
        personId: 'child-b',
        sequence: 0,
        method: 'REQUEST',
        slot: SLOT,
      },
    ]);
    // Added by the chair: agreed by adding, sent at once.
    walk.send(E.inviteeAdded, child('child-c'), '2026-11-05T12:00:00Z', ACTORS.chair);
    expect(walk.invitee('child-c')?.status).toBe('awaiting-post');
    // Nothing waits for agreement now: a second agreement is refused.
    expect(walk.refusal(E.inviteesAgreed, {}, '2026-11-05T13:00:00Z', ACTORS.chair)?.code).toBe(
      DomainErrorCode.GuardRejected,
    );
  });

  it('refuses an unborn child or a child of another household as a child invitee', () => {
    const walk = new ConferenceWalk();
    const invite = {
      invitedAs: 'child',
      directContactWith: [],
      contactBy: 'letter',
      needs: { interpreter: 'none', accessNeeds: false },
    };
    expect(
      walk.refusal(E.inviteeAdded, { ...invite, personId: 'child-z' }, '2026-11-04T09:00:00Z')?.code,
    ).toBe(DomainErrorCode.GuardRejected);
    expect(
      walk.refusal(
        E.inviteeAdded,
        {
          personId: 'child-b',
          invitedAs: 'professional',
          agencyId: 'other:a',
          professionalGroup: 'other',
          directContactWith: [],
          contactBy: 'email',
        },
        '2026-11-04T09:00:00Z',
      )?.code,
    ).toBe(DomainErrorCode.GuardRejected);
  });

  it('refuses the list agreed by anyone but the conference’s chair', () => {
    const walk = bookedIcpc();
    for (const actor of [ACTORS.coordinator, ACTORS.otherChair]) {
      expect(walk.refusal(E.inviteesAgreed, {}, '2026-11-05T09:00:00Z', actor)?.code).toBe(
        DomainErrorCode.GuardRejected,
      );
    }
  });

  it('a professional removed after the invitations went out is sent a cancellation, and a new agency’s report is expected', () => {
    const walk = invitedIcpc()
      .send(
        E.inviteeRemoved,
        { personId: 'teacher-1', reason: 'Child changed school' },
        '2026-11-06T09:00:00Z',
      )
      .send(
        E.inviteeAdded,
        {
          personId: 'teacher-2',
          invitedAs: 'professional',
          agencyId: 'school:hillside',
          professionalGroup: 'education',
          directContactWith: ['child-a'],
          contactBy: 'email',
        },
        '2026-11-06T09:10:00Z',
      )
      .send(E.inviteesAgreed, {}, '2026-11-06T09:20:00Z', ACTORS.chair);
    expect(walk.outcomes.at(-3)?.effects).toEqual([
      {
        type: EMAIL,
        reference: 'CPC-2026-000042',
        personId: 'teacher-1',
        sequence: 1,
        method: 'CANCEL',
        slot: SLOT,
      },
    ]);
    expect(walk.context.reports.map((r) => r.key)).toEqual([
      'social-worker',
      'police:met',
      'gp:park-road',
      'health:whittington',
      'school:hillside',
    ]);
    expect(walk.last.effects).toEqual([
      {
        type: EMAIL,
        reference: 'CPC-2026-000042',
        personId: 'teacher-2',
        sequence: 0,
        method: 'REQUEST',
        slot: SLOT,
      },
    ]);
    expect(walk.last.state).toContain('invitations.sending');
  });

  it('an email the mail server rejected is resent by letter', () => {
    const walk = bookedIcpc()
      .send(E.inviteesAgreed, {}, '2026-11-05T09:00:00Z', ACTORS.chair)
      .send(
        E.invitationRejected,
        { personId: 'parent-m', sequence: 0 },
        '2026-11-05T09:01:00Z',
        ACTORS.system,
      );
    expect(walk.invitee('parent-m')?.status).toBe('rejected');
    expect(walk.last.effects.map((e) => e.template)).toEqual(['conference.invitation-rejected']);
    walk.send(E.invitationResent, { personId: 'parent-m', contactBy: 'letter' }, '2026-11-05T11:00:00Z');
    expect(walk.last.effects).toEqual([
      {
        type: LETTER,
        reference: 'CPC-2026-000042',
        personId: 'parent-m',
        sequence: 1,
        method: 'REQUEST',
        slot: SLOT,
      },
    ]);
    expect(walk.invitee('parent-m')).toMatchObject({ status: 'awaiting-post', contactBy: 'letter' });
    expectReplays(walk);
  });
});

describe('conference: refusals by state (409) and by rule (422)', () => {
  it.each([
    [
      'booking before a chair is assigned',
      () => new ConferenceWalk(),
      E.scheduled,
      BOOKING,
      DomainErrorCode.EventNotAccepted,
    ],
    [
      'convening an unbooked conference',
      () => new ConferenceWalk(),
      E.convened,
      {},
      DomainErrorCode.EventNotAccepted,
    ],
    [
      'a delivery report before anything was booked',
      () => new ConferenceWalk(),
      E.invitationSent,
      { personId: 'pc-1', sequence: 0 },
      DomainErrorCode.EventNotAccepted,
    ],
    [
      'rescheduling before booking',
      () => new ConferenceWalk(),
      E.rescheduled,
      { ...BOOKING, reason: 'x' },
      DomainErrorCode.EventNotAccepted,
    ],
    [
      'booking on a Saturday',
      () => bookedIcpcChaired(),
      E.scheduled,
      { ...BOOKING, date: '2026-11-21' },
      DomainErrorCode.GuardRejected,
    ],
    [
      'booking in the past',
      () => bookedIcpcChaired(),
      E.scheduled,
      { ...BOOKING, date: '2026-11-02' },
      DomainErrorCode.GuardRejected,
    ],
    ['convening before the booked day', () => bookedIcpc(), E.convened, {}, DomainErrorCode.GuardRejected],
    [
      'a report from an agency not invited',
      () => bookedIcpc(),
      E.reportReceived,
      { author: 'agency', agencyId: 'probation:london', documentId: 'doc-1' },
      DomainErrorCode.GuardRejected,
    ],
    [
      'sharing the social worker’s report before it is received',
      () => bookedIcpc(),
      E.socialWorkerReportShared,
      { sharedOn: '2026-11-04' },
      DomainErrorCode.GuardRejected,
    ],
    [
      'an answer to an invitation not yet sent',
      () => bookedIcpc(),
      E.invitationAnswered,
      { personId: 'pc-1', answer: 'attending' },
      DomainErrorCode.GuardRejected,
    ],
    [
      'a person added twice',
      () => bookedIcpc(),
      E.inviteeAdded,
      {
        personId: 'gp-1',
        invitedAs: 'professional',
        agencyId: 'gp:park-road',
        professionalGroup: 'gp',
        directContactWith: [],
        contactBy: 'email',
      },
      DomainErrorCode.GuardRejected,
    ],
    [
      'a revised expected date on an ICPC',
      () => new ConferenceWalk(),
      E.deliveryDateRevised,
      { preBirthClock: { latestDate: '2027-01-18', idealDate: '2026-12-01' } },
      DomainErrorCode.GuardRejected,
    ],
  ])('%s', (_name, walkOf, type, payload, code) => {
    const walk = walkOf();
    const before = canonicalJson(walk.last.snapshot);
    expect(walk.refusal(type, payload as Record<string, unknown>, '2026-11-04T12:00:00Z')?.code).toBe(code);
    expect(canonicalJson(walk.last.snapshot)).toBe(before);
  });

  it('names the state and what it accepts in a 409', () => {
    expect(new ConferenceWalk().refusal(E.scheduled, BOOKING, '2026-11-04T12:00:00Z')).toMatchObject({
      code: DomainErrorCode.EventNotAccepted,
      extensions: { state: 'open.awaitingChair' },
    });
  });
});

function bookedIcpcChaired(): ConferenceWalk {
  return new ConferenceWalk().send(
    E.chairAssigned,
    { chairSub: ACTORS.chair.sub, selection: 'area-chair' },
    '2026-11-03T14:00:00Z',
  );
}

describe('conference: its clocks agree with GET /timescales/{kind}', () => {
  const clock = (kind: string, from: string) => computeClock(kind, from, env.settings, env.calendar).dueDate;

  it('ICPC, and the booking’s invitation, report and sharing clocks', () => {
    const walk = bookedIcpc();
    expect(walk.context.clocks).toEqual({
      dueDate: clock('icpc', '2026-11-02'),
      invitationsSendBy: clock('invitations', BOOKING.date),
      reportsDueBy: clock('agency-reports-initial', BOOKING.date),
      reportToParentsBy: clock('sw-report-to-parents', BOOKING.date),
    });
  });

  it('transfer-in', () => {
    const walk = new ConferenceWalk(
      icpcRequest({
        kind: 'transfer-in',
        strategyDiscussions: [],
        section47StartDate: undefined,
        transfer: { transferringAuthorityId: 'la-318', notifiedOn: '2026-11-10' },
      }),
    );
    expect(walk.context.clocks.dueDate).toBe(clock('transfer-in', '2026-11-10'));
  });

  it('pre-birth, with its clock computed by the API from the expected date of delivery (15 March 2027)', () => {
    const preBirthClock = {
      latestDate: clock('pre-birth', '2027-03-15'),
      idealDate: clock('pre-birth-ideal', '2027-03-15'),
    };
    const walk = new ConferenceWalk(preBirthRequest({ preBirthClock }));
    expect(walk.context.clocks.dueDate).toBe(preBirthClock.latestDate);
    expect(walk.context.clocks.dueDate).toBe('2027-02-01');
    walk
      .send(E.chairAssigned, { chairSub: ACTORS.chair.sub, selection: 'area-chair' }, '2026-11-03T14:00:00Z')
      .send(
        E.birthRecorded,
        { unbornPersonId: 'unborn-1', childPersonId: 'child-new' },
        '2026-11-04T09:00:00Z',
      );
    expect(walk.context.clocks.dueDate).toBe(clock('icpc', '2026-11-02'));
  });

  it('a review’s reports by the review setting', () => {
    const walk = new ConferenceWalk(
      icpcRequest({
        kind: 'review',
        strategyDiscussions: [],
        section47StartDate: undefined,
        reviewDueDate: '2027-02-05',
      }),
    )
      .send(E.chairAssigned, { chairSub: ACTORS.chair.sub, selection: 'area-chair' }, '2026-11-03T14:00:00Z')
      .send(E.scheduled, { ...BOOKING, date: '2027-02-01' }, '2026-11-04T09:00:00Z');
    expect(walk.context.clocks.reportsDueBy).toBe(clock('agency-reports-review', '2027-02-01'));
    expect(walk.context.clocks.reportsDueBy).toBe('2027-01-25');
  });
});
