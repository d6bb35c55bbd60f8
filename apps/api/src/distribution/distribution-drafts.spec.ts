import type { DistributionContext } from '@app/workflows';
import { decisionsDraft, minutesDraft } from './distribution.service';

const context = {
  reference: 'CPC-2026-000042',
  conferenceKind: 'initial',
  conferenceDate: '2026-11-23',
  children: [
    { childId: 'child-a', outcome: 'plan', categories: ['neglect', 'emotional'] },
    { childId: 'child-b', outcome: 'child-in-need', categories: [] },
  ],
} as unknown as DistributionContext;

describe('documents drafted from the conference’s facts', () => {
  it('the decisions name the case, the day and each child by id with the outcome and categories', () => {
    const text = decisionsDraft(context);
    expect(text).toContain('CPC-2026-000042');
    expect(text).toContain('2026-11-23');
    expect(text).toContain(
      'Child child-a: a child protection plan, under the category of neglect and emotional abuse.',
    );
    expect(text).toContain('Child child-b: no plan; support as a child in need.');
  });

  it('the minutes’ draft names the case and the day, and asks for the record', () => {
    const text = minutesDraft(context);
    expect(text).toContain('CPC-2026-000042');
    expect(text).toMatch(/to be completed/);
  });
});
