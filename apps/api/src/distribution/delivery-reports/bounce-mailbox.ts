import { Injectable } from '@nestjs/common';
import { ImapFlow, type FetchMessageObject, type MessageStructureObject } from 'imapflow';
import { AppConfig } from '@app/persistence';
import { mailDate } from './delivery-status';

/** A message read from the bounce mailbox: its Message-ID and Date, and the text of its report's parts. */
export interface MailboxMessage {
  uid: number;
  messageId: string | null;
  /** The report's own Date header (when the relay wrote it), or null. */
  date: Date | null;
  /** The `message/delivery-status` part, decoded; null for a message that is no delivery report. */
  deliveryStatus: string | null;
  /**
   * The original message's headers the report returns (`text/rfc822-headers`, or the start of a
   * `message/rfc822`), or null: read only for their Message-ID when the relay dropped the envelope id.
   */
  returnedHeaders: string | null;
}

/** What became of a message: moved to Processed, moved to Unmatched, or left where it is for the next poll. */
export type Disposition = 'processed' | 'unmatched' | 'keep';

export interface PollSummary {
  read: number;
  processed: number;
  unmatched: number;
  kept: number;
}

/** Messages fetched at once: a poll reads the folder in batches of this many, so memory is bounded. */
export const POLL_BATCH = 200;

/** Messages read in one poll at most (a backlog after an outage): the rest wait for the next poll. */
export const POLL_MAX = 2_000;

/** Report parts larger than this are no delivery-status (a few hundred bytes per recipient): not downloaded. */
const MAX_STATUS_PART_BYTES = 64 * 1024;

const REPORT_TYPES = new Set(['message/delivery-status', 'message/global-delivery-status']);
const RETURNED_TYPES = new Set(['text/rfc822-headers', 'message/rfc822', 'message/global-headers']);

/** The first part of one of these types, found in the structure the IMAP server parsed (BODYSTRUCTURE), depth first. */
function partOf(node: MessageStructureObject | undefined, types: Set<string>): MessageStructureObject | null {
  if (!node) return null;
  if (types.has(node.type.toLowerCase())) return node;
  for (const child of node.childNodes ?? []) {
    const found = partOf(child, types);
    if (found) return found;
  }
  return null;
}

/** The delivery-status part of a report: in a `multipart/report` of `report-type` delivery-status, or anywhere below the top. */
export const deliveryStatusPart = (node: MessageStructureObject | undefined) => partOf(node, REPORT_TYPES);

/**
 * The bounce mailbox, over IMAP (imapflow): one connection per poll, so a server that was down is
 * simply tried again at the next one. Reads the folder's messages oldest first, hands each to the
 * caller, and moves it only on the caller's answer (to Processed or Unmatched, created when
 * missing): a message whose outcome was not committed stays where it is and is read again.
 * Nothing read here is logged; imapflow's own logger is off (it would log addresses).
 */
@Injectable()
export class BounceMailbox {
  constructor(private readonly config: AppConfig) {}

  get enabled(): boolean {
    return this.config.deliveryReportsImapHost !== '';
  }

  async poll(handle: (message: MailboxMessage) => Promise<Disposition>): Promise<PollSummary> {
    const c = this.config;
    const client = new ImapFlow({
      host: c.deliveryReportsImapHost,
      port: c.deliveryReportsImapPort,
      secure: c.deliveryReportsImapSecure,
      auth: { user: c.deliveryReportsImapUser, pass: c.deliveryReportsImapPassword },
      logger: false,
      disableAutoIdle: true,
      connectionTimeout: c.deliveryReportsImapTimeoutMs,
      greetingTimeout: c.deliveryReportsImapTimeoutMs,
      socketTimeout: Math.max(c.deliveryReportsImapTimeoutMs, 30_000),
    });
    // A dropped connection is reported on the command that was waiting; the event must not crash the process.
    client.on('error', () => undefined);
    const summary: PollSummary = { read: 0, processed: 0, unmatched: 0, kept: 0 };
    await client.connect();
    try {
      await this.ensureFolders(client);
      const lock = await client.getMailboxLock(c.deliveryReportsFolder);
      try {
        const exists = client.mailbox ? client.mailbox.exists : 0;
        if (exists === 0) return summary;
        // The folder's messages as they are now, oldest first (UIDs only: a few bytes each), read in
        // batches; a message that arrives meanwhile waits for the next poll.
        const uids = ((await client.search({ all: true }, { uid: true })) || []).sort((a, b) => a - b);
        for (let start = 0; start < Math.min(uids.length, POLL_MAX); start += POLL_BATCH) {
          const batch = uids.slice(start, Math.min(start + POLL_BATCH, POLL_MAX));
          const messages: FetchMessageObject[] = await client.fetchAll(
            batch.join(','),
            { uid: true, envelope: true, bodyStructure: true },
            { uid: true },
          );
          messages.sort((a, b) => a.uid - b.uid);
          for (const message of messages) {
            summary.read += 1;
            const disposition = await handle(await this.read(client, message));
            if (disposition === 'keep') {
              summary.kept += 1;
              continue;
            }
            const folder =
              disposition === 'processed' ? c.deliveryReportsProcessedFolder : c.deliveryReportsUnmatchedFolder;
            await client.messageMove(String(message.uid), folder, { uid: true });
            summary[disposition] += 1;
          }
        }
      } finally {
        lock.release();
      }
    } finally {
      await client.logout().catch(() => client.close());
    }
    return summary;
  }

  private async read(client: ImapFlow, message: FetchMessageObject): Promise<MailboxMessage> {
    const base = {
      uid: message.uid,
      messageId: message.envelope?.messageId ?? null,
      date: mailDate(message.envelope?.date),
    };
    const status = deliveryStatusPart(message.bodyStructure);
    if (!status?.part || (status.size ?? 0) > MAX_STATUS_PART_BYTES)
      return { ...base, deliveryStatus: null, returnedHeaders: null };
    const deliveryStatus = await this.download(client, message.uid, status.part);
    // The returned headers only when the relay dropped the envelope id (a few KB at most are read).
    const returned =
      deliveryStatus !== null && !/^original-envelope-id:/im.test(deliveryStatus)
        ? partOf(message.bodyStructure, RETURNED_TYPES)
        : null;
    return {
      ...base,
      deliveryStatus,
      returnedHeaders: returned?.part ? await this.download(client, message.uid, returned.part) : null,
    };
  }

  /** One part of a message, decoded, up to MAX_STATUS_PART_BYTES; null when the server has none. */
  private async download(client: ImapFlow, uid: number, part: string): Promise<string | null> {
    const download = await client.download(String(uid), part, { uid: true, maxBytes: MAX_STATUS_PART_BYTES });
    if (!download.content) return null;
    const chunks: Buffer[] = [];
    for await (const chunk of download.content) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }

  private async ensureFolders(client: ImapFlow): Promise<void> {
    const existing = new Set((await client.list()).map((folder) => folder.path));
    for (const folder of [
      this.config.deliveryReportsProcessedFolder,
      this.config.deliveryReportsUnmatchedFolder,
    ]) {
      if (!existing.has(folder)) await client.mailboxCreate(folder);
    }
  }
}

/** What a log line says of an IMAP failure: its class and codes, never the server's text. */
export const imapErrorSummary = (error: unknown) => {
  const e = (error ?? {}) as { code?: unknown; serverResponseCode?: unknown; responseStatus?: unknown };
  return {
    cause: error instanceof Error ? error.constructor.name : typeof error,
    code: typeof e.code === 'string' ? e.code : undefined,
    serverResponseCode: typeof e.serverResponseCode === 'string' ? e.serverResponseCode : undefined,
    responseStatus: typeof e.responseStatus === 'string' ? e.responseStatus : undefined,
  };
};
