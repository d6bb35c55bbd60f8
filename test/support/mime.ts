import type { ReceivedEmail } from './smtp-server';

export interface MimePart {
  headers: Record<string, string>;
  /** Decoded (base64 or quoted-printable undone), with CRLF as LF. */
  body: string;
}

function decode(body: string, encoding: string | undefined): string {
  if (/base64/i.test(encoding ?? '')) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (/quoted-printable/i.test(encoding ?? '')) {
    return Buffer.from(
      body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
      'latin1',
    ).toString('utf8');
  }
  return body;
}

function headersOf(head: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** The leaf parts of a received message, multipart or not (nested multiparts opened too). */
export function partsOf(email: Pick<ReceivedEmail, 'raw'>): MimePart[] {
  const split = email.raw.indexOf('\r\n\r\n');
  return leaves(headersOf(email.raw.slice(0, split)), email.raw.slice(split + 4));
}

function leaves(headers: Record<string, string>, body: string): MimePart[] {
  const boundary = /boundary="?([^";]+)"?/i.exec(headers['content-type'] ?? '')?.[1];
  if (!/^multipart\//i.test(headers['content-type'] ?? '') || !boundary) {
    return [{ headers, body: decode(body, headers['content-transfer-encoding']).replace(/\r\n/g, '\n') }];
  }
  return body
    .split(`--${boundary}`)
    .slice(1)
    .filter((chunk) => !chunk.startsWith('--'))
    .flatMap((chunk) => {
      const part = chunk.replace(/^\r\n/, '');
      const end = part.indexOf('\r\n\r\n');
      return leaves(headersOf(part.slice(0, end)), part.slice(end + 4).replace(/\r\n$/, ''));
    });
}

/** The message's text/calendar attachment (its content type and its text). */
export function calendarOf(email: Pick<ReceivedEmail, 'raw'>): { contentType: string; text: string } {
  const parts = partsOf(email).filter((part) => /^text\/calendar/i.test(part.headers['content-type'] ?? ''));
  if (parts.length !== 1) throw new Error(`expected one text/calendar part, found ${parts.length}`);
  return { contentType: parts[0]!.headers['content-type']!, text: parts[0]!.body };
}

/** The plain-text part. */
export function textOf(email: Pick<ReceivedEmail, 'raw'>): string {
  return partsOf(email).find((part) => /^text\/plain/i.test(part.headers['content-type'] ?? ''))?.body ?? '';
}
