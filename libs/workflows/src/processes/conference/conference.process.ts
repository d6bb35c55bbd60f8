import type { ProcessDescriptor } from '../../engine';
import { conferenceDefinition } from './conference.definition';
import { CONFERENCE_LADDERS } from './conference.ladders';
import { CONFERENCE_TEMPLATES as T, CONFERENCE_TYPE } from './conference.vocabulary';

/** The conference process's facts, registered in PROCESSES; its domain API is /conferences. */
export const conferenceProcess: ProcessDescriptor = {
  type: CONFERENCE_TYPE,
  definitions: [conferenceDefinition],
  recordType: 'conference',
  access: {
    read: ['coordinator', 'chair', 'social_worker', 'team_manager', 'manager', 'duty_manager'],
    act: ['coordinator', 'chair', 'social_worker', 'team_manager', 'manager'],
  },
  domainApi: '/conferences',
  notificationTemplates: {
    [T.requested]: 'Conference requested',
    [T.lateRequest]: 'Conference requested late',
    [T.chairAssigned]: 'You are to chair a conference',
    [T.lateDateNeedsAgreement]: 'A conference date after its due date needs your agreement',
    [T.movedRepeatedly]: 'Conference moved repeatedly',
    [T.cancelled]: 'Conference cancelled',
    [T.withdrawn]: 'Conference request withdrawn',
    [T.inviteesToAgree]: 'Invitee list to agree',
    [T.invitationRejected]: 'An invitation was not delivered',
    [T.withholdingRequested]: 'An agency asks that its report not be shared with parents',
    [T.converted]: 'Pre-birth conference now an initial conference after the birth',
    [T.inquorate]: 'Conference not quorate',
    [T.adjourned]: 'Conference adjourned: to be booked again',
    [T.proceededExceptionally]: 'Conference proceeded on an exceptional quorum',
    [T.decided]: 'Conference decisions recorded',
    [T.childInNeedPlan]: 'A child in need plan was decided',
  },
  ladders: CONFERENCE_LADDERS,
};
