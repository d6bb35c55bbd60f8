import { fieldGroups, outcomeOf, parseDeliveryStatus, reportEventId } from './delivery-status';

const ENVID = '0123456789abcdef0123456789abcdef';

// As a relay writes them (Postfix's shape): CRLF, folded fields, comments, a diagnostic quoting the address.
const failed = [
  'Reporting-MTA: dns; relay.council.example',
  'X-Postfix-Queue-ID: 4F1B2C3D',
  `Original-Envelope-Id: ${ENVID}`,
  'Arrival-Date: Mon, 22 Feb 2027 09:00:01 +0000',
  '',
  'Final-Recipient: rfc822; jane.doe@bounces.invalid',
  'Original-Recipient: rfc822;jane.doe@bounces.invalid',
  'Action: failed',
  'Status: 5.1.1',
  'Remote-MTA: dns; mx.bounces.invalid',
  'Diagnostic-Code: smtp; 550 5.1.1 <jane.doe@bounces.invalid>: Recipient',
  '    address rejected: User unknown in virtual mailbox table',
  '',
].join('\r\n');

describe('parseDeliveryStatus (RFC 3464)', () => {
  it('reads the envelope id and the recipient’s action and status, and nothing that may name the person', () => {
    const parsed = parseDeliveryStatus(failed);
    expect(parsed).toEqual({ envelopeId: ENVID, recipients: [{ action: 'failed', status: '5.1.1' }] });
    expect(JSON.stringify(parsed)).not.toContain('jane');
    expect(outcomeOf(parsed!)).toEqual({ outcome: 'failed', status: '5.1.1' });
  });

  it('reads a delivered report with LF line ends, comments and upper-case names', () => {
    const parsed = parseDeliveryStatus(
      `REPORTING-MTA: dns; relay\nORIGINAL-ENVELOPE-ID: ${ENVID} (ours)\n\nFINAL-RECIPIENT: rfc822; a@b.example\nACTION: Delivered (to mailbox)\nSTATUS: 2.0.0 (ok)\n`,
    );
    expect(parsed).toEqual({ envelopeId: ENVID, recipients: [{ action: 'delivered', status: '2.0.0' }] });
    expect(outcomeOf(parsed!)).toEqual({ outcome: 'delivered', status: '2.0.0' });
  });

  it('a delayed report is delayed; relayed or an unknown action is other', () => {
    const body = (action: string, status = '4.4.7') =>
      `Reporting-MTA: dns; relay\nOriginal-Envelope-Id: ${ENVID}\n\nFinal-Recipient: rfc822; a@b.example\nAction: ${action}\nStatus: ${status}\n`;
    expect(outcomeOf(parseDeliveryStatus(body('delayed'))!)).toEqual({ outcome: 'delayed', status: '4.4.7' });
    expect(outcomeOf(parseDeliveryStatus(body('relayed', '2.0.0'))!).outcome).toBe('other');
    expect(parseDeliveryStatus(body('bounced'))!.recipients).toEqual([
      { action: 'unknown', status: '4.4.7' },
    ]);
  });

  it('with several recipients, a failure wins over a delivery and a delivery over a delay', () => {
    const parsed = parseDeliveryStatus(
      `Original-Envelope-Id: ${ENVID}\n\nAction: delayed\nStatus: 4.4.1\n\nAction: delivered\nStatus: 2.0.0\n\nAction: failed\nStatus: 5.2.2\n`,
    )!;
    expect(outcomeOf(parsed)).toEqual({ outcome: 'failed', status: '5.2.2' });
    expect(outcomeOf({ ...parsed, recipients: parsed.recipients.slice(0, 2) })).toEqual({
      outcome: 'delivered',
      status: '2.0.0',
    });
  });

  it('no envelope id: null (the report cannot name a sending); xtext in it is decoded', () => {
    expect(
      parseDeliveryStatus('Reporting-MTA: dns; relay\n\nAction: delivered\nStatus: 2.0.0\n')!.envelopeId,
    ).toBeNull();
    expect(parseDeliveryStatus('Original-Envelope-Id: ab+2Bcd\n\nAction: delivered\n')!.envelopeId).toBe(
      'ab+cd',
    );
  });

  it('a malformed status is null; a body with no recipient group is no report', () => {
    expect(
      parseDeliveryStatus(`Original-Envelope-Id: ${ENVID}\n\nAction: failed\nStatus: 550\n`)!.recipients,
    ).toEqual([{ action: 'failed', status: null }]);
    expect(parseDeliveryStatus(`Original-Envelope-Id: ${ENVID}\n`)).toBeNull();
    expect(
      parseDeliveryStatus(`Original-Envelope-Id: ${ENVID}\n\nFinal-Recipient: rfc822; a@b.example\n`),
    ).toBeNull();
    expect(parseDeliveryStatus('')).toBeNull();
    expect(parseDeliveryStatus('not a field at all\n\nnor this')).toBeNull();
  });

  it('field groups: folding joins, a repeated field keeps its first value', () => {
    expect(fieldGroups('A: 1\n  2\nA: 3\n\nB: x').map((g) => Object.fromEntries(g))).toEqual([
      { a: '1 2' },
      { b: 'x' },
    ]);
  });
});

describe('reportEventId', () => {
  it('is the same for the same report and sending, different for another report or another sending', () => {
    const id = reportEventId('<r1@relay>', ENVID, failed);
    expect(id).toMatch(/^dsn-[0-9a-f]{40}$/);
    expect(reportEventId(' <r1@relay> ', ENVID, 'other body')).toBe(id);
    expect(reportEventId('<r2@relay>', ENVID, failed)).not.toBe(id);
    expect(reportEventId('<r1@relay>', 'f'.repeat(32), failed)).not.toBe(id);
  });

  it('without a Message-ID the report is named by its delivery-status part', () => {
    expect(reportEventId(null, ENVID, failed)).toBe(reportEventId('', ENVID, failed));
    expect(reportEventId(null, ENVID, failed)).not.toBe(reportEventId(null, ENVID, `${failed}x`));
  });
});
