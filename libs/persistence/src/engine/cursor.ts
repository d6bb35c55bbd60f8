import { DomainError, DomainErrorCode } from '@app/workflows';

export interface Cursor {
  updatedAt: string;
  id: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.updatedAt, cursor.id])).toString('base64url');
}

/** An opaque cursor from a previous page; anything else is a 400, not a 500. */
export function decodeCursor(raw: string): Cursor {
  try {
    const [updatedAt, id] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof updatedAt === 'string' && !Number.isNaN(Date.parse(updatedAt)) && typeof id === 'string' &&
        /^[0-9a-f-]{36}$/.test(id)) {
      return { updatedAt, id };
    }
  } catch {
    // fall through
  }
  throw new DomainError(DomainErrorCode.InvalidInput, 'cursor is not one this service issued', {
    errors: [{ field: 'cursor', messages: ['cursor is not valid'] }],
  });
}
