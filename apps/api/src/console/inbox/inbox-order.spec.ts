import type { InboxItem } from '@app/timers';
import { inboxOrder } from './inbox-order';

const item = (id: string, createdAt: string, step: 'warning' | 'due' | 'repeat' | null, acknowledgedAt: string | null = null) =>
  ({
    id,
    createdAt,
    acknowledgedAt,
    deadline: step ? { id: 'd', kind: 'k', step, occurrence: 0, dueDate: '2026-11-23', dueAt: '2026-11-24T00:00:00Z' } : null,
  }) as InboxItem;

describe('the duty inbox order', () => {
  it('puts unread first, then missed, reminders, warnings and the rest, then the newest', () => {
    const items = [
      item('old-warning', '2026-11-20T09:00:00Z', 'warning'),
      item('read-due', '2026-11-25T09:00:00Z', 'due', '2026-11-25T10:00:00Z'),
      item('new-warning', '2026-11-22T09:00:00Z', 'warning'),
      item('plain', '2026-11-26T09:00:00Z', null),
      item('due', '2026-11-21T09:00:00Z', 'due'),
      item('repeat', '2026-11-21T08:00:00Z', 'repeat'),
    ];
    expect(inboxOrder(items).map((i) => i.id)).toEqual(['due', 'repeat', 'new-warning', 'old-warning', 'plain', 'read-due']);
  });
});
