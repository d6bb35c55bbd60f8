import type { WorkflowDetails } from '@app/persistence';
import { ASV_EVENTS, asvReferralDefinition, DEFAULT_STATUTORY_SETTINGS } from '@app/workflows';
import { allowedActions, ASV_ACTION_OF_EVENT, asvReferralView, topLevelState } from './asv-referral.view';

const ID = '7a0b3d4e-5f60-4718-8a9b-0c1d2e3f4a5b';

function details(context: Record<string, unknown>, state = 'closed'): WorkflowDetails {
  return {
    id: ID,
    type: 'asv-referral',
    machineVersion: 1,
    state,
    status: 'active',
    area: 'north',
    reference: 'ASV-2026-000001',
    context: {
      reference: 'ASV-2026-000001',
      area: 'north',
      receivedAt: '2026-01-31T10:00:00Z',
      referredAt: null,
      outcome: null,
      resolvedAt: null,
      closedAt: null,
      retention: null,
      ...context,
    },
    allowedEvents: [ASV_EVENTS.contactLogged, ASV_EVENTS.reopened],
    deadlines: [],
    incidents: [],
    overdue: false,
    stuck: false,
    createdAt: '2026-01-31T10:00:00.000Z',
    updatedAt: '2026-01-31T10:00:00.000Z',
    lastTransitionAt: '2026-01-31T10:00:00.000Z',
    seq: 1,
  };
}

describe('the ASV case view', () => {
  it('has an endpoint for every event of the machine, and offers each action once', () => {
    expect(Object.keys(ASV_ACTION_OF_EVENT).sort()).toEqual(Object.keys(asvReferralDefinition.events).sort());
    expect(allowedActions(ID, [ASV_EVENTS.redirected, ASV_EVENTS.thresholdMet, 'deadline.step'])).toEqual([
      { action: 'screen', method: 'POST', href: `/asv-referrals/${ID}/screening` },
    ]);
  });

  it('reads the top-level state of the parallel tracks', () => {
    expect(topLevelState('tracks.disciplinary.open & tracks.police.open & tracks.section47.notOpened')).toBe(
      'tracks',
    );
    expect(topLevelState('screening')).toBe('screening');
  });

  it('places a resolved case against the targets, from the London dates (31 Jan + 1 month = 28 Feb)', () => {
    const view = asvReferralView(
      details({ referredAt: '2026-02-01T09:00:00Z', resolvedAt: '2026-02-28T23:30:00Z' }),
      DEFAULT_STATUTORY_SETTINGS,
      new Date('2026-06-01T00:00:00Z'),
    );
    expect(view.resolution).toEqual({
      targetMonths: [1, 3, 12],
      resolvedAt: '2026-02-28T23:30:00Z',
      band: 1,
      bandIfResolvedToday: null,
    });
  });

  it('says which target an open LADO case can still meet, and gives no band to a contact never referred', () => {
    const open = asvReferralView(
      details({ referredAt: '2026-02-01T09:00:00Z' }, 'ladoInitialConsideration'),
      DEFAULT_STATUTORY_SETTINGS,
      new Date('2026-03-15T12:00:00Z'),
    );
    expect(open.resolution).toMatchObject({ band: null, bandIfResolvedToday: 3 });
    const screening = asvReferralView(
      details({}, 'screening'),
      DEFAULT_STATUTORY_SETTINGS,
      new Date('2026-02-01T00:00:00Z'),
    );
    expect(screening.resolution).toBeNull();
  });

  it('shows the retention only once closed', () => {
    const retention = { retainUntil: '2036-01-31', basis: 'years-from-allegation', flagForEmployer: false };
    expect(
      asvReferralView(
        details({ closedAt: '2026-05-01T09:00:00Z', retention }),
        DEFAULT_STATUTORY_SETTINGS,
        new Date(),
      ).retention,
    ).toEqual(retention);
    expect(
      asvReferralView(details({}, 'followUps'), DEFAULT_STATUTORY_SETTINGS, new Date()).retention,
    ).toBeNull();
  });
});
