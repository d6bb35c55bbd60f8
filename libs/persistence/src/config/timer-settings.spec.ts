import { DEFAULT_ESCALATION_LADDERS } from '@app/workflows';
import { ConfigError, loadConfig } from './app-config';

const configError = (env: Record<string, string>): ConfigError => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
};

describe('loadConfig: deadline timers and escalation ladders', () => {
  it('uses the default ladders and timer settings with no environment', () => {
    const config = loadConfig({});
    expect(config.escalationLadders).toEqual(DEFAULT_ESCALATION_LADDERS);
    expect(config.reconcilePeriodSeconds).toBe(60);
    expect(config.timerAttempts).toBeGreaterThan(1);
  });

  it('reads the timer settings from their variables', () => {
    const config = loadConfig({
      RECONCILE_PERIOD_SECONDS: '30',
      TIMER_CONCURRENCY: '4',
      TIMER_ATTEMPTS: '3',
      TIMER_BACKOFF_MS: '500',
    });
    expect(config).toMatchObject({
      reconcilePeriodSeconds: 30,
      timerConcurrency: 4,
      timerAttempts: 3,
      timerBackoffMs: 500,
    });
  });

  it('puts the ladders of ESCALATION_LADDERS over the defaults by name, keeping the others', () => {
    const lado = {
      steps: [{ id: 'due', kind: 'due', offsetWorkingDays: 0, notify: ['lado', 'duty_manager'] }],
    };
    const config = loadConfig({
      ESCALATION_LADDERS: JSON.stringify({ 'lado-referral': lado, 'core-group': lado }),
    });
    expect(config.escalationLadders['lado-referral']).toEqual(lado);
    expect(config.escalationLadders['core-group']).toEqual(lado);
    expect(config.escalationLadders.icpc).toEqual(DEFAULT_ESCALATION_LADDERS.icpc);
    expect(config.escalationLadders.default).toEqual(DEFAULT_ESCALATION_LADDERS.default);
  });

  it('names each invalid ladder field, with the other invalid settings, and never echoes a value', () => {
    const error = configError({
      RECONCILE_PERIOD_SECONDS: '1',
      ESCALATION_LADDERS: JSON.stringify({
        icpc: {
          steps: [
            { id: 'warn', kind: 'warning', offsetWorkingDays: -5, at: '25:00', notify: ['coordinator'] },
            {
              id: 'tell',
              kind: 'warning',
              offsetWorkingDays: -2,
              at: '09:00',
              notify: ['secret-recipient-name'],
            },
          ],
        },
      }),
    });
    expect(error.invalidKeys.sort()).toEqual(
      [
        'escalationLadders.icpc.steps[0].at',
        'escalationLadders.icpc.steps[1].notify',
        'reconcilePeriodSeconds',
      ].sort(),
    );
    expect(error.message).not.toContain('secret-recipient-name');
    expect(error.message).not.toContain('25:00');
  });

  it('refuses ESCALATION_LADDERS that is not a JSON object', () => {
    expect(configError({ ESCALATION_LADDERS: '{icpc: daily}' }).invalidKeys).toEqual(['escalationLadders']);
    expect(configError({ ESCALATION_LADDERS: '[]' }).invalidKeys).toEqual(['escalationLadders']);
  });
});
