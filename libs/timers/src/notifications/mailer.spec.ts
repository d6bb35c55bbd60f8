import { describeSmtpError } from './mailer';

describe('describeSmtpError', () => {
  it('keeps the error code and the SMTP reply code, never the reply text', () => {
    const refused = Object.assign(new Error('550 5.1.1 <jane.doe@example.org>: Recipient address rejected'), {
      code: 'EENVELOPE',
      responseCode: 550,
      response: '550 5.1.1 <jane.doe@example.org>: Recipient address rejected',
    });
    expect(describeSmtpError(refused)).toBe('email not delivered: EENVELOPE: SMTP 550');
    expect(describeSmtpError(refused)).not.toContain('jane');
  });

  it('names a connection failure by its code', () => {
    expect(
      describeSmtpError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:25'), { code: 'ESOCKET' })),
    ).toBe('email not delivered: ESOCKET');
  });

  it('falls back to the class of an error without a code', () => {
    expect(describeSmtpError(new TypeError('something about someone'))).toBe(
      'email not delivered: TypeError',
    );
    expect(describeSmtpError(undefined)).toBe('email not delivered: Error');
  });
});
