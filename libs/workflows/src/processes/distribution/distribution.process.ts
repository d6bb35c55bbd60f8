import type { ProcessDescriptor } from '../../engine';
import { distributionDefinition } from './distribution.definition';
import { DISTRIBUTION_LADDERS } from './distribution.ladders';
import { DISTRIBUTION_TEMPLATES as T, DISTRIBUTION_TYPE } from './distribution.vocabulary';

/**
 * The distribution process's facts: who reads and acts (the data protection officer reads its
 * incidents as an auditor), its domain API (apps/api/src/distribution), templates and ladders.
 */
export const distributionProcess: ProcessDescriptor = {
  type: DISTRIBUTION_TYPE,
  definitions: [distributionDefinition],
  recordType: 'distribution',
  access: {
    read: ['coordinator', 'chair', 'manager', 'duty_manager'],
    act: ['coordinator', 'chair', 'manager'],
  },
  domainApi: '/distributions',
  notificationTemplates: {
    [T.decisionsToApprove]: 'Decisions and outline plan ready for your approval',
    [T.minutesToApprove]: 'Conference minutes ready for your approval',
    [T.packRejected]: 'A conference pack was not delivered',
    [T.correctionRequested]: 'A correction to the minutes is asked for',
    [T.correctionAccepted]: 'A correction was accepted: the minutes need a new version',
    [T.packRevoked]: 'A pack sent in error was revoked: data-protection incident recorded',
  },
  ladders: DISTRIBUTION_LADDERS,
};
