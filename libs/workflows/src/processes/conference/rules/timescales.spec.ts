import { InvalidDateError, WorkingDayCalendar } from '../../../calendar';
import { DomainError } from '../../../errors';
import { DEFAULT_STATUTORY_SETTINGS, StatutorySettings } from '../../../settings';
import {
  agencyReportsDueDate,
  conferenceRequestTimeliness,
  coreGroupDueDate,
  correctionAnswerDueDate,
  correctionsDueDate,
  decisionsDueDate,
  earlyReviewDueDate,
  firstReviewDueDate,
  householdReviewDueDate,
  icpcDueDate,
  invitationsDueDate,
  minutesDueDate,
  nextReviewDueDate,
  postBirthReviewDueDate,
  reconveneDueDate,
  socialWorkerReportToParentsDueDate,
  transferInDueDate,
} from './timescales';

// Every expected date was counted by hand on the published calendar (bank holidays 2026: 1 Jan,
// 3 and 6 Apr, 4 and 25 May, 31 Aug, 25 and 28 Dec; 2027: 1 Jan), never by running the code.
const calendar = new WorkingDayCalendar();
const settings = DEFAULT_STATUTORY_SETTINGS;
const withSettings = (overrides: Partial<StatutorySettings>): StatutorySettings => ({
  ...settings,
  ...overrides,
});

describe('icpcDueDate: 15 working days from the strategy discussion, day 0 being the discussion', () => {
  it.each([
    ['an ordinary fortnight (Mon 2 Nov)', '2026-11-02', '2026-11-23'],
    ['across Easter: Good Friday and Easter Monday do not count', '2026-03-25', '2026-04-17'],
    ['across Christmas, Boxing Day substitute and New Year', '2026-12-18', '2027-01-13'],
    ['across the spring bank holiday Monday', '2026-05-22', '2026-06-15'],
    ['from a discussion held on a Saturday', '2026-11-07', '2026-11-27'],
    ['across the clocks going forward (29 Mar): dates only, no hours', '2026-03-20', '2026-04-14'],
    ['across the clocks going back (25 Oct)', '2026-10-16', '2026-11-06'],
  ])('%s: %s → %s', (_case, strategyDiscussion, due) => {
    expect(icpcDueDate(strategyDiscussion, settings, calendar)).toBe(due);
    expect(calendar.isWorkingDay(due)).toBe(true);
  });

  it('follows the authority setting and its local closure days', () => {
    expect(icpcDueDate('2026-11-02', { icpcWorkingDays: 10 }, calendar)).toBe('2026-11-16');
    const closing = new WorkingDayCalendar({ extraClosureDays: ['2026-11-16'] });
    expect(icpcDueDate('2026-11-02', { icpcWorkingDays: 10 }, closing)).toBe('2026-11-17');
  });

  it('refuses an impossible date, naming the field', () => {
    expect(() => icpcDueDate('2026-02-30', settings, calendar)).toThrow(InvalidDateError);
    expect(() => icpcDueDate('2026-02-30', settings, calendar)).toThrow(/strategyDiscussionDate/);
  });
});

describe('conferenceRequestTimeliness: a request more than one working day after the discussion is late', () => {
  it.each([
    ['the same day', '2026-11-05', '2026-11-05', false, 0],
    ['the next working day', '2026-11-05', '2026-11-06', false, 1],
    [
      'the Saturday after a Thursday discussion: after Friday, its limit',
      '2026-11-05',
      '2026-11-07',
      true,
      1,
    ],
    ['the Monday after a Thursday discussion', '2026-11-05', '2026-11-09', true, 2],
    [
      'Christmas Eve discussion, request after the holidays on the first working day',
      '2026-12-24',
      '2026-12-29',
      false,
      1,
    ],
    ['Christmas Eve discussion, request on 30 December', '2026-12-24', '2026-12-30', true, 2],
  ])('%s', (_case, discussion, request, late, workingDays) => {
    const timeliness = conferenceRequestTimeliness(discussion, request, settings, calendar);
    expect(timeliness.late).toBe(late);
    expect(timeliness.workingDaysAfterStrategyDiscussion).toBe(workingDays);
    expect(timeliness.dueBy).toBe(calendar.addWorkingDays(discussion, 1));
  });

  it('refuses a request dated before the discussion it follows', () => {
    expect(() => conferenceRequestTimeliness('2026-11-05', '2026-11-04', settings, calendar)).toThrow(
      DomainError,
    );
  });
});

describe('transferInDueDate: 15 working days from notification', () => {
  it('counts across the summer bank holiday', () => {
    expect(transferInDueDate('2026-08-20', settings, calendar)).toBe('2026-09-11');
  });
});

describe('clocks before the conference: the Nth working day strictly before its date', () => {
  it.each([
    ['after Easter (Tue 14 Apr)', '2026-04-14', '2026-04-07', '2026-04-09', '2026-04-07', '2026-04-10'],
    [
      'just after Easter (Wed 8 Apr): Easter Monday and Good Friday skipped',
      '2026-04-08',
      '2026-03-30',
      '2026-04-01',
      '2026-03-30',
      '2026-04-02',
    ],
    [
      'the first working day of 2027: New Year and Christmas skipped',
      '2027-01-04',
      '2026-12-23',
      '2026-12-29',
      '2026-12-23',
      '2026-12-30',
    ],
  ])('%s', (_case, conference, invitations, reportsInitial, reportsReview, swReport) => {
    expect(invitationsDueDate(conference, settings, calendar)).toBe(invitations);
    expect(agencyReportsDueDate(conference, 'initial', settings, calendar)).toBe(reportsInitial);
    expect(agencyReportsDueDate(conference, 'review', settings, calendar)).toBe(reportsReview);
    expect(socialWorkerReportToParentsDueDate(conference, settings, calendar)).toBe(swReport);
  });

  it('treats transfer-in and pre-birth conferences as initial ones for agency reports', () => {
    expect(agencyReportsDueDate('2026-04-14', 'transfer-in', settings, calendar)).toBe('2026-04-09');
    expect(agencyReportsDueDate('2026-04-14', 'pre-birth', settings, calendar)).toBe('2026-04-09');
  });

  it('with a figure of 0, is the conference date itself (or the working day before a non-working one)', () => {
    const zero = withSettings({ invitationsWorkingDaysBefore: 0 });
    expect(invitationsDueDate('2026-04-08', zero, calendar)).toBe('2026-04-08');
    expect(invitationsDueDate('2026-04-06', zero, calendar)).toBe('2026-04-02');
  });
});

describe('reviews: 3 months from the initial conference, then 6 from the last review (month rule)', () => {
  it.each([
    [
      'first review: 30 Nov + 3 months clamps to 28 Feb, a Sunday, back to Friday',
      '2026-11-30',
      '2027-02-26',
    ],
    ['first review landing on Easter Monday falls back past Good Friday', '2026-01-06', '2026-04-02'],
  ])('%s', (_case, conference, due) => {
    expect(firstReviewDueDate(conference, settings, calendar)).toBe(due);
  });

  it.each([
    ['31 Aug + 6 months clamps to 28 Feb (a Sunday), back to Friday 26 Feb', '2026-08-31', '2027-02-26'],
    ['31 Aug + 6 months in a leap year is 29 Feb', '2027-08-31', '2028-02-29'],
    ['landing on Christmas Day falls back to Christmas Eve', '2026-06-25', '2026-12-24'],
    ["landing on New Year's Day falls back to 31 December", '2026-07-01', '2026-12-31'],
  ])('next review: %s', (_case, lastReview, due) => {
    expect(nextReviewDueDate(lastReview, settings, calendar)).toBe(due);
  });

  it("the household's review is due on the earliest of its children's review dates", () => {
    expect(householdReviewDueDate(['2027-02-26', '2026-12-24', '2027-01-14'])).toBe('2026-12-24');
    expect(() => householdReviewDueDate([])).toThrow(DomainError);
    expect(() => householdReviewDueDate(['2026-12-24', '24/12/2026'])).toThrow(/childReviewDueDates\[1\]/);
  });
});

describe('reconvening, early review, core group and after the birth', () => {
  it('reconvenes an initial conference within 10 working days and a review within 20, across Christmas', () => {
    expect(reconveneDueDate('2026-12-14', 'initial', settings, calendar)).toBe('2026-12-30');
    expect(reconveneDueDate('2026-12-14', 'pre-birth', settings, calendar)).toBe('2026-12-30');
    expect(reconveneDueDate('2026-12-14', 'transfer-in', settings, calendar)).toBe('2026-12-30');
    expect(reconveneDueDate('2026-12-14', 'review', settings, calendar)).toBe('2027-01-14');
  });

  it('sets the early review after an exceptional quorum within 20 working days', () => {
    expect(earlyReviewDueDate('2026-11-02', settings, calendar)).toBe('2026-11-30');
  });

  it('has the core group meet within 10 working days of the conference', () => {
    expect(coreGroupDueDate('2026-11-02', settings, calendar)).toBe('2026-11-16');
  });

  it('sets the post-birth review within 10 working days of a birth on a Sunday before a bank holiday Monday', () => {
    expect(postBirthReviewDueDate('2026-05-24', settings, calendar)).toBe('2026-06-08');
  });
});

describe('after the conference: decisions, minutes, corrections and the answer', () => {
  it('sends decisions within 1 working day: from Christmas Eve, the Tuesday after Boxing Day substitute', () => {
    expect(decisionsDueDate('2026-12-24', settings, calendar)).toBe('2026-12-29');
    expect(decisionsDueDate('2026-04-02', settings, calendar)).toBe('2026-04-07');
  });

  it('sends minutes within 15 working days (the default domain figure), or the authority figure', () => {
    expect(settings.minutesDistributionWorkingDays).toBe(15);
    expect(minutesDueDate('2026-11-02', settings, calendar)).toBe('2026-11-23');
    expect(minutesDueDate('2026-11-02', withSettings({ minutesDistributionWorkingDays: 20 }), calendar)).toBe(
      '2026-11-30',
    );
  });

  it('takes corrections within 10 working days of receipt, across the holidays', () => {
    expect(correctionsDueDate('2026-12-21', settings, calendar)).toBe('2027-01-07');
  });

  it("wants the chair's answer within 5 working days of the request, across Easter", () => {
    expect(correctionAnswerDueDate('2026-04-01', settings, calendar)).toBe('2026-04-10');
  });
});
