import { canonicalJson, replayJournal, WorkflowRegistry } from '../../engine';
import { DomainErrorCode } from '../../errors';
import type { SendPackEffect } from './distribution.effects';
import { distributionDefinition } from './distribution.definition';
import { draftList, partWithholdings } from './distribution.facts';
import {
  ACTORS,
  conferenceHeld,
  DECISIONS_V1,
  DistributionWalk,
  env,
  FIGURES,
  MINUTES_V1,
  part,
  POLICE_REPORT,
  SCHOOL_REPORT,
} from './distribution.test-support';

const DAY1 = '2026-11-24T09:00:00.000Z';
const WEEK2 = '2026-12-01T10:00:00.000Z';
const WEEK3 = '2026-12-08T10:00:00.000Z';
const WEEK4 = '2026-12-15T10:00:00.000Z';

const sendsOf = (walk: DistributionWalk) =>
  walk.last.effects.filter((e) => e.type === 'distribution.send-pack') as unknown as SendPackEffect[];
const partsFor = (sends: SendPackEffect[], recipientId: string) =>
  sends.find((s) => s.recipientId === recipientId)?.partIds;

/** Held, decisions drafted and approved by the chair with the draft list. */
function decisionsApproved(): DistributionWalk {
  const walk = new DistributionWalk();
  walk.send('decisions.registered', DECISIONS_V1, '2026-11-23T17:00:00.000Z');
  return walk.send(
    'decisions.approved',
    draftList(walk.context, 'decisions'),
    '2026-11-23T17:30:00.000Z',
    ACTORS.chair,
  );
}

/** …decisions out; the GP added; minutes and both reports registered; minutes approved, the GP needing the mother's address. */
function minutesApproved(): DistributionWalk {
  const walk = decisionsApproved().deliverAll('decisions', DAY1);
  walk.send('recipient.added', { personId: 'gp', role: 'professional', hasEmail: true }, WEEK2, ACTORS.chair);
  walk.send('minutes.registered', MINUTES_V1, WEEK2);
  walk.send('report.registered', POLICE_REPORT, WEEK2);
  walk.send('report.registered', SCHOOL_REPORT, WEEK2);
  const list = {
    ...draftList(walk.context, 'minutes'),
    addressNeeds: [{ professionalId: 'gp', addressOfPersonId: 'mother' }],
  };
  // With the need marked, the GP may have the address: the draft did not give it, so add it.
  const gp = list.recipients.find((r) => r.recipientId === 'gp')!;
  gp.documents = gp.documents.map((d) =>
    d.documentId === 'minutes'
      ? { ...d, partIds: ['minutes-main', 'minutes-section-1', 'minutes-address-mother'] }
      : d,
  );
  return walk.send('minutes.approved', list, WEEK3, ACTORS.chair);
}

describe('distribution machine: the happy path', () => {
  it('opens the decisions clock (next working day) and the minutes clock (15 working days) at the start', () => {
    const walk = new DistributionWalk();
    expect(walk.last.state).toBe(
      'open.corrections.none & open.decisions.awaitingDraft & open.minutes.drafting',
    );
    expect(walk.last.deadlines.map((d) => [d.kind, d.dueDate])).toEqual([
      ['distribution-decisions', '2026-11-24'],
      ['distribution-minutes', '2026-12-14'],
    ]);
    expect(walk.last.allowedEvents).toEqual(
      expect.arrayContaining(['decisions.registered', 'minutes.registered', 'report.registered']),
    );
    expect(walk.last.allowedEvents).not.toContain('decisions.approved');
  });

  it('sends the decisions to every invitee, parents included (the father by letter), each with its link expiry', () => {
    const walk = decisionsApproved();
    const sends = sendsOf(walk);
    expect(sends.map((s) => [s.recipientId, s.channel, s.partIds])).toEqual([
      ['mother', 'email', ['decisions-main']],
      ['father', 'letter', ['decisions-main']],
      ['grandmother', 'email', ['decisions-main']],
      ['social-worker', 'email', ['decisions-main']],
      ['police', 'email', ['decisions-main']],
    ]);
    expect(sends[0]).toEqual({
      type: 'distribution.send-pack',
      reference: 'CPC-2026-000042',
      packId: 'decisions.1.mother',
      recipientId: 'mother',
      round: 'decisions',
      issue: 1,
      attempt: 1,
      channel: 'email',
      documents: [{ documentId: 'decisions', version: 1, partIds: ['decisions-main'] }],
      partIds: ['decisions-main'],
      // 28 days (personalLinkExpiryDays) from the day it was queued.
      linkExpiresOn: '2026-12-21',
    });
    expect(walk.last.state).toContain('open.decisions.sending');
    walk.deliverAll('decisions', DAY1);
    expect(walk.last.state).toContain('open.decisions.sent');
    expect(walk.last.deadlines.map((d) => d.kind)).toEqual(['distribution-minutes']);
  });

  it("keeps the excluded section and the confidential address out of the father's pack, and the police report from the family", () => {
    const walk = minutesApproved();
    const sends = sendsOf(walk);
    expect(partsFor(sends, 'father')).toEqual(['minutes-main', 'report-school-body']);
    expect(partsFor(sends, 'mother')).toEqual([
      'minutes-main',
      'minutes-section-1',
      'minutes-address-mother',
      'report-school-body',
    ]);
    expect(partsFor(sends, 'grandmother')).toEqual([
      'minutes-main',
      'minutes-section-1',
      'report-school-body',
    ]);
    expect(partsFor(sends, 'police')).toEqual([
      'minutes-main',
      'minutes-section-1',
      'report-police-body',
      'report-school-body',
    ]);
    expect(partsFor(sends, 'gp')).toEqual([
      'minutes-main',
      'minutes-section-1',
      'minutes-address-mother',
      'report-police-body',
      'report-school-body',
    ]);
    walk.deliverAll('minutes', WEEK3);
    expect(walk.last.state).toContain('open.minutes.sent');
    expect(walk.context.clocks.minutesDueBy).toBeNull();
    expect(walk.last.deadlines).toEqual([]);
    // Delivered on Tuesday 8 December: corrections until the 10th working day after.
    expect(walk.pack('minutes.1.mother')).toMatchObject({
      status: 'delivered',
      correctionsCloseOn: '2026-12-22',
    });
    expect(walk.pack('minutes.1.father')).toMatchObject({
      status: 'sent',
      channel: 'letter',
      correctionsCloseOn: '2026-12-22',
    });
  });

  it('shows who may not receive each part, and why', () => {
    const walk = minutesApproved();
    const of = (partId: string) =>
      partWithholdings(walk.context, 'minutes').find((p) => p.partId === partId)?.withheldFrom;
    expect(of('minutes-main')).toEqual([]);
    expect(of('minutes-section-1')).toEqual([{ recipientId: 'father', rules: ['excluded-section'] }]);
    expect(of('minutes-address-mother')).toEqual([
      { recipientId: 'father', rules: ['confidential-address'] },
      { recipientId: 'grandmother', rules: ['confidential-address'] },
      { recipientId: 'social-worker', rules: ['confidential-address'] },
      { recipientId: 'police', rules: ['confidential-address'] },
      { recipientId: 'gp', rules: ['confidential-address'] },
    ]);
    expect(of('report-police-body')?.map((w) => w.recipientId)).toEqual(['mother', 'father', 'grandmother']);
  });

  it('takes a correction, and an accepted one issues version 2 to the same list, superseding the old packs', () => {
    const walk = minutesApproved().deliverAll('minutes', WEEK3);
    walk.send('pack.opened', { packId: 'minutes.1.mother' }, '2026-12-09T08:00:00.000Z', ACTORS.system);
    walk.send(
      'correction.requested',
      { packId: 'minutes.1.mother', correctionId: 'corr-1' },
      '2026-12-09T09:00:00.000Z',
    );
    expect(walk.last.state).toContain('open.corrections.awaitingAnswer');
    expect(walk.last.deadlines.map((d) => [d.kind, d.dueDate])).toEqual([
      ['distribution-correction-answer', '2026-12-16'],
    ]);

    walk.send('correction.answered', { correctionId: 'corr-1', accepted: true }, WEEK4, ACTORS.chair);
    expect(walk.last.state).toBe('open.corrections.none & open.decisions.sent & open.minutes.revising');
    expect(walk.last.deadlines).toEqual([]);

    // Version 2: a corrected main part; the excluded section and the address carried unchanged.
    walk.send(
      'minutes.registered',
      { origin: 'uploaded', parts: [part('minutes-main-v2'), ...MINUTES_V1.parts.slice(1)] },
      WEEK4,
    );
    expect(walk.last.state).toContain('open.minutes.awaitingApproval');
    walk.send('minutes.approved', draftList(walk.context, 'minutes'), WEEK4, ACTORS.chair);

    const sends = sendsOf(walk);
    expect(sends.map((s) => s.recipientId).sort()).toEqual([
      'father',
      'gp',
      'grandmother',
      'mother',
      'police',
      'social-worker',
    ]);
    expect(
      sends.every((s) => s.issue === 2 && s.documents.find((d) => d.documentId === 'minutes')?.version === 2),
    ).toBe(true);
    expect(partsFor(sends, 'father')).toEqual(['minutes-main-v2', 'report-school-body']);
    const revoked = walk.last.effects.filter((e) => e.type === 'distribution.revoke-pack');
    expect(revoked).toHaveLength(6);
    expect(revoked).toContainEqual({
      type: 'distribution.revoke-pack',
      reference: 'CPC-2026-000042',
      packId: 'minutes.1.mother',
      recipientId: 'mother',
      reason: 'superseded',
    });
    expect(walk.pack('minutes.1.mother')).toMatchObject({
      status: 'superseded',
      supersededBy: 'minutes.2.mother',
    });
    expect(walk.pack('decisions.1.mother')?.status).toBe('delivered');
    expect(walk.context.corrections[0]).toMatchObject({
      issuedIn: 2,
      answer: { accepted: true, by: 'chair-7' },
    });
    walk.deliverAll('minutes', WEEK4);
    expect(walk.last.state).toContain('open.minutes.sent');
  });

  it('revokes a pack sent in error: its link stops and one data-protection incident is recorded', () => {
    const walk = minutesApproved().deliverAll('minutes', WEEK3);
    walk.send('pack.opened', { packId: 'minutes.1.police' }, '2026-12-09T08:00:00.000Z', ACTORS.system);
    walk.send(
      'pack.revoked',
      { packId: 'minutes.1.police', reason: 'wrong-recipient' },
      '2026-12-09T11:00:00.000Z',
    );
    expect(walk.pack('minutes.1.police')).toMatchObject({
      status: 'revoked',
      revokedAt: '2026-12-09T11:00:00.000Z',
    });
    const exposed = ['minutes-main', 'minutes-section-1', 'report-police-body', 'report-school-body'];
    expect(walk.context.incidents).toEqual([
      {
        incidentId: 'incident.minutes.1.police',
        packId: 'minutes.1.police',
        recipientId: 'police',
        exposedPartIds: exposed,
        documents: [
          { documentId: 'minutes', version: 1, partIds: ['minutes-main', 'minutes-section-1'] },
          { documentId: 'report:report-police', version: 1, partIds: ['report-police-body'] },
          { documentId: 'report:report-school', version: 1, partIds: ['report-school-body'] },
        ],
        statusAtRevocation: 'delivered',
        sentAt: WEEK3,
        opened: true,
        firstOpenedAt: '2026-12-09T08:00:00.000Z',
        revokedAt: '2026-12-09T11:00:00.000Z',
        revokedBy: 'coord-1',
        reason: 'wrong-recipient',
      },
    ]);
    expect(walk.last.effects.map((e) => e.type)).toEqual([
      'distribution.revoke-pack',
      'distribution.data-protection-incident',
      'notify',
    ]);
    expect(walk.last.effects[1]).toMatchObject({
      recipientId: 'police',
      exposedPartIds: exposed,
      opened: true,
      revokedBy: 'coord-1',
      reason: 'wrong-recipient',
    });
    // Revoked once: a second revocation is refused, and no second incident.
    expect(walk.refusal('pack.revoked', { packId: 'minutes.1.police', reason: 'other' }, WEEK4)?.code).toBe(
      DomainErrorCode.GuardRejected,
    );
    // A revoked pack's recipient gets no corrected version: the same list is the list still standing.
    expect(draftList(walk.context, 'minutes').recipients.map((r) => r.recipientId)).not.toContain('police');
  });

  it("records each link's expiry from the authority's setting, renewed when a pack is sent again", () => {
    const walk = new DistributionWalk(conferenceHeld({ figures: { ...FIGURES, personalLinkExpiryDays: 7 } }));
    walk.send('decisions.registered', DECISIONS_V1, '2026-11-23T17:00:00.000Z');
    walk.send(
      'decisions.approved',
      draftList(walk.context, 'decisions'),
      '2026-11-23T17:30:00.000Z',
      ACTORS.chair,
    );
    expect(new Set(sendsOf(walk).map((s) => s.linkExpiresOn))).toEqual(new Set(['2026-11-30']));
    walk.send('pack.rejected', { packId: 'decisions.1.mother', attempt: 1 }, DAY1, ACTORS.system);
    walk.send('pack.resent', { packId: 'decisions.1.mother', channel: 'email' }, '2026-11-26T10:00:00.000Z');
    expect(sendsOf(walk)[0]).toMatchObject({ attempt: 2, linkExpiresOn: '2026-12-03' });
    expect(walk.pack('decisions.1.mother')?.linkExpiresOn).toBe('2026-12-03');
  });

  it('resends a rejected email, as a letter if need be, as the next attempt of the same pack; the clock stays open meanwhile', () => {
    const walk = decisionsApproved();
    walk.send('pack.rejected', { packId: 'decisions.1.police', attempt: 1 }, DAY1, ACTORS.system);
    expect(walk.last.effects).toEqual([
      {
        type: 'notify',
        role: 'coordinator',
        template: 'distribution.pack-rejected',
        reference: 'CPC-2026-000042',
      },
    ]);
    walk.deliverAll('decisions', DAY1);
    expect(walk.last.state).toContain('open.decisions.sending');
    expect(walk.last.deadlines.map((d) => d.kind)).toContain('distribution-decisions');
    walk.send('pack.resent', { packId: 'decisions.1.police', channel: 'letter' }, DAY1);
    expect(sendsOf(walk)).toEqual([
      expect.objectContaining({ packId: 'decisions.1.police', attempt: 2, channel: 'letter' }),
    ]);
    expect(
      walk.refusal('pack.sent', { packId: 'decisions.1.police', attempt: 1 }, DAY1, ACTORS.system)?.code,
    ).toBe(DomainErrorCode.GuardRejected);
    walk.send('pack.sent', { packId: 'decisions.1.police', attempt: 2 }, DAY1, ACTORS.system);
    expect(walk.last.state).toContain('open.decisions.sent');
  });
});

describe('distribution machine: refusals', () => {
  const breaking = (walk: DistributionWalk, recipientId: string, documentId: string, partIds: string[]) => {
    const list = draftList(walk.context, 'minutes');
    return {
      ...list,
      recipients: list.recipients.map((r) =>
        r.recipientId === recipientId
          ? {
              ...r,
              documents: [...r.documents.filter((d) => d.documentId !== documentId), { documentId, partIds }],
            }
          : r,
      ),
    };
  };
  function readyForMinutes(): DistributionWalk {
    const walk = decisionsApproved().deliverAll('decisions', DAY1);
    walk.send('minutes.registered', MINUTES_V1, WEEK2);
    walk.send('report.registered', POLICE_REPORT, WEEK2);
    return walk;
  }

  it.each<[string, string, string, string[], Record<string, string>]>([
    [
      'the father the section he was excluded from',
      'father',
      'minutes',
      ['minutes-main', 'minutes-section-1'],
      { rule: 'excluded-section', recipientId: 'father', documentId: 'minutes', partId: 'minutes-section-1' },
    ],
    [
      'the mother a report not for sharing with parents',
      'mother',
      'report:report-police',
      ['report-police-body'],
      {
        rule: 'report-not-for-parents',
        recipientId: 'mother',
        documentId: 'report:report-police',
        partId: 'report-police-body',
      },
    ],
    [
      "the police the mother's confidential address, not marked as needing it",
      'police',
      'minutes',
      ['minutes-main', 'minutes-address-mother'],
      {
        rule: 'confidential-address',
        recipientId: 'police',
        documentId: 'minutes',
        partId: 'minutes-address-mother',
      },
    ],
    [
      "the grandmother the mother's confidential address",
      'grandmother',
      'minutes',
      ['minutes-address-mother'],
      {
        rule: 'confidential-address',
        recipientId: 'grandmother',
        documentId: 'minutes',
        partId: 'minutes-address-mother',
      },
    ],
    [
      'a part the minutes do not have',
      'police',
      'minutes',
      ['decisions-main'],
      { rule: 'unknown-part', recipientId: 'police', documentId: 'minutes', partId: 'decisions-main' },
    ],
    [
      'a document of the other round',
      'police',
      'decisions',
      ['decisions-main'],
      { rule: 'document-not-in-round', recipientId: 'police', documentId: 'decisions' },
    ],
  ])(
    'refuses (422) giving %s, naming the rule and the recipient',
    (_case, recipientId, documentId, partIds, violation) => {
      const walk = readyForMinutes();
      const refusal = walk.refusal(
        'minutes.approved',
        breaking(walk, recipientId, documentId, partIds),
        WEEK3,
        ACTORS.chair,
      );
      expect(refusal).toEqual({
        code: DomainErrorCode.GuardRejected,
        extensions: { rules: ['listKeepsTheRules'], violations: [violation] },
      });
    },
  );

  it('refuses someone not on the list of people, an approval by anyone but the conference chair, and decisions leaving an invitee out', () => {
    const walk = readyForMinutes();
    const stranger = { recipients: [{ recipientId: 'stranger', documents: [] }], addressNeeds: [] };
    expect(walk.refusal('minutes.approved', stranger, WEEK3, ACTORS.chair)?.extensions.violations).toEqual([
      { rule: 'unknown-recipient', recipientId: 'stranger' },
    ]);
    const list = draftList(walk.context, 'minutes');
    expect(walk.refusal('minutes.approved', list, WEEK3, ACTORS.otherChair)?.extensions.violations).toEqual([
      { rule: 'not-the-chair' },
    ]);
    expect(walk.refusal('minutes.approved', list, WEEK3, ACTORS.coordinator)?.extensions.violations).toEqual([
      { rule: 'not-the-chair' },
    ]);

    const fresh = new DistributionWalk().send('decisions.registered', DECISIONS_V1, DAY1);
    const withoutFather = draftList(fresh.context, 'decisions');
    withoutFather.recipients = withoutFather.recipients.filter((r) => r.recipientId !== 'father');
    expect(
      fresh.refusal('decisions.approved', withoutFather, DAY1, ACTORS.chair)?.extensions.violations,
    ).toEqual([{ rule: 'invitee-missing', recipientId: 'father' }]);
  });

  it('refuses a corrected version to anyone not on the list it corrects, or leaving one of them out', () => {
    const walk = minutesApproved().deliverAll('minutes', WEEK3);
    walk.send('correction.requested', { packId: 'minutes.1.father', correctionId: 'corr-1' }, WEEK3);
    walk.send('correction.answered', { correctionId: 'corr-1', accepted: true }, WEEK3, ACTORS.chair);
    walk.send(
      'recipient.added',
      { personId: 'school-nurse', role: 'professional', hasEmail: true },
      WEEK3,
      ACTORS.chair,
    );
    walk.send('minutes.registered', { origin: 'uploaded', parts: [part('minutes-main-v2')] }, WEEK3);
    const list = draftList(walk.context, 'minutes');
    const changed = {
      ...list,
      recipients: [
        ...list.recipients.filter((r) => r.recipientId !== 'gp'),
        { recipientId: 'school-nurse', documents: [{ documentId: 'minutes', partIds: ['minutes-main-v2'] }] },
      ],
    };
    expect(walk.refusal('minutes.approved', changed, WEEK4, ACTORS.chair)?.extensions.violations).toEqual([
      { rule: 'recipient-missing', recipientId: 'gp' },
      { rule: 'recipient-not-on-the-list', recipientId: 'school-nurse' },
    ]);
  });

  it('answers 409 to an event its state does not take, and changes nothing', () => {
    const walk = new DistributionWalk();
    // Nothing to approve yet.
    expect(
      walk.refusal('decisions.approved', { recipients: [], addressNeeds: [] }, DAY1, ACTORS.chair)?.code,
    ).toBe(DomainErrorCode.InvalidInput);
    expect(
      walk.refusal(
        'minutes.approved',
        { recipients: [{ recipientId: 'mother', documents: [] }], addressNeeds: [] },
        DAY1,
        ACTORS.chair,
      )?.code,
    ).toBe(DomainErrorCode.EventNotAccepted);
    expect(
      walk.refusal('correction.answered', { correctionId: 'c1', accepted: true }, DAY1, ACTORS.chair)?.code,
    ).toBe(DomainErrorCode.EventNotAccepted);

    const sent = decisionsApproved().deliverAll('decisions', DAY1);
    expect(sent.refusal('decisions.registered', DECISIONS_V1, DAY1)?.code).toBe(
      DomainErrorCode.EventNotAccepted,
    );
    expect(
      sent.refusal('decisions.approved', draftList(sent.context, 'decisions'), DAY1, ACTORS.chair)?.code,
    ).toBe(DomainErrorCode.EventNotAccepted);
    const minutesSent = minutesApproved().deliverAll('minutes', WEEK3);
    expect(minutesSent.refusal('minutes.registered', MINUTES_V1, WEEK3)?.code).toBe(
      DomainErrorCode.EventNotAccepted,
    );
    expect(minutesSent.refusal('report.registered', SCHOOL_REPORT, WEEK3)?.code).toBe(
      DomainErrorCode.EventNotAccepted,
    );
  });

  it('refuses (422) what the rules do not allow in a state that takes the event', () => {
    const walk = minutesApproved().deliverAll('minutes', WEEK3);
    const refused = (
      type: string,
      payload: Record<string, unknown>,
      at = WEEK3,
      actor = ACTORS.coordinator,
    ) => walk.refusal(type, payload, at, actor)?.extensions.rules;
    expect(refused('pack.opened', { packId: 'minutes.1.queued-never' })).toEqual(['packOpensFirstTime']);
    walk.send('pack.opened', { packId: 'minutes.1.mother' }, WEEK3, ACTORS.system);
    expect(refused('pack.opened', { packId: 'minutes.1.mother' })).toEqual(['packOpensFirstTime']);
    expect(refused('pack.delivered', { packId: 'minutes.1.father', attempt: 1 })).toEqual(['emailWasSent']);
    expect(refused('recipient.added', { personId: 'gp2', role: 'professional', hasEmail: true })).toEqual([
      'chairAddsNewRecipient',
    ]);
    expect(
      refused('recipient.added', { personId: 'mother', role: 'parent', hasEmail: true }, WEEK3, ACTORS.chair),
    ).toEqual(['chairAddsNewRecipient']);
    // The window: ten working days from delivery on 8 December closes on 22 December.
    expect(
      refused(
        'correction.requested',
        { packId: 'minutes.1.mother', correctionId: 'c9' },
        '2026-12-23T10:00:00.000Z',
      ),
    ).toEqual(['correctionWithinWindow']);
    expect(refused('correction.requested', { packId: 'decisions.1.mother', correctionId: 'c9' })).toEqual([
      'correctionWithinWindow',
    ]);
    walk.send(
      'correction.requested',
      { packId: 'minutes.1.mother', correctionId: 'c1' },
      '2026-12-22T10:00:00.000Z',
    );
    expect(refused('correction.requested', { packId: 'minutes.1.grandmother', correctionId: 'c1' })).toEqual([
      'correctionWithinWindow',
    ]);
    expect(
      refused('correction.answered', { correctionId: 'c1', accepted: false }, WEEK4, ACTORS.coordinator),
    ).toEqual(['chairAnswersPendingCorrection']);
    walk.send('correction.answered', { correctionId: 'c1', accepted: false }, WEEK4, ACTORS.chair);
    expect(walk.last.state).toBe('open.corrections.none & open.decisions.sent & open.minutes.sent');
  });

  it('refuses a part naming a fact the conference did not give, or a part id reused with other bytes', () => {
    const walk = new DistributionWalk();
    const rules = (type: string, payload: Record<string, unknown>) =>
      walk.refusal(type, payload, DAY1)?.extensions.rules;
    expect(
      rules('minutes.registered', {
        origin: 'uploaded',
        parts: [part('x', 'excluded-section', { sectionId: 'section-9' })],
      }),
    ).toEqual(['minutesPartsAreSound']);
    expect(
      rules('minutes.registered', {
        origin: 'uploaded',
        parts: [part('x', 'confidential-address', { addressOfPersonId: 'father' })],
      }),
    ).toEqual(['minutesPartsAreSound']);
    expect(rules('report.registered', { ...POLICE_REPORT, reportId: 'report-unknown' })).toEqual([
      'reportPartsAreSound',
    ]);
    expect(rules('report.registered', { ...POLICE_REPORT, parts: [part('body', 'main')] })).toEqual([
      'reportPartsAreSound',
    ]);
    walk.send('decisions.registered', DECISIONS_V1, DAY1);
    expect(rules('minutes.registered', { origin: 'uploaded', parts: [part('decisions-main')] })).toEqual([
      'minutesPartsAreSound',
    ]);
    expect(
      rules('decisions.registered', {
        origin: 'uploaded',
        parts: [{ ...part('decisions-main'), sha256: 'f'.repeat(64) }],
      }),
    ).toEqual(['decisionsPartsAreSound']);
  });

  it("refuses a draft from the other document's template", () => {
    const walk = new DistributionWalk();
    expect(
      walk.refusal('decisions.registered', { ...DECISIONS_V1, templateId: 'conference-minutes' }, DAY1)
        ?.extensions.rules,
    ).toEqual(['decisionsPartsAreSound']);
    expect(
      walk.refusal(
        'minutes.registered',
        { ...MINUTES_V1, origin: 'template', templateId: 'decisions-and-outline-plan' },
        DAY1,
      )?.extensions.rules,
    ).toEqual(['minutesPartsAreSound']);
  });

  it('refuses (400) a payload with personal data or unknown fields, and a part carrying content', () => {
    const walk = new DistributionWalk();
    expect(
      walk.refusal(
        'recipient.added',
        { personId: 'gp', role: 'professional', hasEmail: true, email: 'gp@x' },
        DAY1,
        ACTORS.chair,
      )?.code,
    ).toBe(DomainErrorCode.InvalidInput);
    expect(
      walk.refusal(
        'decisions.registered',
        { origin: 'uploaded', parts: [{ ...part('p'), content: 'text' }] },
        DAY1,
      )?.code,
    ).toBe(DomainErrorCode.InvalidInput);
    expect(
      walk.refusal(
        'decisions.registered',
        { origin: 'uploaded', parts: [{ ...part('p'), sha256: 'abc' }] },
        DAY1,
      )?.code,
    ).toBe(DomainErrorCode.InvalidInput);
    expect(
      () =>
        new DistributionWalk(
          conferenceHeld({
            invitees: [
              {
                personId: 'm',
                invitedAs: 'parent',
                agencyId: null,
                attended: true,
                contactBy: 'email',
                name: 'M',
              },
            ],
          }),
        ),
    ).toThrow();
  });
});

describe('distribution machine: replay and personal data', () => {
  function fullRun(): DistributionWalk {
    const walk = minutesApproved().deliverAll('minutes', WEEK3);
    walk.send('pack.opened', { packId: 'minutes.1.mother' }, WEEK3, ACTORS.system);
    walk.send('correction.requested', { packId: 'minutes.1.mother', correctionId: 'corr-1' }, WEEK3);
    walk.send('correction.answered', { correctionId: 'corr-1', accepted: true }, WEEK4, ACTORS.chair);
    walk.send(
      'minutes.registered',
      { origin: 'uploaded', parts: [part('minutes-main-v2'), ...MINUTES_V1.parts.slice(1)] },
      WEEK4,
    );
    walk.send('minutes.approved', draftList(walk.context, 'minutes'), WEEK4, ACTORS.chair);
    walk.deliverAll('minutes', WEEK4);
    return walk.send(
      'pack.revoked',
      { packId: 'minutes.2.grandmother', reason: 'withheld-part-included' },
      WEEK4,
    );
  }

  it('replays its journal to the same snapshot', () => {
    const walk = fullRun();
    const replayed = replayJournal(
      'distribution',
      walk.journal,
      new WorkflowRegistry([distributionDefinition]),
      env,
    );
    expect(canonicalJson(replayed)).toBe(canonicalJson(walk.last.snapshot));
    expect(walk.context.incidents).toHaveLength(1);
  });

  it('holds ids, flags, hashes and dates only, in its context and in every effect', () => {
    const walk = fullRun();
    const ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;
    const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
    const strings: string[] = [];
    const keys: string[] = [];
    const walkValue = (value: unknown): void => {
      if (typeof value === 'string') strings.push(value);
      else if (Array.isArray(value)) value.forEach(walkValue);
      else if (value && typeof value === 'object')
        for (const [key, child] of Object.entries(value)) {
          keys.push(key);
          walkValue(child);
        }
    };
    walkValue(walk.context);
    walkValue(walk.effects);
    expect(walk.effects.length).toBeGreaterThan(20);
    expect(strings.filter((s) => !ID.test(s) && !INSTANT.test(s))).toEqual([]);
    expect(
      keys.filter((k) => /name|^email|phone|birth|nhs|content|text|body|postcode|^address$/i.test(k)),
    ).toEqual([]);
  });
});
