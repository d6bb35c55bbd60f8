import type { ProcessDescriptor } from '../../engine';
import { oneWorkingDayLadder } from '../../rules/escalation-ladders';
import { asvReferralDefinition } from './asv-referral.definition';
import { ASV_DEADLINES, ASV_REFERRAL_TYPE, ASV_TEMPLATES, AsvTemplate } from './asv-referral.vocabulary';

/**
 * Who may see and act on an ASV referral, as the role names the identity provider puts in the
 * roles claim. Screening is done by the co-ordinators and the LADOs; from the referral on, the
 * case is the LADO's. Managers and duty managers may do either, to cover.
 */
export const ASV_ACCESS = {
  read: ['coordinator', 'lado', 'manager', 'duty_manager'],
  /** Screening a contact: threshold met or redirected, contacts logged. */
  screen: ['coordinator', 'lado', 'manager', 'duty_manager'],
  /** The LADO stage: referral, meetings, tracks, outcome, follow-ups, closure and reopening. */
  manageLadoCase: ['lado', 'manager', 'duty_manager'],
} as const satisfies Record<string, readonly string[]>;

/** The titles people read for the templates the machine's `notify` effects name: one for each. */
const ASV_TEMPLATE_TITLES = {
  [ASV_TEMPLATES.received]: 'New allegation against a member of staff or volunteer to screen',
  [ASV_TEMPLATES.referred]: 'Allegation referred to the LADO',
  [ASV_TEMPLATES.redirectedToFrontDoor]: 'ASV contact redirected to the front door as a welfare concern',
  [ASV_TEMPLATES.followUpsRequired]: 'ASV outcome needs its follow-up referrals recorded (DBS, TRA)',
  [ASV_TEMPLATES.reopened]: 'ASV case reopened',
  [ASV_TEMPLATES.maliciousFlagForEmployer]: 'Allegation found malicious: tell the employer',
} as const satisfies Record<AsvTemplate, string>;

export const asvReferralProcess: ProcessDescriptor = {
  type: ASV_REFERRAL_TYPE,
  definitions: [asvReferralDefinition],
  recordType: ASV_REFERRAL_TYPE,
  access: {
    read: ASV_ACCESS.read,
    // Anyone who may act at some stage; the domain API narrows each route to its stage's roles.
    act: [...new Set([...ASV_ACCESS.screen, ...ASV_ACCESS.manageLadoCase])],
  },
  domainApi: '/asv-referrals',
  notificationTemplates: ASV_TEMPLATE_TITLES,
  ladders: {
    /** KCSIE Part Four: an ASV contact screened within one working day. */
    [ASV_DEADLINES.screening]: oneWorkingDayLadder('coordinator'),
    /** KCSIE Part Four: threshold met, referred to the LADO within one working day. */
    [ASV_DEADLINES.ladoReferral]: oneWorkingDayLadder('coordinator'),
  },
};
