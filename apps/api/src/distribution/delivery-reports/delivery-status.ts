import { createHash } from 'node:crypto';

/**
 * What a delivery status notification (RFC 3464 `message/delivery-status`, the machine-readable
 * part of a `multipart/report; report-type=delivery-status`) says, reduced to what the service
 * acts on: the envelope id it asked for (ENVID, RFC 3461) and each recipient's action and status.
 * Nothing else is kept: the final recipient's address, the diagnostic text and the remote MTA's
 * reply may quote the person's address, so they are not read out at all.
 */
export interface DeliveryStatus {
  /** The per-message `Original-Envelope-Id`, or null when the relay gave none. */
  envelopeId: string | null;
  recipients: RecipientStatus[];
}

export type ReportedAction = 'delivered' | 'failed' | 'delayed' | 'relayed' | 'expanded' | 'unknown';

export interface RecipientStatus {
  action: ReportedAction;
  /** The RFC 3463 status code (`2.0.0`, `5.1.1`, `4.4.7`), or null when absent or malformed. */
  status: string | null;
  /** The recipient's `Last-Attempt-Date` (when the relay delivered, or gave up), or null. */
  lastAttemptAt: Date | null;
}

/** The outcome for a sending: what the service records (delivered, failed), logs (delayed) or passes over (other). */
export type ReportOutcome = 'delivered' | 'failed' | 'delayed' | 'other';

const ACTIONS: readonly ReportedAction[] = ['delivered', 'failed', 'delayed', 'relayed', 'expanded'];

/**
 * The field groups of a delivery-status body: blank lines separate them; a line starting with
 * white space continues the field above (RFC 5322 folding); field names are case-insensitive.
 */
export function fieldGroups(body: string): Map<string, string>[] {
  const groups: Map<string, string>[] = [];
  let group: Map<string, string> | null = null;
  let last: string | null = null;
  for (const line of body.replace(/\r\n?/g, '\n').split('\n')) {
    if (line.trim() === '') {
      group = null;
      last = null;
      continue;
    }
    if (/^[ \t]/.test(line)) {
      if (group && last !== null) group.set(last, `${group.get(last)} ${line.trim()}`);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    if (!group) {
      group = new Map();
      groups.push(group);
    }
    last = line.slice(0, colon).trim().toLowerCase();
    // A field given twice keeps its first value, as RFC 3464 allows each once.
    if (!group.has(last)) group.set(last, line.slice(colon + 1).trim());
    else last = null;
  }
  return groups;
}

/** A field's value without RFC 5322 comments (`delivered (to the mailbox)` → `delivered`). */
const withoutComments = (value: string) => value.replace(/\([^()]*\)/g, ' ').trim();

/** Undoes xtext (RFC 3461 `+XX`), which some relays leave in the Original-Envelope-Id. */
const decodeXText = (value: string) =>
  value.replace(/\+([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/** An RFC 5322 date-time (`Wed, 10 Mar 2027 09:00:30 +0000`, or as a client parsed it), or null when absent or unreadable. */
export function mailDate(value: string | Date | undefined | null): Date | null {
  if (!value) return null;
  const date = value instanceof Date ? value : new Date(withoutComments(value));
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * Reads a `message/delivery-status` body. The first group is the per-message fields, every later
 * group one recipient's; a group without `Action` is not a recipient's (skipped). Answers null for
 * a body with no recipient at all (not a delivery report).
 */
export function parseDeliveryStatus(body: string): DeliveryStatus | null {
  const [perMessage, ...perRecipient] = fieldGroups(body);
  if (!perMessage) return null;
  const recipients = perRecipient
    .filter((group) => group.has('action'))
    .map((group): RecipientStatus => {
      const action = withoutComments(group.get('action')!).toLowerCase() as ReportedAction;
      const status =
        /^([245]\.\d{1,3}\.\d{1,3})\b/.exec(withoutComments(group.get('status') ?? ''))?.[1] ?? null;
      return {
        action: ACTIONS.includes(action) ? action : 'unknown',
        status,
        lastAttemptAt: mailDate(group.get('last-attempt-date')),
      };
    });
  if (recipients.length === 0) return null;
  const envelope = withoutComments(perMessage.get('original-envelope-id') ?? '');
  return { envelopeId: envelope === '' ? null : decodeXText(envelope), recipients };
}

/**
 * A pack email's Message-ID names its sending by the envelope id (`<envelope id>.<unique>@distribution`),
 * so a report from a relay that dropped the ENVID still names the sending, through the original
 * message's headers it returns (RFC 3464's third part). `unique` (hex) tells apart two emails of
 * one sending (a retry after a crash).
 */
export function packMessageId(envelopeId: string, unique: string): string {
  return `<${envelopeId}.${unique}@distribution>`;
}

/** The envelope id a pack email's Message-ID names, or null for any other Message-ID. */
export function envelopeIdOfMessageId(messageId: string | null | undefined): string | null {
  return /^\s*<([0-9a-f]{32})\.[0-9a-f]{1,32}@distribution>\s*$/.exec(messageId ?? '')?.[1] ?? null;
}

/**
 * The Message-ID among the original message's headers a report returns (`text/rfc822-headers`,
 * or the head of a `message/rfc822`): only that header is read, nothing else of the person's email.
 */
export function returnedMessageId(returned: string | null): string | null {
  if (!returned) return null;
  const head = returned.replace(/\r\n?/g, '\n').split('\n\n', 1)[0]!;
  return fieldGroups(head)[0]?.get('message-id') ?? null;
}

/**
 * What the report means for the one sending it names (the service's emails have one recipient
 * each): failed if any recipient failed (RFC 3464: a permanent failure; a relay that says failed
 * with a 4.x.x status has given up all the same), else delivered if any was delivered, else
 * delayed; relayed or expanded (passed on to a system that reports no further) is other.
 */
export function outcomeOf(status: DeliveryStatus): {
  outcome: ReportOutcome;
  status: string | null;
  /** When the relay delivered or gave up (that recipient's Last-Attempt-Date), if it said. */
  lastAttemptAt: Date | null;
} {
  for (const outcome of ['failed', 'delivered', 'delayed'] as const) {
    const found = status.recipients.find((r) => r.action === outcome);
    if (found) return { outcome, status: found.status, lastAttemptAt: found.lastAttemptAt };
  }
  const first = status.recipients[0];
  return { outcome: 'other', status: first?.status ?? null, lastAttemptAt: first?.lastAttemptAt ?? null };
}

/**
 * The event id of the report's outcome, from the report's own Message-ID and the sending it names
 * (its envelope id: the recipient, without their address), so the same report read twice (a
 * duplicate in the mailbox, a re-read after a crash) is one journal event. A report without a
 * Message-ID is named by its delivery-status part. Hashed: a Message-ID is the relay's text, of
 * any length.
 */
export function reportEventId(
  messageId: string | null,
  envelopeId: string,
  deliveryStatusBody: string,
): string {
  const source =
    messageId && messageId.trim() !== '' ? `mid:${messageId.trim()}` : `body:${deliveryStatusBody}`;
  const digest = createHash('sha256').update(`${source}\n${envelopeId}`).digest('hex').slice(0, 40);
  return `dsn-${digest}`;
}
