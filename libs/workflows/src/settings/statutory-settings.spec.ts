import { DEFAULT_STATUTORY_SETTINGS, STATUTORY_SETTING_SOURCES, StatutorySettingKey } from './statutory-settings';

describe('statutory settings', () => {
  it('names a source for every setting, and only for settings', () => {
    expect(Object.keys(STATUTORY_SETTING_SOURCES).sort()).toEqual(Object.keys(DEFAULT_STATUTORY_SETTINGS).sort());
    for (const source of Object.values(STATUTORY_SETTING_SOURCES)) expect(source.trim().length).toBeGreaterThan(0);
  });

  // The conference figures of the process description, one by one.
  it.each<[StatutorySettingKey, number | boolean]>([
    ['icpcWorkingDays', 15],
    ['icpcRequestWorkingDays', 1],
    ['transferInWorkingDays', 15],
    ['preBirthLatestWeeksBeforeDelivery', 6],
    ['preBirthIdealMonthsBeforeDelivery', 3],
    ['preBirthSetsAsideIcpcWorkingDays', true],
    ['firstReviewMonths', 3],
    ['subsequentReviewMonths', 6],
    ['postBirthReviewWorkingDays', 10],
    ['invitationsWorkingDaysBefore', 5],
    ['agencyReportWorkingDaysBeforeIcpc', 3],
    ['agencyReportWorkingDaysBeforeReview', 5],
    ['socialWorkerReportToParentsWorkingDays', 2],
    ['quorumOtherAgencies', 2],
    ['inquorateIcpcReconveneWorkingDays', 10],
    ['inquorateReviewReconveneWorkingDays', 20],
    ['earlyReviewWorkingDays', 20],
    ['decisionsDistributionWorkingDays', 1],
    ['coreGroupWorkingDays', 10],
    ['minutesDistributionWorkingDays', 15],
    ['minutesCorrectionsWorkingDays', 10],
    ['correctionAnswerWorkingDays', 5],
    ['personalLinkExpiryDays', 28],
  ])('%s defaults to %s', (key, value) => {
    expect(DEFAULT_STATUTORY_SETTINGS[key]).toBe(value);
  });
});
