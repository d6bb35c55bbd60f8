import type { InboxItem } from '@app/timers';

const URGENCY: Record<string, number> = { due: 0, repeat: 1, warning: 2 };

/**
 * Unread before read; then the most urgent step first (a missed deadline, a reminder of one, a
 * warning, then anything else); then newest first.
 */
export function inboxOrder(items: InboxItem[]): InboxItem[] {
  const rank = (item: InboxItem) => URGENCY[item.deadline?.step ?? ''] ?? 3;
  return [...items].sort(
    (a, b) =>
      Number(a.acknowledgedAt !== null) - Number(b.acknowledgedAt !== null) ||
      rank(a) - rank(b) ||
      b.createdAt.localeCompare(a.createdAt),
  );
}
