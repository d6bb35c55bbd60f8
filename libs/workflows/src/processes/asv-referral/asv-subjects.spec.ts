import { asvSubjects } from './asv-subjects';

describe('the subjects of an ASV referral', () => {
  it('are the children named at the contact and the subject of the allegation, by id', () => {
    expect(asvSubjects({ childIds: ['child-1', 'child-2'], subjectPersonId: 'person-9001', area: 'north' })).toEqual([
      { id: 'child-1', kind: 'child' },
      { id: 'child-2', kind: 'child' },
      { id: 'person-9001', kind: 'allegation-subject' },
    ]);
  });

  it('are the subject alone when no child was named', () => {
    expect(asvSubjects({ childIds: [], subjectPersonId: 'person-9001' })).toEqual([
      { id: 'person-9001', kind: 'allegation-subject' },
    ]);
  });
});
