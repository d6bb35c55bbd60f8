import {
  envelopeIdOfMessageId,
  fieldGroups,
  mailDate,
  outcomeOf,
  packMessageId,
  parseDeliveryStatus,
  reportEventId,
  returnedMessageId,
} from './delivery-status';

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
  'Last-Attempt-Date: Mon, 22 Feb 2027 09:00:07 +0000 (two tries)',
  'Remote-MTA: dns; mx.bounces.invalid',
  'Diagnostic-Code: smtp; 550 5.1.1 <jane.doe@bounces.invalid>: Recipient',
  '    address rejected: User unknown in virtual mailbox table',
  '',
].join('\r\n');

describe('parseDeliveryStatus (RFC 3464)', () => {
  it('reads the envelope id and the recipient’s action and status, and nothing that may name the person', () => {
    const parsed = parseDeliveryStatus(failed);
    const at = new Date('2027-02-22T09:00:07Z');
    expect(parsed).toEqual({
      envelopeId: ENVID,
      recipients: [{ action: 'failed', status: '5.1.1', lastAttemptAt: at }],
    });
    expect(JSON.stringify(parsed)).not.toContain('jane');
    expect(outcomeOf(parsed!)).toEqual({ outcome: 'failed', status: '5.1.1', lastAttemptAt: at });
  });

  it('reads a delivered report with LF line ends, comments and upper-case names', () => {
    const parsed = parseDeliveryStatus(
      `REPORTING-MTA: dns; relay\nORIGINAL-ENVELOPE-ID: ${ENVID} (ours)\n\nFINAL-RECIPIENT: rfc822; a@b.example\nACTION: Delivered (to mailbox)\nSTATUS: 2.0.0 (ok)\n`,
    );
    expect(parsed).toEqual({
      envelopeId: ENVID,
      recipients: [{ action: 'delivered', status: '2.0.0', lastAttemptAt: null }],
    });
    expect(outcomeOf(parsed!)).toEqual({ outcome: 'delivered', status: '2.0.0', lastAttemptAt: null });
  });

  it('a delayed report is delayed; relayed or an unknown action is other', () => {
    const body = (action: string, status = '4.4.7') =>
      `Reporting-MTA: dns; relay\nOriginal-Envelope-Id: ${ENVID}\n\nFinal-Recipient: rfc822; a@b.example\nAction: ${action}\nStatus: ${status}\n`;
    expect(outcomeOf(parseDeliveryStatus(body('delayed'))!)).toMatchObject({ outcome: 'delayed', status: '4.4.7' });
    expect(outcomeOf(parseDeliveryStatus(body('relayed', '2.0.0'))!).outcome).toBe('other');
    expect(parseDeliveryStatus(body('bounced'))!.recipients).toEqual([
      { action: 'unknown', status: '4.4.7', lastAttemptAt: null },
    ]);
  });

  it('with several recipients, a failure wins over a delivery and a delivery over a delay', () => {
    const parsed = parseDeliveryStatus(
      `Original-Envelope-Id: ${ENVID}\n\nAction: delayed\nStatus: 4.4.1\n\nAction: delivered\nStatus: 2.0.0\n\nAction: failed\nStatus: 5.2.2\n`,
    )!;
    expect(outcomeOf(parsed)).toMatchObject({ outcome: 'failed', status: '5.2.2' });
    expect(outcomeOf({ ...parsed, recipients: parsed.recipients.slice(0, 2) })).toMatchObject({
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
    ).toEqual([{ action: 'failed', status: null, lastAttemptAt: null }]);
    expect(parseDeliveryStatus(`Original-Envelope-Id: ${ENVID}\n`)).toBeNull();
    expect(
      parseDeliveryStatus(`Original-Envelope-Id: ${ENVID}\n\nFinal-Recipient: rfc822; a@b.example\n`),
    ).toBeNull();
    expect(parseDeliveryStatus('')).toBeNull();
    expect(parseDeliveryStatus('not a field at all\n\nnor this')).toBeNull();
  });

  it('a Last-Attempt-Date that is no date is null, as an absent one is', () => {
    const parsed = parseDeliveryStatus(
      `Original-Envelope-Id: ${ENVID}\n\nAction: delivered\nStatus: 2.0.0\nLast-Attempt-Date: yesterday-ish\n`,
    )!;
    expect(outcomeOf(parsed).lastAttemptAt).toBeNull();
    expect(mailDate('Tue, 9 Mar 2027 09:00:30 +0000')).toEqual(new Date('2027-03-09T09:00:30Z'));
    expect(mailDate('')).toBeNull();
    expect(mailDate(undefined)).toBeNull();
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

describe('the envelope id in a pack email’s Message-ID (for a relay that drops the ENVID)', () => {
  it('names the sending in the returned headers, and nothing else passes for it', () => {
    const messageId = packMessageId(ENVID, '0a1b2c3d4e5f');
    expect(envelopeIdOfMessageId(messageId)).toBe(ENVID);
    expect(envelopeIdOfMessageId(` ${messageId} `)).toBe(ENVID);
    for (const other of [
      null,
      '',
      `<${ENVID}@distribution>`,
      `<${ENVID}.0a1b@elsewhere.example>`,
      `<${ENVID.toUpperCase()}.0a1b@distribution>`,
      `<${ENVID.slice(1)}.0a1b@distribution>`,
      `<x${ENVID}.0a1b@distribution>`,
    ])
      expect(envelopeIdOfMessageId(other)).toBeNull();
  });

  it('reads the Message-ID from returned headers (folded, any case, CRLF), and only from the head of a full message', () => {
    const headers = [
      'From: Council <noreply@council.example>',
      'To: jane.doe@family.example',
      'Subject: Child protection conference CPC-2027-000001: documents for you',
      'message-id:',
      ` <${ENVID}.00ff@distribution>`,
      'Date: Tue, 09 Mar 2027 09:00:00 +0000',
      '',
    ].join('\r\n');
    expect(envelopeIdOfMessageId(returnedMessageId(headers))).toBe(ENVID);
    const full = `${headers}\r\nMessage-ID: <${'f'.repeat(32)}.01@distribution>\r\n`;
    expect(envelopeIdOfMessageId(returnedMessageId(full))).toBe(ENVID);
    expect(returnedMessageId('From: a@b.example\n\nMessage-ID: <x@y>\n')).toBeNull();
    expect(returnedMessageId(null)).toBeNull();
  });
});
