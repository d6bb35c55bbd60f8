import { ConfigError, loadConfig } from './app-config';
import { DEFAULT_STATUTORY_SETTINGS } from '@app/workflows';

describe('loadConfig', () => {
  it('works with no environment at all, using the defaults for this machine', () => {
    const config = loadConfig({});
    expect(config.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/cp_workflows');
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(config.port).toBe(3000);
    expect(config.processRole).toBe('all');
    expect(config.migrateOnStart).toBe(true);
    expect(config.statutory.icpcWorkingDays).toBe(DEFAULT_STATUTORY_SETTINGS.icpcWorkingDays);
    expect({ ...config.statutory }).toEqual({ ...DEFAULT_STATUTORY_SETTINGS });
  });

  it('reads every statutory figure from its STATUTORY_ variable', () => {
    const config = loadConfig({
      STATUTORY_MINUTES_DISTRIBUTION_WORKING_DAYS: '20',
      STATUTORY_LADO_RESOLUTION_TARGET_MONTHS: '1,6,12',
      LOCAL_CLOSURE_DAYS: '2026-12-29, 2026-12-30',
      PROCESS_ROLE: 'worker',
      MIGRATE_ON_START: 'false',
    });
    expect(config.statutory.minutesDistributionWorkingDays).toBe(20);
    expect(config.statutory.ladoResolutionTargetMonths).toEqual([1, 6, 12]);
    expect(config.localClosureDays).toEqual(['2026-12-29', '2026-12-30']);
    expect(config.processRole).toBe('worker');
    expect(config.migrateOnStart).toBe(false);
  });

  it('derives the public address from the port unless it is given', () => {
    expect(loadConfig({ PORT: '3217' }).publicBaseUrl).toBe('http://localhost:3217');
    expect(loadConfig({ PORT: '3217', PUBLIC_BASE_URL: 'https://cp.council.example' }).publicBaseUrl).toBe(
      'https://cp.council.example',
    );
  });

  it('names every invalid setting and never echoes its value', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://secret-password@host/db',
        STATUTORY_ICPC_WORKING_DAYS: '-1',
        PROCESS_ROLE: 'everything',
        LOCAL_CLOSURE_DAYS: '29/12/2026',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const configError = error as ConfigError;
    expect(configError.invalidKeys.sort()).toEqual(
      ['databaseUrl', 'localClosureDays', 'port', 'processRole', 'statutory.icpcWorkingDays'].sort(),
    );
    expect(configError.message).not.toContain('secret-password');
  });

  it('treats an empty setting as unset, for every setting (a compose file or a .env with NAME=)', () => {
    const defaults = loadConfig({});
    const env: Record<string, string> = { PUBLIC_BASE_URL: '', ESCALATION_LADDERS: '' };
    for (const key of Object.keys(defaults)) {
      if (key === 'statutory') continue;
      env[key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()] = '';
    }
    for (const key of Object.keys(defaults.statutory)) {
      env[`STATUTORY_${key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}`] = '';
    }
    expect(env.DATABASE_URL).toBe('');
    expect(env.STATUTORY_ICPC_WORKING_DAYS).toBe('');
    const config = loadConfig(env);
    expect({ ...config, statutory: { ...config.statutory } }).toEqual({
      ...defaults,
      statutory: { ...defaults.statutory },
    });
  });

  it('treats a setting of spaces only as unset too', () => {
    expect(loadConfig({ DATABASE_URL: '  ', PORT: ' ' })).toMatchObject({
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/cp_workflows',
      port: 3000,
    });
  });
});
