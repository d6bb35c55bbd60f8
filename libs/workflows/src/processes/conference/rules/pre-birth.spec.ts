import { InvalidDateError, WorkingDayCalendar } from '../../../calendar';
import { DEFAULT_STATUTORY_SETTINGS, StatutorySettings } from '../../../settings';
import {
  bornBeforeConference,
  initialConferenceAfterBirth,
  laterThanPreBirthIdeal,
  preBirthIdealDate,
  preBirthLatestDate,
  preBirthTimescale,
} from './pre-birth';

// Expected dates counted by hand (2026: Good Friday 3 Apr, summer bank holiday Mon 31 Aug).
const calendar = new WorkingDayCalendar();
const settings = DEFAULT_STATUTORY_SETTINGS;
const withSettings = (overrides: Partial<StatutorySettings>): StatutorySettings => ({
  ...settings,
  ...overrides,
});

describe('preBirthLatestDate: the expected date of delivery less 6 weeks (week 34), back to a working day', () => {
  it.each([
    ['a working day as it stands (EDD Tue 15 Sep → Tue 4 Aug)', '2026-09-15', '2026-08-04'],
    ['a Sunday falls back to the Friday', '2026-10-11', '2026-08-28'],
    ['the summer bank holiday Monday falls back to the Friday', '2026-10-12', '2026-08-28'],
    ['Good Friday falls back to Maundy Thursday', '2026-05-15', '2026-04-02'],
  ])('%s', (_case, edd, latest) => {
    expect(preBirthLatestDate(edd, settings, calendar)).toBe(latest);
  });

  it('follows the authority week: week 32 is 8 weeks before', () => {
    expect(
      preBirthLatestDate('2026-09-15', withSettings({ preBirthLatestWeeksBeforeDelivery: 8 }), calendar),
    ).toBe('2026-07-21');
  });

  it('refuses an impossible expected date, naming it', () => {
    expect(() => preBirthLatestDate('2026-13-01', settings, calendar)).toThrow(InvalidDateError);
    expect(() => preBirthLatestDate('2026-13-01', settings, calendar)).toThrow(/expectedDeliveryDate/);
  });
});

describe('preBirthIdealDate: 3 months before the expected date (month rule), back to a working day', () => {
  it.each([
    ['the same day of the month', '2026-09-15', '2026-06-15'],
    ['31 May less 3 months clamps to 28 Feb, a Saturday, back to Friday 27 Feb', '2026-05-31', '2026-02-27'],
    ['31 May 2028 less 3 months is 29 Feb in a leap year', '2028-05-31', '2028-02-29'],
    ['landing on Easter Monday falls back to the Thursday before Good Friday', '2026-07-06', '2026-04-02'],
  ])('%s', (_case, edd, ideal) => {
    expect(preBirthIdealDate(edd, settings, calendar)).toBe(ideal);
  });
});

describe('preBirthTimescale', () => {
  const edd = '2026-09-15'; // latest 2026-08-04, ideal 2026-06-15

  it('is due on the latest date when requested in good time, with the ideal to aim for', () => {
    expect(
      preBirthTimescale({ expectedDeliveryDate: edd, requestDate: '2026-05-01' }, settings, calendar),
    ).toEqual({
      dueDate: '2026-08-04',
      basis: 'latest-week',
      latestDate: '2026-08-04',
      idealDate: '2026-06-15',
      requestedAfterLatest: false,
      requestedAfterIdeal: false,
    });
  });

  it('flags a request after the ideal date that is still before the latest', () => {
    const timescale = preBirthTimescale(
      { expectedDeliveryDate: edd, requestDate: '2026-07-01' },
      settings,
      calendar,
    );
    expect([timescale.dueDate, timescale.requestedAfterIdeal, timescale.requestedAfterLatest]).toEqual([
      '2026-08-04',
      true,
      false,
    ]);
  });

  it.each([
    ['a working day: due that day', '2026-08-05', '2026-08-05'],
    ['a Saturday: due the next working day', '2026-08-08', '2026-08-10'],
  ])('is due at once, and flagged, when requested after the latest date on %s', (_case, requestDate, due) => {
    const timescale = preBirthTimescale({ expectedDeliveryDate: edd, requestDate }, settings, calendar);
    expect(timescale).toMatchObject({
      dueDate: due,
      basis: 'requested-after-latest',
      requestedAfterLatest: true,
    });
  });

  it('sets the 15-working-day rule aside by default, even with a strategy discussion', () => {
    const facts = {
      expectedDeliveryDate: edd,
      requestDate: '2026-06-01',
      strategyDiscussionDate: '2026-06-01',
    };
    expect(preBirthTimescale(facts, settings, calendar)).toMatchObject({
      dueDate: '2026-08-04',
      basis: 'latest-week',
    });
  });

  describe('where the authority applies the 15-working-day rule to pre-birth conferences', () => {
    const applying = withSettings({ preBirthSetsAsideIcpcWorkingDays: false });

    it('is due on the earlier ICPC date when that comes first', () => {
      const facts = {
        expectedDeliveryDate: edd,
        requestDate: '2026-06-01',
        strategyDiscussionDate: '2026-06-01',
      };
      expect(preBirthTimescale(facts, applying, calendar)).toMatchObject({
        dueDate: '2026-06-22',
        basis: 'icpc-working-days',
        latestDate: '2026-08-04',
      });
    });

    it('keeps the latest date when the ICPC date would be later', () => {
      const facts = {
        expectedDeliveryDate: edd,
        requestDate: '2026-07-27',
        strategyDiscussionDate: '2026-07-27',
      };
      expect(preBirthTimescale(facts, applying, calendar)).toMatchObject({
        dueDate: '2026-08-04',
        basis: 'latest-week',
      });
    });

    it('keeps the latest date without a strategy discussion', () => {
      expect(
        preBirthTimescale({ expectedDeliveryDate: edd, requestDate: '2026-06-01' }, applying, calendar),
      ).toMatchObject({
        dueDate: '2026-08-04',
        basis: 'latest-week',
      });
    });
  });

  it('moves with a revised expected date of delivery', () => {
    const first = preBirthTimescale(
      { expectedDeliveryDate: '2026-09-15', requestDate: '2026-05-01' },
      settings,
      calendar,
    );
    const revised = preBirthTimescale(
      { expectedDeliveryDate: '2026-10-12', requestDate: '2026-05-01' },
      settings,
      calendar,
    );
    expect([first.dueDate, revised.dueDate]).toEqual(['2026-08-04', '2026-08-28']);
  });

  it('warns when a booked date is later than the ideal, not when on it', () => {
    const timescale = preBirthTimescale(
      { expectedDeliveryDate: edd, requestDate: '2026-05-01' },
      settings,
      calendar,
    );
    expect(laterThanPreBirthIdeal('2026-06-15', timescale)).toBe(false);
    expect(laterThanPreBirthIdeal('2026-06-16', timescale)).toBe(true);
  });
});

describe('a birth before the pre-birth conference', () => {
  it.each([
    ['not yet booked', '2026-08-01', undefined, true],
    ['before the booked date', '2026-08-01', '2026-08-04', true],
    ['on the booked date', '2026-08-04', '2026-08-04', true],
    ['after the conference was held', '2026-08-05', '2026-08-04', false],
  ])('%s: becomes an initial conference = %s', (_case, birthDate, conferenceDate, becomesInitial) => {
    expect(bornBeforeConference(birthDate, conferenceDate)).toBe(becomesInitial);
  });

  it("takes the initial conference's clock from the strategy discussion, overdue at once when it has already run", () => {
    expect(
      initialConferenceAfterBirth(
        { birthDate: '2026-06-10', strategyDiscussionDate: '2026-06-01' },
        settings,
        calendar,
      ),
    ).toEqual({ kind: 'initial', dueDate: '2026-06-22', overdueAtBirth: false });
    expect(
      initialConferenceAfterBirth(
        { birthDate: '2026-07-01', strategyDiscussionDate: '2026-06-01' },
        settings,
        calendar,
      ),
    ).toEqual({ kind: 'initial', dueDate: '2026-06-22', overdueAtBirth: true });
  });
});
