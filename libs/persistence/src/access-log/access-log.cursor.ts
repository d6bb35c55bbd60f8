import { DomainError, DomainErrorCode } from '@app/workflows';

const PREFIX = 'al1.';

/** An opaque page cursor: the last row's id, so pages stay stable while new rows arrive. */
export function encodeAccessLogCursor(lastId: string): string {
  return Buffer.from(PREFIX + lastId, 'utf8').toString('base64url');
}

export function decodeAccessLogCursor(cursor: string): string {
  const decoded = /^[A-Za-z0-9_-]{1,64}$/.test(cursor)
    ? Buffer.from(cursor, 'base64url').toString('utf8')
    : '';
  const id = decoded.startsWith(PREFIX) ? decoded.slice(PREFIX.length) : '';
  if (!/^[1-9][0-9]{0,17}$/.test(id)) {
    throw new DomainError(
      DomainErrorCode.InvalidInput,
      'The cursor is not valid: use the nextCursor of a previous page.',
    );
  }
  return id;
}
