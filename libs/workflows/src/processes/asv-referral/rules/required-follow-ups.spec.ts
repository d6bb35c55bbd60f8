import {
  ALLEGATION_OUTCOMES,
  AllegationOutcome,
  EMPLOYMENT_OUTCOMES,
  EmploymentOutcome,
} from '../asv-referral.vocabulary';
import { requiredFollowUps } from './required-follow-ups';

const due = (outcome: AllegationOutcome, employmentOutcome: EmploymentOutcome, subjectIsTeacher: boolean) =>
  requiredFollowUps({ outcome, employmentOutcome, subjectIsTeacher });

describe('requiredFollowUps', () => {
  it('makes a DBS referral a duty when a substantiated allegation ends in dismissal or resignation', () => {
    expect(due('substantiated', 'dismissed', false)).toEqual({ dbsReferral: true, traReferral: false });
    expect(due('substantiated', 'resigned', false)).toEqual({ dbsReferral: true, traReferral: false });
  });

  it('adds the TRA referral for a teacher, and only with the DBS one', () => {
    expect(due('substantiated', 'dismissed', true)).toEqual({ dbsReferral: true, traReferral: true });
    expect(due('substantiated', 'resigned', true)).toEqual({ dbsReferral: true, traReferral: true });
    expect(due('substantiated', 'retained', true)).toEqual({ dbsReferral: false, traReferral: false });
  });

  it('requires nothing when the person stays in work or leaves for another reason', () => {
    expect(due('substantiated', 'retained', false)).toEqual({ dbsReferral: false, traReferral: false });
    expect(due('substantiated', 'other', true)).toEqual({ dbsReferral: false, traReferral: false });
  });

  it('requires nothing for any outcome but substantiated, whatever happened to the job', () => {
    for (const outcome of ALLEGATION_OUTCOMES.filter((o) => o !== 'substantiated')) {
      for (const employment of EMPLOYMENT_OUTCOMES) {
        for (const teacher of [false, true]) {
          expect(due(outcome, employment, teacher)).toEqual({ dbsReferral: false, traReferral: false });
        }
      }
    }
  });
});
