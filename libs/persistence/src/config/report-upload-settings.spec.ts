import { ConfigError, loadConfig } from './app-config';

describe('report upload setting', () => {
  it('takes reports of up to 10 MB by default, and reads REPORT_UPLOAD_MAX_BYTES', () => {
    expect(loadConfig({}).reportUploadMaxBytes).toBe(10 * 1024 * 1024);
    expect(loadConfig({ REPORT_UPLOAD_MAX_BYTES: '2048' }).reportUploadMaxBytes).toBe(2048);
  });

  it.each(['0', '1023', 'ten', String(101 * 1024 * 1024)])('refuses %p, naming the setting', (value) => {
    try {
      loadConfig({ REPORT_UPLOAD_MAX_BYTES: value });
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).invalidKeys).toEqual(['reportUploadMaxBytes']);
    }
  });
});
