import { ENGINE_EFFECTS, type EscalationRecipient } from '@app/workflows';

/**
 * Who can be told: the escalation ladders' recipients, plus the front door (the integrated
 * response service) that the ASV process tells about a redirected welfare concern, and the team
 * managers and managers the conference tells (a late date to agree, a second inquorate
 * conference). Each kind has one team per area (or one for the whole authority, area '*') and a
 * duty rota.
 */
export const RECIPIENT_KINDS = [
  'coordinator',
  'chair',
  'lado',
  'duty_manager',
  'service_manager',
  'front_door',
  'team_manager',
  'manager',
] as const;
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];

/** Every ladder recipient is a recipient kind: a compile-time check that the two lists agree. */
const _everyLadderRecipientIsAKind: readonly RecipientKind[] = [] as EscalationRecipient[];
void _everyLadderRecipientIsAKind;

/** A team that serves every area (the LADO, the service manager): used when an area has no team of its own. */
export const WHOLE_AUTHORITY = '*';

export const isRecipientKind = (value: unknown): value is RecipientKind =>
  typeof value === 'string' && (RECIPIENT_KINDS as readonly string[]).includes(value);

/** Machines name roles in kebab-case ('front-door'); the rota uses the ladders' snake_case. */
export function recipientKindOf(role: unknown): RecipientKind | undefined {
  const kind = typeof role === 'string' ? role.replace(/-/g, '_') : undefined;
  return isRecipientKind(kind) ? kind : undefined;
}

export const NOTIFICATION_CHANNELS = ['inbox', 'email', 'webhook'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/**
 * The outbox effect types this folder handles: the two that ask for notifications (the engine's
 * escalation and a machine's own notify), and one per delivery channel, which this folder writes.
 */
export const NOTIFICATION_EFFECTS = {
  escalate: ENGINE_EFFECTS.deadlineEscalate,
  notify: 'notify',
  email: 'notification.email',
  webhook: 'notification.webhook',
} as const;
