import type { WorkflowSubject } from '../../engine';
import type { AsvReferralContext } from './asv-referral.context';

/**
 * Who an ASV referral is about: the children named at the contact and the person the allegation
 * is against. Opaque ids only, as the context holds them.
 */
export function asvSubjects(context: unknown): WorkflowSubject[] {
  const { childIds, subjectPersonId } = context as Pick<AsvReferralContext, 'childIds' | 'subjectPersonId'>;
  return [
    ...childIds.map((id) => ({ id, kind: 'child' })),
    { id: subjectPersonId, kind: 'allegation-subject' },
  ];
}
