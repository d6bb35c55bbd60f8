import { receivedAt } from './distribution.clocks';

describe('receivedAt (when a pack was received, from a delivery report)', () => {
  const sentAt = '2027-03-09T09:00:00.000Z';
  const readAt = '2027-03-09T11:00:00.000Z';

  it('is the relay’s time when it falls between the sending and the reading', () => {
    expect(receivedAt('2027-03-09T09:00:30.000Z', sentAt, readAt)).toBe('2027-03-09T09:00:30.000Z');
    expect(receivedAt('2027-03-09T09:00:30Z', sentAt, readAt)).toBe('2027-03-09T09:00:30.000Z');
  });

  it('is bounded by the sending and the reading when the relay’s clock is off', () => {
    expect(receivedAt('2027-03-09T08:59:00.000Z', sentAt, readAt)).toBe(sentAt);
    expect(receivedAt('2027-03-09T12:00:00.000Z', sentAt, readAt)).toBe(readAt);
    expect(receivedAt('2027-03-01T00:00:00.000Z', null, readAt)).toBe('2027-03-01T00:00:00.000Z');
  });

  it('is the reading’s time when the report gave none', () => {
    expect(receivedAt(undefined, sentAt, readAt)).toBe(readAt);
    expect(receivedAt(null, sentAt, readAt)).toBe(readAt);
  });
});
