import { DomainError } from '@app/workflows';
import { decodeAccessLogCursor, encodeAccessLogCursor } from './access-log.cursor';

describe('access-log cursor', () => {
  it('round-trips an id', () => {
    expect(decodeAccessLogCursor(encodeAccessLogCursor('123456789'))).toBe('123456789');
  });

  it.each([
    '',
    'abc',
    '!!!',
    'x'.repeat(100),
    Buffer.from('al1.0').toString('base64url'),
    Buffer.from('al1.1e3').toString('base64url'),
    Buffer.from('al1.99999999999999999999').toString('base64url'),
  ])('refuses %p as invalid input', (cursor) => {
    expect(() => decodeAccessLogCursor(cursor)).toThrow(DomainError);
  });
});
