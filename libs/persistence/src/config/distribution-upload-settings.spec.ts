import { ConfigError, loadConfig } from './app-config';

describe('distribution upload settings', () => {
  it('takes parts of up to 10 MB and versions of up to 50 MB by default, and reads both settings', () => {
    const defaults = loadConfig({});
    expect(defaults.distributionPartMaxBytes).toBe(10_000_000);
    expect(defaults.distributionVersionMaxBytes).toBe(52_428_800);
    const set = loadConfig({ DISTRIBUTION_PART_MAX_BYTES: '4096', DISTRIBUTION_VERSION_MAX_BYTES: '8192' });
    expect([set.distributionPartMaxBytes, set.distributionVersionMaxBytes]).toEqual([4096, 8192]);
    // A version as large as its largest part is allowed.
    expect(loadConfig({ DISTRIBUTION_VERSION_MAX_BYTES: '10000000' }).distributionVersionMaxBytes).toBe(
      10_000_000,
    );
  });

  it.each(['0', '1023', 'fifty', String(501 * 1024 * 1024)])(
    'refuses DISTRIBUTION_VERSION_MAX_BYTES=%p, naming it',
    (value) => {
      try {
        loadConfig({ DISTRIBUTION_VERSION_MAX_BYTES: value });
        throw new Error('accepted');
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        expect((error as ConfigError).invalidKeys).toContain('distributionVersionMaxBytes');
      }
    },
  );

  it('refuses a version limit below the part limit, naming both', () => {
    try {
      loadConfig({ DISTRIBUTION_PART_MAX_BYTES: '20000', DISTRIBUTION_VERSION_MAX_BYTES: '10000' });
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).invalidKeys).toEqual([
        'distributionVersionMaxBytes',
        'distributionPartMaxBytes',
      ]);
    }
  });
});
