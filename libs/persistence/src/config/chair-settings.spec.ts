import { ConfigError, loadConfig } from './app-config';

describe("chairs' diary settings", () => {
  it('defaults to three conferences a day and 90-minute slots from 09:30 to 16:30', () => {
    expect(loadConfig({})).toMatchObject({
      chairDailyConferenceLimit: 3,
      officeHoursStart: '09:30',
      officeHoursEnd: '16:30',
      slotMinutes: 90,
    });
  });

  it('reads each from its variable', () => {
    expect(
      loadConfig({
        CHAIR_DAILY_CONFERENCE_LIMIT: '2',
        OFFICE_HOURS_START: '09:00',
        OFFICE_HOURS_END: '17:00',
        SLOT_MINUTES: '120',
      }),
    ).toMatchObject({ chairDailyConferenceLimit: 2, officeHoursStart: '09:00', officeHoursEnd: '17:00', slotMinutes: 120 });
  });

  it.each([
    [{ CHAIR_DAILY_CONFERENCE_LIMIT: '0' }, ['chairDailyConferenceLimit']],
    [{ OFFICE_HOURS_START: '9:30' }, ['officeHoursStart']],
    [{ OFFICE_HOURS_END: '24:00' }, ['officeHoursEnd']],
    [{ SLOT_MINUTES: 'ninety' }, ['slotMinutes']],
  ])('refuses %p, naming the setting', (env, keys) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    try {
      loadConfig(env);
    } catch (error) {
      expect((error as ConfigError).invalidKeys).toEqual(keys);
    }
  });

  it('refuses office hours that end before they start or cannot hold one slot', () => {
    expect(() => loadConfig({ OFFICE_HOURS_START: '16:30', OFFICE_HOURS_END: '09:30' })).toThrow(/one slot/);
    expect(() => loadConfig({ OFFICE_HOURS_START: '09:30', OFFICE_HOURS_END: '10:30' })).toThrow(/one slot/);
    expect(() => loadConfig({ OFFICE_HOURS_START: '09:30', OFFICE_HOURS_END: '11:00' })).not.toThrow();
  });
});
