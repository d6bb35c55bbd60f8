import { WorkingDayCalendar } from '../../calendar';
import {
  applyEvent,
  canonicalJson,
  JournalEntryForReplay,
  PersistedWorkflowSnapshot,
  replayJournal,
  startWorkflow,
  TransitionEnv,
  TransitionOutcome,
  WorkflowRegistry,
} from '../../engine';
import { DomainError, DomainErrorCode } from '../../errors';
import { retentionDate } from './rules/retention';
import { DEFAULT_STATUTORY_SETTINGS } from '../../settings';
import {
  AllegationOutcome,
  ASV_EVENTS,
  ASV_REFERRAL_STATES,
  ASV_REFERRAL_TYPE,
  ASV_TRACK_EVENTS,
  AsvReferralContext,
  asvReferralDefinition,
  asvReferralProcess,
  EmploymentOutcome,
  HarmThresholdLimb,
  RedirectRoute,
} from '.';
import { WORKFLOW_DEFINITIONS } from '..';

const env: TransitionEnv = { settings: DEFAULT_STATUTORY_SETTINGS, calendar: new WorkingDayCalendar() };
const definition = asvReferralDefinition;

/** Friday 20 November 2026, 10:00 London. */
const FRIDAY_RECEIPT = '2026-11-20T10:00:00Z';

function asvInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    reference: 'ASV-2026-000123',
    receivedAt: FRIDAY_RECEIPT,
    area: 'north',
    referrer: { type: 'employer', organisationId: 'org-4411', organisationName: 'Northfield Primary School' },
    subjectPersonId: 'person-9001',
    childIds: ['child-1', 'child-2'],
    employerIds: ['org-4411', 'org-7302'],
    concernCategory: 'physical-abuse',
    retentionSettings: { asvRetentionYears: 10, asvNormalRetirementAge: 67 },
    ...overrides,
  };
}

function limbs(
  applying: HarmThresholdLimb[] = [],
): Record<HarmThresholdLimb, { applies: boolean; rationale: string }> {
  const all: HarmThresholdLimb[] = ['harmedChild', 'criminalOffence', 'riskOfHarm', 'transferableRisk'];
  return Object.fromEntries(
    all.map((limb) => [
      limb,
      {
        applies: applying.includes(limb),
        rationale: applying.includes(limb) ? 'Account given' : 'No indication',
      },
    ]),
  ) as Record<HarmThresholdLimb, { applies: boolean; rationale: string }>;
}

function codeOf(
  fn: () => unknown,
): { code: DomainErrorCode; extensions: Record<string, unknown> } | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, extensions: error.extensions };
    throw error;
  }
  return undefined;
}

/** Every template the walks below saw the machine name in a `notify` effect. */
const notifiedTemplates = new Set<string>();
afterAll(() => {
  // Each has the title people read (from the process descriptor), and the walks reached every one.
  expect([...notifiedTemplates].sort()).toEqual(Object.keys(asvReferralProcess.notificationTemplates).sort());
});

function noteTemplates(outcome: TransitionOutcome): TransitionOutcome {
  for (const effect of outcome.effects) {
    if (effect.type === 'notify') notifiedTemplates.add(String(effect.template));
  }
  return outcome;
}

/** Walks one workflow through events, keeping the journal the engine would write, for replay. */
class Walk {
  readonly journal: JournalEntryForReplay[] = [];
  last: TransitionOutcome;
  private seq = 0;

  constructor(input: Record<string, unknown> = asvInput(), at = FRIDAY_RECEIPT) {
    const meta = this.meta(at);
    this.last = noteTemplates(startWorkflow(definition, input, meta, env));
    this.journal.push({
      seq: this.seq,
      eventType: 'workflow.started',
      payload: input,
      meta,
      machineVersion: 1,
    });
  }

  get snapshot(): PersistedWorkflowSnapshot {
    return this.last.snapshot;
  }

  get context(): AsvReferralContext {
    return this.last.snapshot.context as unknown as AsvReferralContext;
  }

  /** Applies the event, or throws without changing the walk. */
  send(type: string, payload: Record<string, unknown> = {}, at = '2026-11-23T09:00:00Z'): this {
    const meta = this.meta(at);
    this.last = noteTemplates(applyEvent(definition, this.last.snapshot, { type, ...payload, meta }, env));
    this.journal.push({ seq: this.seq, eventType: type, payload, meta, machineVersion: 1 });
    return this;
  }

  /** What the engine would answer for the event, without applying it. */
  refusal(type: string, payload: Record<string, unknown> = {}, at = '2026-11-23T09:00:00Z') {
    return codeOf(() =>
      applyEvent(definition, this.last.snapshot, { type, ...payload, meta: this.meta(at) }, env),
    );
  }

  private meta(at: string) {
    this.seq += 1;
    return { at, eventId: `evt-${this.seq}`, actor: { sub: 'user-17', role: 'coordinator' } };
  }
}

const thresholdMet = (walk: Walk, at = '2026-11-23T09:00:00Z') =>
  walk.send(ASV_EVENTS.thresholdMet, { limbs: limbs(['harmedChild', 'criminalOffence']) }, at);
const toLado = (walk: Walk) => thresholdMet(walk).send(ASV_EVENTS.referredToLado, {}, '2026-11-23T15:00:00Z');
const toTracks = (walk: Walk) =>
  toLado(walk).send(ASV_EVENTS.meetingHeld, { heldOn: '2026-11-25' }, '2026-11-25T16:00:00Z');
/**
 * The close payload as the API builds it: the retention computed with retentionDate() from the
 * date of birth, which goes no further.
 */
const closing = (walk: Walk, subjectDateOfBirth?: string) => {
  const { retainUntil, basis } = retentionDate({
    allegationDate: walk.context.receivedAt,
    subjectDateOfBirth,
    outcome: walk.context.outcome?.outcome ?? 'unfounded',
    settings: walk.context.retentionSettings,
  });
  return { retention: { retainUntil, basis } };
};
/** Ten years from the Friday 20 November 2026 receipt: the retention when no later retirement date applies. */
const TEN_YEARS = { retention: { retainUntil: '2036-11-20', basis: 'years-from-allegation' } };
const recordOutcome = (
  walk: Walk,
  outcome: AllegationOutcome,
  employmentOutcome: EmploymentOutcome,
  teacher = false,
) =>
  walk.send(
    ASV_EVENTS.outcomeRecorded,
    { outcome, employmentOutcome, subjectIsTeacher: teacher },
    '2027-01-10T11:00:00Z',
  );

describe('asv-referral: the contact and its screening', () => {
  it('starts in screening with the screening clock due the next working day after a Friday receipt (Monday)', () => {
    const walk = new Walk();
    expect(walk.last.state).toBe('screening');
    expect(walk.last.deadlines).toEqual([
      {
        kind: 'asv-screening',
        ladder: 'asv-screening',
        anchorDate: '2026-11-20',
        dueDate: '2026-11-23',
        dueAt: '2026-11-24T00:00:00.000Z',
      },
    ]);
    expect(walk.last.reference).toBe('ASV-2026-000123');
    expect(walk.last.area).toBe('north');
    expect(walk.last.stuckAfterHours).toBe(48);
    expect(walk.last.effects).toEqual([
      { type: 'notify', role: 'coordinator', template: 'asv.received', reference: 'ASV-2026-000123' },
    ]);
    expect(walk.last.allowedEvents).toEqual(
      [ASV_EVENTS.contactLogged, ASV_EVENTS.redirected, ASV_EVENTS.thresholdMet].sort(),
    );
    expect(walk.context).toMatchObject({
      subjectPersonId: 'person-9001',
      childIds: ['child-1', 'child-2'],
      employerIds: ['org-4411', 'org-7302'],
      referrer: {
        type: 'employer',
        organisationId: 'org-4411',
        organisationName: 'Northfield Primary School',
      },
    });
  });

  it('refuses input that carries a person-identifying field, a bad reference or a date without its offset', () => {
    for (const bad of [
      asvInput({ subjectName: 'A Person' }),
      asvInput({ referrer: { type: 'employer', contactName: 'A Person' } }),
      asvInput({ reference: 'ASV-26-1' }),
      asvInput({ receivedAt: '2026-11-20T10:00:00' }),
      asvInput({ childIds: ['child 1'] }),
      asvInput({ retentionSettings: undefined }),
      asvInput({ concernCategory: 'bad-vibes' }),
    ]) {
      expect(
        codeOf(() =>
          startWorkflow(
            definition,
            bad,
            { at: FRIDAY_RECEIPT, eventId: 'x', actor: { sub: 's', role: 'r' } },
            env,
          ),
        )?.code,
      ).toBe(DomainErrorCode.InvalidInput);
    }
  });

  it.each<[RedirectRoute, string[]]>([
    ['front-door', ['asv.redirected-to-front-door']],
    ['employer-low-level-concern', []],
    ['advice-only', []],
  ])('redirects to %s with its reason, closing the screening clock', (route, templates) => {
    const walk = new Walk().send(ASV_EVENTS.redirected, {
      limbs: limbs(),
      route,
      reason: 'Conduct concern only',
    });
    expect(walk.last.state).toBe('redirected');
    expect(walk.last.deadlines).toEqual([]);
    expect(walk.last.stuckAfterHours).toBeUndefined();
    expect(walk.last.status).toBe('active');
    expect(walk.last.effects.map((e) => e.template)).toEqual(templates);
    expect(walk.context.redirect).toEqual({
      route,
      reason: 'Conduct concern only',
      at: '2026-11-23T09:00:00Z',
    });
    expect(walk.context.screening).toMatchObject({ thresholdMet: false, decidedAt: '2026-11-23T09:00:00Z' });
    expect(walk.last.allowedEvents).toEqual([ASV_EVENTS.reopened, ASV_EVENTS.contactLogged].sort());
  });

  it('answers 400 for a redirect without a reason, or with a blank one, and changes nothing', () => {
    const walk = new Walk();
    const before = canonicalJson(walk.snapshot);
    expect(walk.refusal(ASV_EVENTS.redirected, { limbs: limbs(), route: 'advice-only' })?.code).toBe(
      DomainErrorCode.InvalidInput,
    );
    expect(
      walk.refusal(ASV_EVENTS.redirected, { limbs: limbs(), route: 'advice-only', reason: '   ' })?.code,
    ).toBe(DomainErrorCode.InvalidInput);
    expect(canonicalJson(walk.snapshot)).toBe(before);
  });

  it('answers 400 when a limb is missing its rationale', () => {
    const incomplete = { ...limbs(['riskOfHarm']), harmedChild: { applies: false } };
    expect(new Walk().refusal(ASV_EVENTS.thresholdMet, { limbs: incomplete })?.code).toBe(
      DomainErrorCode.InvalidInput,
    );
  });

  it('answers 422 for threshold met with no limb applying, and for a redirect when a limb applies', () => {
    const walk = new Walk();
    expect(walk.refusal(ASV_EVENTS.thresholdMet, { limbs: limbs() })).toEqual({
      code: DomainErrorCode.GuardRejected,
      extensions: { rules: ['atLeastOneLimbApplies'] },
    });
    expect(
      walk.refusal(ASV_EVENTS.redirected, {
        limbs: limbs(['transferableRisk']),
        route: 'front-door',
        reason: 'x',
      }),
    ).toEqual({ code: DomainErrorCode.GuardRejected, extensions: { rules: ['noLimbApplies'] } });
  });

  it('answers 409 to a second screening decision', () => {
    const walk = thresholdMet(new Walk());
    expect(walk.refusal(ASV_EVENTS.thresholdMet, { limbs: limbs(['harmedChild']) })?.code).toBe(
      DomainErrorCode.EventNotAccepted,
    );
    expect(
      walk.refusal(ASV_EVENTS.redirected, { limbs: limbs(), route: 'advice-only', reason: 'x' })?.code,
    ).toBe(DomainErrorCode.EventNotAccepted);
    const redirected = new Walk().send(ASV_EVENTS.redirected, {
      limbs: limbs(),
      route: 'advice-only',
      reason: 'x',
    });
    expect(
      redirected.refusal(ASV_EVENTS.redirected, { limbs: limbs(), route: 'advice-only', reason: 'x' })?.code,
    ).toBe(DomainErrorCode.EventNotAccepted);
  });

  it('answers 409 to a referral before screening', () => {
    expect(new Walk().refusal(ASV_EVENTS.referredToLado)?.code).toBe(DomainErrorCode.EventNotAccepted);
  });
});

describe('asv-referral: threshold met, the LADO and the meeting', () => {
  it('opens the LADO referral clock on threshold met, one working day from the decision, and closes the screening clock', () => {
    const walk = thresholdMet(new Walk(), '2026-11-27T16:00:00Z'); // a Friday
    expect(walk.last.state).toBe('awaitingLadoReferral');
    expect(walk.last.deadlines).toEqual([
      {
        kind: 'lado-referral',
        ladder: 'lado-referral',
        anchorDate: '2026-11-27',
        dueDate: '2026-11-30',
        dueAt: '2026-12-01T00:00:00.000Z',
      },
    ]);
    expect(walk.context.screening).toMatchObject({ thresholdMet: true, decidedAt: '2026-11-27T16:00:00Z' });
    expect(walk.context.screening?.limbs.harmedChild).toEqual({ applies: true, rationale: 'Account given' });
  });

  it('closes the LADO referral clock on referral, tells the LADO and opens the allegation meeting clock', () => {
    const walk = toLado(new Walk());
    expect(walk.last.state).toBe('ladoInitialConsideration');
    expect(walk.last.effects).toEqual([
      { type: 'notify', role: 'lado', template: 'asv.referred', reference: 'ASV-2026-000123' },
    ]);
    expect(walk.last.deadlines).toEqual([
      expect.objectContaining({
        kind: 'allegation-meeting',
        anchorDate: '2026-11-23',
        dueDate: '2026-11-26',
      }),
    ]);
    expect(walk.context.referredAt).toBe('2026-11-23T15:00:00Z');
    expect(walk.last.stuckAfterHours).toBe(72);
  });

  it('answers 409 to an outcome before the meeting', () => {
    const walk = toLado(new Walk());
    expect(
      walk.refusal(ASV_EVENTS.outcomeRecorded, {
        outcome: 'unfounded',
        employmentOutcome: 'retained',
        subjectIsTeacher: false,
      })?.code,
    ).toBe(DomainErrorCode.EventNotAccepted);
  });

  it('answers 422 to a meeting dated in the future, and 400 to a meeting date-time', () => {
    const walk = toLado(new Walk());
    expect(walk.refusal(ASV_EVENTS.meetingHeld, { heldOn: '2026-11-24' }, '2026-11-23T16:00:00Z')).toEqual({
      code: DomainErrorCode.GuardRejected,
      extensions: { rules: ['meetingDateNotInFuture'] },
    });
    expect(walk.refusal(ASV_EVENTS.meetingHeld, { heldOn: '2026-11-23T10:00:00Z' })?.code).toBe(
      DomainErrorCode.InvalidInput,
    );
  });

  it('moves to the tracks when the meeting is held, closing the meeting clock, and records review meetings', () => {
    const walk = toTracks(new Walk());
    expect(walk.last.state).toBe(
      'tracks.disciplinary.notOpened & tracks.police.notOpened & tracks.section47.notOpened',
    );
    expect(walk.last.deadlines).toEqual([]);
    walk.send(ASV_EVENTS.meetingHeld, { heldOn: '2026-12-10' }, '2026-12-10T15:00:00Z');
    expect(walk.context.meetings).toEqual([
      { heldOn: '2026-11-25', recordedAt: '2026-11-25T16:00:00Z' },
      { heldOn: '2026-12-10', recordedAt: '2026-12-10T15:00:00Z' },
    ]);
  });
});

describe('asv-referral: parallel tracks and the outcome', () => {
  it('keeps police and disciplinary open at once, and refuses the outcome (422) until both have concluded', () => {
    const walk = toTracks(new Walk())
      .send(ASV_TRACK_EVENTS.police.opened, { externalReference: 'CRIME/2026/4471' }, '2026-11-26T10:00:00Z')
      .send(ASV_TRACK_EVENTS.disciplinary.opened, {}, '2026-11-27T10:00:00Z');
    expect(walk.last.state).toBe(
      'tracks.disciplinary.open & tracks.police.open & tracks.section47.notOpened',
    );

    const outcome = { outcome: 'substantiated', employmentOutcome: 'dismissed', subjectIsTeacher: false };
    expect(walk.refusal(ASV_EVENTS.outcomeRecorded, outcome)).toEqual({
      code: DomainErrorCode.GuardRejected,
      extensions: { rules: ['noTrackStillOpen'] },
    });
    walk.send(ASV_TRACK_EVENTS.police.concluded, {}, '2026-12-20T10:00:00Z');
    expect(walk.refusal(ASV_EVENTS.outcomeRecorded, outcome)?.code).toBe(DomainErrorCode.GuardRejected);
    walk.send(ASV_TRACK_EVENTS.disciplinary.concluded, {}, '2027-01-05T10:00:00Z');
    expect(walk.last.state).toBe(
      'tracks.disciplinary.concluded & tracks.police.concluded & tracks.section47.notOpened',
    );
    expect(walk.context.tracks).toEqual([
      {
        track: 'police',
        openedAt: '2026-11-26T10:00:00Z',
        concludedAt: '2026-12-20T10:00:00Z',
        externalReference: 'CRIME/2026/4471',
      },
      {
        track: 'disciplinary',
        openedAt: '2026-11-27T10:00:00Z',
        concludedAt: '2027-01-05T10:00:00Z',
        externalReference: null,
      },
    ]);
    walk.send(ASV_EVENTS.outcomeRecorded, outcome, '2027-01-10T11:00:00Z');
    expect(walk.last.state).toBe('followUps');
  });

  it('answers 409 to opening a track twice and to concluding a track never opened', () => {
    const walk = toTracks(new Walk()).send(ASV_TRACK_EVENTS.section47.opened);
    expect(walk.refusal(ASV_TRACK_EVENTS.section47.opened)?.code).toBe(DomainErrorCode.EventNotAccepted);
    expect(walk.refusal(ASV_TRACK_EVENTS.police.concluded)?.code).toBe(DomainErrorCode.EventNotAccepted);
    walk.send(ASV_TRACK_EVENTS.section47.concluded);
    expect(walk.refusal(ASV_TRACK_EVENTS.section47.concluded)?.code).toBe(DomainErrorCode.EventNotAccepted);
  });

  it.each<AllegationOutcome>(['substantiated', 'malicious', 'false', 'unsubstantiated', 'unfounded'])(
    'records the outcome %s with its resolution time and closes when no follow-up is due',
    (outcome) => {
      const walk = recordOutcome(toTracks(new Walk()), outcome, 'retained');
      expect(walk.last.state).toBe('followUps');
      expect(walk.context.outcome).toEqual({
        outcome,
        employmentOutcome: 'retained',
        subjectIsTeacher: false,
        recordedAt: '2027-01-10T11:00:00Z',
      });
      expect(walk.context.resolvedAt).toBe('2027-01-10T11:00:00Z');
      expect(walk.last.effects).toEqual([]);
      walk.send(ASV_EVENTS.closed, closing(walk), '2027-01-11T09:00:00Z');
      expect(walk.last.state).toBe('closed');
      expect(walk.last.status).toBe('active');
      expect(walk.context.closedAt).toBe('2027-01-11T09:00:00Z');
      expect(walk.context.retention).toEqual({
        retainUntil: '2036-11-20',
        basis: 'years-from-allegation',
        flagForEmployer: outcome === 'malicious',
      });
      expect(walk.last.effects.map((e) => e.template)).toEqual(
        outcome === 'malicious' ? ['asv.malicious-flag-for-employer'] : [],
      );
    },
  );

  it('refuses an outcome outside the five, and an unknown employment outcome (400)', () => {
    const walk = toTracks(new Walk());
    expect(
      walk.refusal(ASV_EVENTS.outcomeRecorded, {
        outcome: 'proven',
        employmentOutcome: 'retained',
        subjectIsTeacher: false,
      })?.code,
    ).toBe(DomainErrorCode.InvalidInput);
    expect(
      walk.refusal(ASV_EVENTS.outcomeRecorded, {
        outcome: 'false',
        employmentOutcome: 'sacked',
        subjectIsTeacher: false,
      })?.code,
    ).toBe(DomainErrorCode.InvalidInput);
  });
});

describe('asv-referral: follow-ups and closure', () => {
  it('requires the DBS and TRA referrals for a teacher dismissed on a substantiated allegation, and blocks closure until both are recorded', () => {
    const walk = recordOutcome(toTracks(new Walk()), 'substantiated', 'dismissed', true);
    expect(walk.last.effects).toEqual([
      { type: 'notify', role: 'lado', template: 'asv.follow-ups-required', reference: 'ASV-2026-000123' },
    ]);
    expect(walk.context.followUps).toEqual({
      dbsReferral: { required: true, recordedAt: null, reference: null },
      traReferral: { required: true, recordedAt: null, reference: null },
    });
    const blocked = {
      code: DomainErrorCode.GuardRejected,
      extensions: { rules: ['readyToClose'] },
    };
    expect(walk.refusal(ASV_EVENTS.closed, TEN_YEARS)).toEqual(blocked);

    walk.send(
      ASV_EVENTS.followUpRecorded,
      { followUp: 'dbs-referral', reference: 'DBS-88120' },
      '2027-01-12T10:00:00Z',
    );
    expect(walk.refusal(ASV_EVENTS.closed, TEN_YEARS)).toEqual(blocked);
    expect(walk.refusal(ASV_EVENTS.followUpRecorded, { followUp: 'dbs-referral' })).toEqual({
      code: DomainErrorCode.GuardRejected,
      extensions: { rules: ['followUpNotAlreadyRecorded'] },
    });

    walk.send(ASV_EVENTS.followUpRecorded, { followUp: 'tra-referral' }, '2027-01-13T10:00:00Z');
    expect(walk.context.followUps).toEqual({
      dbsReferral: { required: true, recordedAt: '2027-01-12T10:00:00Z', reference: 'DBS-88120' },
      traReferral: { required: true, recordedAt: '2027-01-13T10:00:00Z', reference: null },
    });
    const close = closing(walk, '1975-06-30');
    expect(close).toEqual({ retention: { retainUntil: '2042-06-30', basis: 'normal-retirement-age' } });
    walk.send(ASV_EVENTS.closed, close, '2027-01-14T10:00:00Z');
    expect(walk.last.state).toBe('closed');
    expect(walk.context.retention).toEqual({
      retainUntil: '2042-06-30',
      basis: 'normal-retirement-age',
      flagForEmployer: false,
    });
    // The date of birth served the computation only: it is in neither the snapshot nor the journal.
    expect(JSON.stringify(walk.snapshot)).not.toContain('1975-06-30');
    expect(JSON.stringify(walk.journal)).not.toContain('1975-06-30');
  });

  it('requires only the DBS referral for someone who resigned and is not a teacher', () => {
    const walk = recordOutcome(toTracks(new Walk()), 'substantiated', 'resigned', false);
    expect(walk.refusal(ASV_EVENTS.closed, TEN_YEARS)?.code).toBe(DomainErrorCode.GuardRejected);
    walk.send(ASV_EVENTS.followUpRecorded, { followUp: 'dbs-referral' }).send(ASV_EVENTS.closed, TEN_YEARS);
    expect(walk.last.state).toBe('closed');
  });

  it('closes on the retention the caller computed, never on a date of birth (400), and refuses one that breaks the rule (422)', () => {
    const walk = recordOutcome(toTracks(new Walk()), 'malicious', 'retained');
    const refusedByRule = { code: DomainErrorCode.GuardRejected, extensions: { rules: ['readyToClose'] } };
    for (const retention of [
      // Years from the allegation is exactly ten years from the receipt date (London).
      { retainUntil: '2036-11-19', basis: 'years-from-allegation' },
      // A retirement date is later than the ten years, or the ten years would be the basis…
      { retainUntil: '2036-11-20', basis: 'normal-retirement-age' },
      { retainUntil: '2030-01-01', basis: 'normal-retirement-age' },
      // …and no later than the retirement age counted from the allegation (born before it).
      { retainUntil: '2093-11-21', basis: 'normal-retirement-age' },
    ]) {
      expect(walk.refusal(ASV_EVENTS.closed, { retention })).toEqual(refusedByRule);
    }
    for (const bad of [
      {},
      { subjectDateOfBirth: '1975-06-30' },
      { ...TEN_YEARS, subjectDateOfBirth: '1975-06-30' },
      { retention: { retainUntil: '2036-11-20' } },
      { retention: { retainUntil: '2036-11-20T00:00:00Z', basis: 'years-from-allegation' } },
      { retention: { retainUntil: '2036-11-20', basis: 'forever' } },
      { retention: { ...TEN_YEARS.retention, flagForEmployer: false } },
    ]) {
      expect(walk.refusal(ASV_EVENTS.closed, bad)?.code).toBe(DomainErrorCode.InvalidInput);
    }
    walk.send(
      ASV_EVENTS.closed,
      { retention: { retainUntil: '2093-11-20', basis: 'normal-retirement-age' } },
      '2027-01-14T10:00:00Z',
    );
    // The flag for the employer follows the outcome the machine holds, not the caller.
    expect(walk.context.retention).toEqual({
      retainUntil: '2093-11-20',
      basis: 'normal-retirement-age',
      flagForEmployer: true,
    });
  });

  it('answers 409 to a follow-up before the outcome and to closure before the outcome', () => {
    const walk = toTracks(new Walk());
    expect(walk.refusal(ASV_EVENTS.followUpRecorded, { followUp: 'dbs-referral' })?.code).toBe(
      DomainErrorCode.EventNotAccepted,
    );
    expect(walk.refusal(ASV_EVENTS.closed, TEN_YEARS)?.code).toBe(DomainErrorCode.EventNotAccepted);
  });
});

describe('asv-referral: contacts with the referrer and the employer', () => {
  it('logs contacts at several stages, closed included, and never puts them in an effect', () => {
    const walk = new Walk().send(
      ASV_EVENTS.contactLogged,
      { with: 'referrer', channel: 'phone', summary: 'Referrer called with more detail' },
      '2026-11-20T12:00:00Z',
    );
    expect(walk.last.state).toBe('screening');
    expect(walk.last.effects).toEqual([]);
    toTracks(walk).send(
      ASV_EVENTS.contactLogged,
      { with: 'employer', channel: 'email', employerId: 'org-7302', summary: 'Suspension confirmed' },
      '2026-11-26T12:00:00Z',
    );
    expect(walk.last.state).toMatch(/^tracks\./);
    recordOutcome(walk, 'unfounded', 'retained').send(ASV_EVENTS.closed, TEN_YEARS, '2027-01-11T09:00:00Z');
    walk.send(
      ASV_EVENTS.contactLogged,
      { with: 'employer', channel: 'letter', summary: 'Outcome letter' },
      '2027-01-12T09:00:00Z',
    );
    expect(walk.last.state).toBe('closed');
    expect(walk.context.contacts).toEqual([
      {
        at: '2026-11-20T12:00:00Z',
        with: 'referrer',
        channel: 'phone',
        employerId: null,
        summary: 'Referrer called with more detail',
      },
      {
        at: '2026-11-26T12:00:00Z',
        with: 'employer',
        channel: 'email',
        employerId: 'org-7302',
        summary: 'Suspension confirmed',
      },
      {
        at: '2027-01-12T09:00:00Z',
        with: 'employer',
        channel: 'letter',
        employerId: null,
        summary: 'Outcome letter',
      },
    ]);
  });

  it('answers 422 for an employer not on the case or an employer id on a referrer contact, 400 for an overlong summary', () => {
    const walk = new Walk();
    const rule = {
      code: DomainErrorCode.GuardRejected,
      extensions: { rules: ['contactEmployerIsOnTheCase'] },
    };
    expect(
      walk.refusal(ASV_EVENTS.contactLogged, {
        with: 'employer',
        channel: 'phone',
        employerId: 'org-1',
        summary: 'x',
      }),
    ).toEqual(rule);
    expect(
      walk.refusal(ASV_EVENTS.contactLogged, {
        with: 'referrer',
        channel: 'phone',
        employerId: 'org-4411',
        summary: 'x',
      }),
    ).toEqual(rule);
    expect(
      walk.refusal(ASV_EVENTS.contactLogged, {
        with: 'referrer',
        channel: 'phone',
        summary: 'x'.repeat(1001),
      })?.code,
    ).toBe(DomainErrorCode.InvalidInput);
    expect(
      walk.refusal(ASV_EVENTS.contactLogged, { with: 'parent', channel: 'phone', summary: 'x' })?.code,
    ).toBe(DomainErrorCode.InvalidInput);
  });
});

describe('asv-referral: reopening', () => {
  it('reopens a closed case into LADO initial consideration, with a new meeting clock from the reopening', () => {
    const walk = recordOutcome(toTracks(new Walk()), 'unsubstantiated', 'retained').send(
      ASV_EVENTS.closed,
      TEN_YEARS,
      '2027-01-11T09:00:00Z',
    );
    expect(walk.refusal(ASV_EVENTS.reopened)?.code).toBe(DomainErrorCode.InvalidInput);
    walk.send(ASV_EVENTS.reopened, { reason: 'New information from the police' }, '2027-03-01T10:00:00Z');
    expect(walk.last.state).toBe('ladoInitialConsideration');
    expect(walk.last.effects).toEqual([
      { type: 'notify', role: 'lado', template: 'asv.reopened', reference: 'ASV-2026-000123' },
    ]);
    expect(walk.last.deadlines).toEqual([
      expect.objectContaining({
        kind: 'allegation-meeting',
        anchorDate: '2027-03-01',
        dueDate: '2027-03-04',
      }),
    ]);
    expect(walk.context).toMatchObject({
      reopenings: [{ at: '2027-03-01T10:00:00Z', from: 'closed', reason: 'New information from the police' }],
      outcome: null,
      resolvedAt: null,
      closedAt: null,
      retention: null,
    });
    // The tracks start afresh after the next meeting; earlier episodes stay in the record.
    walk
      .send(ASV_EVENTS.meetingHeld, { heldOn: '2027-03-02' }, '2027-03-02T15:00:00Z')
      .send(ASV_TRACK_EVENTS.police.opened, {}, '2027-03-03T10:00:00Z');
    expect(walk.last.state).toBe(
      'tracks.disciplinary.notOpened & tracks.police.open & tracks.section47.notOpened',
    );
  });

  it('reopens a redirected contact into screening, with a new screening clock from the reopening', () => {
    const walk = new Walk()
      .send(ASV_EVENTS.redirected, {
        limbs: limbs(),
        route: 'employer-low-level-concern',
        reason: 'Low-level',
      })
      .send(ASV_EVENTS.reopened, { reason: 'A second, similar report' }, '2026-12-04T16:00:00Z'); // a Friday
    expect(walk.last.state).toBe('screening');
    expect(walk.last.effects.map((e) => [e.role, e.template])).toEqual([['coordinator', 'asv.reopened']]);
    expect(walk.last.deadlines).toEqual([
      expect.objectContaining({ kind: 'asv-screening', anchorDate: '2026-12-04', dueDate: '2026-12-07' }),
    ]);
    expect(walk.context).toMatchObject({
      receivedAt: FRIDAY_RECEIPT,
      screening: null,
      redirect: null,
      reopenings: [{ at: '2026-12-04T16:00:00Z', from: 'redirected', reason: 'A second, similar report' }],
    });
    thresholdMet(walk, '2026-12-07T09:00:00Z');
    expect(walk.last.state).toBe('awaitingLadoReferral');
  });

  it('answers 409 to reopening a case that is not closed or redirected', () => {
    expect(new Walk().refusal(ASV_EVENTS.reopened, { reason: 'x' })?.code).toBe(
      DomainErrorCode.EventNotAccepted,
    );
    expect(toTracks(new Walk()).refusal(ASV_EVENTS.reopened, { reason: 'x' })?.code).toBe(
      DomainErrorCode.EventNotAccepted,
    );
  });
});

describe('asv-referral: deadlines and replay', () => {
  it('escalates an unmet screening deadline without changing the state (the engine handles the step)', () => {
    const walk = new Walk().send(
      'deadline.step',
      { kind: 'asv-screening', step: 'due', deadlineId: 'd1' },
      '2026-11-24T00:00:00Z',
    );
    expect(walk.last.changed).toBe(false);
    expect(walk.last.state).toBe('screening');
    expect(walk.last.effects).toEqual([
      { type: 'deadline.escalate', kind: 'asv-screening', step: 'due', deadlineId: 'd1' },
    ]);
  });

  it('rebuilds the snapshot of a long path from its journal alone', () => {
    const walk = new Walk()
      .send(
        ASV_EVENTS.contactLogged,
        { with: 'referrer', channel: 'phone', summary: 'More detail' },
        '2026-11-20T12:00:00Z',
      )
      .send(
        ASV_EVENTS.redirected,
        { limbs: limbs(), route: 'front-door', reason: 'Welfare' },
        '2026-11-23T09:00:00Z',
      )
      .send(ASV_EVENTS.reopened, { reason: 'Police information' }, '2026-11-24T09:00:00Z');
    thresholdMet(walk, '2026-11-24T11:00:00Z')
      .send(ASV_EVENTS.referredToLado, {}, '2026-11-24T12:00:00Z')
      .send(ASV_EVENTS.meetingHeld, { heldOn: '2026-11-26' }, '2026-11-26T17:00:00Z')
      .send(ASV_TRACK_EVENTS.police.opened, { externalReference: 'CRIME/1' }, '2026-11-27T09:00:00Z')
      .send(ASV_TRACK_EVENTS.disciplinary.opened, {}, '2026-11-27T10:00:00Z')
      .send(ASV_TRACK_EVENTS.section47.opened, {}, '2026-11-27T11:00:00Z')
      .send(ASV_TRACK_EVENTS.section47.concluded, {}, '2026-12-10T11:00:00Z')
      .send(ASV_EVENTS.meetingHeld, { heldOn: '2026-12-11' }, '2026-12-11T17:00:00Z')
      .send(ASV_TRACK_EVENTS.police.concluded, {}, '2027-01-05T09:00:00Z')
      .send(ASV_TRACK_EVENTS.disciplinary.concluded, {}, '2027-01-08T09:00:00Z');
    recordOutcome(walk, 'substantiated', 'dismissed', true)
      .send(ASV_EVENTS.followUpRecorded, { followUp: 'dbs-referral' }, '2027-01-12T09:00:00Z')
      .send(ASV_EVENTS.followUpRecorded, { followUp: 'tra-referral' }, '2027-01-13T09:00:00Z')
      .send(ASV_EVENTS.closed, closing(walk, '1990-01-01'), '2027-01-14T09:00:00Z')
      .send(ASV_EVENTS.reopened, { reason: 'Appeal upheld' }, '2027-02-01T09:00:00Z')
      .send(
        ASV_EVENTS.contactLogged,
        { with: 'employer', channel: 'meeting', summary: 'Appeal' },
        '2027-02-02T09:00:00Z',
      );
    expect(walk.last.state).toBe('ladoInitialConsideration');

    const replayed = replayJournal(
      ASV_REFERRAL_TYPE,
      walk.journal,
      new WorkflowRegistry(WORKFLOW_DEFINITIONS),
      env,
    );
    expect(canonicalJson(replayed)).toBe(canonicalJson(walk.snapshot));
  });
});

describe('asv-referral: the definition', () => {
  it('lists its top-level states and is registered', () => {
    expect([...ASV_REFERRAL_STATES].sort()).toEqual(
      Object.keys(asvReferralDefinition.machine.root.states).sort(),
    );
    expect(WORKFLOW_DEFINITIONS).toContain(asvReferralDefinition);
    expect(new WorkflowRegistry(WORKFLOW_DEFINITIONS).latest(ASV_REFERRAL_TYPE)).toBe(asvReferralDefinition);
  });

  it('declares a payload class (or none) for exactly the events the machine handles', () => {
    const handled = new Set<string>();
    const visit = (node: { ownEvents: string[]; states: Record<string, unknown> }) => {
      node.ownEvents.forEach((type) => handled.add(type));
      Object.values(node.states).forEach((child) => visit(child as typeof node));
    };
    visit(
      asvReferralDefinition.machine.root as unknown as {
        ownEvents: string[];
        states: Record<string, unknown>;
      },
    );
    expect([...handled].sort()).toEqual(Object.keys(asvReferralDefinition.events).sort());
    expect(Object.values(ASV_EVENTS).sort()).toEqual(Object.keys(asvReferralDefinition.events).sort());
  });
});
