import { ConfigError, loadConfig } from './app-config';

describe('delivery report settings', () => {
  it('asks for no report and reads no mailbox by default', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      distributionReturnPath: '',
      deliveryReportsImapHost: '',
      deliveryReportsImapPort: 993,
      deliveryReportsImapSecure: true,
      deliveryReportsFolder: 'INBOX',
      deliveryReportsProcessedFolder: 'Processed',
      deliveryReportsUnmatchedFolder: 'Unmatched',
      deliveryReportsPollSeconds: 60,
    });
  });

  it('reads the bounce mailbox’s settings', () => {
    const config = loadConfig({
      DISTRIBUTION_RETURN_PATH: 'cp-bounces@council.example',
      DELIVERY_REPORTS_IMAP_HOST: 'imap.council.example',
      DELIVERY_REPORTS_IMAP_PORT: '143',
      DELIVERY_REPORTS_IMAP_SECURE: 'false',
      DELIVERY_REPORTS_IMAP_USER: 'cp-bounces',
      DELIVERY_REPORTS_IMAP_PASSWORD: 'mailbox-password',
      DELIVERY_REPORTS_FOLDER: 'Reports',
      DELIVERY_REPORTS_POLL_SECONDS: '15',
    });
    expect(config).toMatchObject({
      distributionReturnPath: 'cp-bounces@council.example',
      deliveryReportsImapHost: 'imap.council.example',
      deliveryReportsImapPort: 143,
      deliveryReportsImapSecure: false,
      deliveryReportsFolder: 'Reports',
      deliveryReportsPollSeconds: 15,
    });
  });

  it('refuses a mailbox without its login, a bad return path or folder, and a poll outside its bounds, by name only', () => {
    const refused = (env: Record<string, string>) => {
      try {
        loadConfig(env);
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as ConfigError).invalidKeys;
      }
      throw new Error('accepted');
    };
    expect(
      refused({ DELIVERY_REPORTS_IMAP_HOST: 'imap.council.example', DELIVERY_REPORTS_IMAP_USER: 'u' }),
    ).toEqual(['deliveryReportsImapUser', 'deliveryReportsImapPassword']);
    expect(refused({ DISTRIBUTION_RETURN_PATH: 'not an address' })).toEqual(['distributionReturnPath']);
    expect(refused({ DELIVERY_REPORTS_PROCESSED_FOLDER: 'Done*' })).toEqual([
      'deliveryReportsProcessedFolder',
    ]);
    expect(refused({ DELIVERY_REPORTS_POLL_SECONDS: '0' })).toEqual(['deliveryReportsPollSeconds']);
    const error = (() => {
      try {
        loadConfig({
          DELIVERY_REPORTS_IMAP_HOST: 'imap.council.example',
          DELIVERY_REPORTS_IMAP_USER: 'secret-user',
        });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).not.toContain('secret-user');
  });
});
